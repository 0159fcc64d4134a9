package ulam.compiler.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Support;

/**
 * Stage 3 of the compiler: resolves and type-checks a parsed model (language reference sections
 * 2-4 and A). Classifies every name as data, derived data, parameter, local or generated
 * quantity (3.1); sorts locals by dependency (A.4); infers shapes ({@code a[G]} has
 * {@code max(G)} elements, A.5) and constraints (3.5, A.6); makes the implicit per-observation
 * and per-element loops explicit (2.2, 4); and checks every call against the library registry.
 * Every error is a {@link UlamException} at the offending line with what to do.
 */
public final class Checker {

    /** The data function of {@code as_index(column)}: coded when the data are read ({@code ModelSupport.asIndex}). */
    public static final String COLUMN_INDEX = "asIndexColumn";

    private static final List<String> TAGS = List.of("gq", "save", "transpars", "transdata");
    private static final Map<String, String> INVERSE_LINKS = Map.of(
            "logit", "inv_logit", "logodds", "inv_logit", "log", "exp", "exp", "log", "cloglog", "inv_cloglog");

    private final Program program;
    private final Source source;
    private final String modelName;
    private final DataSchema schema;

    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final Map<String, Statement> definitions = new LinkedHashMap<>();
    private final Map<String, Statement> firstSample = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, Program.Option> constraintOverrides = new LinkedHashMap<>();
    private final Map<Symbol, Boolean> rowLocal = new HashMap<>();
    private final Set<String> usedAsIndex = new HashSet<>();
    private final Set<String> usedAsDim = new HashSet<>();
    private final Set<String> usedAsMatrix = new HashSet<>();
    private final Typer typer;
    private final ArrayTyper arrays;
    private final List<Symbol> made = new ArrayList<>();
    /** Imputed variables (2.15): uses of the variable read its merged value (observed or parameter). */
    private final Map<String, Symbol> redirect = new HashMap<>();
    private final Map<Symbol, Symbol[]> imputations = new LinkedHashMap<>();
    /** {@code X <- merge_missing(B, B_impute)}: X to {B, B_impute}; X is another name of B's merged values. */
    private final Map<String, String[]> merges = new LinkedHashMap<>();
    private final CompileMode mode;
    /** The prediction program's changes, or null when compiling for sampling. */
    private final PredictionRewrite prediction;

    private Checker(Program program, Source source, String modelName, DataSchema schema, CompileMode mode) {
        this.program = program;
        this.source = source;
        this.modelName = modelName;
        this.schema = schema;
        this.mode = mode;
        this.typer = new Typer(source, symbols, checks);
        this.arrays = new ArrayTyper(typer, symbols, made);
        typer.arrays(arrays);
        typer.redirect(redirect);
        this.prediction = mode.predicting()
                ? new PredictionRewrite(mode.prediction(), symbols, definitions, firstSample, redirect, typer, notes, source) : null;
    }

    /**
     * Checks a model.
     *
     * @param program   the parsed model
     * @param source    its source, for messages
     * @param modelName the model's name (file stem)
     * @param schema    what is known of the data before binding, or null (names are then inferred)
     * @return the checked model
     * @throws UlamException at the first error, located, with what to do
     */
    public static ModelSpec check(Program program, Source source, String modelName, DataSchema schema) {
        return check(program, source, modelName, schema, CompileMode.POSTERIOR);
    }

    /**
     * Checks a model for sampling its posterior or prior, or as a prediction program.
     *
     * @param mode what the model is compiled for
     * @see #check(Program, Source, String, DataSchema)
     */
    public static ModelSpec check(Program program, Source source, String modelName, DataSchema schema, CompileMode mode) {
        return new Checker(program, source, modelName, schema, mode).run();
    }

    private UlamException error(Span span, String message, String help) {
        return source.error(span, message, help);
    }

    private ModelSpec run() {
        readOptions();
        collect();
        if (prediction != null) prediction.replaceByColumns(schema);
        classify();
        Map<Symbol, Symbol> shifted = Map.of();
        if (prediction != null) {
            prediction.reportLocals();
            shifted = prediction.newGroupIndices();
        }
        List<Symbol> order = orderLocals();
        shapeData();
        shapeParameters();
        List<Symbol> masks = prediction == null ? List.of() : prediction.newGroupParameters(byKind(Kind.PARAMETER));
        if (prediction != null) prediction.priorParameters(byKind(Kind.PARAMETER));
        constrain();
        List<Symbol> typed = new ArrayList<>();   // locals in computing order, anonymous parts before their users
        for (Symbol s : order) {
            arrays.context(s.kind() == Kind.TRANSFORMED_DATA ? Kind.TRANSFORMED_DATA
                    : s.kind() == Kind.GENERATED ? Kind.GENERATED : Kind.LOCAL);
            typeLocal(s);
            typed.addAll(made);
            made.clear();
            typed.add(s);
        }
        for (Map.Entry<Symbol, Symbol[]> e : imputations.entrySet()) {   // the missing-row helpers follow their variable
            int at = typed.indexOf(e.getKey()) + 1;
            typed.add(at, e.getValue()[2]);
            typed.add(at, e.getValue()[1]);
        }
        for (Map.Entry<Symbol, Symbol> e : shifted.entrySet()) {   // a shifted index follows its index
            typed.add(typed.indexOf(e.getKey()) + 1, e.getValue());
        }
        typed.addAll(masks);   // after the indices whose levels they read
        arrays.context(Kind.LOCAL);
        List<Term> terms = typeTerms();
        typed.addAll(made);
        made.clear();
        ModelSpec.Predicted predicted = null;
        if (prediction != null) {
            predicted = prediction.simulate(terms, typed);
            terms = List.of();
            prediction.prune(typed, checks);
        }
        order = typed;
        assignViews(terms);
        List<Symbol> data = byKind(Kind.DATA);
        List<Symbol> derived = order.stream().filter(s -> s.kind() == Kind.TRANSFORMED_DATA).toList();
        // anonymous generated parts are computed with the generated quantities but never reported
        List<Symbol> params = byKind(Kind.PARAMETER);
        List<Symbol> locals = order.stream().filter(s -> !s.anonymous() && (s.kind() == Kind.LOCAL || s.kind() == Kind.SAVED)).toList();
        List<Symbol> generated = new ArrayList<>(order.stream().filter(s -> !s.anonymous()
                && (s.kind() == Kind.TRANSFORMED_PARAMETER || s.kind() == Kind.SAVED || s.kind() == Kind.GENERATED)).toList());
        List<Symbol> materialized = order.stream().filter(s -> s.materialized() && s.kind() != Kind.TRANSFORMED_DATA).toList();
        generated.sort(Comparator.comparingInt(s -> s.kind() == Kind.TRANSFORMED_PARAMETER ? 0 : 1));
        for (Symbol s : java.util.stream.Stream.concat(params.stream(), generated.stream()).toList()) {
            if (s.name().endsWith("__")) {
                throw error(s.span(), "'" + s.name() + "' is a " + s.kind().description + " and its name ends in two underscores,"
                        + " which Stan CSV files reserve for the sampler's own columns (lp__, accept_stat__, divergent__, ...)",
                        "rename it (e.g. '" + s.name().replaceAll("_+$", "") + "'): Stan, cmdstanpy and ArviZ would take it for a sampler column");
            }
        }
        if (params.isEmpty() && terms.stream().noneMatch(Term::likelihood) && prediction == null) {
            throw error(new Span(1, 1, 1), "the model has no parameters", "a model needs at least one line 'name ~ distribution(...)' for a parameter");
        }
        if (params.isEmpty()) {
            throw error(terms.get(0).statement().span(), "the model has no parameters: every '~' line is about data",
                    "give the unknowns priors, e.g. 'mu ~ dnorm(0, 10)'");
        }
        return new ModelSpec(modelName, source, program, data, derived, params, locals, List.copyOf(generated), materialized, terms,
                dedupe(checks), Map.copyOf(options), List.copyOf(notes), mode, predicted);
    }

    private List<Symbol> byKind(Kind kind) {
        return symbols.values().stream().filter(s -> s.kind() == kind).toList();
    }

    private static List<Check> dedupe(List<Check> checks) {
        return List.copyOf(new LinkedHashSet<>(checks));
    }

    // ------------------------------------------------------------------ wrapper options (A.1)

