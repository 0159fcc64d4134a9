package ulam.stdlib.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.ValueType;

/**
 * The JVM signatures that {@link DistributionSpec} and {@link FunctionSpec} promise, derived from
 * a registry entry exactly as the compiler derives the descriptors it emits INVOKESTATIC with.
 */
public final class Signatures {
    private Signatures() {}

    /** int for INT, double for REAL. */
    public static Class<?> jvm(ValueType type) {
        return type == ValueType.INT ? int.class : double.class;
    }

    /** lpdf(T y, T a1, ..., T ak). */
    public static Class<?>[] lpdf(DistributionSpec spec) {
        List<Class<?>> types = new ArrayList<>();
        types.add(jvm(spec.outcome()));
        for (DistributionSpec.Arg a : spec.args()) {
            types.add(jvm(a.type()));
        }
        return types.toArray(Class<?>[]::new);
    }

    /** dropped(int data, T y, T a1, ..., T ak). */
    public static Class<?>[] dropped(DistributionSpec spec) {
        List<Class<?>> types = new ArrayList<>(List.of(int.class));
        types.addAll(List.of(lpdf(spec)));
        return types.toArray(Class<?>[]::new);
    }

    /** kernel(T y, T a1, ..., T ak, double[] d). */
    public static Class<?>[] kernel(DistributionSpec spec) {
        List<Class<?>> types = new ArrayList<>(List.of(lpdf(spec)));
        types.add(double[].class);
        return types.toArray(Class<?>[]::new);
    }

    /** constant(int y, int ...): the outcome, then the int arguments in order. */
    public static Class<?>[] constant(DistributionSpec spec) {
        List<Class<?>> types = new ArrayList<>();
        types.add(jvm(spec.outcome()));
        for (DistributionSpec.Arg a : spec.args()) {
            if (a.type() == ValueType.INT) {
                types.add(int.class);
            }
        }
        return types.toArray(Class<?>[]::new);
    }

    /** rng(UniformRandomProvider rng, T a1, ..., T ak). */
    public static Class<?>[] rng(DistributionSpec spec) {
        List<Class<?>> types = new ArrayList<>();
        types.add(UniformRandomProvider.class);
        for (DistributionSpec.Arg a : spec.args()) {
            types.add(jvm(a.type()));
        }
        return types.toArray(Class<?>[]::new);
    }

    /** The value method of a scalar function: double f(double x1, ..., double xn). */
    public static Class<?>[] function(FunctionSpec spec) {
        Class<?>[] types = new Class<?>[spec.arity()];
        for (int i = 0; i < types.length; i++) {
            types[i] = jvm(spec.args().get(i));
        }
        return types;
    }

    /** A partial of a scalar function: double fD<j>(double x1, ..., double xn, double fx). */
    public static Class<?>[] functionPartial(FunctionSpec spec) {
        Class<?>[] value = function(spec);
        Class<?>[] types = new Class<?>[value.length + 1];
        System.arraycopy(value, 0, types, 0, value.length);
        types[value.length] = double.class;
        return types;
    }
}
