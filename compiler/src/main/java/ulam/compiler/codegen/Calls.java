package ulam.compiler.codegen;

import org.objectweb.asm.Type;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Signatures;

/**
 * JVM names and descriptors of the library methods generated code calls: the stdlib's
 * {@link Signatures} (the one statement of the calling convention, which its reflection test
 * checks every implementation against).
 */
final class Calls {
    private Calls() {}

    static final String RNG = "Lorg/apache/commons/rng/UniformRandomProvider;";

    static String owner(Class<?> c) {
        return Type.getInternalName(c);
    }

    /** {@code double kernel(y, args..., double[] d, ...)}. */
    static String kernel(DistributionSpec d) {
        return Signatures.kernel(d);
    }

    /** {@code double lpdf(y, args...)}. */
    static String lpdf(DistributionSpec d) {
        return Signatures.lpdf(d);
    }

    /** {@code double constant(int y, int args...)}. */
    static String constant(DistributionSpec d) {
        return Signatures.constant(d);
    }

    /** {@code T rng(UniformRandomProvider, args...)}. */
    static String rng(DistributionSpec d) {
        return Signatures.rng(d);
    }

    /** {@code double f(double...)}. */
    static String function(FunctionSpec f) {
        return Signatures.function(f);
    }

    /** {@code double fD<j>(double..., double fx)}. */
    static String derivative(FunctionSpec f) {
        return Signatures.derivative(f);
    }

    /** Largest {@code d} array a kernel of this distribution needs. */
    static int partials(DistributionSpec d) {
        return d.arity() + 1;
    }
}
