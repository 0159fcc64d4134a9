package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.runtime.UlamException;
import ulam.stdlib.DistributionSpec;
import static ulam.compiler.check.Syntax.isEscape;
import static ulam.compiler.check.Syntax.names;
import static ulam.compiler.check.Syntax.nearest;
import static ulam.compiler.check.Syntax.targetNames;

/**
 * Classifies every name (language reference 3.1, 2.10, A.3): a {@code ~} outcome is data when the
 * data have it and a parameter otherwise, a {@code <-} name is derived data when it depends on
 * data only and a local (or its tag's kind) otherwise, and any other name must be a data column;
 * records where names are used as indices, sizes and matrices. Writes
 * {@link CheckState#symbols} and the {@code usedAs} sets; reads the definitions.
 */
final class Classification {

    private final CheckState state;
    private final Typer typer;
    /** Every name some line reads (its value, an index, a size), after {@link #classify}. */
    private Set<String> read = Set.of();

    Classification(CheckState state, Typer typer) {
        this.state = state;
        this.typer = typer;
    }

    void classify() {
        // uses: where every name appears, to classify free names and explain missing ones
        Map<String, Span> firstUse = new LinkedHashMap<>();
        for (Statement st : state.program.statements()) {
            if (st.rhs() instanceof Expr.Call mm && mm.function().equals("merge_missing") && st.op() != Statement.Op.SAMPLE) continue;
            Consumer<Expr.Name> value = n -> firstUse.putIfAbsent(n.name(), n.span());
            matrixUses(st.rhs());
            names(st.rhs(), value, n -> state.usedAsIndex.add(n.name()));
            if (st.condition() != null) names(st.condition(), value, n -> state.usedAsIndex.add(n.name()));
            if (st.truncation() != null) {
                if (st.truncation().lower() != null) names(st.truncation().lower(), value, n -> state.usedAsIndex.add(n.name()));
                if (st.truncation().upper() != null) names(st.truncation().upper(), value, n -> state.usedAsIndex.add(n.name()));
            }
            if (st.type() != null) {
                for (Expr d : st.type().dims()) names(d, n -> {
                    firstUse.putIfAbsent(n.name(), n.span());
                    state.usedAsDim.add(n.name());
                }, n -> state.usedAsIndex.add(n.name()));
            }
            Statement.Target t = st.target();
            List<Expr> idx = t instanceof Statement.Target.Symbol s ? s.index()
                    : t instanceof Statement.Target.Stack s ? s.index() : List.of();
            for (Expr i : idx) names(i, n -> {
                firstUse.putIfAbsent(n.name(), n.span());
                state.usedAsIndex.add(n.name());
            }, n -> state.usedAsIndex.add(n.name()));
        }
        // parameters and data outcomes, in order of their first '~' line
        for (Map.Entry<String, Statement> e : state.firstSample.entrySet()) {
            String name = e.getKey();
            Statement st = e.getValue();
            Span span = targetNames(st.target()).stream().filter(n -> state.merged(n.name()).equals(name)).findFirst().orElseThrow().span();
            if (state.definitions.containsKey(name)) continue;   // outcome is derived data: checked with the locals
            if (state.schema != null && state.schema.has(name)) {
                state.symbol(name, Kind.DATA, span, null);
            } else {
                Symbol p = state.symbol(name, Kind.PARAMETER, span, st);
                p.statement(st);
            }
        }
        for (Map.Entry<String, Statement> e : state.definitions.entrySet()) {
            Statement st = e.getValue();
            Expr.Name n = st.target() instanceof Statement.Target.Link l ? l.name() : ((Statement.Target.Symbol) st.target()).name();
            state.symbol(e.getKey(), Kind.LOCAL, n.span(), st);
        }
        read = firstUse.keySet();
        for (Map.Entry<String, Span> e : firstUse.entrySet()) {
            String name = e.getKey();
            if (state.symbols.containsKey(name) || state.merges.containsKey(name)) continue;
            if (isBuiltinName(name)) continue;
            if (state.schema != null && !state.schema.has(name)) {
                throw missing(name, e.getValue());
            }
            state.symbol(name, Kind.DATA, e.getValue(), null);
        }
        // a '~' outcome that is data must be in the data (already ensured) and not a generated value
        for (Map.Entry<String, Statement> e : state.firstSample.entrySet()) {
            Symbol s = state.symbols.get(e.getKey());
            if (s.kind() == Kind.PARAMETER) {
                Expr.Call rhs = (Expr.Call) e.getValue().rhs();
                if (isEscape(rhs)) {
                    throw state.error(rhs.functionSpan(), rhs.function() + "(...) lines are for data: '" + s.name() + "' is not in the data",
                            state.schema == null ? "compile with --data FILE so the compiler knows the columns" : "check the column names of the data");
                }
                DistributionSpec spec = typer.distributionOf(rhs);
                if (spec.outcome() == ulam.stdlib.ValueType.INT) {
                    String near = state.schema == null ? null : nearest(s.name(), new ArrayList<>(state.schema.names()));
                    throw state.error(s.span(), "'" + s.name() + "' has a " + spec.name() + " distribution, which is for whole-number data, but '"
                            + s.name() + "' is not in the data",
                            (near != null ? "did you mean the data column '" + near + "'? " : "")
                                    + (state.schema == null ? "compile with --data FILE so the compiler knows the columns" : "check the column names of the data"));
                }
            }
        }
        kinds();
        for (Map.Entry<String, String[]> m : state.merges.entrySet()) {
            Symbol b = state.symbols.get(m.getValue()[0]);
            if (b == null || !b.isData() || !state.firstSample.containsKey(b.name())) {
                throw state.error(definitionSpan(m.getKey()), "merge_missing(" + m.getValue()[0] + ", " + m.getValue()[1] + "): '" + m.getKey()
                        + "' needs a distribution for the missing values of the data variable " + m.getValue()[0],
                        "add a line such as " + m.getKey() + " ~ dnorm(nu, sigma_x)");
            }
            state.symbols.put(m.getKey(), b);
        }
    }

