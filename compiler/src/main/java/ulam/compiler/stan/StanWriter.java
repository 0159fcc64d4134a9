package ulam.compiler.stan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.compiler.check.AExpr;
import ulam.compiler.check.ArrayArg;
import ulam.compiler.check.Kind;
import ulam.compiler.check.Loop;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Shape;
import ulam.compiler.check.Size;
import ulam.compiler.check.Symbol;
import ulam.compiler.check.TExpr;
import ulam.compiler.check.TExprs;
import ulam.compiler.check.Term;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Support;

/**
 * Writes a checked model as a Stan program, block by block.
 *
 * <ul>
 *   <li>{@code functions}: definitions of what Stan lacks or gets wrong, only when used
 *       ({@link StanFunctions#definition}: betabinomial, zipoisson, cov_GPL2).</li>
 *   <li>{@code data}: the sizes ({@link StanSizes}), then the data and derived data the program
 *       reads. Derived data ({@code T <- 1 + prosoc_left + 2*condition}, {@code standardize},
 *       {@code as_index}) are declared as data: ulam computes them ({@code --data-out}), as R users
 *       of rethinking compute them before calling ulam. Tests on text are exported the same way.</li>
 *   <li>{@code parameters}: in the model's order (the order of the unconstrained vector), with
 *       their constraints; a constrained type ({@code simplex}, {@code ordered},
 *       {@code corr_matrix}, {@code cholesky_factor_corr}) by Stan's type of that name.</li>
 *   <li>{@code transformed parameters}: {@code transpars>} and {@code save>} values, with any model
 *       locals they need computed in a nested block (so they are not reported).</li>
 *   <li>{@code model}: the locals the {@code ~} lines read, then one statement per line in source
 *       order: {@code y ~ dist(...)} (one statement for the whole vector where Stan can say it,
 *       else a loop), {@code target += ...} for {@code custom(...)} lines and truncated densities
 *       whose arguments hold parameters; {@code if (...)} for conditional lines.</li>
 *   <li>{@code generated quantities}: {@code gq>} values and, when asked, {@code log_lik} (the
 *       pointwise log-likelihood of the first outcome; {@code log_lik_y} of another outcome y),
 *       with model locals recomputed in a nested block.</li>
 * </ul>
 *
 * <p>What Stan cannot say (yet) is refused with a located "stancode does not support ... yet".
 */
final class StanWriter {

    private static final Set<String> PLAIN_TYPES = Set.of("real", "int", "vector", "row_vector", "matrix");

    private final ModelSpec spec;
    private final StanNames names;
    private final StanExpr ex;
    private final StanSyntax syntax;
    private final boolean logLik;
    private final String iVar;
    private final String jVar;
    private Span at;

    private StanWriter(ModelSpec spec, StanSyntax syntax, boolean logLik) {
        this.spec = spec;
        this.syntax = syntax;
        this.logLik = logLik;
        this.names = new StanNames(spec);
        this.ex = new StanExpr(spec, names, syntax);
        this.iVar = names.fresh("i");
        this.jVar = names.fresh("j");
    }

    /**
     * The Stan program of a model.
     *
     * @param logLik whether generated quantities hold the pointwise log-likelihood
     * @throws ulam.runtime.UlamException at the model line of a construct Stan cannot be given yet
     */
    static StanProgram write(ModelSpec spec, StanSyntax syntax, boolean logLik) {
        return new StanWriter(spec, syntax, logLik).run();
    }

