package ulam.compiler.codegen;

import org.objectweb.asm.Type;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.ValueType;

/**
 * JVM names and descriptors of the library methods generated code calls, derived from the
 * registry's conventions ({@link DistributionSpec}, {@link FunctionSpec}). The stdlib's
 * reflection test checks that every promised method exists with exactly these descriptors.
 */
final class Calls {
    private Calls() {}

    static final String RNG = "Lorg/apache/commons/rng/UniformRandomProvider;";

    static String owner(Class<?> c) {
        return Type.getInternalName(c);
    }

    private static String t(ValueType v) {
        return v == ValueType.INT ? "I" : "D";
    }

    private static String operands(DistributionSpec d, boolean outcome) {
        StringBuilder sb = new StringBuilder();
        if (outcome) sb.append(t(d.outcome()));
        for (DistributionSpec.Arg a : d.args()) sb.append(t(a.type()));
        return sb.toString();
    }

    /** {@code double kernel(y, args..., double[] d)}. */
    static String kernel(DistributionSpec d) {
        return "(" + operands(d, true) + "[D)D";
    }

    /** {@code double lpdf(y, args...)}. */
    static String lpdf(DistributionSpec d) {
        return "(" + operands(d, true) + ")D";
    }

    /** {@code double constant(int y, int args...)}: the outcome and the INT arguments. */
    static String constant(DistributionSpec d) {
        StringBuilder sb = new StringBuilder("(I");
        for (DistributionSpec.Arg a : d.args()) if (a.type() == ValueType.INT) sb.append('I');
        return sb.append(")D").toString();
    }

    /** {@code T rng(UniformRandomProvider, args...)}. */
    static String rng(DistributionSpec d) {
        return "(" + RNG + operands(d, false) + ")" + t(d.outcome());
    }

    /** {@code double f(double...)}. */
    static String function(FunctionSpec f) {
        return "(" + "D".repeat(f.arity()) + ")D";
    }

    /** {@code double fD<j>(double..., double fx)}. */
    static String derivative(FunctionSpec f) {
        return "(" + "D".repeat(f.arity() + 1) + ")D";
    }

    /** Largest {@code d} array a kernel of this distribution needs. */
    static int partials(DistributionSpec d) {
        return d.arity() + 1;
    }
}
