package ulam.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Signatures;
import ulam.stdlib.ValueType;

/**
 * Types the {@code ~} lines whose distribution has a vector or matrix operand
 * ({@code multi_normal}, {@code lkj_corr}, {@code dirichlet}, {@code ordered_logistic},
 * {@code categorical}) into a {@link TExpr.VDensity}: each vector or matrix operand becomes a
 * {@link TExpr.Slice} of a stored array (a parameter, data, or an expression materialized into an
 * anonymous local), the distribution's size names ({@code K}, {@code C}) are bound to the operands'
 * sizes (equal sizes checked now or when the data are bound), and a single value written where a
 * vector is expected ({@code multi_normal(0, SIGMA)}) is repeated to the vector's length.
 */
final class VectorDensities {
    private final Typer typer;
    private final ArrayTyper arrays;

    VectorDensities(Typer typer, ArrayTyper arrays) {
        this.typer = typer;
        this.arrays = arrays;
    }

    /**
     * The log density of {@code outcome} (a single value of the row or element being typed, or a
     * {@link TExpr.Slice} of a whole vector or matrix) under {@code spec} with the arguments of
     * {@code call}, typed in {@code ctx}.
     *
     * @throws ulam.runtime.UlamException (located) for a single value where a matrix is needed,
     *         a vector where a single value is needed, or sizes that differ
     */
    TExpr.VDensity density(DistributionSpec spec, Expr.Call call, TExpr outcome, Span outcomeSpan, Typer.Ctx ctx) {
        List<String> shapes = Signatures.shapes(spec);
        Map<String, Size> bound = new LinkedHashMap<>();
        List<TExpr> ops = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        boolean mvnorm2 = call.function().equals("dmvnorm2");   // rethinking's dmvnorm2(Mu, sigma, Rho)
        boolean scales = spec.name().equals("multi_normal") && (call.args().size() == 3 || mvnorm2);
        int given = scales ? 3 : spec.arity();
        if (call.args().size() != given) {
            throw typer.error(call.span(), call.function() + " takes " + (mvnorm2 ? "3" : spec.arity()) + " arguments"
                    + (mvnorm2 ? " (Mu, sigma, Rho)" : spec.name().equals("multi_normal")
                            ? " (mu, Sigma), or three (mu, Rho, sigma: correlations and scales)" : "")
                    + ", not " + call.args().size(), "see docs/language.md");
        }
        ops.add(outcome);
        spans.add(outcomeSpan);
        if (outcome == null) {
            // a draw (dist_rng): no outcome; its size comes from the arguments
        } else if (outcome instanceof TExpr.Slice s) {
            wholeNumbers(spec, 0, s, outcomeSpan);
            bind(bound, shapes.get(0), s.shape(), spec, 0, outcomeSpan);
        } else if (!shapes.get(0).isEmpty()) {
            throw typer.error(outcomeSpan, spec.name() + " is a distribution of a whole " + Signatures.shapeKind(shapes.get(0))
                    + ", not of a single value", null);
        } else {
            ops.set(0, spec.outcome() == ValueType.INT ? typer.toInt(outcome, outcomeSpan, "the outcome of " + spec.name())
                    : typer.numeric(outcome, outcomeSpan));
        }
        for (int k = 1; k < shapes.size(); k++) {
            Expr a = call.args().get(k - 1);
            spans.add(a.span());
            DistributionSpec.Arg arg = spec.args().get(k - 1);
            if (shapes.get(k).isEmpty()) {
                TExpr t = typer.numeric(typer.expr(a, ctx), a.span());
                if (arg.type() == ValueType.INT) t = typer.toInt(t, a.span(), "the argument " + arg.name() + " of " + spec.name());
                ops.add(t);
                continue;
            }
            ArrayArg o;
            if (scales && k == 2) {
                // ulam's multi_normal(mu, Rho, sigma): the covariance quad_form_diag(Rho, sigma)
                Expr rho = mvnorm2 ? call.args().get(2) : a;
                Expr sigma = mvnorm2 ? a : call.args().get(2);
                o = arrays.block("quad_form_diag", List.of(arrays.operand(rho, ctx), arrays.operand(sigma, ctx)), a.span());
            } else if (ctx.rows() && a instanceof Expr.Call c && (c.function().equals("c") || c.function().equals("append_row"))) {
                o = rowVectors(c, ctx);
            } else {
                o = arrays.operand(a, ctx);
            }
            if (o instanceof TExpr.Slice rowSlice) {   // a vector per row: its column of a materialized matrix
                bind(bound, shapes.get(k), rowSlice.shape(), spec, k, a.span());
                ops.add(rowSlice);
                continue;
            }
            if (o instanceof AExpr ae) {
                bind(bound, shapes.get(k), ae.shape(), spec, k, a.span());
                TExpr.Slice whole = slice(ae);
                wholeNumbers(spec, k, whole, a.span());
                ops.add(whole);
            } else {
                ops.add((TExpr) o);   // a single value for a vector: repeated below, once the length is known
            }
        }
        for (int k = 1; k < shapes.size(); k++) {
            if (shapes.get(k).isEmpty() || ops.get(k) instanceof TExpr.Slice) continue;
            TExpr single = typer.numeric(ops.get(k), spans.get(k));
            String kind = Signatures.shapeKind(shapes.get(k));
            if (!kind.equals("vector")) {
                throw typer.error(spans.get(k), "the argument " + spec.args().get(k - 1).name() + " of " + spec.name() + " is a "
                        + shapes.get(k) + ", not a single value", null);
            }
            Size n = bound.get(Signatures.sizeNames(shapes.get(k)).get(0));
            if (n == null) {
                throw typer.error(spans.get(k), spec.name() + ": the length of " + spec.args().get(k - 1).name()
                        + " is not set by the other operands", "write a vector here");
            }
            if (!TExprs.all(single, x -> !(x instanceof TExpr.LoopIndex))) {
                throw typer.error(spans.get(k), "a single value standing for the vector " + spec.args().get(k - 1).name()
                        + " must be the same in every row", "write a vector");
            }
            Loop j = typer.newLoop("k", n);
            ops.set(k, slice(new AExpr.Elementwise(j, new Shape.Vector(n), single)));
        }
        List<Size> dims = new ArrayList<>();
        for (String d : Signatures.dims(shapes)) {
            Size s = bound.get(d);
            if (s == null) throw typer.error(call.span(), spec.name() + ": the size " + d + " is not set by its operands", null);
            dims.add(s);
        }
        return new TExpr.VDensity(spec, ops, dims);
    }

