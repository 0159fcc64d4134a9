package ulam.compiler.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import static ulam.compiler.check.Syntax.indexOf;
import static ulam.compiler.check.Syntax.names;
import static ulam.compiler.check.Syntax.nearest;
import static ulam.compiler.check.Syntax.targetNames;

/**
 * Collects the model's lines (language reference 2.1-2.4, 2.10): every {@code <-} line's name to
 * its line, every {@code ~} outcome to its first line, the {@code merge_missing} names; rejects
 * unknown tags, links and targets, names defined twice, two spellings of one name, and names
 * defined that the data also have; warns of a second prior line for one parameter. Writes
 * {@link CheckState#definitions}, {@link CheckState#firstSample}, {@link CheckState#merges} and
 * adds to {@link CheckState#notes}.
 */
final class Definitions {

    /** The tags a {@code <-} line may carry. */
    private static final List<String> TAGS = List.of("gq", "save", "transpars", "transdata");
    /** A link on the left of {@code <-} to the inverse function applied to the right. */
    static final Map<String, String> INVERSE_LINKS = Map.of(
            "logit", "inv_logit", "logodds", "inv_logit", "log", "exp", "exp", "log", "cloglog", "inv_cloglog");

    private final CheckState state;

    Definitions(CheckState state) {
        this.state = state;
    }

    /**
     * {@code MB ~ multi_normal(c(muM, muB), Rho, Sigma)} with {@code matrix[N,2]:MB <<-
     * append_col(M, B_merge)} (book m15.7): each row of the appended columns is one observation,
     * which is the stacked outcome {@code c(M, B_merge) ~ multi_normal(...)} (book m14.6's form,
     * where {@code B_merge}'s missing values are imputed through this line). The {@code ~} line is
     * rewritten so, and the definition dropped, when the matrix has no other use; otherwise the
     * program is returned as it is.
     */
    static ulam.compiler.ast.Program stackAppendedColumns(ulam.compiler.ast.Program program) {
        List<Statement> lines = new java.util.ArrayList<>(program.statements());
        for (int d = 0; d < lines.size(); d++) {
            Statement def = lines.get(d);
            if (def.op() == Statement.Op.SAMPLE || def.tag() != null || !(def.target() instanceof Statement.Target.Symbol x)
                    || !(def.rhs() instanceof Expr.Call c) || !c.function().equals("append_col") || c.args().size() < 2
                    || !c.args().stream().allMatch(a -> a instanceof Expr.Name)) continue;
            String name = x.name().name();
            int sample = -1;
            boolean other = false;
            for (int k = 0; k < lines.size(); k++) {
                Statement st = lines.get(k);
                boolean[] uses = {false};
                Syntax.names(st.rhs(), n -> uses[0] |= n.name().equals(name), n -> { });
                if (st.condition() != null) Syntax.names(st.condition(), n -> uses[0] |= n.name().equals(name), n -> { });
                if (st.op() == Statement.Op.SAMPLE && st.target() instanceof Statement.Target.Symbol t && t.name().name().equals(name)
                        && t.index().isEmpty() && st.type() == null && st.condition() == null && sample < 0) {
                    sample = k;
                } else if (uses[0] || k != d && targetNames(st.target()).stream().anyMatch(n -> n.name().equals(name))) {
                    other = true;
                }
            }
            if (sample < 0 || other) continue;
            Statement st = lines.get(sample);
            List<Expr.Name> columns = c.args().stream().map(a -> (Expr.Name) a).toList();
            lines.set(sample, new Statement(st.tag(), st.tagSpan(), null, new Statement.Target.Stack(columns, List.of(), st.target().span()),
                    null, st.op(), st.rhs(), st.truncation(), st.span()));
            lines.remove(d);
            return new ulam.compiler.ast.Program(List.copyOf(lines), program.options(), program.fitName(), program.wrapper());
        }
        return program;
    }