    /**
     * With data given, a {@code ~} outcome that is not a data column, that no line reads and that
     * has no explicit type can only be a missing column (a header typo, the wrong file): ulam's
     * rule would sample it as a parameter, silently. A located error when a column is a near
     * spelling of it, else a located warning (names are checked
     * in order of their first {@code ~} line; run after the locals are ordered, so that a cycle is
     * reported first, and before shapes, whose errors it explains). And a model that reads none of the data's columns
     * gets a warning naming them.
     */
    void missingOutcomes() {
        if (state.schema == null || state.mode.predicting()) return;
        Set<String> merged = new HashSet<>();
        for (String[] m : state.merges.values()) merged.add(m[0]);
        for (Map.Entry<String, Statement> e : state.firstSample.entrySet()) {
            String name = e.getKey();
            Statement st = e.getValue();
            Symbol s = state.symbols.get(name);
            if (s == null || s.kind() != Kind.PARAMETER || read.contains(name) || merged.contains(name) || st.type() != null) continue;
            if (!(st.target() instanceof Statement.Target.Symbol t) || !t.index().isEmpty()) continue;
            Expr.Call call = (Expr.Call) st.rhs();
            if (isEscape(call)) continue;
            DistributionSpec spec = typer.distributionOf(call);
            // a line that is wrong in itself gets its own error, later
            if (!spec.scalarOutcome() || call.args().size() != spec.arity() || name.endsWith("__")) continue;
            List<String> columns = new ArrayList<>(state.schema.names());
            String near = likelyColumn(name, columns);
            if (near != null) {
                throw state.error(s.span(), "the data have no column '" + name + "' (did you mean '" + near + "'?)",
                        "if " + name + " is meant to be a parameter, give it an explicit type (real:" + name + " ~ ...) or use it on another line");
            }
            // no near spelling: the book has such parameters (the funnel's x ~ normal(0, exp(v)), a prior
            // sampled alone), so a loud warning rather than a refusal
            state.notes.add(ulam.runtime.Notes.warning(state.source.file() + ":" + s.span().line() + ":" + s.span().column()
                    + ": '" + name + "' is not a data column" + (columns.isEmpty() ? "" : " (the data have " + shortList(columns) + ")")
                    + " and no other line reads it, so it is sampled as a parameter: if it is meant to be data, check the data's"
                    + " header; if it is a parameter, give it an explicit type (real:" + name + " ~ ...) to silence this warning"));
        }
    }