    /**
     * {@code c(e1, ..., eK)} read at each row of a likelihood (book m14.6's {@code c(muW, muE)}):
     * the K values of every row side by side in a K × rows matrix, and this row's column of it;
     * the whole vector as usual when no element depends on the row.
     */
    private ArrayArg rowVectors(Expr.Call c, Typer.Ctx ctx) {
        List<TExpr> parts = new ArrayList<>();
        boolean byRow = false;
        for (Expr e : c.args()) {
            TExpr t = typer.numeric(typer.expr(e, ctx), e.span());
            byRow |= !TExprs.all(t, x -> !(x instanceof TExpr.LoopIndex l && l.loop() == ctx.loop()));
            parts.add(t);
        }
        if (!byRow) return arrays.operand(c, ctx);
        Size rows = ctx.loop().count();
        List<ArrayArg> columns = new ArrayList<>();
        for (TExpr t : parts) {
            Loop j = typer.newLoop("i", rows);
            columns.add(new AExpr.Elementwise(j, new Shape.Vector(rows), TExprs.substitute(t, ctx.loop(), new TExpr.LoopIndex(j))));
        }
        int k = parts.size();
        Symbol side = arrays.materialize(new AExpr.Concat(columns, new Shape.Matrix(rows, new Size.Const(k)), true), arrays.context());
        Symbol byColumn = arrays.materialize(new AExpr.Transpose(new AExpr.Whole(side), new Shape.Matrix(new Size.Const(k), rows)),
                arrays.context());
        TExpr offset = new TExpr.Arith(TExpr.Op.MUL, new TExpr.LoopIndex(ctx.loop()), new TExpr.Num(k, Elem.INT), Elem.INT);
        return new TExpr.Slice(byColumn, offset, new Shape.Vector(new Size.Const(k)), Elem.REAL);
    }