    private void readOptions() {
        for (Program.Option o : program.options()) {
            if (o.name() == null) {
                notes.add("the unnamed argument at line " + o.span().line() + " of the ulam(...) call is ignored");
                continue;
            }
            switch (o.name()) {
                case "chains", "cores", "iter", "warmup", "seed", "adapt_delta", "max_treedepth" -> literal(o.name(), o.value(), o.span());
                case "control" -> {
                    if (o.value() instanceof Expr.Call c && c.function().equals("list")) {
                        for (int k = 0; k < c.args().size(); k++) {
                            String n = c.argNames().get(k);
                            if (n != null && (n.equals("adapt_delta") || n.equals("max_treedepth"))) {
                                literal(n, c.args().get(k), c.args().get(k).span());
                            } else if ("metric".equals(n)) {
                                // rstan's control=list(metric="dense_e"): the metric adapted in warmup
                                if (c.args().get(k) instanceof Expr.Str str) options.put(n, str.value());
                                else notes.add("the argument metric at line " + c.args().get(k).span().line()
                                        + " is not a text such as \"dense_e\" and is ignored");
                            }
                        }
                    }
                }
                case "constraints" -> {
                    if (o.value() instanceof Expr.Call c && c.function().equals("list")) {
                        for (int k = 0; k < c.args().size(); k++) {
                            String n = c.argNames().get(k);
                            if (n != null) constraintOverrides.put(n.replaceAll("[^A-Za-z0-9_]", "_"),
                                    new Program.Option(n, c.args().get(k), c.args().get(k).span()));
                        }
                    }
                }
                case "data" -> notes.add("data=... in the ulam(...) call is ignored: give the data with --data FILE");
                case "log_lik" -> { } // the pointwise log-likelihood is always available (A.8)
                default -> notes.add("the argument '" + o.name() + "' of the ulam(...) call is ignored");
            }
        }
    }

    private void literal(String name, Expr value, Span span) {
        if (value instanceof Expr.Num n) {
            double v = n.value();
            options.put(name, v == Math.rint(v) && !name.equals("adapt_delta") ? Long.toString((long) v) : Double.toString(v));
        } else {
            notes.add("the argument " + name + " at line " + span.line() + " is not a number and is ignored");
        }
    }

    // ------------------------------------------------------------------ collect definitions

    private void collect() {
        for (Statement st : program.statements()) {
            if (st.tag() != null && !TAGS.contains(st.tag())) {
                String near = nearest(st.tag(), TAGS);
                throw error(st.tagSpan(), "unknown tag '" + st.tag() + ">'",
                        (near != null ? "did you mean '" + near + ">'? " : "") + "tags are gq>, save>, transpars> and transdata>");
            }
            if (st.condition() != null && st.op() != Statement.Op.SAMPLE) {
                throw error(st.condition().span(), "a condition 'y | ...' belongs on a '~' line", null);
            }
            if (st.type() != null && Unsupported.type(st.type().name())) {
                throw error(st.type().span(), "the type '" + st.type().name() + "' " + Unsupported.LATER, null);
            }
            if (st.op() == Statement.Op.SAMPLE) {
                if (st.tag() != null) {
                    throw error(st.tagSpan(), "a tag goes on a '<-' or '<<-' line, not on a '~' line",
                            "remove '" + st.tag() + ">'");
                }
                if (!(st.rhs() instanceof Expr.Call)) {
                    throw error(st.rhs().span(), "the right of '~' must be a distribution, such as dnorm(mu, sigma)", null);
                }
                Statement.Target t = st.target();
                if (t instanceof Statement.Target.Link l) {
                    throw error(l.span(), "a link function such as " + l.link() + "(...) can only be on the left of '<-'",
                            "write the link on the linear model: " + l.link() + "(" + l.name().name() + ") <- ...");
                }
                for (Expr.Name n : targetNames(t)) firstSample.putIfAbsent(merged(n.name()), st);
            } else {
                Statement.Target t = st.target();
                Expr.Name name;
                if (t instanceof Statement.Target.Symbol s) {
                    if (!s.index().isEmpty()) {
                        throw error(s.span(), "the left of '" + st.op().symbol + "' is a name, without an index",
                                "write '" + s.name().name() + " " + st.op().symbol + " ...': the line runs over every row by itself");
                    }
                    name = s.name();
                } else if (t instanceof Statement.Target.Link l) {
                    if (!INVERSE_LINKS.containsKey(l.link())) {
                        throw error(l.linkSpan(), "unknown link function '" + l.link() + "'",
                                "links are logit, logodds, log, exp and cloglog");
                    }
                    name = l.name();
                } else {
                    throw error(t.span(), "only a single name can be on the left of '" + st.op().symbol + "'", null);
                }
                if (st.rhs() instanceof Expr.Call mm && mm.function().equals("merge_missing")) {
                    mergeMissing(name, mm);
                    continue;
                }
                Statement before = definitions.get(name.name());
                if (before != null) {
                    throw error(name.span(), "'" + name.name() + "' is defined twice (also on line " + before.span().line() + ")",
                            "give one of them another name");
                }
                definitions.put(name.name(), st);
            }
        }
        // a '~' line on a merge_missing name (before or after its definition) is its variable's
        for (String x : merges.keySet()) {
            Statement st = firstSample.remove(x);
            if (st != null) firstSample.putIfAbsent(merges.get(x)[0], st);
        }
    }

    /**
     * {@code B_merge <- merge_missing(B, B_impute)} (language reference 2.14, 2.15): the explicit
     * form of automatic imputation. {@code B_merge}'s {@code ~} line becomes B's, whose missing
     * values are then the parameter {@code B_impute}, and {@code B_merge} names the merged values.
     */
    private void mergeMissing(Expr.Name name, Expr.Call mm) {
        if (mm.args().size() != 2 || !(mm.args().get(0) instanceof Expr.Name b) || !(mm.args().get(1) instanceof Expr.Name imp)) {
            throw error(mm.span(), "merge_missing takes the variable with missing values and the name of their parameter",
                    "write " + name.name() + " <- merge_missing(B, B_impute)");
        }
        if (merges.containsKey(name.name()) || definitions.containsKey(name.name())) {
            throw error(name.span(), "'" + name.name() + "' is defined twice", null);
        }
        merges.put(name.name(), new String[] {b.name(), imp.name()});
    }

    /** The variable a {@code merge_missing} name stands for, or the name itself. */
    private String merged(String name) {
        String[] m = merges.get(name);
        return m == null ? name : m[0];
    }

    /** The index written on the left ({@code a[g]}), empty for none and for element targets {@code v[[k]]}. */
    static List<Expr> indexOf(Statement.Target t) {
        if (t instanceof Statement.Target.Symbol s) return s.index();
        if (t instanceof Statement.Target.Stack s) return s.index();
        return List.of();
    }

    private static List<Expr.Name> targetNames(Statement.Target t) {
        if (t instanceof Statement.Target.Symbol s) return List.of(s.name());
        if (t instanceof Statement.Target.Stack s) return s.names();
        if (t instanceof Statement.Target.Element e) return List.of(e.name());
        return List.of(((Statement.Target.Link) t).name());
    }

    // ------------------------------------------------------------------ classification (3.1)

    private void classify() {
        // uses: where every name appears, to classify free names and explain missing ones
        Map<String, Span> firstUse = new LinkedHashMap<>();
        for (Statement st : program.statements()) {
            if (st.rhs() instanceof Expr.Call mm && mm.function().equals("merge_missing") && st.op() != Statement.Op.SAMPLE) continue;
            Consumer<Expr.Name> value = n -> firstUse.putIfAbsent(n.name(), n.span());
            matrixUses(st.rhs());
            names(st.rhs(), value, n -> usedAsIndex.add(n.name()));
            if (st.condition() != null) names(st.condition(), value, n -> usedAsIndex.add(n.name()));
            if (st.truncation() != null) {
                if (st.truncation().lower() != null) names(st.truncation().lower(), value, n -> usedAsIndex.add(n.name()));
                if (st.truncation().upper() != null) names(st.truncation().upper(), value, n -> usedAsIndex.add(n.name()));
            }
            if (st.type() != null) {
                for (Expr d : st.type().dims()) names(d, n -> {
                    firstUse.putIfAbsent(n.name(), n.span());
                    usedAsDim.add(n.name());
                }, n -> usedAsIndex.add(n.name()));
            }
            Statement.Target t = st.target();
            List<Expr> idx = t instanceof Statement.Target.Symbol s ? s.index()
                    : t instanceof Statement.Target.Stack s ? s.index() : List.of();
            for (Expr i : idx) names(i, n -> {
                firstUse.putIfAbsent(n.name(), n.span());
                usedAsIndex.add(n.name());
            }, n -> usedAsIndex.add(n.name()));
        }
        // parameters and data outcomes, in order of their first '~' line
        for (Map.Entry<String, Statement> e : firstSample.entrySet()) {
            String name = e.getKey();
            Statement st = e.getValue();
            Span span = targetNames(st.target()).stream().filter(n -> merged(n.name()).equals(name)).findFirst().orElseThrow().span();
            if (definitions.containsKey(name)) continue;   // outcome is derived data: checked with the locals
            if (schema != null && schema.has(name)) {
                symbol(name, Kind.DATA, span, null);
            } else {
                Symbol p = symbol(name, Kind.PARAMETER, span, st);
                p.statement(st);
            }
        }
        for (Map.Entry<String, Statement> e : definitions.entrySet()) {
            Statement st = e.getValue();
            Expr.Name n = st.target() instanceof Statement.Target.Link l ? l.name() : ((Statement.Target.Symbol) st.target()).name();
            symbol(e.getKey(), Kind.LOCAL, n.span(), st);
        }
        for (Map.Entry<String, Span> e : firstUse.entrySet()) {
            String name = e.getKey();
            if (symbols.containsKey(name) || merges.containsKey(name)) continue;
            if (isBuiltinName(name)) continue;
            if (schema != null && !schema.has(name)) {
                throw missing(name, e.getValue());
            }
            symbol(name, Kind.DATA, e.getValue(), null);
        }
        // a '~' outcome that is data must be in the data (already ensured) and not a generated value
        for (Map.Entry<String, Statement> e : firstSample.entrySet()) {
            Symbol s = symbols.get(e.getKey());
            if (s.kind() == Kind.PARAMETER) {
                Expr.Call rhs = (Expr.Call) e.getValue().rhs();
                if (isEscape(rhs)) {
                    throw error(rhs.functionSpan(), rhs.function() + "(...) lines are for data: '" + s.name() + "' is not in the data",
                            schema == null ? "compile with --data FILE so the compiler knows the columns" : "check the column names of the data");
                }
                DistributionSpec spec = distribution(rhs);
                if (spec.outcome() == ulam.stdlib.ValueType.INT) {
                    String near = schema == null ? null : nearest(s.name(), new ArrayList<>(schema.names()));
                    throw error(s.span(), "'" + s.name() + "' has a " + spec.name() + " distribution, which is for whole-number data, but '"
                            + s.name() + "' is not in the data",
                            (near != null ? "did you mean the data column '" + near + "'? " : "")
                                    + (schema == null ? "compile with --data FILE so the compiler knows the columns" : "check the column names of the data"));
                }
            }
        }
        kinds();
        for (Map.Entry<String, String[]> m : merges.entrySet()) {
            Symbol b = symbols.get(m.getValue()[0]);
            if (b == null || !b.isData() || !firstSample.containsKey(b.name())) {
                throw error(definitionSpan(m.getKey()), "merge_missing(" + m.getValue()[0] + ", " + m.getValue()[1] + "): '" + m.getKey()
                        + "' needs a distribution for the missing values of the data variable " + m.getValue()[0],
                        "add a line such as " + m.getKey() + " ~ dnorm(nu, sigma_x)");
            }
            symbols.put(m.getKey(), b);
        }
        impute();
    }

