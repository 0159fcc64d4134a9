package ulam.compiler.check;

import java.util.List;
import ulam.stdlib.FunctionSpec;

/**
 * A checked expression whose value is a whole vector or matrix, for what is not element by
 * element: concatenation ({@code c(a, b)}, {@code append_row}), transposition, cumulative sums,
 * and the library's BLOCK functions ({@code cholesky_decompose}, {@code %*%}, ...). A local
 * defined by one is <em>materialized</em>: computed into an array (with its own adjoint array in
 * gradient code) before the terms that read it.
 */
public sealed interface AExpr extends ArrayArg {

    /** The shape of the value. */
    Shape shape();

    /** Calls the visitor's method for this node's kind (complete dispatch, checked by the compiler). */
    <R> R accept(Visitor<R> v);

    @Override
    default <R> R fold(java.util.function.Function<TExpr, R> single, java.util.function.Function<AExpr, R> array) {
        return array.apply(this);
    }

    /** One method per kind of {@link AExpr}. */
    interface Visitor<R> {
        R whole(Whole e);
        R elementwise(Elementwise e);
        R concat(Concat e);
        R transpose(Transpose e);
        R cumulativeSum(CumulativeSum e);
        R draw(Draw e);
        R block(Block e);
    }

    /** A symbol's whole value (a parameter, data, or a materialized local): read in place, no copy. */
    record Whole(Symbol symbol) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.whole(this); }
        @Override public Shape shape() { return symbol.shape(); }
    }

    /**
     * Element by element over {@code shape}: {@code body} is the element at the flat
     * (column-major) position {@code loop}.
     */
    record Elementwise(Loop loop, Shape shape, TExpr body) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.elementwise(this); }
    }

    /**
     * Concatenation into a vector ({@code c(a, b)}, {@code append_row}) or side by side into a
     * matrix ({@code append_col}, {@code columns} true): each part a scalar {@link TExpr} or an
     * {@link AExpr} ({@link ArrayArg}).
     */
    record Concat(List<ArrayArg> parts, Shape shape, boolean columns) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.concat(this); }
    }

    /** The transpose of a matrix ({@code t(m)}). */
    record Transpose(AExpr of, Shape shape) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.transpose(this); }
    }

    /**
     * Cumulative sums of a vector, padded with a leading 0: element k is the sum of the first k
     * elements (length n + 1). {@code sum(v[1:E])} reads element E.
     */
    record CumulativeSum(AExpr of, Shape shape) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.cumulativeSum(this); }
    }

    /**
     * A random draw of a whole vector or matrix ({@code dirichlet_rng(alpha)},
     * {@code multi_normal_rng(mu, Sigma)}), generated quantities only: the arguments as in
     * {@link TExpr.VDensity} without the outcome.
     */
    record Draw(ulam.stdlib.DistributionSpec distribution, List<TExpr> operands, List<Size> dims, Shape shape) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.draw(this); }
    }

    /**
     * A library BLOCK function: each argument a scalar {@link TExpr} or an {@link AExpr}, in
     * order; sizes of the function's shape signature bound to {@code dims}.
     */
    record Block(FunctionSpec function, List<ArrayArg> args, List<Size> dims, Shape shape) implements AExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.block(this); }
    }
}