    void collect() {
        spellings();
        for (Statement st : state.program.statements()) {
            rejectRForms(st);
            boolean keeps = Statement.KEEP_CONSTANTS.equals(st.tag());
            if (keeps && st.op() != Statement.Op.SAMPLE) {
                throw state.error(st.tagSpan(), "the tag 'target>' goes on a '~' line (it keeps the density's constants in lp__)",
                        "remove 'target>'");
            }
            if (st.tag() != null && !keeps && !TAGS.contains(st.tag())) {
                String near = nearest(st.tag(), TAGS);
                throw state.error(st.tagSpan(), "unknown tag '" + st.tag() + ">'",
                        (near != null ? "did you mean '" + near + ">'? " : "") + "tags are gq>, save>, transpars> and transdata>");
            }
            if (st.condition() != null && st.op() != Statement.Op.SAMPLE) {
                throw state.error(st.condition().span(), "a condition 'y | ...' belongs on a '~' line", null);
            }
            if (st.type() != null && Unsupported.type(st.type().name())) {
                throw state.error(st.type().span(), "the type '" + st.type().name() + "' " + Unsupported.LATER, null);
            }
            if (st.op() == Statement.Op.SAMPLE) {
                if (st.tag() != null && !keeps) {
                    throw state.error(st.tagSpan(), "a tag goes on a '<-' or '<<-' line, not on a '~' line (but for target>)",
                            "remove '" + st.tag() + ">'");
                }
                if (!(st.rhs() instanceof Expr.Call)) {
                    throw state.error(st.rhs().span(), "the right of '~' must be a distribution, such as dnorm(mu, sigma)", null);
                }
                Statement.Target t = st.target();
                if (t instanceof Statement.Target.Link l) {
                    throw state.error(l.span(), "a link function such as " + l.link() + "(...) can only be on the left of '<-'",
                            "write the link on the linear model: " + l.link() + "(" + l.name().name() + ") <- ...");
                }
                for (Expr.Name n : targetNames(t)) state.firstSample.putIfAbsent(state.merged(n.name()), st);
            } else {
                Statement.Target t = st.target();
                Expr.Name name;
                if (t instanceof Statement.Target.Symbol s) {
                    if (!s.index().isEmpty()) {
                        throw state.error(s.span(), "the left of '" + st.op().symbol + "' is a name, without an index",
                                "write '" + s.name().name() + " " + st.op().symbol + " ...': the line runs over every row by itself");
                    }
                    name = s.name();
                } else if (t instanceof Statement.Target.Link l) {
                    if (!INVERSE_LINKS.containsKey(l.link())) {
                        throw state.error(l.linkSpan(), "unknown link function '" + l.link() + "'",
                                "links are logit, logodds, log, exp and cloglog");
                    }
                    name = l.name();
                } else {
                    throw state.error(t.span(), "only a single name can be on the left of '" + st.op().symbol + "'", null);
                }
                if (st.rhs() instanceof Expr.Call mm && mm.function().equals("merge_missing")) {
                    mergeMissing(name, mm);
                    continue;
                }
                Statement before = state.definitions.get(name.name());
                if (before != null) {
                    throw state.error(name.span(), "'" + name.name() + "' is defined twice (also on line " + before.span().line() + ")",
                            "give one of them another name");
                }
                state.definitions.put(name.name(), st);
            }
        }
        // a '~' line on a merge_missing name (before or after its definition) is its variable's
        for (String x : state.merges.keySet()) {
            Statement st = state.firstSample.remove(x);
            if (st != null) state.firstSample.putIfAbsent(state.merges.get(x)[0], st);
        }
        definedColumns();
        secondPriors();
    }

    /**
     * Two spellings of one name ({@code a.b} and {@code a_b}) are one name once every character
     * that is not a letter, digit or {@code _} becomes {@code _} (language reference 2.1): one
     * parameter with two priors, silently. A located error at the second spelling, naming both.
     */
    private void spellings() {
        Map<String, Expr.Name> first = new HashMap<>();
        Consumer<Expr.Name> see = n -> {
            Expr.Name before = first.putIfAbsent(n.name(), n);
            if (before != null && !before.written().equals(n.written())) {
                throw state.error(n.span(), "'" + n.written() + "' and '" + before.written() + "' (line " + before.span().line() + ", column "
                                + before.span().column() + ") are the same name, " + n.name() + ", once '.' and other signs become '_'",
                        "write one of them the same way everywhere, or rename the other: they are one value now, not two");
            }
        };
        for (Statement st : state.program.statements()) {
            for (Expr.Name n : targetNames(st.target())) see.accept(n);
            if (st.target() instanceof Statement.Target.Element el) names(el.element(), see, n -> { });
            for (Expr i : indexOf(st.target())) names(i, see, n -> { });
            if (st.type() != null) for (Expr d : st.type().dims()) names(d, see, n -> { });
            names(st.rhs(), see, n -> { });
            if (st.condition() != null) names(st.condition(), see, n -> { });
            if (st.truncation() != null) {
                if (st.truncation().lower() != null) names(st.truncation().lower(), see, n -> { });
                if (st.truncation().upper() != null) names(st.truncation().upper(), see, n -> { });
            }
        }
    }

    /**
     * A {@code <-} line that defines a name the data also have: the line would hide the column
     * silently (and Stan would refuse the second declaration). A located error at the line.
     */
    private void definedColumns() {
        if (state.schema == null || state.mode.predicting()) return;
        for (Map.Entry<String, Statement> e : state.definitions.entrySet()) {
            if (!state.schema.has(e.getKey())) continue;
            Statement st = e.getValue();
            Expr.Name n = st.target() instanceof Statement.Target.Link l ? l.name() : ((Statement.Target.Symbol) st.target()).name();
            throw state.error(n.span(), "'" + n.written() + "' is defined on this line, but the data also have a column " + e.getKey(),
                    "rename the line's name (e.g. '" + e.getKey() + "2'), or drop it and use the column");
        }
        for (Map.Entry<String, String[]> m : state.merges.entrySet()) {
            if (state.schema.has(m.getKey())) {
                throw state.error(new Span(1, 1, 1), "'" + m.getKey() + "' is defined by merge_missing, but the data also have a column " + m.getKey(),
                        "rename it");
            }
        }
    }