    private Span definitionSpan(String merge) {
        for (Statement st : program.statements()) {
            if (st.target() instanceof Statement.Target.Symbol s && s.name().name().equals(merge)) return s.span();
        }
        return new Span(1, 1, 1);
    }

    // ------------------------------------------------------------------ missing data (2.15)

    /**
     * A variable with NA values (in the data, or derived from a column that has them) on the left
     * of a {@code ~} line is imputed: its missing values become a parameter {@code name_impute}
     * with that line as their prior, and every use of the variable reads the observed value or the
     * parameter, row by row. The columns it comes from are read with their NA.
     */
    private void impute() {
        if (schema == null || schema.missing().isEmpty()) return;
        for (Map.Entry<String, Statement> e : firstSample.entrySet()) {
            Symbol b = symbols.get(e.getKey());
            if (b == null || !b.isData()) continue;
            Set<Symbol> columns = new LinkedHashSet<>();
            missingSources(b, columns, new HashSet<>());
            if (columns.isEmpty()) continue;
            Statement st = e.getValue();
            Expr.Call call = (Expr.Call) st.rhs();
            if (isEscape(call)) {
                throw error(call.functionSpan(), "'" + b.name() + "' has missing values; a " + call.function()
                        + "(...) line cannot impute them", "give it an ordinary distribution, e.g. " + b.name() + " ~ dnorm(nu, sigma)");
            }
            DistributionSpec spec = distribution(call);
            if (spec.outcome() == ulam.stdlib.ValueType.INT) {
                throw error(st.target().span(), "'" + b.name() + "' has missing values, but only real-valued variables can be imputed",
                        "remove the rows with NA, or model the missing values with a mixture");
            }
            for (Symbol c : columns) c.allowMissing();
            String name = b.name() + "_impute";
            for (String[] m : merges.values()) if (m[0].equals(b.name())) name = m[1];
            if (symbols.containsKey(name)) {
                throw error(st.target().span(), "'" + name + "' would hold the imputed values of " + b.name() + " but the model already uses that name", null);
            }
            Symbol impute = symbol(name, Kind.PARAMETER, st.target().span(), st);
            impute.shape(new Shape.Vector(new Size.Missing(b)));
            impute.elem(Elem.REAL);
            Symbol isna = new Symbol("#" + b.name() + "_missing", Kind.TRANSFORMED_DATA);
            isna.defineByFunction(ulam.runtime.model.ModelSupport.class, "missingMask", List.of(new TExpr.Ref(b, null, Elem.REAL)));
            isna.shape(new Shape.Vector(new Size.Length(isna)));
            isna.elem(Elem.INT);
            Symbol slot = new Symbol("#" + b.name() + "_slot", Kind.TRANSFORMED_DATA);
            slot.defineByFunction(ulam.runtime.model.ModelSupport.class, "imputeSlots", List.of(new TExpr.Ref(isna, null, Elem.INT)));
            slot.shape(new Shape.Vector(new Size.Length(slot)));
            slot.elem(Elem.INT);
            Symbol merge = new Symbol("#" + b.name() + "_merge", Kind.LOCAL);
            Loop i = typer.newLoop("i", new Size.Length(b));
            TExpr row = new TExpr.LoopIndex(i);
            merge.define(i, new TExpr.IfElse(new TExpr.Logic(Expr.BinaryOp.NE, new TExpr.Ref(isna, row, Elem.INT), new TExpr.Num(0, Elem.INT)),
                    new TExpr.Ref(impute, new TExpr.Ref(slot, row, Elem.INT), Elem.REAL), new TExpr.Ref(b, row, Elem.REAL), Elem.REAL));
            merge.shape(new Shape.Vector(new Size.Length(b)));
            merge.span(b.span());
            rowLocal.put(merge, true);
            for (Symbol x : List.of(isna, slot, merge)) symbols.put(x.name(), x);
            redirect.put(b.name(), merge);
            for (Map.Entry<String, String[]> m : merges.entrySet()) if (m.getValue()[0].equals(b.name())) redirect.put(m.getKey(), merge);
            imputations.put(b, new Symbol[] {impute, isna, slot, merge});
            int count = 0;
            for (Symbol c : columns) count = Math.max(count, schema.missing().getOrDefault(c.name(), 0));
            notes.add("Found " + count + " NA values in " + String.join(", ", columns.stream().map(Symbol::name).toList())
                    + " and attempting imputation: " + b.name() + "'s missing values are the parameters " + name);
        }
    }

    /** The data columns with NA that a data variable is (transitively) computed from. */
    private void missingSources(Symbol s, Set<Symbol> out, Set<Symbol> seen) {
        if (!seen.add(s)) return;
        if (s.kind() == Kind.DATA) {
            if (schema.missing().containsKey(s.name())) out.add(s);
            return;
        }
        Statement def = definitions.get(s.name());
        if (def == null) return;
        names(def.rhs(), n -> {
            Symbol x = symbols.get(n.name());
            if (x != null && x.isData()) missingSources(x, out, seen);
        }, n -> { });
    }

    private boolean isBuiltinName(String name) {
        return name.equals("TRUE") || name.equals("FALSE") || name.equals("pi") || name.equals("i");
    }