    /**
     * {@code categorical_rng(theta)}: a draw of a single value from a distribution with a vector
     * argument, its arguments typed as for {@link #density}.
     */
    TExpr.VRng rng(DistributionSpec spec, Expr.Call call, Typer.Ctx ctx) {
        TExpr.VDensity d = density(spec, call, null, call.span(), ctx);
        return new TExpr.VRng(spec, d.operands().subList(1, d.operands().size()), d.dims());
    }

    /**
     * {@code dirichlet_rng(alpha)}: a draw of a whole vector or matrix, its shape from the
     * arguments' sizes ({@code vector[K]} with alpha's K).
     */
    AExpr.Draw draw(DistributionSpec spec, Expr.Call call, Typer.Ctx ctx) {
        TExpr.VDensity d = density(spec, call, null, call.span(), ctx);
        List<String> names = Signatures.dims(Signatures.shapes(spec));
        List<Size> sizes = new ArrayList<>();
        for (String n : Signatures.sizeNames(spec.outcomeShape())) sizes.add(d.dims().get(names.indexOf(n)));
        Shape shape = Signatures.shapeKind(spec.outcomeShape()).equals("matrix") ? new Shape.Matrix(sizes.get(0), sizes.get(1))
                : new Shape.Vector(sizes.get(0));
        return new AExpr.Draw(spec, d.operands().subList(1, d.operands().size()), d.dims(), shape);
    }

    /** A whole array as a slice of a stored symbol (materialized into an anonymous local if it is an expression). */
    TExpr.Slice slice(AExpr a) {
        // stored symbols are read in place; so is a reported generated value (in the draw, once written)
        if (a instanceof AExpr.Whole w && (ArrayTyper.stored(w.symbol()) || w.symbol().kind() == Kind.GENERATED)) {
            return new TExpr.Slice(w.symbol(), new TExpr.Num(0, Elem.INT), w.symbol().shape(), Elem.REAL);
        }
        Symbol s = arrays.materialize(arrays.copyOf(a), arrays.context());
        return new TExpr.Slice(s, new TExpr.Num(0, Elem.INT), s.shape(), Elem.REAL);
    }

    /** A vector of whole numbers (multinomial counts) is read from data: a parameter or a computed vector holds reals. */
    private void wholeNumbers(DistributionSpec spec, int k, TExpr.Slice s, Span at) {
        ValueType type = k == 0 ? spec.outcome() : spec.args().get(k - 1).type();
        if (type == ValueType.INT && !s.symbol().isData()) {
            String what = k == 0 ? "the outcome of " + spec.name() : "the argument " + spec.args().get(k - 1).name() + " of " + spec.name();
            String is = s.symbol().anonymous() ? "it is computed" : "'" + s.symbol().name() + "' is a " + s.symbol().kind().description;
            throw typer.error(at, what + " is whole numbers (counts), so it must be data, but " + is, "put the counts in the data");
        }
    }

    private void bind(Map<String, Size> bound, String want, Shape have, DistributionSpec spec, int k, Span at) {
        String what = k == 0 ? "the outcome of " + spec.name() : "the argument " + spec.args().get(k - 1).name() + " of " + spec.name();
        String kind = Signatures.shapeKind(want);
        List<String> names = Signatures.sizeNames(want);
        List<Size> sizes;
        if (kind.equals("matrix") && have instanceof Shape.Matrix m) {
            sizes = List.of(m.rows(), m.cols());
        } else if (!kind.equals("matrix") && have instanceof Shape.Vector v) {
            sizes = List.of(v.length());
        } else {
            throw typer.error(at, what + " must be a " + want + ", not a " + have, null);
        }
        for (int i = 0; i < names.size(); i++) {
            Size prev = bound.putIfAbsent(names.get(i), sizes.get(i));
            if (prev != null) typer.sameSize(prev, sizes.get(i), "the sizes of the operands of " + spec.name(), at);
        }
    }
}
