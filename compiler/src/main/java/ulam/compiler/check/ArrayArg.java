package ulam.compiler.check;

import java.util.function.Function;

/**
 * A part of a whole-array expression ({@link AExpr.Concat}'s parts, {@link AExpr.Block}'s
 * arguments): a single value ({@link TExpr}) or a whole vector or matrix ({@link AExpr}).
 */
public sealed interface ArrayArg permits TExpr, AExpr {

    /**
     * Complete dispatch on the two kinds.
     *
     * @param single what to do with a single value
     * @param array  what to do with a whole vector or matrix
     * @return the chosen function's result
     */
    <R> R fold(Function<TExpr, R> single, Function<AExpr, R> array);
}