    /**
     * The column a missing outcome was probably meant to be: one that differs only in case
     * ({@code y} and {@code Y}), or, for a name of 4 or more characters, by one edit in 4.
     */
    private static String likelyColumn(String name, List<String> columns) {
        for (String c : columns) if (c.equalsIgnoreCase(name)) return c;
        if (name.length() < 4) return null;
        String best = null;
        int bestD = name.length() / 4 + 1;
        for (String c : columns) {
            int d = ulam.stdlib.Registry.editDistance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** The warning for data of which the model reads no column, or null. */
    static String unreadData(CheckState state) {
        if (state.schema == null || state.mode.predicting() || state.schema.names().isEmpty()) return null;
        for (Symbol s : state.symbols.values()) {
            if (s.kind() == Kind.DATA && state.schema.has(s.name())) return null;
        }
        List<String> columns = new ArrayList<>(state.schema.names());
        return ulam.runtime.Notes.WARNING + "the model reads none of the data's columns (" + shortList(columns)
                + "): check that the data file is the right one and that the model's names match its header";
    }

    private Span definitionSpan(String merge) {
        for (Statement st : state.program.statements()) {
            if (st.target() instanceof Statement.Target.Symbol s && s.name().name().equals(merge)) return s.span();
        }
        return new Span(1, 1, 1);
    }

    private boolean isBuiltinName(String name) {
        return name.equals("TRUE") || name.equals("FALSE") || name.equals("pi") || name.equals("i");
    }

    private UlamException missing(String name, Span span) {
        List<String> columns = new ArrayList<>(state.schema.names());
        String near = nearest(name, columns);
        if (near != null) {
            return state.error(span, "the data have no column '" + name + "'",
                    "did you mean '" + near + "'? (if '" + name + "' is a parameter, give it a prior, e.g. '" + name + " ~ dnorm(0, 1)')");
        }
        if (state.usedAsIndex.contains(name) || state.firstSample.containsKey(name)) {
            return state.error(span, "the data have no column '" + name + "'", "the data have: " + shortList(columns));
        }
        return state.error(span, "'" + name + "' has no prior and is not in the data",
                "add a prior line such as '" + name + " ~ dnorm(0, 1)'");
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 12) return String.join(", ", names);
        return String.join(", ", names.subList(0, 12)) + ", ...";
    }

    /** Data names indexed with two indices ({@code D[i, j]}): matrices, when no data tell. */
    private void matrixUses(Expr e) {
        if (e instanceof Expr.Index ix) {
            if (ix.target() instanceof Expr.Name n && ix.indices().size() == 2) state.usedAsMatrix.add(n.name());
            matrixUses(ix.target());
            for (Expr i : ix.indices()) matrixUses(i);
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) matrixUses(a);
        } else if (e instanceof Expr.Binary b) {
            matrixUses(b.left());
            matrixUses(b.right());
        } else if (e instanceof Expr.Unary u) {
            matrixUses(u.operand());
        } else if (e instanceof Expr.Lambda l) {
            matrixUses(l.body());
        }
    }

    /** Local kinds from tags and from whether they depend on data only (2.10, A.3). */
    private void kinds() {
        Map<String, Set<String>> deps = LocalOrder.localDeps(state);
        Set<String> dataOnly = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : state.definitions.keySet()) {
                if (dataOnly.contains(name)) continue;
                Statement st = state.definitions.get(name);
                if (st.tag() != null && !st.tag().equals("transdata")) continue;
                boolean ok = true;
                for (String d : deps.get(name)) {
                    Symbol s = state.symbols.get(d);
                    if (s == null) continue;
                    if (s.kind() == Kind.DATA || dataOnly.contains(d)) continue;
                    ok = false;
                    break;
                }
                if (ok) {
                    dataOnly.add(name);
                    changed = true;
                }
            }
        }
        for (Map.Entry<String, Statement> e : state.definitions.entrySet()) {
            Symbol s = state.symbols.get(e.getKey());
            Statement st = e.getValue();
            String tag = st.tag();
            Kind k;
            if (tag == null) {
                k = dataOnly.contains(s.name()) ? Kind.TRANSFORMED_DATA : Kind.LOCAL;
            } else {
                k = switch (tag) {
                    case "transdata" -> {
                        if (!dataOnly.contains(s.name())) {
                            throw state.error(st.tagSpan(), "'" + s.name() + "' is tagged transdata> but depends on parameters",
                                    "remove the tag: a line that uses parameters is recomputed with the model");
                        }
                        yield Kind.TRANSFORMED_DATA;
                    }
                    case "gq" -> Kind.GENERATED;
                    case "transpars" -> Kind.TRANSFORMED_PARAMETER;
                    default -> Kind.SAVED;
                };
            }
            s.kind(k);
            if (state.firstSample.containsKey(s.name()) && k != Kind.TRANSFORMED_DATA) {
                Statement sample = state.firstSample.get(s.name());
                throw state.error(sample.target().span(), "'" + s.name() + "' is computed from parameters on line " + st.span().line()
                        + ", and cannot also have a distribution", "a '~' line is either a prior on a parameter or a likelihood of data");
            }
        }
    }
}
