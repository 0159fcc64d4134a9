package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Statement;
import ulam.runtime.UlamException;
import ulam.runtime.model.ModelSupport;

/**
 * The changes that turn a checked model into a prediction program ({@link CompileMode.Prediction}),
 * applied by the {@link Checker} at fixed points of its run:
 *
 * <ol>
 *   <li>{@link #replaceByColumns}: derived-data lines that use no parameter give way to new-data
 *       columns of the same name;</li>
 *   <li>{@link #reportLocals}: every named local (and {@code save>}, {@code transpars>} line)
 *       becomes a reported value computed per draw;</li>
 *   <li>{@link #newGroupIndices}: an index with new groups reads {@code F + value};</li>
 *   <li>{@link #newGroupParameters}: a parameter sized by such an index is read through a value
 *       that keeps the fit's levels and draws the new ones;</li>
 *   <li>{@link #priorParameters}: with {@link CompileMode.Prediction#drawPrior()}, every
 *       parameter is read through a value drawn from its prior line;</li>
 *   <li>{@link #simulate}: prior lines define those draws, likelihood lines become draws of
 *       their outcomes, and the log density is left empty;</li>
 *   <li>{@link #prune}: data that nothing reported needs (the outcomes) are not read.</li>
 * </ol>
 */
final class PredictionRewrite {
    private final CompileMode.Prediction prediction;
    private final Map<String, Symbol> symbols;
    private final Map<String, Statement> definitions;
    private final Map<String, Statement> firstSample;
    private final Map<String, Symbol> redirect;
    private final Typer typer;
    private final List<String> notes;
    private final ulam.compiler.parse.Source source;

    /** Index symbol to its shifted copy, and to the data value of the fit's levels. */
    private final Map<Symbol, Symbol> shifted = new LinkedHashMap<>();
    private final Map<Symbol, Symbol> fitLevels = new LinkedHashMap<>();
    /** Parameter with new levels to {mask of new elements, value read by the model}. */
    private final Map<Symbol, Symbol[]> extended = new LinkedHashMap<>();
    private final List<Symbol> link = new ArrayList<>();
    /** With drawPrior: each parameter to the value drawn from its prior line, which the model reads instead. */
    private final Map<Symbol, Symbol> priorDraws = new LinkedHashMap<>();

    /** The rewrite of the model being checked: changes its symbols, definitions, redirections and notes. */
    PredictionRewrite(CompileMode.Prediction prediction, CheckState state, Typer typer) {
        this.source = state.source;
        this.prediction = prediction;
        this.symbols = state.symbols;
        this.definitions = state.definitions;
        this.firstSample = state.firstSample;
        this.redirect = state.redirect;
        this.typer = typer;
        this.notes = state.notes;
    }

    // ------------------------------------------------------------------ before classification

