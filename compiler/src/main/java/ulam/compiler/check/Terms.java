package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.stdlib.Registry;
import static ulam.compiler.check.Syntax.indexOf;
import static ulam.compiler.check.Syntax.isEscape;
import static ulam.compiler.check.Syntax.targetNames;

/**
 * Types the {@code ~} lines into {@link Term}s (language reference 2.5-2.9, 2.11, 2.12, 6.2): a
 * likelihood runs over the rows of its data outcome, a prior over the elements of its parameter;
 * stacked outcomes and parameters ({@code c(a, b)[g] ~ multi_normal(...)}), count matrices, element
 * priors ({@code v[[k]]}), conditions ({@code y | y == 0}), {@code custom(...)},
 * {@code mixture(...)} and truncation {@code T[L, U]}. Reads the typed symbols; adds to
 * {@link CheckState#checks} and (through the array typer) {@link CheckState#made}.
 */
final class Terms {

    private final CheckState state;
    private final Typer typer;
    private final ArrayTyper arrays;
    private final Shapes shapes;

    Terms(CheckState state, Typer typer, ArrayTyper arrays, Shapes shapes) {
        this.state = state;
        this.typer = typer;
        this.arrays = arrays;
        this.shapes = shapes;
    }

    List<Term> typeTerms() {
        List<Term> terms = new ArrayList<>();
        for (Statement st : state.program.statements()) {
            if (st.op() != Statement.Op.SAMPLE) continue;
            Expr.Call call = (Expr.Call) st.rhs();
            if (st.target() instanceof Statement.Target.Stack stack && !isEscape(call) && !typer.distributionOf(call).scalarOutcome()) {
                Symbol first = state.symbols.get(stack.names().get(0).name());
                terms.add(first.isData() ? stackedOutcomes(st, stack, call) : stacked(st, stack, call));
                continue;
            }
            for (Expr.Name n : targetNames(st.target())) {
                Symbol s = state.symbols.get(n.name());
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
            Symbol s = state.symbols.get(n.name());
            if (s.kind() != Kind.PARAMETER || s.statement() != st) {
                throw state.error(n.span(), "'" + n.name() + "' in c(...) on the left of a " + typer.distributionOf(call).name()
                        + " line must be a parameter that this line introduces", null);
            }
            parts.add(s);
        }
        int k = parts.size();
        Shape one = parts.get(0).shape();
        if (!(one instanceof Shape.Vector v)) {
            throw state.error(stack.span(), "c(...)[g] ~ " + call.function() + " needs an index after c(...): c(a, b)[g]", null);
        }
        Size levels = v.length();
        List<ArrayArg> wholes = new ArrayList<>();
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
            throw state.error(n.span(), "the outcome of " + typer.distributionOf(call).name() + " is a matrix of counts, one row per "
                    + "observation and one column per category; '" + y.name() + "' is a " + y.shape(),
                    "give it as JSON nested arrays, or a CSV with --data-matrix " + y.name() + "=FILE");
        }
        Symbol rows = new Symbol("#" + y.name() + "_rows", Kind.TRANSFORMED_DATA);
        rows.defineByFunction(ulam.runtime.model.ModelSupport.class, "rowMajor",
                List.of(new TExpr.Ref(y, null, Elem.INT), new TExpr.SizeOf(m.rows())));
        rows.shape(new Shape.Vector(new Size.Length(rows)));
        rows.elem(Elem.INT);
        state.symbols.put(rows.name(), rows);
        state.made.add(rows);
        return eachRow(st, y, n, call, rows, m, Elem.INT);
    }

    /**
     * {@code y ~ multi_normal(MU, Rho, sigma)} with {@code y} a data matrix (rethinking's tests, z9):
     * each row is one observation, as Stan's {@code y[i,:] ~ multi_normal(...)} in the program ulam
     * writes. The matrix is transposed once when the data are bound, so that each row is a
     * contiguous vector; one pointwise log-likelihood per row.
     */
    private Term vectorRows(Statement st, Symbol y, Expr.Name n, Expr.Call call) {
        Shape.Matrix m = (Shape.Matrix) y.shape();
        Symbol columns = arrays.materialize(new AExpr.Transpose(new AExpr.Whole(y), new Shape.Matrix(m.cols(), m.rows())),
                Kind.TRANSFORMED_DATA);
        return eachRow(st, y, n, call, columns, m, Elem.REAL);
    }

