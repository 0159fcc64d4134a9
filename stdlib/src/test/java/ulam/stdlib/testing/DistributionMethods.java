package ulam.stdlib.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.ValueType;

/**
 * Calls a distribution's static methods through reflection, with the outcome and arguments
 * passed uniformly as one double[] (v[0] = y, v[j] = a_j; int slots hold whole numbers), so that
 * the generic tests can run over every registry entry of scalars ({@link #scalars()}; entries with
 * vector or matrix operands go through {@link ShapedMethods}).
 */
public final class DistributionMethods {
    public final DistributionSpec spec;
    private final Method lpdf;
    private final Method kernel;
    private final Method constant;
    private final Method rng;
    private final Method dropped;
    private final Method lcdf;
    private final Method lccdf;
    private final Method lcdfGrad;
    private final Method lccdfGrad;

    private DistributionMethods(DistributionSpec spec) throws NoSuchMethodException {
        this.spec = spec;
        Class<?> c = spec.implementation();
        lpdf = c.getMethod("lpdf", Signatures.lpdf(spec));
        kernel = c.getMethod("kernel", Signatures.kernel(spec));
        constant = spec.hasConstant() ? c.getMethod("constant", Signatures.constant(spec)) : null;
        rng = c.getMethod("rng", Signatures.rng(spec));
        dropped = c.getMethod("dropped", Signatures.dropped(spec));
        lcdf = spec.hasCdf() ? c.getMethod("lcdf", Signatures.lpdf(spec)) : null;
        lccdf = spec.hasCdf() ? c.getMethod("lccdf", Signatures.lpdf(spec)) : null;
        lcdfGrad = spec.hasCdf() ? c.getMethod("lcdfGrad", Signatures.kernel(spec)) : null;
        lccdfGrad = spec.hasCdf() ? c.getMethod("lccdfGrad", Signatures.kernel(spec)) : null;
    }

    /** The registry's distributions (laws: improper priors, FlatTest's, left out) whose outcome and arguments are all scalars. */
    public static Stream<DistributionSpec> scalarSpecs() {
        return Registry.distributions().stream().filter(DistributionSpec::allScalar).filter(s -> !s.improper());
    }

    /** The methods of every distribution of scalars. */
    public static Stream<DistributionMethods> scalars() {
        return scalarSpecs().map(DistributionMethods::of);
    }

    /** The methods of every distribution with cumulative distribution functions. */
    public static Stream<DistributionMethods> withCdf() {
        return scalarSpecs().filter(DistributionSpec::hasCdf).map(DistributionMethods::of);
    }

    /** log P(Y &lt;= y) at the point v. */
    public double lcdf(double[] v) {
        return (double) call(lcdf, boxed(v, null));
    }

    /** log P(Y &gt; y) at the point v. */
    public double lccdf(double[] v) {
        return (double) call(lccdf, boxed(v, null));
    }

    /** lcdf with its partials in d. */
    public double lcdfGrad(double[] v, double[] d) {
        return (double) call(lcdfGrad, boxed(v, d));
    }

    /** lccdf with its partials in d. */
    public double lccdfGrad(double[] v, double[] d) {
        return (double) call(lccdfGrad, boxed(v, d));
    }

    /** The methods of one registry entry (fails if one is missing). */
    public static DistributionMethods of(DistributionSpec spec) {
        try {
            return new DistributionMethods(spec);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Number of slots: outcome plus arguments. */
    public int slots() {
        return spec.arity() + 1;
    }

    /** The element type of slot i (0 = outcome). */
    public ValueType type(int slot) {
        return slot == 0 ? spec.outcome() : spec.args().get(slot - 1).type();
    }

    public double lpdf(double[] v) {
        return (double) call(lpdf, boxed(v, null));
    }

    public double kernel(double[] v, double[] d) {
        return (double) call(kernel, boxed(v, d));
    }

    /** The summands Stan's {@code ~} leaves out when the operands of {@code mask} are data (bit 0 the outcome). */
    public double dropped(int mask, double[] v) {
        Object[] values = new Object[slots() + 1];
        values[0] = mask;
        System.arraycopy(boxed(v, null), 0, values, 1, slots());
        return (double) call(dropped, values);
    }

    /** The constant, or 0 where the distribution has none. */
    public double constant(double[] v) {
        if (constant == null) {
            return 0.0;
        }
        Object[] values = new Object[constant.getParameterCount()];
        int k = 0;
        values[k++] = box(v[0], spec.outcome());
        for (int j = 1; j < slots(); j++) {
            if (type(j) == ValueType.INT) {
                values[k++] = (int) v[j];
            }
        }
        return (double) call(constant, values);
    }

    /** One draw for the arguments v[1..k] (v[0] ignored), as a double. */
    public double rng(UniformRandomProvider source, double[] v) {
        Object[] values = new Object[slots()];
        values[0] = source;
        for (int j = 1; j < slots(); j++) {
            values[j] = box(v[j], type(j));
        }
        return ((Number) call(rng, values)).doubleValue();
    }

    private Object[] boxed(double[] v, double[] d) {
        Object[] values = new Object[d == null ? slots() : slots() + 1];
        for (int j = 0; j < slots(); j++) {
            values[j] = box(v[j], type(j));
        }
        if (d != null) {
            values[slots()] = d;
        }
        return values;
    }

    private static Object box(double x, ValueType type) {
        return type == ValueType.INT ? (Object) (int) x : (Object) x;
    }

    private Object call(Method m, Object[] values) {
        try {
            return m.invoke(null, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new AssertionError(cause);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