    private StanProgram run() {
        try {
            guard();
            Lines parameters = parameters();
            Set<Symbol> visible = new HashSet<>(spec.parameters());
            List<Symbol> tpReported = spec.generated().stream()
                    .filter(s -> s.kind() == Kind.TRANSFORMED_PARAMETER || s.kind() == Kind.SAVED).toList();
            Lines tp = reportedBlock(tpReported, List.of(), visible, new Lines());
            visible.addAll(tpReported);
            Lines model = model(visible);
            List<Symbol> gqReported = spec.generated().stream().filter(s -> s.kind() == Kind.GENERATED && !s.anonymous()).toList();
            Lines gq = generated(gqReported, visible);
            at = null;
            Lines data = data();
            StringBuilder sb = new StringBuilder();
            sb.append("// ").append(spec.source().file()).append(": written by ulam stancode")
                    .append(syntax == StanSyntax.STAN_2_21 ? " (Stan 2.21 syntax)" : "").append('\n');
            Lines functions = new Lines();
            for (String fn : ex.functions()) {
                for (String l : StanFunctions.definition(fn)) functions.add(l);
            }
            block(sb, "functions", functions);
            block(sb, "data", data);
            block(sb, "parameters", parameters);
            block(sb, "transformed parameters", tp);
            block(sb, "model", model);
            block(sb, "generated quantities", gq);
            return new StanProgram(sb.toString(), spec, names.modelNames(), declaredData, ex.sizes().used(), ex.hoisted(),
                    logLikNames);
        } catch (StanUnsupported u) {
            throw spec.source().error(at, "stancode does not support " + u.what() + " yet",
                    "ulam run samples this model; the Stan program cannot be written for it");
        }
    }

    private static void block(StringBuilder sb, String name, Lines body) {
        if (body.isEmpty() && !name.equals("parameters") && !name.equals("model")) return;
        sb.append(name).append(" {\n").append(indent(body)).append("}\n");
    }