    private UlamException missing(String name, Span span) {
        List<String> columns = new ArrayList<>(schema.names());
        String near = nearest(name, columns);
        if (near != null) {
            return error(span, "the data have no column '" + name + "'",
                    "did you mean '" + near + "'? (if '" + name + "' is a parameter, give it a prior, e.g. '" + name + " ~ dnorm(0, 1)')");
        }
        if (usedAsIndex.contains(name) || firstSample.containsKey(name)) {
            return error(span, "the data have no column '" + name + "'", "the data have: " + shortList(columns));
        }
        return error(span, "'" + name + "' has no prior and is not in the data",
                "add a prior line such as '" + name + " ~ dnorm(0, 1)'");
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 12) return String.join(", ", names);
        return String.join(", ", names.subList(0, 12)) + ", ...";
    }

    private Symbol symbol(String name, Kind kind, Span span, Statement st) {
        Symbol s = new Symbol(name, kind);
        s.span(span);
        s.statement(st);
        symbols.put(name, s);
        return s;
    }

    /** {@code !Y}: the outcome of a {@code custom(...)} line (language reference 2.11), never a name of the model. */
    static boolean isPlaceholder(Expr.Unary u) {
        return u.op() == Expr.UnaryOp.NOT && u.operand() instanceof Expr.Name n && n.name().equals("Y");
    }

    /** Data names indexed with two indices ({@code D[i, j]}): matrices, when no data tell. */
    private void matrixUses(Expr e) {
        if (e instanceof Expr.Index ix) {
            if (ix.target() instanceof Expr.Name n && ix.indices().size() == 2) usedAsMatrix.add(n.name());
            matrixUses(ix.target());
            for (Expr i : ix.indices()) matrixUses(i);
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) matrixUses(a);
        } else if (e instanceof Expr.Binary b) {
            matrixUses(b.left());
            matrixUses(b.right());
        } else if (e instanceof Expr.Unary u) {
            matrixUses(u.operand());
        }
    }

    /** Names in an expression: {@code value} for names used as values, {@code index} for names inside brackets. */
    static void names(Expr e, Consumer<Expr.Name> value, Consumer<Expr.Name> index) {
        if (e instanceof Expr.Name n) {
            value.accept(n);
        } else if (e instanceof Expr.Index ix) {
            names(ix.target(), value, index);
            for (Expr i : ix.indices()) names(i, x -> {
                value.accept(x);
                index.accept(x);
            }, index);
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) names(a, value, index);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), value, index);
            names(b.right(), value, index);
        } else if (e instanceof Expr.Unary u) {
            if (isPlaceholder(u)) return;
            names(u.operand(), value, index);
        }
    }

    /** Local kinds from tags and from whether they depend on data only (2.10, A.3). */
    private void kinds() {
        Map<String, Set<String>> deps = localDeps();
        Set<String> dataOnly = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : definitions.keySet()) {
                if (dataOnly.contains(name)) continue;
                Statement st = definitions.get(name);
                if (st.tag() != null && !st.tag().equals("transdata")) continue;
                boolean ok = true;
                for (String d : deps.get(name)) {
                    Symbol s = symbols.get(d);
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
        for (Map.Entry<String, Statement> e : definitions.entrySet()) {
            Symbol s = symbols.get(e.getKey());
            Statement st = e.getValue();
            String tag = st.tag();
            Kind k;
            if (tag == null) {
                k = dataOnly.contains(s.name()) ? Kind.TRANSFORMED_DATA : Kind.LOCAL;
            } else {
                k = switch (tag) {
                    case "transdata" -> {
                        if (!dataOnly.contains(s.name())) {
                            throw error(st.tagSpan(), "'" + s.name() + "' is tagged transdata> but depends on parameters",
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
            if (firstSample.containsKey(s.name()) && k != Kind.TRANSFORMED_DATA) {
                Statement sample = firstSample.get(s.name());
                throw error(sample.target().span(), "'" + s.name() + "' is computed from parameters on line " + st.span().line()
                        + ", and cannot also have a distribution", "a '~' line is either a prior on a parameter or a likelihood of data");
            }
        }
    }

    private Map<String, Set<String>> localDeps() {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        for (Map.Entry<String, Statement> e : definitions.entrySet()) {
            Set<String> d = new LinkedHashSet<>();
            Statement st = e.getValue();
            names(st.rhs(), n -> d.add(n.name()), n -> { });
            if (st.type() != null) for (Expr x : st.type().dims()) names(x, n -> d.add(n.name()), n -> { });
            d.remove(e.getKey());
            deps.put(e.getKey(), d);
        }
        return deps;
    }

    /** Locals in dependency order (A.4), source order among independent ones. */
    private List<Symbol> orderLocals() {
        Map<String, Set<String>> deps = localDeps();
        for (Map.Entry<String, Statement> e : definitions.entrySet()) {
            Statement st = e.getValue();
            Set<String> self = new HashSet<>();
            names(st.rhs(), n -> self.add(n.name()), n -> { });
            if (self.contains(e.getKey())) {
                throw error(st.rhs().span(), "'" + e.getKey() + "' is defined in terms of itself", null);
            }
            if (st.type() != null) {
                for (Expr dim : st.type().dims()) {
                    names(dim, n -> {
                        if (n.name().equals(e.getKey())) {
                            throw error(n.span(), "the size of '" + e.getKey() + "' cannot depend on '" + e.getKey() + "' itself",
                                    "give its size as a number or another data value");
                        }
                    }, n -> { });
                }
            }
        }
        List<Symbol> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<String> pending = new ArrayList<>(definitions.keySet());
        while (!pending.isEmpty()) {
            String ready = null;
            for (String name : pending) {
                boolean ok = true;
                for (String d : deps.get(name)) {
                    if (definitions.containsKey(d) && !done.contains(d)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    ready = name;
                    break;
                }
            }
            if (ready == null) {
                List<String> lines = new ArrayList<>();
                for (String n : pending) lines.add(n + " (line " + definitions.get(n).span().line() + ")");
                Statement first = definitions.get(pending.get(0));
                throw error(first.span(), "these lines depend on each other in a cycle: " + String.join(", ", lines),
                        "a local cannot be computed from itself, directly or through others");
            }
            pending.remove(ready);
            done.add(ready);
            order.add(symbols.get(ready));
        }
        return order;
    }

    // ------------------------------------------------------------------ shapes

    private void shapeData() {
        for (Symbol s : byKind(Kind.DATA)) {
            if (s.anonymous()) continue;   // made by the compiler, shaped when made
            int rank = schema == null ? -1 : schema.rank(s.name());
            if (rank == 0 || (rank < 0 && usedAsDim.contains(s.name()) && !usedAsIndex.contains(s.name()))) {
                s.shape(Shape.SCALAR);
            } else if (rank == 2 || (rank < 0 && usedAsMatrix.contains(s.name()))) {
                s.shape(new Shape.Matrix(new Size.Dim(s, 0), new Size.Dim(s, 1)));
            } else if (rank > 2) {
                throw error(s.span(), "'" + s.name() + "' has " + rank + " dimensions in the data; arrays beyond matrices "
                        + Unsupported.LATER, null);
            } else {
                s.shape(new Shape.Vector(new Size.Length(s)));
            }
        }
    }

    private void shapeParameters() {
        for (Symbol p : byKind(Kind.PARAMETER)) {
            if (isImputed(p)) continue;   // shaped by its variable's missing values
            Statement st = p.statement();
            Statement.Target t = st.target();
            List<Expr> index = indexOf(t);
            Shape shape;
            if (st.type() != null) {
                if (!index.isEmpty()) {
                    // an array of vectors, vector[K]:v[g]: one row per level, v[g,k] its k-th element
                    if (!List.of("vector", "row_vector").contains(st.type().name()) || index.size() != 1) {
                        throw error(st.target().span(), "an array (" + st.type().name() + "[..]:" + p.name() + "[..]) can be of vectors "
                                + "with one index, vector[K]:" + p.name() + "[g]", null);
                    }
                    Shape.Vector each = (Shape.Vector) declared(st.type(), p);
                    p.shape(new Shape.Matrix(levels(index.get(0), p, "index"), each.length()));
                    p.elem(Elem.REAL);
                    continue;
                }
                shape = declared(st.type(), p);
                Registry.transform(st.type().name()).ifPresent(tr -> p.transform(tr, levels(st.type().dims().get(0), p, "size")));
            } else if (!index.isEmpty()) {
                List<Size> sizes = new ArrayList<>();
                for (Expr i : index) sizes.add(levels(i, p, "index"));
                if (sizes.size() == 1) {
                    shape = new Shape.Vector(sizes.get(0));
                } else if (sizes.size() == 2) {
                    shape = new Shape.Matrix(sizes.get(0), sizes.get(1));
                } else {
                    throw error(st.target().span(), "a parameter can have one index (a vector) or two (a matrix)", null);
                }
            } else {
                if (t instanceof Statement.Target.Element e) {
                    throw error(e.span(), "'" + p.name() + "[[k]]' gives a prior to one element, but '" + p.name()
                            + "' is not declared as a vector on its first line", "declare it there, e.g. vector[2]:" + p.name() + "[[1]] ~ ...");
                }
                shape = Shape.SCALAR;
            }
            p.shape(shape);
            p.elem(Elem.REAL);
        }
        new TypeInference(this::error, symbols, this::levels).infer(program);
    }

    /** A size written in a type or as an index on the left: a literal, an integer data scalar, or an index column (its levels). */
    private Size levels(Expr e, Symbol of, String what) {
        if (e instanceof Expr.Num n) {
            if (!n.integer() || n.value() < 1) {
                throw error(e.span(), "a size must be a whole number of at least 1", null);
            }
            if (what.equals("index")) {
                throw error(e.span(), "a literal index on the left (" + of.name() + "[" + (int) n.value() + "] ~ ...) " + Unsupported.LATER,
                        "to give one element its own prior, element priors name[[k]] ~ ... come later; to declare a vector of "
                                + (int) n.value() + " write vector[" + (int) n.value() + "]:" + of.name() + " ~ ...");
            }
            return new Size.Const((int) n.value());
        }
        if (e instanceof Expr.Name n) {
            Symbol s = redirect.getOrDefault(n.name(), symbols.get(n.name()));
            if (s == null) throw error(e.span(), "unknown name '" + n.name() + "'", null);
            if (!s.isData()) {
                throw error(e.span(), "the size '" + n.name() + "' must be data, but it is a " + s.kind().description, null);
            }
            if (s.kind() == Kind.DATA && s.shape().isScalar()) return new Size.DataScalar(s);
            if (s.kind() == Kind.TRANSFORMED_DATA && derivedIsScalar(s)) return new Size.DataScalar(s);
            return new Size.Levels(s);
        }
        throw error(e.span(), "a size must be a whole number, a data value or an index column", null);
    }

    private boolean derivedIsScalar(Symbol s) {
        if (s.statement() == null) return false;   // made by the compiler (a prediction's shifted index)
        Expr rhs = s.statement().rhs();
        if (rhs instanceof Expr.Num) return true;
        return rhs instanceof Expr.Call c && (c.function().equals("length") || c.function().equals("max") || c.function().equals("sum"));
    }

    private Shape declared(Statement.TypeDecl type, Symbol of) {
        List<Expr> dims = type.dims();
        switch (type.name()) {
            case "real", "int" -> {
                if (dims.isEmpty() || (dims.size() == 1 && dims.get(0) instanceof Expr.Num n && n.value() == 1)) return Shape.SCALAR;
                if (dims.size() == 1) return new Shape.Vector(levels(dims.get(0), of, "size"));
                if (dims.size() == 2) return new Shape.Matrix(levels(dims.get(0), of, "size"), levels(dims.get(1), of, "size"));
                throw error(type.span(), "arrays with more than two dimensions " + Unsupported.LATER, null);
            }
            case "vector", "row_vector" -> {
                if (dims.size() != 1) throw error(type.span(), type.name() + " takes one size: " + type.name() + "[n]", null);
                return new Shape.Vector(levels(dims.get(0), of, "size"));
            }
            case "matrix" -> {
                if (dims.size() != 2) throw error(type.span(), "matrix takes two sizes: matrix[rows, columns]", null);
                return new Shape.Matrix(levels(dims.get(0), of, "size"), levels(dims.get(1), of, "size"));
            }
            default -> {
                ulam.stdlib.TransformSpec t = Registry.transform(type.name()).orElse(null);
                if (t != null) {
                    if (dims.size() != 1) throw error(type.span(), type.name() + " takes one size: " + type.name() + "[K]", null);
                    Size k = levels(dims.get(0), of, "size");
                    return t.shape().startsWith("matrix") ? new Shape.Matrix(k, k) : new Shape.Vector(k);
                }
                String near = nearest(type.name(), List.of("real", "int", "vector", "row_vector", "matrix", "simplex", "ordered",
                        "positive_ordered", "corr_matrix", "cholesky_factor_corr", "cov_matrix", "cholesky_factor_cov"));
                throw error(type.span(), "unknown type '" + type.name() + "'", near != null ? "did you mean '" + near + "'?"
                        : "types are real, int, vector, row_vector and matrix");
            }
        }
    }

    // ------------------------------------------------------------------ constraints (3.5, A.6)

    private void constrain() {
        // 1. the outcome support of each parameter's own prior
        for (Symbol p : byKind(Kind.PARAMETER)) {
            Expr.Call call = (Expr.Call) p.statement().rhs();
            DistributionSpec spec = distribution(call);
            if (p.transform() != null) {
                if (TypeInference.isVectorSupport(spec.outcomeSupport()) && spec.outcomeSupport() != p.transform().support()) {
                    throw error(call.functionSpan(), spec.name() + " is a distribution of a " + spec.outcomeSupport().name().toLowerCase()
                            + ", but '" + p.name() + "' is a " + p.transform().type(), null);
                }
                continue;   // its type's transform keeps it in its support
            }
            if (TypeInference.isVectorSupport(spec.outcomeSupport())) {
                throw error(p.span(), "'" + p.name() + "' needs a type: its prior " + spec.name() + " is a distribution of a "
                        + spec.outcomeSupport().name().toLowerCase(), "declare it, e.g. "
                        + TypeInference.typeName(spec.outcomeSupport()) + "[K]:" + p.name() + " ~ " + spec.name() + "(...)");
            }
            p.constraint(fromSupport(spec.outcomeSupport(), spec, call, "its prior " + spec.name()));
            Statement.Truncation tr = p.statement().truncation();
            if (tr != null) {   // T[L, U] on a prior: the parameter lives in [L, U]
                p.constraint(new Constraint(tr.lower() != null ? bound(tr.lower()) : p.constraint().lower(),
                        tr.upper() != null ? bound(tr.upper()) : p.constraint().upper(), "its truncation T[,]"));
            }
        }
        // (custom(...) and mixture(...) lines impose no constraint: their parts are expressions)
        // 2. a bare parameter name as an argument, if it has no constraint yet (priors and likelihoods)
        for (Statement st : program.statements()) {
            if (st.op() != Statement.Op.SAMPLE || isEscape((Expr.Call) st.rhs())) continue;
            Expr.Call call = (Expr.Call) st.rhs();
            DistributionSpec spec = distribution(call);
            for (int k = 0; k < Math.min(spec.arity(), call.args().size()); k++) {
                if (!(call.args().get(k) instanceof Expr.Name n)) continue;
                Symbol s = symbols.get(n.name());
                if (s == null || s.kind() != Kind.PARAMETER || !s.constraint().isNone() || s.transform() != null) continue;
                Support sup = spec.args().get(k).support();
                if (TypeInference.isVectorSupport(sup)) continue;
                s.constraint(fromSupport(sup, spec, call, "the " + spec.args().get(k).name() + " of " + spec.name()));
            }
        }
        // 3. constraints=list(name = "lower=0") in the wrapper
        for (Map.Entry<String, Program.Option> e : constraintOverrides.entrySet()) {
            Symbol s = symbols.get(e.getKey());
            Program.Option o = e.getValue();
            if (s == null || s.kind() != Kind.PARAMETER) {
                throw error(o.span(), "constraints= names '" + e.getKey() + "', which is not a parameter", null);
            }
            if (!(o.value() instanceof Expr.Str str)) {
                throw error(o.span(), "a constraint is text such as \"lower=0\" or \"lower=0,upper=1\"", null);
            }
            s.constraint(parseConstraint(str.value(), o.span()));
        }
    }

    private Constraint parseConstraint(String text, Span span) {
        TExpr lower = null;
        TExpr upper = null;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) throw error(span, "cannot read the constraint \"" + text + "\"", "write \"lower=0\" or \"lower=0,upper=1\"");
            double v;
            try {
                v = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException ex) {
                throw error(span, "the bound in \"" + text + "\" is not a number", null);
            }
            switch (kv[0].trim()) {
                case "lower" -> lower = new TExpr.Num(v, Elem.REAL);
                case "upper" -> upper = new TExpr.Num(v, Elem.REAL);
                default -> throw error(span, "unknown bound '" + kv[0].trim() + "'", "bounds are lower and upper");
            }
        }
        return new Constraint(lower, upper, "constraints=list(...)");
    }

    private Constraint fromSupport(Support support, DistributionSpec spec, Expr.Call call, String origin) {
        switch (support) {
            case REAL -> { return Constraint.NONE; }
            case POSITIVE -> { return new Constraint(new TExpr.Num(0, Elem.REAL), null, origin); }
            case UNIT -> { return new Constraint(new TExpr.Num(0, Elem.REAL), new TExpr.Num(1, Elem.REAL), origin); }
            case ARG_BOUNDS -> {
                TExpr lo = bound(call.args().get(spec.lowerArg()));
                TExpr hi = bound(call.args().get(spec.upperArg()));
                return new Constraint(lo, hi, origin);
            }
            default -> throw error(call.span(), "the support of " + spec.name() + " " + Unsupported.LATER, null);
        }
    }

    private TExpr bound(Expr e) {
        TExpr t = typer.expr(e, Typer.Ctx.scalar(true, false));
        if (!Typer.dataOnly(t)) throw error(e.span(), "a bound must be a number or data", null);
        return t;
    }

    private boolean isImputed(Symbol p) {
        for (Symbol[] x : imputations.values()) if (x[0] == p) return true;
        return false;
    }

    /** {@code custom(expr)} and {@code mixture(theta, d1(..), d2(..))}: log densities written as expressions. */
    static boolean isEscape(Expr.Call call) {
        return List.of("custom", "dcustom", "mixture", "dmixture").contains(call.function());
    }

    private DistributionSpec distribution(Expr.Call call) {
        return typer.distributionOf(call);
    }

    // ------------------------------------------------------------------ locals

    private void typeLocal(Symbol s) {
        Statement st = s.statement();
        boolean data = s.kind() == Kind.TRANSFORMED_DATA;
        boolean gq = s.kind() == Kind.GENERATED;
        Expr rhs = st.rhs();
        String link = st.target() instanceof Statement.Target.Link l ? l.link() : null;
        if (data && st.type() == null && link == null && wholeVectorDataFunction(s, rhs)) {
            return;
        }
        if (link == null && ArrayTyper.needsArray(rhs)) {
            // matrix algebra, concatenation, library functions of arrays: computed into an array
            AExpr a = arrays.array(rhs, Typer.Ctx.scalar(data, gq));
            Shape shape = a.shape();
            if (st.type() != null) {
                Shape decl = declared(st.type(), s);
                sameShapeAs(decl, shape, st.type().span());
                shape = decl;
            }
            s.shape(shape);
            s.elem(Elem.REAL);
            s.defineArray(a);
            rowLocal.put(s, false);
            return;
        }
        Shape shape;
        Typer.Ctx ctx;
        Loop loop = null;
        boolean rows = false;
        if (st.type() != null) {
            shape = declared(st.type(), s);
            if (shape.isScalar()) {
                ctx = Typer.Ctx.scalar(data, gq);
            } else {
                loop = typer.newLoop("i", shape.count());
                rows = st.op() == Statement.Op.ASSIGN && shape instanceof Shape.Vector;
                ctx = rows ? Typer.Ctx.rows(loop, data, gq) : Typer.Ctx.elements(loop, shape, data, gq);
            }
        } else {
            Symbol rowSource = st.op() == Statement.Op.ASSIGN ? firstRowVector(rhs) : null;
            if (rowSource != null) {
                Size count = rowSource.isData() ? new Size.Length(rowSource) : rowSource.loop().count();
                loop = typer.newLoop("i", count);
                rows = true;
                shape = data ? new Shape.Vector(new Size.Length(s)) : new Shape.Vector(count);
                ctx = Typer.Ctx.rows(loop, data, gq);
            } else {
                shape = wholeShape(rhs);
                if (shape.isScalar()) {
                    ctx = Typer.Ctx.scalar(data, gq);
                } else {
                    loop = typer.newLoop("i", shape.count());
                    ctx = Typer.Ctx.elements(loop, shape, data, gq);
                }
            }
        }
        TExpr value = typer.expr(rhs, ctx);
        if (value.elem() == Elem.STRING) {   // derived text reached the IR as a number (IllegalArgumentException)
            throw error(rhs.span(), data ? "a derived value holding text is not supported yet" : "text can only be used in derived data",
                    data ? "compare the text where it is used, e.g. G <- ifelse(pred == \"no\", 1, 2)" : null);
        }
        if (link != null) {
            FunctionSpec inv = Registry.function(INVERSE_LINKS.get(link)).orElseThrow();
            value = new TExpr.Call(inv, List.of(value.elem() == Elem.BOOL ? new TExpr.IfElse(value, new TExpr.Num(1, Elem.INT),
                    new TExpr.Num(0, Elem.INT), Elem.INT) : value));
        }
        if (data && shape instanceof Shape.Vector && rows) shape = new Shape.Vector(new Size.Length(s));
        s.shape(shape);
        s.elem(value.elem() == Elem.BOOL ? Elem.INT : value.elem());
        s.define(loop, value);
        s.link(link);
        rowLocal.put(s, rows);
    }

    private void sameShapeAs(Shape declared, Shape actual, Span at) {
        if (declared instanceof Shape.Vector d && actual instanceof Shape.Vector a) {
            typer.sameSize(d.length(), a.length(), "the declared length and the value's", at);
        } else if (declared instanceof Shape.Matrix d && actual instanceof Shape.Matrix a) {
            typer.sameSize(d.rows(), a.rows(), "the declared rows and the value's", at);
            typer.sameSize(d.cols(), a.cols(), "the declared columns and the value's", at);
        } else {
            throw error(at, "declared a " + declared + " but the value is a " + actual, null);
        }
    }

    /** {@code x <- standardize(y)}, {@code t <- 1:N}, {@code k <- as_index(g)}: computed as a whole. */
    private boolean wholeVectorDataFunction(Symbol s, Expr rhs) {
        if (rhs instanceof Expr.Binary b && b.op() == Expr.BinaryOp.RANGE) {
            TExpr from = typer.toInt(typer.expr(b.left(), Typer.Ctx.scalar(true, false)), b.left().span(), "the start of a:b");
            TExpr to = typer.toInt(typer.expr(b.right(), Typer.Ctx.scalar(true, false)), b.right().span(), "the end of a:b");
            FunctionSpec seq = Registry.function("seq").orElseThrow();
            s.defineByFunction(seq.method(), List.of(from, to));
            s.shape(new Shape.Vector(new Size.Length(s)));
            s.elem(Elem.INT);
            return true;
        }
        if (rhs instanceof Expr.Call c) {
            FunctionSpec f = Registry.function(c.function()).orElse(null);
            if (f == null || f.kind() != FunctionSpec.Kind.DATA) return false;
            if (List.of("mean", "sd", "length").contains(f.name())) return false;
            if (c.args().size() != f.arity()) {
                throw error(c.span(), "'" + c.function() + "' takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s"), null);
            }
            List<TExpr> args = new ArrayList<>();
            if (f.name().equals("as_index") && c.args().get(0) instanceof Expr.Name n
                    && symbols.get(n.name()) != null && symbols.get(n.name()).kind() == Kind.DATA) {
                // a data column is coded when read: text in R's factor order, numbers by rank
                args.add(new TExpr.Str(n.name()));
                s.defineByFunction(COLUMN_INDEX, args);
                s.shape(new Shape.Vector(new Size.Length(s)));
                s.elem(Elem.INT);
                return true;
            }
            for (Expr a : c.args()) args.add(typer.wholeData(a, Typer.Ctx.scalar(true, false), f));
            s.defineByFunction(f.method(), args);
            s.shape(new Shape.Vector(new Size.Length(s)));
            s.elem(f.name().equals("as_index") || f.name().equals("seq") ? Elem.INT : Elem.REAL);
            return true;
        }
        return false;
    }

    /** The first data vector or row-wise local in an expression, read left to right (3.4). */
    private Symbol firstRowVector(Expr e) {
        Symbol[] found = {null};
        names(e, n -> {
            if (found[0] != null) return;
            Symbol s = symbols.get(n.name());
            if (s == null) return;
            if (s.isData() && s.shape() instanceof Shape.Vector) found[0] = s;
            else if (Boolean.TRUE.equals(rowLocal.get(s)) && s.kind() != Kind.TRANSFORMED_DATA) found[0] = s;
        }, n -> { });
        return found[0];
    }

    /** The shape of a whole-vector expression: the first non-scalar name not under an index. */
    private Shape wholeShape(Expr e) {
        if (e instanceof Expr.Name n) {
            Symbol s = symbols.get(n.name());
            return s == null ? Shape.SCALAR : s.shape();
        }
        if (e instanceof Expr.Index) return Shape.SCALAR;
        List<Expr> kids = new ArrayList<>();
        if (e instanceof Expr.Call c) {
            FunctionSpec f = Registry.function(c.function()).orElse(null);
            if (f != null && f.kind() != FunctionSpec.Kind.SCALAR) return Shape.SCALAR;
            kids.addAll(c.args());
        } else if (e instanceof Expr.Binary b) {
            kids.add(b.left());
            kids.add(b.right());
        } else if (e instanceof Expr.Unary u) {
            kids.add(u.operand());
        }
        for (Expr k : kids) {
            Shape s = wholeShape(k);
            if (!s.isScalar()) return s;
        }
        return Shape.SCALAR;
    }

    // ------------------------------------------------------------------ '~' lines

    private List<Term> typeTerms() {
        List<Term> terms = new ArrayList<>();
        for (Statement st : program.statements()) {
            if (st.op() != Statement.Op.SAMPLE) continue;
            Expr.Call call = (Expr.Call) st.rhs();
            if (st.target() instanceof Statement.Target.Stack stack && !isEscape(call) && !typer.distributionOf(call).scalarOutcome()) {
                Symbol first = symbols.get(stack.names().get(0).name());
                terms.add(first.isData() ? stackedOutcomes(st, stack, call) : stacked(st, stack, call));
                continue;
            }
            for (Expr.Name n : targetNames(st.target())) {
                Symbol s = symbols.get(n.name());
                if (s.isData()) {
                    terms.add(likelihood(st, s, n, call));
                } else {
                    terms.add(prior(st, s, n, call));
                }
            }
        }
        return terms;
    }

    /**
     * {@code c(a, b)[g] ~ multi_normal(...)} (language reference 6.2): for each level g the vector
     * (a[g], b[g]) has the distribution; the parameters side by side are computed into a matrix
     * with one column per level, and the term runs over its columns.
     */
    private Term stacked(Statement st, Statement.Target.Stack stack, Expr.Call call) {
        List<Symbol> parts = new ArrayList<>();
        for (Expr.Name n : stack.names()) {
            Symbol s = symbols.get(n.name());
            if (s.kind() != Kind.PARAMETER || s.statement() != st) {
                throw error(n.span(), "'" + n.name() + "' in c(...) on the left of a " + typer.distributionOf(call).name()
                        + " line must be a parameter that this line introduces", null);
            }
            parts.add(s);
        }
        int k = parts.size();
        Shape one = parts.get(0).shape();
        if (!(one instanceof Shape.Vector v)) {
            throw error(stack.span(), "c(...)[g] ~ " + call.function() + " needs an index after c(...): c(a, b)[g]", null);
        }
        Size levels = v.length();
        List<Object> wholes = new ArrayList<>();
        for (Symbol s : parts) wholes.add(new AExpr.Whole(s));
        AExpr side = new AExpr.Concat(wholes, new Shape.Matrix(levels, new Size.Const(k)), true);
        return rowsTerm(st, parts.get(0), arrays.materialize(side, Kind.LOCAL), call, stack.span());
    }

    /**
     * {@code Y ~ multinomial(theta)} with Y a data matrix of counts (one row per observation, one
     * column per category): each row is an outcome. The rows are copied one after another when the
     * data are bound, so that each is contiguous.
     */
    private Term countRows(Statement st, Symbol y, Expr.Name n, Expr.Call call) {
        if (!(y.shape() instanceof Shape.Matrix m)) {
            throw error(n.span(), "the outcome of " + typer.distributionOf(call).name() + " is a matrix of counts, one row per "
                    + "observation and one column per category; '" + y.name() + "' is a " + y.shape(),
                    "give it as JSON nested arrays, or a CSV with --data-matrix " + y.name() + "=FILE");
        }
        Symbol rows = new Symbol("#" + y.name() + "_rows", Kind.TRANSFORMED_DATA);
        rows.defineByFunction(ulam.runtime.model.ModelSupport.class, "rowMajor",
                List.of(new TExpr.Ref(y, null, Elem.INT), new TExpr.SizeOf(m.rows())));
        rows.shape(new Shape.Vector(new Size.Length(rows)));
        rows.elem(Elem.INT);
        symbols.put(rows.name(), rows);
        made.add(rows);
        Loop loop = typer.newLoop("i", m.rows());
        TExpr k = m.cols().constant() >= 0 ? new TExpr.Num(m.cols().constant(), Elem.INT) : new TExpr.SizeOf(m.cols());
        TExpr outcome = new TExpr.Slice(rows, new TExpr.Arith(TExpr.Op.MUL, new TExpr.LoopIndex(loop), k, Elem.INT),
                new Shape.Vector(m.cols()), Elem.INT);
        Typer.Ctx ctx = Typer.Ctx.rows(loop, false, prediction != null);
        return new Term(st, y, true, loop, typer.densityTerm(call, outcome, n.span(), ctx), null);
    }

    /**
     * {@code c(W, E) ~ multi_normal(c(muW, muE), Rho, Sigma)} with data outcomes (book m14.6): in
     * each row the vector (W[i], E[i]) has the distribution, its arguments read at the row.
     */
    private Term stackedOutcomes(Statement st, Statement.Target.Stack stack, Expr.Call call) {
        List<Object> wholes = new ArrayList<>();
        Size rows = null;
        for (Expr.Name n : stack.names()) {
            Symbol s = symbols.get(n.name());
            if (!s.isData() || !(s.shape() instanceof Shape.Vector v)) {
                throw error(n.span(), "c(...) on the left of a " + typer.distributionOf(call).name() + " line holds data columns "
                        + "or parameters, not both; '" + n.name() + "' is a " + s.kind().description, null);
            }
            if (rows == null) rows = v.length();
            else typer.sameSize(rows, v.length(), "the lengths of the outcomes in c(...)", n.span());
            wholes.add(new AExpr.Whole(s));
        }
        int k = wholes.size();
        Symbol byRows = arrays.materialize(new AExpr.Concat(wholes, new Shape.Matrix(rows, new Size.Const(k)), true), Kind.LOCAL);
        Symbol columns = arrays.materialize(new AExpr.Transpose(new AExpr.Whole(byRows), new Shape.Matrix(new Size.Const(k), rows)),
                Kind.LOCAL);
        Loop loop = typer.newLoop("i", rows);
        TExpr offset = new TExpr.Arith(TExpr.Op.MUL, new TExpr.LoopIndex(loop), new TExpr.Num(k, Elem.INT), Elem.INT);
        TExpr outcome = new TExpr.Slice(columns, offset, new Shape.Vector(new Size.Const(k)), Elem.REAL);
        Typer.Ctx ctx = Typer.Ctx.rows(loop, false, prediction != null);
        Symbol y = symbols.get(stack.names().get(0).name());
        return new Term(st, y, true, loop, typer.densityTerm(call, outcome, stack.span(), ctx), null);
    }

    /**
     * A vector distribution of each row of a matrix of parameters (levels × K: stacked vectors
     * side by side, or an array of vectors {@code vector[K]:v[g]}): the matrix is transposed into
     * one contiguous column per level, and the term runs over the columns.
     */
    private Term rowsTerm(Statement st, Symbol lhs, Symbol byRows, Expr.Call call, Span span) {
        Shape.Matrix m = (Shape.Matrix) byRows.shape();
        Symbol columns = arrays.materialize(new AExpr.Transpose(new AExpr.Whole(byRows), new Shape.Matrix(m.cols(), m.rows())),
                Kind.LOCAL);
        Loop loop = typer.newLoop("g", m.rows());
        TExpr k = m.cols().constant() >= 0 ? new TExpr.Num(m.cols().constant(), Elem.INT) : new TExpr.SizeOf(m.cols());
        TExpr offset = new TExpr.Arith(TExpr.Op.MUL, new TExpr.LoopIndex(loop), k, Elem.INT);
        TExpr outcome = new TExpr.Slice(columns, offset, new Shape.Vector(m.cols()), Elem.REAL);
        boolean draws = prediction != null;
        return new Term(st, lhs, false, loop, typer.densityTerm(call, outcome, span, Typer.Ctx.scalar(false, draws)), null);
    }

    private Term likelihood(Statement st, Symbol y, Expr.Name n, Expr.Call call) {
        if (!isEscape(call) && typer.distributionOf(call).outcomeShape().startsWith("int[") && indexOf(st.target()).isEmpty()
                && st.target() instanceof Statement.Target.Symbol) {
            return countRows(st, y, n, call);
        }
        if (!isEscape(call) && !typer.distributionOf(call).scalarOutcome() && indexOf(st.target()).isEmpty()
                && st.target() instanceof Statement.Target.Symbol) {
            // a whole data vector as one outcome (y ~ multi_normal(0, K)): one term, one observation
            if (st.type() != null) sameShapeAs(declared(st.type(), y), y.shape(), st.type().span());
            TExpr whole = new TExpr.Slice(y, new TExpr.Num(0, Elem.INT), y.shape(), Elem.REAL);
            return new Term(st, y, true, null, typer.densityTerm(call, whole, n.span(), Typer.Ctx.scalar(false, prediction != null)), null);
        }
        if (st.type() != null) {
            throw error(st.type().span(), "'" + y.name() + "' is data: it needs no type", "remove '" + st.type().name() + "[..]:'");
        }
        if (!indexOf(st.target()).isEmpty() || st.target() instanceof Statement.Target.Element) {
            throw error(st.target().span(), "'" + y.name() + "' is data: a '~' line on it runs over every row by itself",
                    "write '" + y.name() + " ~ ...' without an index");
        }
        if (st.target() instanceof Statement.Target.Stack) {
            throw error(st.target().span(), "several data outcomes in one line (c(y1, y2) ~ ...) " + Unsupported.LATER, null);
        }
        Loop loop = null;
        boolean draws = prediction != null;   // a prediction program turns these lines into random draws
        Typer.Ctx ctx = Typer.Ctx.scalar(false, draws);
        Symbol read = redirect.getOrDefault(y.name(), y);   // an imputed outcome reads its merged value
        TExpr outcome = new TExpr.Ref(read, null, Elem.REAL);
        if (!y.shape().isScalar()) {
            if (!(y.shape() instanceof Shape.Vector)) throw error(n.span(), "a matrix outcome " + Unsupported.LATER, null);
            loop = typer.newLoop("i", new Size.Length(y));
            ctx = Typer.Ctx.rows(loop, false, draws);
            outcome = new TExpr.Ref(read, new TExpr.LoopIndex(loop), Elem.REAL);
        }
        TExpr condition = null;
        if (st.condition() != null) {
            condition = typer.expr(st.condition(), ctx.withOutcome(outcome));
            if (condition.elem() != Elem.BOOL || !Typer.dataOnly(condition)) {
                throw error(st.condition().span(), "the condition of '" + y.name() + " | ...' must be a test on data, such as "
                        + y.name() + " == 0", null);
            }
        }
        return new Term(st, y, true, loop, truncate(st, value(call, outcome, n.span(), ctx), ctx), condition);
    }

    /** The log density of one element: a distribution, or a custom(...) or mixture(...) expression. */
    private TExpr value(Expr.Call call, TExpr outcome, Span outcomeSpan, Typer.Ctx ctx) {
        switch (call.function()) {
            case "custom", "dcustom" -> {
                if (call.args().size() != 1) {
                    throw error(call.span(), "custom(...) takes one expression: the log density of one observation",
                            "write y ~ custom(expression), with !Y standing for the observation");
                }
                TExpr v = typer.expr(call.args().get(0), ctx.withOutcome(outcome));
                if (v.elem() == Elem.STRING || v.elem() == Elem.BOOL) {
                    throw error(call.args().get(0).span(), "custom(...) needs a number: the log density", null);
                }
                return v;
            }
            case "mixture", "dmixture" -> {
                return typer.mixture(call, outcome, outcomeSpan, ctx);
            }
            default -> {
                return typer.densityTerm(call, outcome, outcomeSpan, ctx);
            }
        }
    }

    private Term prior(Statement st, Symbol p, Expr.Name n, Expr.Call call) {
        boolean draws = prediction != null;
        if (isEscape(call)) {
            throw error(call.functionSpan(), call.function() + "(...) lines are for data, not parameters", null);
        }
        if (st.condition() != null) {
            throw error(st.condition().span(), "a condition 'x | ...' only applies to data outcomes", null);
        }
        if (p.statement() != st && (st.type() != null || !indexOf(st.target()).isEmpty())) {
            Shape again = st.type() != null ? declared(st.type(), p) : null;
            if (again != null && !again.toString().equals(p.shape().toString())) {
                throw error(st.target().span(), "'" + p.name() + "' was declared " + p.shape() + " on line "
                        + p.statement().span().line() + " but " + again + " here", "declare it once");
            }
        }
        if (st.target() instanceof Statement.Target.Element e) {
            // v[[k]] ~ dist(...): a prior on one element
            if (!(e.element() instanceof Expr.Num k) || !k.integer() || k.value() < 1) {
                throw error(e.element().span(), "the element in " + p.name() + "[[k]] must be a whole number from 1 up", null);
            }
            if (!(p.shape() instanceof Shape.Vector v)) {
                throw error(e.span(), "'" + p.name() + "' is a " + p.shape() + "; [[k]] selects an element of a vector", null);
            }
            int c = v.length().constant();
            if (c >= 0 && k.value() > c) {
                throw error(e.element().span(), "'" + p.name() + "' has " + c + " elements; there is no element " + (int) k.value(), null);
            }
            if (c < 0) checks.add(new Check.LiteralRange((int) k.value(), v.length(), p, e.element().span()));
            TExpr outcome = new TExpr.Ref(p, new TExpr.Num(k.value() - 1, Elem.INT), Elem.REAL);
            return new Term(st, p, false, null, typer.density(call, outcome, n.span(), Typer.Ctx.scalar(false, draws)), null);
        }
        if (!typer.distributionOf(call).scalarOutcome() && !indexOf(st.target()).isEmpty() && p.shape() instanceof Shape.Matrix) {
            return rowsTerm(st, p, p, call, st.target().span());   // vector[K]:v[g] ~ multi_normal(...)
        }
        if (!typer.distributionOf(call).scalarOutcome()) {
            // a distribution of a whole vector or matrix (multi_normal, lkj_corr, dirichlet): one term
            TExpr whole = new TExpr.Slice(p, new TExpr.Num(0, Elem.INT), p.shape(), Elem.REAL);
            return new Term(st, p, false, null, typer.densityTerm(call, whole, n.span(), Typer.Ctx.scalar(false, draws)), null);
        }
        if (p.shape().isScalar()) {
            Typer.Ctx ctx = Typer.Ctx.scalar(false, draws);
            TExpr.Density d = typer.density(call, new TExpr.Ref(p, null, Elem.REAL), n.span(), ctx);
            return new Term(st, p, false, null, truncate(st, d, ctx), null);
        }
        Loop loop = typer.newLoop("j", p.shape().count());
        TExpr outcome = new TExpr.Ref(p, new TExpr.LoopIndex(loop), Elem.REAL);
        Typer.Ctx ctx = Typer.Ctx.elements(loop, p.shape(), false, draws);
        TExpr.Density d = typer.density(call, outcome, n.span(), ctx);
        return new Term(st, p, false, loop, truncate(st, d, ctx), null);
    }

    /**
     * {@code y ~ dist(...) T[L, U]} (Stan reference manual, "Truncated distributions"; ulam issues
     * #183, #451): the density renormalised to [L, U] by subtracting
     * {@code log(F(U) - F(L))}, or {@code log(1 - F(L))} / {@code log F(U)} with one bound; for a
     * count outcome the lower bound is included ({@code log(1 - F(L - 1))}).
     */
    private TExpr truncate(Statement st, TExpr value, Typer.Ctx ctx) {
        Statement.Truncation tr = st.truncation();
        if (tr == null) return value;
        if (!(value instanceof TExpr.Density d)) {
            throw error(tr.span(), "truncation T[L, U] applies to a distribution of single values such as dnorm(mu, sigma)", null);
        }
        if (tr.lower() == null && tr.upper() == null) {
            throw error(tr.span(), "T[,] needs a lower or an upper bound", "e.g. T[0, ] or T[, 10]");
        }
        Expr.Call call = (Expr.Call) st.rhs();
        boolean count = d.distribution().outcome() == ulam.stdlib.ValueType.INT;
        TExpr lower = null;
        if (tr.lower() != null) {
            lower = typer.numeric(typer.expr(tr.lower(), ctx), tr.lower().span());
            if (count) lower = new TExpr.Arith(TExpr.Op.SUB, lower, new TExpr.Num(1, Elem.INT), lower.elem());
        }
        TExpr norm;
        if (tr.upper() != null) {
            TExpr upper = typer.numeric(typer.expr(tr.upper(), ctx), tr.upper().span());
            TExpr below = typer.cdf(call, upper, tr.upper().span(), false, ctx);
            norm = lower == null ? below : new TExpr.Call(Registry.function("log_diff_exp").orElseThrow(),
                    List.of(below, typer.cdf(call, lower, tr.lower().span(), false, ctx)));
        } else {
            norm = typer.cdf(call, lower, tr.lower().span(), true, ctx);
        }
        return new TExpr.Arith(TExpr.Op.SUB, d, norm, Elem.REAL);
    }

    // ------------------------------------------------------------------ views of data

    /** How each data value is read: as integers, reals or text, from every use. */
    private void assignViews(List<Term> terms) {
        List<TExpr> all = new ArrayList<>();
        for (Term t : terms) {
            all.add(t.value());
            if (t.condition() != null) all.add(t.condition());
        }
        List<Size> arraySizes = new ArrayList<>();
        Set<Symbol> wholeData = new HashSet<>();   // data read as whole arrays by library code: real arrays
        for (Symbol s : symbols.values()) {
            if (s.array() != null) ArrayTyper.wholes(s.array(), wholeData);
            if (s.array() != null) ArrayTyper.parts(s.array(), all, arraySizes);
            if (s.value() != null) all.add(s.value());
            if (s.dataFunctionArgs() != null) all.addAll(s.dataFunctionArgs());
            if (s.constraint().lower() != null) all.add(s.constraint().lower());
            if (s.constraint().upper() != null) all.add(s.constraint().upper());
        }
        for (TExpr e : all) {
            TExprs.walk(e, x -> {
                if (x instanceof TExpr.Ref r && r.symbol().isData()) need(r.symbol(), r.elem());
                if (x instanceof TExpr.SizeOf sz) sizeViews(sz.size());
                if (x instanceof TExpr.Reduce rd) sizeViews(rd.loop().count());
                if (x instanceof TExpr.Slice sl && sl.symbol().isData()) {
                    if (sl.elem() == Elem.INT) need(sl.symbol(), Elem.INT);
                    else wholeData.add(sl.symbol());
                }
            });
        }
        for (Symbol s : wholeData) if (s.kind() == Kind.DATA) s.view(Elem.REAL);
        for (Size z : arraySizes) sizeViews(z);
        for (Symbol s : symbols.values()) {
            sizeViews(s.shape().count());
            if (s.loop() != null) sizeViews(s.loop().count());
        }
        for (Term t : terms) if (t.loop() != null) sizeViews(t.loop().count());
        for (Check c : checks) {
            if (c instanceof Check.IndexRange r) need(r.index(), Elem.INT);
        }
        for (Symbol s : byKind(Kind.DATA)) {
            if (schema != null && schema.integers().contains(s.name()) && !wholeData.contains(s) && s.views().remove(Elem.REAL)) {
                s.view(Elem.INT);   // whole numbers used as reals: read as integers, converted on use
            }
            s.elem(s.views().contains(Elem.INT) ? Elem.INT : s.views().contains(Elem.REAL) ? Elem.REAL : Elem.STRING);
        }
    }

    private void need(Symbol s, Elem elem) {
        if (s.kind() == Kind.DATA) {
            s.view(elem == Elem.BOOL ? Elem.INT : elem);
        } else if (s.kind() == Kind.TRANSFORMED_DATA) {
            if (elem == Elem.INT && s.elem() == Elem.REAL) s.view(Elem.INT);   // computed as reals, read as integers
        }
    }

    private void sizeViews(Size size) {
        if (size instanceof Size.Levels l) need(l.symbol(), Elem.INT);
        else if (size instanceof Size.DataScalar d) need(d.symbol(), Elem.INT);
        else if (size instanceof Size.Product p) {
            sizeViews(p.left());
            sizeViews(p.right());
        } else if (size instanceof Size.Sum p) {
            sizeViews(p.left());
            sizeViews(p.right());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The nearest candidate by edit distance, if close enough to be a likely typo. */
    static String nearest(String word, List<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = Registry.editDistance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, word.length() / 3) ? best : null;
    }
}