    /**
     * One observation per row of the data matrix {@code y} (rows × cols): the density of the row's
     * contiguous slice of {@code rowMajor} (y's values row after row), its arguments read at the row.
     */
    private Term eachRow(Statement st, Symbol y, Expr.Name n, Expr.Call call, Symbol rowMajor, Shape.Matrix m, Elem elem) {
        Loop loop = typer.newLoop("i", m.rows());
        TExpr k = m.cols().constant() >= 0 ? new TExpr.Num(m.cols().constant(), Elem.INT) : new TExpr.SizeOf(m.cols());
        TExpr outcome = new TExpr.Slice(rowMajor, new TExpr.Arith(TExpr.Op.MUL, new TExpr.LoopIndex(loop), k, Elem.INT),
                new Shape.Vector(m.cols()), elem);
        Typer.Ctx ctx = Typer.Ctx.rows(loop, false, state.mode.predicting());
        return new Term(st, y, true, loop, typer.densityTerm(call, outcome, n.span(), ctx), null);
    }

    /**
     * {@code c(W, E) ~ multi_normal(c(muW, muE), Rho, Sigma)} with data outcomes (book m14.6): in
     * each row the vector (W[i], E[i]) has the distribution, its arguments read at the row.
     */
    private Term stackedOutcomes(Statement st, Statement.Target.Stack stack, Expr.Call call) {
        List<ArrayArg> wholes = new ArrayList<>();
        Size rows = null;
        for (Expr.Name n : stack.names()) {
            Symbol s = state.symbols.get(n.name());
            if (!s.isData() || !(s.shape() instanceof Shape.Vector v)) {
                throw state.error(n.span(), "c(...) on the left of a " + typer.distributionOf(call).name() + " line holds data columns "
                        + "or parameters, not both; '" + n.name() + "' is a " + s.kind().description, null);
            }
            if (rows == null) rows = v.length();
            else typer.sameSize(rows, v.length(), "the lengths of the outcomes in c(...)", n.span());
            Symbol read = state.redirect.getOrDefault(n.name(), s);   // an imputed column reads its merged values (book m15.7)
            wholes.add(read == s ? new AExpr.Whole(s) : arrays.copyOf(new AExpr.Whole(read)));
        }
        int k = wholes.size();
        Symbol byRows = arrays.materialize(new AExpr.Concat(wholes, new Shape.Matrix(rows, new Size.Const(k)), true), Kind.LOCAL);
        Symbol columns = arrays.materialize(new AExpr.Transpose(new AExpr.Whole(byRows), new Shape.Matrix(new Size.Const(k), rows)),
                Kind.LOCAL);
        Loop loop = typer.newLoop("i", rows);
        TExpr offset = new TExpr.Arith(TExpr.Op.MUL, new TExpr.LoopIndex(loop), new TExpr.Num(k, Elem.INT), Elem.INT);
        TExpr outcome = new TExpr.Slice(columns, offset, new Shape.Vector(new Size.Const(k)), Elem.REAL);
        Typer.Ctx ctx = Typer.Ctx.rows(loop, false, state.mode.predicting());
        Symbol y = state.symbols.get(stack.names().get(0).name());
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
        boolean draws = state.mode.predicting();
        return new Term(st, lhs, false, loop, typer.densityTerm(call, outcome, span, Typer.Ctx.scalar(false, draws)), null);
    }

