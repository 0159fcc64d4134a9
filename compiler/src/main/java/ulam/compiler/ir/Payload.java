package ulam.compiler.ir;

import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;

/**
 * What a {@link Value} carries beside its operation and arguments (see {@link Value.Op} for which
 * operation carries which): a constant, a field ({@link Slot}), a library function, a
 * distribution, or a distribution with vector operands ({@link VectorDensity}). Values without a
 * payload (arithmetic, comparisons, the counter) carry null. {@link Value}'s typed accessors
 * ({@link Value#slot()}, {@link Value#distribution()}, ...) read it.
 */
public sealed interface Payload permits Payload.Int, Payload.Real, Payload.Text, Payload.Function, Payload.Distribution, Slot,
        VectorDensity {

    /** The payload as {@code ulam check --ir} prints it between brackets: {@code CONST_I[1]}, {@code LOAD[f3]}. */
    String show();

    /** An integer constant (CONST_I; a BOOL constant is 0 or 1). */
    record Int(int value) implements Payload {
        @Override public String show() { return Integer.toString(value); }
    }

    /** A real constant (CONST_D); equal when {@link Double#compare} says so (as hash-consing needs). */
    record Real(double value) implements Payload {
        @Override public String show() { return Double.toString(value); }
    }

    /** A text constant (CONST_S), compared with text data. */
    record Text(String value) implements Payload {
        @Override public String show() { return value; }
    }

    /** An elementwise library function (CALL). */
    record Function(FunctionSpec spec) implements Payload {
        @Override public String show() { return spec.name(); }
    }

    /** A distribution (KERNEL, LPDF, CONSTANT, DROPPED, RNG, LCDF, LCCDF). */
    record Distribution(DistributionSpec spec) implements Payload {
        @Override public String show() { return spec.name(); }
    }
}