    /** Drops the derived-data lines whose names the new data give, when they use no parameter. */
    void replaceByColumns(DataSchema schema) {
        Set<String> parameters = new HashSet<>();
        for (String n : firstSample.keySet()) {
            if (!definitions.containsKey(n) && (schema == null || !schema.has(n))) parameters.add(n);
        }
        Set<String> fromParameters = new HashSet<>(parameters);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Statement> e : definitions.entrySet()) {
                if (fromParameters.contains(e.getKey())) continue;
                boolean[] uses = {false};
                Syntax.names(e.getValue().rhs(), n -> uses[0] |= fromParameters.contains(n.name()), n -> { });
                if (uses[0]) {
                    fromParameters.add(e.getKey());
                    changed = true;
                }
            }
        }
        for (String name : new ArrayList<>(definitions.keySet())) {
            Statement st = definitions.get(name);
            String tag = st.tag();
            if (prediction.columns().contains(name) && !fromParameters.contains(name) && (tag == null || tag.equals("transdata"))) {
                definitions.remove(name);
                notes.add("'" + name + "' is read from the new data instead of computed by line " + st.span().line());
            }
        }
    }

    // ------------------------------------------------------------------ after classification

    /** Named locals, {@code save>} and {@code transpars>} lines become reported values, computed per draw. */
    void reportLocals() {
        for (Symbol s : symbols.values()) {
            if (s.anonymous()) continue;
            if (s.kind() == Kind.LOCAL || s.kind() == Kind.SAVED || s.kind() == Kind.TRANSFORMED_PARAMETER) {
                s.kind(Kind.GENERATED);
                link.add(s);
            }
        }
    }

    /**
     * Resolves the {@code --new-groups} names to index symbols and shifts each: the model reads
     * {@code F + g} (F the fit's levels, bound as data) through the returned symbols.
     *
     * @return the shifted indices (derived data, to be computed after their index)
     * @throws UlamException when a name is not an index of a parameter
     */
    Map<Symbol, Symbol> newGroupIndices() {
        Map<String, List<String>> indices = parameterIndices();
        for (String requested : prediction.newGroups()) {
            List<String> found = new ArrayList<>();
            if (indices.containsKey(requested)) found.add(requested);
            for (String index : indices.keySet()) {
                Statement def = definitions.get(index);
                if (def != null && copies(def.rhs(), requested)) found.add(index);
            }
            if (found.isEmpty()) {
                throw new UlamException("--new-groups " + requested + ": '" + requested + "' is not an index of the model's parameters",
                        null, indices.isEmpty() ? "this model has no varying effects (no parameter indexed by a group, as a[g])"
                        : "the group indices are " + String.join(", ", indices.keySet()) + " (as in "
                                + indices.values().iterator().next().get(0) + "[...])");
            }
            for (String index : found) shift(symbols.get(index));
        }
        return shifted;
    }

    /** Names used as indices on the left of parameters' '~' lines or in their declared sizes, to the parameters. */
    private Map<String, List<String>> parameterIndices() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Statement> e : firstSample.entrySet()) {
            Symbol p = symbols.get(e.getKey());
            if (p == null || p.kind() != Kind.PARAMETER) continue;
            Statement st = e.getValue();
            List<Expr> sizes = new ArrayList<>(Syntax.indexOf(st.target()));
            if (st.type() != null) sizes.addAll(st.type().dims());
            for (Expr x : sizes) {
                if (x instanceof Expr.Name n && symbols.get(n.name()) != null && symbols.get(n.name()).isData()) {
                    out.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(p.name());
                }
            }
        }
        return out;
    }

    /** Whether {@code rhs} is {@code column} itself or {@code as_index(column)}. */
    private static boolean copies(Expr rhs, String column) {
        if (rhs instanceof Expr.Name n) return n.name().equals(column);
        return rhs instanceof Expr.Call c && c.function().equals("as_index") && c.args().size() == 1
                && c.args().get(0) instanceof Expr.Name n && n.name().equals(column);
    }

    private void shift(Symbol g) {
        if (shifted.containsKey(g)) return;
        Symbol f = new Symbol(CompileMode.fitLevelsName(g.name()), Kind.DATA);
        f.span(g.span());
        f.elem(Elem.INT);
        symbols.put(f.name(), f);
        Symbol s = new Symbol("#" + g.name() + "_new", Kind.TRANSFORMED_DATA);
        Loop i = typer.newLoop("i", new Size.Length(g));
        s.define(i, new TExpr.Arith(TExpr.Op.ADD, new TExpr.Ref(g, new TExpr.LoopIndex(i), Elem.INT),
                new TExpr.Ref(f, null, Elem.INT), Elem.INT));
        s.shape(new Shape.Vector(new Size.Length(s)));
        s.elem(Elem.INT);
        s.span(g.span());
        symbols.put(s.name(), s);
        redirect.put(g.name(), s);
        shifted.put(g, s);
        fitLevels.put(s, f);
    }

    /**
     * For every parameter sized by a shifted index: a mask of its new elements (derived data)
     * and the value the model reads instead of it (drawn where the mask is set).
     *
     * @return the masks, to be computed with the derived data
     */
    List<Symbol> newGroupParameters(List<Symbol> parameters) {
        List<Symbol> masks = new ArrayList<>();
        for (Symbol p : parameters) {
            List<Size> sizes = p.shape() instanceof Shape.Vector v ? List.of(v.length())
                    : p.shape() instanceof Shape.Matrix m ? List.of(m.rows(), m.cols()) : List.of();
            if (sizes.stream().noneMatch(this::isShifted)) continue;
            List<TExpr> args = new ArrayList<>();
            for (Size z : sizes) {
                args.add(new TExpr.SizeOf(z));
                args.add(isShifted(z) ? new TExpr.Ref(fitLevels.get(((Size.Levels) z).symbol()), null, Elem.INT) : new TExpr.SizeOf(z));
            }
            Symbol mask = new Symbol("#" + p.name() + "_new_levels", Kind.TRANSFORMED_DATA);
            mask.defineByFunction(ModelSupport.class, "newElements", args);
            mask.shape(new Shape.Vector(new Size.Length(mask)));
            mask.elem(Elem.INT);
            mask.span(p.span());
            Symbol ext = new Symbol("#" + p.name() + "_groups", Kind.GENERATED);
            ext.shape(p.shape());
            ext.elem(Elem.REAL);
            ext.span(p.span());
            symbols.put(mask.name(), mask);
            symbols.put(ext.name(), ext);
            redirect.put(p.name(), ext);
            extended.put(p, new Symbol[] {mask, ext});
            masks.add(mask);
        }
        return masks;
    }

    /**
     * With {@link CompileMode.Prediction#drawPrior()}: every parameter is read, from here on,
     * through a reported value named {@link CompileMode#priorName} that {@link #simulate} defines
     * as a draw from the parameter's prior line.
     *
     * @param parameters the parameters, shaped
     * @throws UlamException for a model with imputed values (their parameters have no prior line of their own)
     */
    void priorParameters(List<Symbol> parameters) {
        if (!prediction.drawPrior()) return;
        if (!redirect.isEmpty()) {
            String imputed = redirect.keySet().iterator().next();
            throw new UlamException("sbc cannot draw the prior of a model with imputed values ('" + imputed + "') yet", null,
                    "the missing values of '" + imputed + "' are parameters without a prior line of their own");
        }
        for (Symbol p : parameters) {
            Symbol draw = new Symbol(CompileMode.priorName(p.name()), Kind.GENERATED);
            draw.shape(p.shape());
            draw.elem(Elem.REAL);
            draw.span(p.span());
            symbols.put(draw.name(), draw);
            redirect.put(p.name(), draw);
            priorDraws.put(p, draw);
        }
    }

    private boolean isShifted(Size z) {
        return z instanceof Size.Levels l && fitLevels.containsKey(l.symbol());
    }

    // ------------------------------------------------------------------ '~' lines

    /**
     * Turns the typed '~' lines into draws: a parameter's first prior line draws its new
     * elements; likelihood lines on one outcome become one reported draw of it, row by row (a
     * conditional line where its condition holds, NaN elsewhere).
     *
     * @param terms the typed lines (contexts allowing random draws)
     * @param order symbols in computing order; the new values are inserted where they can be computed
     * @return what the program reports
     */
    ModelSpec.Predicted simulate(List<Term> terms, List<Symbol> order) {
        Map<Symbol, List<Term>> byOutcome = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Term t : terms) {
            if (t.likelihood()) {
                byOutcome.computeIfAbsent(t.lhs(), k -> new ArrayList<>()).add(t);
            } else if (extended.containsKey(t.lhs()) && t.statement() == t.lhs().statement()) {
                drawNewLevels(t, order);
            }
        }
        for (Map.Entry<Symbol, Symbol[]> e : extended.entrySet()) {
            if (e.getValue()[1].array() == null) {
                throw new UlamException("--new-groups: the new levels of '" + e.getKey().name() + "' cannot be drawn from its prior line",
                        null, "its first '~' line must be a distribution over every element, as " + e.getKey().name() + "[g] ~ dnorm(mu, sigma)");
            }
        }
        List<Symbol> prior = prediction.drawPrior() ? drawPrior(terms, order) : List.of();
        List<Symbol> simulated = new ArrayList<>();
        if (!prediction.simulate()) byOutcome.clear();   // link: no outcome draws, so nothing they read is needed
        for (Map.Entry<Symbol, List<Term>> e : byOutcome.entrySet()) {
            Symbol sim = outcomeDraw(e.getKey(), e.getValue(), skipped);
            if (sim == null) continue;
            symbols.put("#sim " + sim.name(), sim);
            order.add(sim);
            simulated.add(sim);
        }
        if (prediction.drawPrior()) {
            sortByDependencies(order);
            checkPriorReaders(order);
        }
        Map<Symbol, List<Symbol>> groups = new LinkedHashMap<>();
        for (Map.Entry<Symbol, Symbol> e : shifted.entrySet()) {
            List<Symbol> params = new ArrayList<>();
            for (Symbol p : extended.keySet()) {
                List<Size> sizes = p.shape() instanceof Shape.Vector v ? List.of(v.length())
                        : p.shape() instanceof Shape.Matrix m ? List.of(m.rows(), m.cols()) : List.of();
                if (sizes.stream().anyMatch(z -> z instanceof Size.Levels l && l.symbol() == e.getValue())) params.add(p);
            }
            groups.put(e.getKey(), params);
        }
        return new ModelSpec.Predicted(List.copyOf(link), simulated, groups, skipped, prior);
    }

    /**
     * Defines each parameter's prior draw (ancestral sampling, Talts et al. 2018, "Validating
     * Bayesian inference algorithms with simulation-based calibration", Sec. 2): the random
     * generator of its one prior line, with the arguments read from the other draws.
     *
     * @return the draws, in parameter order (added to {@code order}, to be sorted)
     * @throws UlamException at a parameter whose prior cannot be drawn that way: more than one
     *                       prior line, a {@code custom(...)} or {@code mixture(...)} prior, a
     *                       multivariate prior, a prior on single elements ({@code v[[k]]}), a
     *                       structured type, a prior that reads the parameter itself
     */
    private List<Symbol> drawPrior(List<Term> terms, List<Symbol> order) {
        Map<Symbol, List<Term>> lines = new LinkedHashMap<>();
        for (Term t : terms) {
            if (!t.likelihood()) lines.computeIfAbsent(t.lhs(), k -> new ArrayList<>()).add(t);
        }
        List<Symbol> out = new ArrayList<>();
        String help = "sbc draws each parameter from its one prior line, after the values that line reads";
        for (Map.Entry<Symbol, Symbol> e : priorDraws.entrySet()) {
            Symbol p = e.getKey();
            Symbol draw = e.getValue();
            List<Term> ts = lines.getOrDefault(p, List.of());
            if (ts.size() != 1) {
                throw source.error(p.span(), "'" + p.name() + "' has " + ts.size() + " prior lines: sbc cannot draw it from its prior",
                        help + "; merge them into one line");
            }
            Term t = ts.get(0);
            TExpr.Density d = t.density();
            if (t.value() instanceof TExpr.VDensity v) {
                // a whole vector or matrix (simplex ~ dirichlet, vector ~ multi_normal): one draw of it
                if (t.loop() != null || v.distribution().scalarOutcome()) {
                    throw source.error(t.statement().span(), "sbc cannot draw the parameter '" + p.name() + "' from its "
                            + v.distribution().name() + " prior yet", help);
                }
                List<TExpr> args = v.operands().subList(1, v.operands().size());
                for (TExpr a : args) {
                    if (references(a).contains(draw)) {
                        throw source.error(t.statement().span(), "the prior of '" + p.name() + "' reads '" + p.name()
                                + "' itself: sbc cannot draw it from its prior", help);
                    }
                }
                draw.defineArray(new AExpr.Draw(v.distribution(), args, v.dims(), p.shape()));
                order.add(draw);
                out.add(draw);
                continue;
            }
            if (d == null && t.statement().truncation() != null && t.value() instanceof TExpr.Arith a
                    && a.left() instanceof TExpr.Density untruncated) {
                // T[L, U] renormalises by a constant when the arguments are data: drawing from the whole
                // distribution and rejecting values outside [L, U] (the parameter's bounds) is then exact
                if (!untruncated.args().stream().allMatch(Typer::dataOnly) || !Typer.dataOnly(a.right())) {
                    throw source.error(t.statement().span(), "sbc cannot draw '" + p.name() + "' from a truncated prior whose"
                            + " arguments are parameters yet", help);
                }
                d = untruncated;
            }
            if (d == null) {
                throw source.error(t.statement().span(), "the prior of '" + p.name() + "' is not a distribution with a random generator",
                        help + "; write it as " + p.name() + " ~ dist(...)");
            }
            if (!d.distribution().outcomeShape().isEmpty() || p.transform() != null) {
                throw source.error(t.statement().span(), "sbc cannot draw the multivariate or structured parameter '" + p.name()
                        + "' from its prior yet", help);
            }
            if (t.loop() == null && !p.shape().isScalar()) {
                throw source.error(t.statement().span(), "the prior of '" + p.name() + "' is on one element: sbc cannot draw it from its prior",
                        help + "; give one line over every element, as " + p.name() + "[j] ~ dist(...)");
            }
            TExpr value = new TExpr.Rng(d.distribution(), d.args());
            if (references(value).contains(draw)) {
                throw source.error(t.statement().span(), "the prior of '" + p.name() + "' reads '" + p.name()
                        + "' itself: sbc cannot draw it from its prior", help);
            }
            draw.define(t.loop(), value);
            order.add(draw);
            out.add(draw);
        }
        return out;
    }

    /**
     * Sorts the computed values so that each follows everything it reads (stable: the first value
     * whose inputs are all computed goes next).
     *
     * @throws UlamException when values read each other in a circle (priors that depend on each other)
     */
    private void sortByDependencies(List<Symbol> order) {
        Set<Symbol> present = new HashSet<>(order);
        Map<Symbol, Set<Symbol>> inputs = new LinkedHashMap<>();
        for (Symbol s : order) {
            Set<Symbol> in = new HashSet<>();
            references(s, r -> {
                if (r != s && present.contains(r)) in.add(r);
            });
            inputs.put(s, in);
        }
        List<Symbol> left = new ArrayList<>(order);
        Set<Symbol> done = new HashSet<>();
        order.clear();
        while (!left.isEmpty()) {
            Symbol next = null;
            for (Symbol s : left) {
                if (done.containsAll(inputs.get(s))) {
                    next = s;
                    break;
                }
            }
            if (next == null) {
                ulam.compiler.ast.Span at = left.stream().map(Symbol::span).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(new ulam.compiler.ast.Span(1, 1, 1));
                throw source.error(at, "the priors read each other in a circle (" + left.stream().map(Symbol::name)
                        .filter(n -> !n.startsWith("#")).toList() + "): sbc cannot draw them top-down", null);
            }
            left.remove(next);
            done.add(next);
            order.add(next);
        }
    }

    /**
     * Refuses a prior draw read by a part computed into an array before the reported values are
     * written (a matrix product of a parameter): it would read the draw before it is made.
     */
    private void checkPriorReaders(List<Symbol> order) {
        Set<Symbol> fromPrior = new HashSet<>(priorDraws.values());
        for (Symbol s : order) {
            boolean[] reads = {false};
            references(s, r -> reads[0] |= fromPrior.contains(r));
            if (!reads[0]) continue;
            fromPrior.add(s);
            if (s.anonymous() && s.materialized() && s.kind() == Kind.GENERATED) {
                throw source.error(s.span(), "sbc cannot yet draw the prior of a model whose vector or matrix expressions"
                        + " (as %*%, c(...)) read parameters", null);
            }
        }
    }

    private void drawNewLevels(Term t, List<Symbol> order) {
        Symbol p = t.lhs();
        TExpr.Density d = t.density();
        if (d == null || t.loop() == null) return;
        Symbol[] x = extended.get(p);
        TExpr j = new TExpr.LoopIndex(t.loop());
        TExpr isNew = new TExpr.Logic(Expr.BinaryOp.NE, new TExpr.Ref(x[0], j, Elem.INT), new TExpr.Num(0, Elem.INT));
        TExpr value = new TExpr.IfElse(isNew, new TExpr.Rng(d.distribution(), d.args()), new TExpr.Ref(p, j, Elem.REAL), Elem.REAL);
        x[1].defineArray(new AExpr.Elementwise(t.loop(), p.shape(), value));
        int at = 0;   // after everything its draw reads
        for (Symbol s : references(value)) at = Math.max(at, order.indexOf(s) + 1);
        order.add(at, x[1]);
    }

    /** The reported draw of one outcome from its likelihood lines, or null if none can be drawn. */
    private Symbol outcomeDraw(Symbol y, List<Term> lines, List<String> skipped) {
        List<TExpr[]> cases = new ArrayList<>();   // {condition or null, draw}, with the first line's loop
        Loop loop = null;
        for (Term t : lines) {
            TExpr.Density d = t.density();
            TExpr draw;
            if (d != null) {
                draw = new TExpr.Rng(d.distribution(), d.args());
            } else if (t.value() instanceof TExpr.VDensity v && v.distribution().scalarOutcome()) {
                // categorical(theta), ordered_logistic(eta, cutpoints): a single value drawn with vector arguments
                draw = new TExpr.VRng(v.distribution(), v.operands().subList(1, v.operands().size()), v.dims());
            } else {
                skipped.add("line " + t.statement().span().line() + " (" + y.name() + " ~ "
                        + ((Expr.Call) t.statement().rhs()).function() + "(...)) has no random generator; those rows are NaN");
                continue;
            }
            TExpr cond = t.condition();
            if (t.loop() != null) {
                if (loop == null) loop = typer.newLoop("i", rowCount(draw, t.loop(), y));
                draw = TExprs.substitute(draw, t.loop(), new TExpr.LoopIndex(loop));
                if (cond != null) cond = TExprs.substitute(cond, t.loop(), new TExpr.LoopIndex(loop));
            }
            cases.add(new TExpr[] {cond, draw});
        }
        if (cases.isEmpty()) return null;
        TExpr value = new TExpr.Num(Double.NaN, Elem.REAL);
        for (int k = cases.size() - 1; k >= 0; k--) {
            TExpr[] c = cases.get(k);
            value = c[0] == null ? c[1] : new TExpr.IfElse(c[0], c[1], value,
                    c[1].elem() == Elem.INT && value.elem() == Elem.INT ? Elem.INT : Elem.REAL);
        }
        Symbol sim = new Symbol(y.name(), Kind.GENERATED);
        sim.span(y.span());
        sim.shape(loop == null ? Shape.SCALAR : new Shape.Vector(loop.count()));
        sim.elem(value.elem());
        sim.define(loop, value);
        return sim;
    }

    /**
     * The number of rows of a likelihood line read from what its draw uses row by row (so the
     * outcome itself need not be in the new data), else the outcome's length.
     */
    private static Size rowCount(TExpr draw, Loop loop, Symbol outcome) {
        Size[] found = {null};
        TExprs.walk(draw, x -> {
            if (found[0] == null && x instanceof TExpr.Ref r && r.index() instanceof TExpr.LoopIndex i && i.loop() == loop
                    && r.symbol() != outcome && r.symbol().shape() instanceof Shape.Vector v) {
                found[0] = v.length();
            }
        });
        return found[0] != null ? found[0] : loop.count();
    }

    // ------------------------------------------------------------------ pruning

    /**
     * Drops data and derived data that nothing computed needs (the outcomes, and what only they
     * are computed from), and the checks on them.
     */
    void prune(List<Symbol> order, List<Check> checks) {
        Set<Symbol> needed = new LinkedHashSet<>();
        List<Symbol> work = new ArrayList<>();
        for (Symbol s : symbols.values()) {
            if (!s.isData()) work.add(s);
        }
        while (!work.isEmpty()) {
            Symbol s = work.remove(work.size() - 1);
            if (!needed.add(s)) continue;
            references(s, work::add);
        }
        symbols.values().removeIf(s -> s.isData() && !needed.contains(s));
        order.removeIf(s -> s.isData() && !needed.contains(s));
        checks.removeIf(c -> {
            List<Symbol> used = new ArrayList<>();
            c.uses(used::add);
            return used.stream().anyMatch(s -> s.isData() && !needed.contains(s));
        });
    }

    /** Every symbol {@code s}'s value, shape and bounds refer to. */
    private static void references(Symbol s, Consumer<Symbol> out) {
        List<TExpr> exprs = new ArrayList<>();
        List<Size> sizes = new ArrayList<>();
        sizes.add(s.shape().count());
        if (s.loop() != null) sizes.add(s.loop().count());
        if (s.value() != null) exprs.add(s.value());
        if (s.dataFunctionArgs() != null) exprs.addAll(s.dataFunctionArgs());
        if (s.constraint().lower() != null) exprs.add(s.constraint().lower());
        if (s.constraint().upper() != null) exprs.add(s.constraint().upper());
        if (s.array() != null) arrayParts(s.array(), exprs, sizes, out);
        for (TExpr e : exprs) {
            TExprs.walk(e, x -> {
                if (x instanceof TExpr.Ref r) out.accept(r.symbol());
                if (x instanceof TExpr.Slice sl) out.accept(sl.symbol());
                if (x instanceof TExpr.SizeOf z) z.size().symbols(out);
                if (x instanceof TExpr.Reduce r) r.loop().count().symbols(out);
            });
        }
        for (Size z : sizes) z.symbols(out);
    }

    private static List<Symbol> references(TExpr e) {
        List<Symbol> out = new ArrayList<>();
        TExprs.walk(e, x -> {
            if (x instanceof TExpr.Ref r) out.add(r.symbol());
            if (x instanceof TExpr.Slice sl) out.add(sl.symbol());
        });
        return out;
    }

    private static void arrayParts(AExpr a, List<TExpr> exprs, List<Size> sizes, Consumer<Symbol> out) {
        sizes.add(a.shape().count());
        a.accept(new AExpr.Visitor<Void>() {
            @Override public Void whole(AExpr.Whole w) { out.accept(w.symbol()); return null; }
            @Override public Void elementwise(AExpr.Elementwise e) { exprs.add(e.body()); return null; }
            @Override public Void concat(AExpr.Concat c) { return each(c.parts()); }
            @Override public Void transpose(AExpr.Transpose t) { arrayParts(t.of(), exprs, sizes, out); return null; }
            @Override public Void cumulativeSum(AExpr.CumulativeSum c) { arrayParts(c.of(), exprs, sizes, out); return null; }
            @Override public Void draw(AExpr.Draw d) {
                sizes.addAll(d.dims());
                exprs.addAll(d.operands());
                return null;
            }
            @Override public Void block(AExpr.Block b) {
                sizes.addAll(b.dims());
                return each(b.args());
            }

            private Void each(List<ArrayArg> parts) {
                for (ArrayArg o : parts) o.fold(exprs::add, p -> { arrayParts(p, exprs, sizes, out); return null; });
                return null;
            }
        });
    }
}