    private Term likelihood(Statement st, Symbol y, Expr.Name n, Expr.Call call) {
        if (!isEscape(call) && typer.distributionOf(call).outcomeShape().startsWith("int[") && indexOf(st.target()).isEmpty()
                && st.target() instanceof Statement.Target.Symbol) {
            return countRows(st, y, n, call);
        }
        if (!isEscape(call) && typer.distributionOf(call).outcomeShape().startsWith("vector[") && indexOf(st.target()).isEmpty()
                && st.target() instanceof Statement.Target.Symbol && y.shape() instanceof Shape.Matrix && st.type() == null) {
            return vectorRows(st, y, n, call);
        }
        if (!isEscape(call) && !typer.distributionOf(call).scalarOutcome() && indexOf(st.target()).isEmpty()
                && st.target() instanceof Statement.Target.Symbol) {
            // a whole data vector as one outcome (y ~ multi_normal(0, K)): one term, one observation
            if (st.type() != null) shapes.sameShapeAs(shapes.declared(st.type(), y), y.shape(), st.type().span());
            TExpr whole = new TExpr.Slice(y, new TExpr.Num(0, Elem.INT), y.shape(), Elem.REAL);
            return new Term(st, y, true, null, typer.densityTerm(call, whole, n.span(), Typer.Ctx.scalar(false, state.mode.predicting())), null);
        }
        if (st.type() != null) {
            throw state.error(st.type().span(), "'" + y.name() + "' is data: it needs no type", "remove '" + st.type().name() + "[..]:'");
        }
        if (!indexOf(st.target()).isEmpty() || st.target() instanceof Statement.Target.Element) {
            throw state.error(st.target().span(), "'" + y.name() + "' is data: a '~' line on it runs over every row by itself",
                    "write '" + y.name() + " ~ ...' without an index");
        }
        if (st.target() instanceof Statement.Target.Stack) {
            throw state.error(st.target().span(), "several data outcomes in one line (c(y1, y2) ~ ...) " + Unsupported.LATER, null);
        }
        Loop loop = null;
        boolean draws = state.mode.predicting();   // a prediction program turns these lines into random draws
        Typer.Ctx ctx = Typer.Ctx.scalar(false, draws);
        Symbol read = state.redirect.getOrDefault(y.name(), y);   // an imputed outcome reads its merged value
        TExpr outcome = new TExpr.Ref(read, null, Elem.REAL);
        if (!y.shape().isScalar()) {
            if (!(y.shape() instanceof Shape.Vector)) throw state.error(n.span(), "a matrix outcome " + Unsupported.LATER, null);
            loop = typer.newLoop("i", new Size.Length(y));
            ctx = Typer.Ctx.rows(loop, false, draws);
            outcome = new TExpr.Ref(read, new TExpr.LoopIndex(loop), Elem.REAL);
        }
        TExpr condition = null;
        if (st.condition() != null) {
            condition = typer.expr(st.condition(), ctx.withOutcome(outcome));
            if (condition.elem() != Elem.BOOL || !Typer.dataOnly(condition)) {
                throw state.error(st.condition().span(), "the condition of '" + y.name() + " | ...' must be a test on data, such as "
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
                    throw state.error(call.span(), "custom(...) takes one expression: the log density of one observation",
                            "write y ~ custom(expression), with !Y standing for the observation");
                }
                TExpr v = typer.expr(call.args().get(0), ctx.withOutcome(outcome));
                if (v.elem() == Elem.STRING || v.elem() == Elem.BOOL) {
                    throw state.error(call.args().get(0).span(), "custom(...) needs a number: the log density", null);
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
        boolean draws = state.mode.predicting();
        if (isEscape(call)) {
            throw state.error(call.functionSpan(), call.function() + "(...) lines are for data, not parameters", null);
        }
        if (st.condition() != null) {
            throw state.error(st.condition().span(), "a condition 'x | ...' only applies to data outcomes", null);
        }
        if (p.statement() != st && (st.type() != null || !indexOf(st.target()).isEmpty())) {
            Shape again = st.type() != null ? shapes.declared(st.type(), p) : null;
            if (again != null && !again.toString().equals(p.shape().toString())) {
                throw state.error(st.target().span(), "'" + p.name() + "' was declared " + p.shape() + " on line "
                        + p.statement().span().line() + " but " + again + " here", "declare it once");
            }
        }
        if (st.target() instanceof Statement.Target.Element e) {
            // v[[k]] ~ dist(...): a prior on one element
            if (!(e.element() instanceof Expr.Num k) || !k.integer() || k.value() < 1) {
                throw state.error(e.element().span(), "the element in " + p.name() + "[[k]] must be a whole number from 1 up", null);
            }
            if (!(p.shape() instanceof Shape.Vector v)) {
                throw state.error(e.span(), "'" + p.name() + "' is a " + p.shape() + "; [[k]] selects an element of a vector", null);
            }
            int c = v.length().constant();
            if (c >= 0 && k.value() > c) {
                throw state.error(e.element().span(), "'" + p.name() + "' has " + c + " elements; there is no element " + (int) k.value(), null);
            }
            if (c < 0) state.checks.add(new Check.LiteralRange((int) k.value(), v.length(), p, e.element().span()));
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
     * {@code y ~ dist(...) T[L, U]} (Stan reference manual, "Truncated distributions"; missing
     * from rethinking's ulam, language reference 5): the density renormalised to [L, U] by subtracting
     * {@code log(F(U) - F(L))}, or {@code log(1 - F(L))} / {@code log F(U)} with one bound; for a
     * count outcome the lower bound is included ({@code log(1 - F(L - 1))}).
     */
    private TExpr truncate(Statement st, TExpr value, Typer.Ctx ctx) {
        Statement.Truncation tr = st.truncation();
        if (tr == null) return value;
        if (!(value instanceof TExpr.Density d)) {
            throw state.error(tr.span(), "truncation T[L, U] applies to a distribution of single values such as dnorm(mu, sigma)", null);
        }
        if (tr.lower() == null && tr.upper() == null) {
            throw state.error(tr.span(), "T[,] needs a lower or an upper bound", "e.g. T[0, ] or T[, 10]");
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
}