    /**
     * Two prior lines for one parameter (two whole-parameter {@code ~} lines, or two lines on the
     * same literal element {@code v[[k]]}): ulam, as rethinking's ulam (which writes each line as
     * its own {@code ~} statement of Stan's model block), adds both to the log density, which is
     * almost always a mistake. A loud warning naming both lines. Data outcomes may have several
     * lines (conditional lines add into one observation each, language reference A.8): the
     * warning is only for names the data do not have, and without data for names no line defines.
     */
    private void secondPriors() {
        Map<String, Statement> whole = new HashMap<>();
        Map<String, Statement> element = new HashMap<>();
        for (Statement st : state.program.statements()) {
            if (st.op() != Statement.Op.SAMPLE || st.condition() != null) continue;
            for (Expr.Name n : targetNames(st.target())) {
                String name = state.merged(n.name());
                if (state.definitions.containsKey(name) || state.schema != null && state.schema.has(name)) continue;
                String key = name;
                Map<String, Statement> seen = whole;
                if (st.target() instanceof Statement.Target.Element el) {
                    if (!(el.element() instanceof Expr.Num k)) continue;
                    key = name + "[[" + (long) k.value() + "]]";
                    seen = element;
                }
                Statement before = seen.putIfAbsent(key, st);
                if (before != null && before != st) {
                    state.notes.add(ulam.runtime.Notes.warning(state.source.file() + ":" + st.span().line() + ": '" + key
                            + "' has a second prior line: line " + before.span().line() + " (" + state.source.line(before.span().line()).strip()
                            + ") and line " + st.span().line() + " (" + state.source.line(st.span().line()).strip()
                            + "); both are added to the log density, as Stan would add two '~' statements,"
                            + " which makes its prior their product: delete one of them unless that is what you mean"));
                }
            }
        }
    }

    /**
     * R's {@code d$x}, {@code d[["x"]]} and {@code function(i) ...} parse anywhere (the wrapper's
     * arguments are R expressions), but a model line may use a function only as the second
     * argument of {@code sapply} and selects data columns by their names.
     */
    private void rejectRForms(Statement st) {
        List<Expr> parts = new java.util.ArrayList<>();
        parts.add(st.rhs());
        if (st.condition() != null) parts.add(st.condition());
        if (st.truncation() != null) {
            if (st.truncation().lower() != null) parts.add(st.truncation().lower());
            if (st.truncation().upper() != null) parts.add(st.truncation().upper());
        }
        if (st.type() != null) parts.addAll(st.type().dims());
        parts.addAll(Syntax.indexOf(st.target()));
        if (st.target() instanceof Statement.Target.Element e) parts.add(e.element());
        java.util.Set<Expr> allowed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Expr part : parts) {
            Syntax.walk(part, e -> {
                if (e instanceof Expr.Call c && c.function().equals("sapply") && c.args().size() == 2) allowed.add(c.args().get(1));
                if (e instanceof Expr.Member m) {
                    String key = m.key() instanceof Expr.Str k ? k.value() : null;
                    throw state.error(m.span(), "R's selection of a list element or data-frame column (d$x, d[[\"x\"]]) belongs in the"
                            + " wrapper's arguments, not in a model line",
                            key != null ? "name the data column directly: " + key.replaceAll("[^A-Za-z0-9_.]", "_")
                                    + " (the data come from --data)" : "name the data column directly (the data come from --data)");
                }
                if (e instanceof Expr.Lambda l && !allowed.contains(l)) {
                    throw state.error(l.span(), "a function(...) in a model line can only be the second argument of sapply",
                            "write the expression itself: the line runs over every row by itself, with i the row");
                }
            });
        }
    }

    /**
     * {@code B_merge <- merge_missing(B, B_impute)} (language reference 2.14, 2.15): the explicit
     * form of automatic imputation. {@code B_merge}'s {@code ~} line becomes B's, whose missing
     * values are then the parameter {@code B_impute}, and {@code B_merge} names the merged values.
     */
    private void mergeMissing(Expr.Name name, Expr.Call mm) {
        if (mm.args().size() != 2 || !(mm.args().get(0) instanceof Expr.Name b) || !(mm.args().get(1) instanceof Expr.Name imp)) {
            throw state.error(mm.span(), "merge_missing takes the variable with missing values and the name of their parameter",
                    "write " + name.name() + " <- merge_missing(B, B_impute)");
        }
        if (state.merges.containsKey(name.name()) || state.definitions.containsKey(name.name())) {
            throw state.error(name.span(), "'" + name.name() + "' is defined twice", null);
        }
        state.merges.put(name.name(), new String[] {b.name(), imp.name()});
    }
}