    private static String indent(Lines body) {
        StringBuilder sb = new StringBuilder();
        for (String l : body.toString().split("\n", -1)) {
            if (!l.isEmpty()) sb.append("  ").append(l).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ forms Stan cannot be given yet

    private void guard() {
        for (Statement st : spec.program().statements()) {
            at = st.span();
            if (st.truncation() != null) {
                at = st.truncation().span();
                throw new StanUnsupported("truncation T[lower, upper]");
            }
            if (st.type() != null && !PLAIN_TYPES.contains(st.type().name()) && !constrainedParameter(st)) {
                at = st.type().span();
                throw new StanUnsupported("the type " + st.type().name());
            }
        }
        for (Symbol p : spec.parameters()) {
            at = p.span();
            if (p.transform() != null) continue;   // declared with its constrained type
            if (p.statement() != null && p.statement().rhs() instanceof Expr.Call c) {
                DistributionSpec d = Registry.distribution(c.function()).orElse(null);
                Support s = d == null ? Support.REAL : d.outcomeSupport();
                if (s != Support.REAL && s != Support.POSITIVE && s != Support.UNIT && s != Support.ARG_BOUNDS) {
                    throw new StanUnsupported("a parameter with " + s.name().toLowerCase() + " support");
                }
            }
        }
    }

    /** Whether the line declares a parameter of a constrained type ({@code simplex[7]: delta ~ ...}), which Stan has too. */
    private boolean constrainedParameter(Statement st) {
        return spec.parameters().stream().anyMatch(p -> p.statement() == st && p.transform() != null
                && p.transform().type().equals(st.type().name()));
    }

    // ------------------------------------------------------------------ declarations

    /** {@code real x}, {@code vector<lower=0>[K] x}, {@code array[N] int x} (2.21: {@code int x[N]}). */
    private String declaration(Symbol s, String constraint) {
        String n = names.of(s);
        boolean isInt = StanExpr.isInt(s);
        Shape sh = s.shape();
        if (sh instanceof Shape.Vector v) {
            if (isInt) return array("int" + constraint, ex.sizeText(v.length()), n);
            return "vector" + constraint + "[" + ex.sizeText(v.length()) + "] " + n;
        }
        if (sh instanceof Shape.Matrix m) {
            String dims = ex.sizeText(m.rows()) + ", " + ex.sizeText(m.cols());
            if (isInt) return array("int" + constraint, dims, n);
            return "matrix" + constraint + "[" + dims + "] " + n;
        }
        return (isInt ? "int" : "real") + constraint + " " + n;
    }

    private String array(String elem, String dims, String name) {
        return syntax == StanSyntax.STAN_2_21 ? elem + " " + name + "[" + dims + "]" : "array[" + dims + "] " + elem + " " + name;
    }

    private String constraint(Symbol p) {
        TExpr lo = p.constraint().lower();
        TExpr hi = p.constraint().upper();
        if (lo == null && hi == null) return "";
        Scope sc = Scope.top(names.of(p));
        StringBuilder sb = new StringBuilder("<");
        if (lo != null) sb.append("lower=").append(ex.bound(lo, sc));
        if (hi != null) sb.append(lo != null ? ", " : "").append("upper=").append(ex.bound(hi, sc));
        return sb.append('>').toString();
    }

    private Lines parameters() {
        Lines out = new Lines();
        for (Symbol p : spec.parameters()) {
            at = p.span();
            if (p.transform() != null) {
                // Stan's constrained types have the names of ours (ordered[K], corr_matrix[K])
                out.add(p.transform().type() + "[" + ex.sizeText(p.transformSize()) + "] " + names.of(p) + ";");
            } else {
                out.add(declaration(p, constraint(p)) + ";");
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ data

    private final Map<Symbol, String> declaredData = new LinkedHashMap<>();

    private Lines data() {
        // declaring a value can name more data (vector[K] reads K): repeat until nothing new
        Map<Symbol, String> decls = new LinkedHashMap<>();
        int seen = -1;
        while (seen != ex.dataUsed().size()) {
            seen = ex.dataUsed().size();
            for (Symbol s : ex.dataUsed()) {
                if (!decls.containsKey(s)) decls.put(s, declaration(s, ""));
            }
        }
        List<String> hoistedDecls = new ArrayList<>();
        for (StanExpr.Hoisted h : ex.hoisted()) {
            String d = h.loop() == null ? "int " + h.name() : array("int", ex.sizeText(h.loop().count()), h.name());
            hoistedDecls.add(d + ";  // " + TExprs.show(h.test()) + ", computed by ulam");
        }
        Lines out = new Lines();
        for (StanSizes.Named n : ex.sizes().used()) out.add("int<lower=0> " + n.name() + ";  // " + n.representative());
        List<Symbol> ordered = new ArrayList<>();
        for (List<Symbol> group : List.of(spec.data(), spec.derived())) {
            for (Symbol s : group) if (decls.containsKey(s) && s.shape().isScalar()) ordered.add(s);
        }
        for (Symbol s : decls.keySet()) if (!ordered.contains(s) && s.shape().isScalar()) ordered.add(s);
        for (List<Symbol> group : List.of(spec.data(), spec.derived())) {
            for (Symbol s : group) if (decls.containsKey(s) && !ordered.contains(s)) ordered.add(s);
        }
        for (Symbol s : decls.keySet()) if (!ordered.contains(s)) ordered.add(s);
        for (Symbol s : ordered) {
            String comment = s.kind() != Kind.TRANSFORMED_DATA ? ""
                    : s.anonymous() || s.statement() == null ? "  // computed by ulam"
                    : "  // " + spec.source().line(s.statement().span().line()).strip();
            out.add(decls.get(s) + ";" + comment);
            declaredData.put(s, names.of(s));
        }
        for (String h : hoistedDecls) out.add(h);
        return out;
    }

    // ------------------------------------------------------------------ locals

    private static boolean computed(Symbol s) {
        return s.kind() == Kind.LOCAL || s.kind() == Kind.SAVED || s.kind() == Kind.TRANSFORMED_PARAMETER
                || s.kind() == Kind.GENERATED;
    }

    /** The computed symbols an expression reads directly. */
    private static void reads(TExpr e, Set<Symbol> out) {
        if (e == null) return;
        TExprs.walk(e, x -> {
            if (x instanceof TExpr.Ref r && computed(r.symbol())) out.add(r.symbol());
            if (x instanceof TExpr.Slice sl && computed(sl.symbol())) out.add(sl.symbol());
        });
    }

    private static void reads(AExpr a, Set<Symbol> out) {
        a.accept(new AExpr.Visitor<Void>() {
            @Override public Void whole(AExpr.Whole w) {
                if (computed(w.symbol())) out.add(w.symbol());
                return null;
            }
            @Override public Void elementwise(AExpr.Elementwise e) { reads(e.body(), out); return null; }
            @Override public Void concat(AExpr.Concat c) { return each(c.parts()); }
            @Override public Void transpose(AExpr.Transpose t) { reads(t.of(), out); return null; }
            @Override public Void cumulativeSum(AExpr.CumulativeSum c) { reads(c.of(), out); return null; }
            @Override public Void draw(AExpr.Draw d) {
                for (TExpr t : d.operands()) reads(t, out);
                return null;
            }
            @Override public Void block(AExpr.Block b) { return each(b.args()); }

            private Void each(List<ArrayArg> parts) {
                for (ArrayArg o : parts) o.fold(t -> { reads(t, out); return null; }, x -> { reads(x, out); return null; });
                return null;
            }
        });
    }

    private static Set<Symbol> dependencies(Symbol s) {
        Set<Symbol> out = new LinkedHashSet<>();
        reads(s.value(), out);
        if (s.array() != null) reads(s.array(), out);
        out.remove(s);
        return out;
    }

    /** Everything to compute for {@code roots}, dependencies first, skipping what is {@code visible}. */
    private static List<Symbol> plan(Iterable<Symbol> roots, Set<Symbol> visible) {
        List<Symbol> order = new ArrayList<>();
        Set<Symbol> done = new HashSet<>(visible);
        for (Symbol r : roots) visit(r, done, order);
        return order;
    }

    private static void visit(Symbol s, Set<Symbol> done, List<Symbol> order) {
        if (!done.add(s)) return;
        for (Symbol d : dependencies(s)) visit(d, done, order);
        order.add(s);
    }

    private Set<Symbol> termReads(List<Term> terms) {
        Set<Symbol> out = new LinkedHashSet<>();
        for (Term t : terms) {
            reads(t.value(), out);
            reads(t.condition(), out);
        }
        return out;
    }

    /**
     * A block whose top-level declarations are reported (transformed parameters, generated
     * quantities): the reported values, then the helpers they need in a nested block.
     */
    private Lines reportedBlock(List<Symbol> reported, List<Symbol> extraRoots, Set<Symbol> visible, Lines tail) {
        Set<Symbol> roots = new LinkedHashSet<>(reported);
        roots.addAll(extraRoots);
        List<Symbol> plan = plan(roots, visible);
        Lines out = new Lines();
        for (Symbol s : reported) {
            at = s.span();
            out.add(declaration(s, "") + ";");
        }
        Lines body = new Lines();
        List<Symbol> helpers = plan.stream().filter(s -> !reported.contains(s)).toList();
        for (Symbol s : helpers) {
            at = s.span();
            body.add(declaration(s, "") + ";");
        }
        for (Symbol s : plan) compute(s, body);
        body.addAll(tail);
        if (body.isEmpty()) return out;
        if (helpers.isEmpty()) {
            out.addAll(body);
        } else {
            out.open("");
            out.addAll(body);
            out.close();
        }
        return out;
    }

    private Lines model(Set<Symbol> visible) {
        Lines out = new Lines();
        List<Symbol> plan = plan(termReads(spec.terms()), visible);
        for (Symbol s : plan) {
            at = s.span();
            out.add(declaration(s, "") + ";");
        }
        for (Symbol s : plan) compute(s, out);
        for (Term t : spec.terms()) term(t, out);
        return out;
    }

    private Lines generated(List<Symbol> reported, Set<Symbol> visible) {
        Lines decls = new Lines();
        Lines tail = new Lines();
        List<Symbol> roots = new ArrayList<>();
        if (logLik) {
            Map<Symbol, List<Term>> byOutcome = new LinkedHashMap<>();
            for (Term t : spec.likelihoods()) byOutcome.computeIfAbsent(t.lhs(), k -> new ArrayList<>()).add(t);
            roots.addAll(termReads(spec.likelihoods()));
            boolean first = true;
            for (Map.Entry<Symbol, List<Term>> e : byOutcome.entrySet()) {
                String n = names.fresh(first ? "log_lik" : "log_lik_" + StanNames.legal(e.getKey().name()));
                first = false;
                logLikNames.add(n);
                pointwise(n, e.getValue(), decls, tail);
            }
        }
        Lines out = reportedBlock(reported, roots, visible, tail);
        if (decls.isEmpty()) return out;
        Lines all = new Lines();
        all.addAll(decls);
        all.addAll(out);
        return all;
    }

    private final List<String> logLikNames = new ArrayList<>();

    /** {@code log_lik[i] = dist_lpdf(y[i] | ...)} for the lines of one outcome (lines on one outcome add up). */
    private void pointwise(String name, List<Term> terms, Lines decls, Lines out) {
        Term first = terms.get(0);
        at = first.statement().span();
        Loop loop = first.loop();
        decls.add((loop == null ? "real " : "vector[" + ex.sizeText(loop.count()) + "] ") + name + ";");
        boolean add = terms.size() > 1 || terms.stream().anyMatch(t -> t.condition() != null);
        if (add) out.add(name + (loop == null ? " = 0;" : " = rep_vector(0, " + ex.sizeText(loop.count()) + ");"));
        for (Term t : terms) {
            at = t.statement().span();
            Scope top = Scope.top(names.of(t.lhs()));
            Scope sc = t.loop() == null ? top : top.with(t.loop(), loopVar(t.loop()));
            String target = t.loop() == null ? name : name + "[" + iVar + "]";
            String value = t.density() != null ? ex.density(t.density(), sc).text() : ex.text(t.value(), sc);
            String stmt = target + (add ? " += " : " = ") + value + ";";
            if (t.condition() != null) stmt = "if (" + ex.text(t.condition(), sc) + ") " + stmt;
            inLoop(t.loop(), out, stmt);
        }
    }

    /** The statements computing one symbol. */
    private void compute(Symbol s, Lines out) {
        at = s.span();
        String n = names.of(s);
        Scope sc = Scope.top(n);
        if (s.materialized()) {
            AExpr a = s.array();
            if (a instanceof AExpr.Elementwise e) {
                assignLoop(s, e.loop(), e.body(), out);
            } else if (a instanceof AExpr.Block b && b.function().resultShape().isEmpty()) {
                out.add(n + "[1] = " + array(a, sc) + ";");   // a single value, held as a vector of one
            } else {
                out.add(n + " = " + array(a, sc) + ";");
            }
        } else if (s.loop() == null) {
            out.add(n + " = " + ex.text(s.value(), sc) + ";");
        } else {
            assignLoop(s, s.loop(), s.value(), out);
        }
    }

    private void assignLoop(Symbol s, Loop loop, TExpr body, Lines out) {
        String n = names.of(s);
        Scope top = Scope.top(n);
        if (!StanExpr.isInt(s)) {
            StanExpr.Vec v = ex.vector(body, loop, s.shape(), top);
            if (v != null && v.kind() == StanExpr.VKind.REALS) {
                out.add(n + " = " + v.text() + ";");
                return;
            }
        }
        Scope.LoopVar lv = loopVar(loop);
        Scope sc = top.with(loop, lv);
        String target = lv.twoD() && s.shape() instanceof Shape.Matrix ? n + "[" + lv.var() + ", " + lv.colVar() + "]"
                : n + "[" + ex.position(loop, sc) + "]";
        inLoop(loop, out, target + " = " + ex.text(body, sc) + ";");
    }

    /** The counter(s) of a loop: one over a vector, rows and columns over a matrix. */
    private Scope.LoopVar loopVar(Loop loop) {
        if (loop.count() instanceof Size.Product p) return new Scope.LoopVar(iVar, jVar, p.left(), p.right());
        return new Scope.LoopVar(iVar, null, null, null);
    }

    /** {@code stmt} inside the loop (or alone when {@code loop} is null). */
    private void inLoop(Loop loop, Lines out, String stmt) {
        if (loop == null) {
            out.add(stmt);
            return;
        }
        Scope.LoopVar lv = loopVar(loop);
        if (lv.twoD()) {
            out.open("for (" + lv.colVar() + " in 1:" + ex.sizeText(lv.cols()) + ")");
            out.open("for (" + lv.var() + " in 1:" + ex.sizeText(lv.rows()) + ")");
            out.add(stmt);
            out.close();
            out.close();
        } else {
            out.open("for (" + lv.var() + " in 1:" + ex.sizeText(loop.count()) + ")");
            out.add(stmt);
            out.close();
        }
    }

    // ------------------------------------------------------------------ whole arrays

    private String array(AExpr a, Scope sc) {
        return a.accept(new AExpr.Visitor<String>() {
            @Override public String whole(AExpr.Whole w) { return ex.name(w.symbol()); }
            @Override public String elementwise(AExpr.Elementwise e) {
                StanExpr.Vec v = ex.vector(e.body(), e.loop(), e.shape(), sc);
                if (v == null || v.kind() != StanExpr.VKind.REALS) throw new StanUnsupported("this element-by-element part of a vector expression");
                return v.prec() < StanExpr.ATOM ? "(" + v.text() + ")" : v.text();
            }
            @Override public String concat(AExpr.Concat c) { return StanWriter.this.concat(c, sc); }
            @Override public String transpose(AExpr.Transpose t) {
                String of = array(t.of(), sc);
                return (isAtomic(of) ? of : "(" + of + ")") + "'";
            }
            @Override public String cumulativeSum(AExpr.CumulativeSum c) { return "append_row(0, cumulative_sum(" + array(c.of(), sc) + "))"; }
            @Override public String draw(AExpr.Draw d) { throw new StanUnsupported("the vector expression " + d.getClass().getSimpleName()); }
            @Override public String block(AExpr.Block b) { return blockCall(b, sc); }
        });
    }

    private static boolean isAtomic(String text) {
        return text.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private String part(ArrayArg o, Scope sc) {
        return o.fold(t -> ex.text(t, sc), x -> array(x, sc));
    }

    /** {@code c(a, b, v)}: runs of single values become {@code [a, b]'}, joined to vectors by {@code append_row}. */
    private String concat(AExpr.Concat c, Scope sc) {
        List<String> groups = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean allScalar = c.parts().stream().allMatch(o -> o instanceof TExpr);
        for (ArrayArg o : c.parts()) {
            if (!c.columns() && o instanceof TExpr t) {
                run.add(ex.text(t, sc));
                continue;
            }
            flushRun(run, groups, allScalar);
            groups.add(part(o, sc));
        }
        flushRun(run, groups, allScalar);
        String f = c.columns() ? "append_col" : "append_row";
        String acc = groups.get(0);
        for (int k = 1; k < groups.size(); k++) acc = f + "(" + acc + ", " + groups.get(k) + ")";
        return acc;
    }

    private static void flushRun(List<String> run, List<String> groups, boolean allScalar) {
        if (run.isEmpty()) return;
        groups.add(run.size() == 1 && !allScalar ? run.get(0) : "[" + String.join(", ", run) + "]'");
        run.clear();
    }

    private String blockCall(AExpr.Block b, Scope sc) {
        String f = b.function().name();
        List<String> args = new ArrayList<>();
        for (ArrayArg o : b.args()) args.add(part(o, sc));
        if ((f.equals("multiply") || f.equals("multiply_mv")) && args.size() == 2) {
            return paren(args.get(0)) + " * " + paren(args.get(1));
        }
        if (StanFunctions.definition(f) != null) {
            ex.useFunction(f);
        } else if (!StanFunctions.exists(f)) {
            throw new StanUnsupported("the function " + f);
        }
        return f + "(" + String.join(", ", args) + ")";
    }

    private static String paren(String s) {
        return isAtomic(s) || s.endsWith(")") && !s.contains(" ") ? s : "(" + s + ")";
    }

    // ------------------------------------------------------------------ '~' lines

    private static boolean dataOnly(List<TExpr> args) {
        for (TExpr a : args) {
            if (!TExprs.all(a, x -> !(x instanceof TExpr.Ref r) || r.symbol().isData())) return false;
        }
        return true;
    }

    private void term(Term t, Lines out) {
        at = t.statement().span();
        Scope top = Scope.top(names.of(t.lhs()));
        TExpr.Density d = t.density();
        if (d != null && d.distribution().name().equals("flat")) return;   // Stan's flat prior: no statement
        if (d == null && t.value() instanceof TExpr.VDensity v && t.loop() != null && t.condition() == null) {
            String vec = ex.vectorised(v, t.loop(), top);
            if (vec != null) {
                out.add(vec);
                return;
            }
        }
        boolean keeps = ulam.compiler.ast.Statement.KEEP_CONSTANTS.equals(t.statement().tag());   // target> keeps its constants
        if (d == null) {
            Scope sc = t.loop() == null ? top : top.with(t.loop(), loopVar(t.loop()));
            String sample = t.value() instanceof TExpr.VDensity v && !keeps ? ex.vsample(v, sc) : null;
            String stmt = sample != null ? sample : "target += " + ex.text(t.value(), sc) + ";";
            if (t.condition() != null) stmt = "if (" + ex.text(t.condition(), sc) + ") " + stmt;
            inLoop(t.loop(), out, stmt);
            return;
        }
        StanFunctions.Form f = ex.use(StanFunctions.density(d));
        boolean exact = f.truncated() && !dataOnly(f.args()) || keeps;   // the normalising term holds parameters
        if (t.loop() != null && t.condition() == null && !exact && !f.userDefined()) {
            String v = vectorised(f, d, t.loop(), top);
            if (v != null) {
                out.add(v);
                return;
            }
        }
        Scope sc = t.loop() == null ? top : top.with(t.loop(), loopVar(t.loop()));
        String stmt = exact ? "target += " + ex.density(d, sc).text() + ";"
                : ex.text(d.outcome(), sc) + " ~ " + f.name() + "(" + ex.args(f.args(), sc) + ");";
        if (t.condition() != null) stmt = "if (" + ex.text(t.condition(), sc) + ") " + stmt;
        inLoop(t.loop(), out, stmt);
    }

    /** {@code y ~ dist(args)} for the whole loop, or null when an operand needs the loop. */
    private String vectorised(StanFunctions.Form f, TExpr.Density d, Loop loop, Scope sc) {
        StanExpr.Vec y = ex.vector(d.outcome(), loop, null, sc);
        if (y == null || y.kind() == StanExpr.VKind.SCALAR || (y.kind() == StanExpr.VKind.INTS) != f.intOutcome()) return null;
        List<String> args = new ArrayList<>();
        for (int k = 0; k < f.args().size(); k++) {
            StanExpr.Vec a = ex.vector(f.args().get(k), loop, null, sc);
            if (a == null) return null;
            if (a.kind() == StanExpr.VKind.INTS && !f.intArgs().get(k)) return null;
            if (a.kind() == StanExpr.VKind.REALS && f.intArgs().get(k)) return null;
            args.add(a.text());
        }
        return y.text() + " ~ " + f.name() + "(" + String.join(", ", args) + ");";
    }
}
