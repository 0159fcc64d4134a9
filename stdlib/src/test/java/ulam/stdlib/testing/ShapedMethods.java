package ulam.stdlib.testing;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Support;
import ulam.stdlib.ValueType;

/**
 * Calls the static methods of a distribution with vector or matrix operands through reflection,
 * with the JVM descriptors of {@link ulam.stdlib.Signatures} (the ones the compiler emits), so
 * that the generic tests can run over every such registry entry. A {@link Point} holds one value
 * per operand (outcome first): a {@code Double} or {@code Integer} for a scalar, a {@code double[]}
 * or {@code int[]} for a vector or matrix (column-major), and the sizes of the dimensions. Arrays
 * are passed inside larger arrays at an offset ({@code pad} leading slots filled with NaN or
 * {@code Integer.MIN_VALUE}) to check that implementations respect the offsets.
 */
public final class ShapedMethods {
    public final DistributionSpec spec;
    /** The size names of the dimensions, in the order the methods take them. */
    public final List<String> dims;
    private final List<String> shapes;
    private final Method lpdf;
    private final Method kernel;
    private final Method constant;
    private final Method rng;

    /** One value per operand (outcome first) and the size of each dimension. */
    public static final class Point {
        public final Object[] values;
        public final int[] sizes;

        public Point(Object[] values, int[] sizes) {
            this.values = values;
            this.sizes = sizes;
        }

        /** A deep copy. */
        public Point copy() {
            Object[] v = new Object[values.length];
            for (int i = 0; i < v.length; i++) {
                Object x = values[i];
                v[i] = x instanceof double[] ? ((double[]) x).clone() : x instanceof int[] ? ((int[]) x).clone() : x;
            }
            return new Point(v, sizes.clone());
        }

        /** The operand as a double (scalars only). */
        public double scalar(int i) {
            return ((Number) values[i]).doubleValue();
        }

        public double[] reals(int i) {
            return (double[]) values[i];
        }

        public int[] ints(int i) {
            return (int[]) values[i];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < values.length; i++) {
                Object x = values[i];
                sb.append(i == 0 ? "" : ", ").append(x instanceof double[] ? Arrays.toString((double[]) x)
                        : x instanceof int[] ? Arrays.toString((int[]) x) : String.valueOf(x));
            }
            return sb.append(") sizes ").append(Arrays.toString(sizes)).toString();
        }
    }

    /** The value of {@code kernel} with its partials: d (scalar operands) and one array per non-scalar REAL operand. */
    public static final class Kernel {
        public final double value;
        public final double[] d;
        public final List<double[]> partials;

        Kernel(double value, double[] d, List<double[]> partials) {
            this.value = value;
            this.d = d;
            this.partials = partials;
        }
    }

    private ShapedMethods(DistributionSpec spec) throws NoSuchMethodException {
        this.spec = spec;
        this.shapes = ulam.stdlib.Signatures.shapes(spec);
        this.dims = ulam.stdlib.Signatures.dims(shapes);
        Class<?> c = spec.implementation();
        lpdf = c.getMethod("lpdf", parameters(ulam.stdlib.Signatures.lpdf(spec)));
        kernel = c.getMethod("kernel", parameters(ulam.stdlib.Signatures.kernel(spec)));
        constant = spec.hasConstant() ? c.getMethod("constant", parameters(ulam.stdlib.Signatures.constant(spec))) : null;
        rng = c.getMethod("rng", parameters(ulam.stdlib.Signatures.rng(spec)));
    }

    private static Class<?>[] parameters(String descriptor) {
        return MethodType.fromMethodDescriptorString(descriptor, ShapedMethods.class.getClassLoader()).parameterArray();
    }

    /** The methods of one registry entry (fails if one is missing). */
    public static ShapedMethods of(DistributionSpec spec) {
        try {
            return new ShapedMethods(spec);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The registry's distributions with a vector or matrix operand. */
    public static Stream<DistributionSpec> shapedSpecs() {
        return Registry.distributions().stream().filter(d -> !d.allScalar());
    }

    public int operands() {
        return shapes.size();
    }

    public String shape(int i) {
        return shapes.get(i);
    }

    public boolean scalar(int i) {
        return shapes.get(i).isEmpty();
    }

    /** INT for int operands (scalars and {@code int[..]} vectors), else REAL. */
    public ValueType type(int i) {
        if (ulam.stdlib.Signatures.shapeKind(shapes.get(i)).equals("int")) {
            return ValueType.INT;
        }
        return i == 0 ? spec.outcome() : spec.args().get(i - 1).type();
    }

    public Support support(int i) {
        return i == 0 ? spec.outcomeSupport() : spec.args().get(i - 1).support();
    }

    public String name(int i) {
        return i == 0 ? "y" : spec.args().get(i - 1).name();
    }

    /** Number of elements of operand i at these dimension sizes (1 for a scalar). */
    public int size(int i, int[] sizes) {
        int n = 1;
        for (String d : ulam.stdlib.Signatures.sizeNames(shapes.get(i))) {
            n *= sizes[dims.indexOf(d)];
        }
        return n;
    }

    /** Whether operand i is a non-scalar REAL operand (it has a partials array in kernel). */
    public boolean realArray(int i) {
        return !scalar(i) && type(i) == ValueType.REAL;
    }

    private void operand(List<Object> args, Point p, int i, int pad) {
        Object x = p.values[i];
        if (scalar(i)) {
            args.add(type(i) == ValueType.INT ? (Object) ((Number) x).intValue() : (Object) ((Number) x).doubleValue());
        } else if (x instanceof int[]) {
            int[] v = (int[]) x;
            int[] padded = new int[v.length + pad];
            Arrays.fill(padded, Integer.MIN_VALUE);
            System.arraycopy(v, 0, padded, pad, v.length);
            args.add(padded);
            args.add(pad);
        } else {
            double[] v = (double[]) x;
            double[] padded = new double[v.length + pad];
            Arrays.fill(padded, Double.NaN);
            System.arraycopy(v, 0, padded, pad, v.length);
            args.add(padded);
            args.add(pad);
        }
    }

    private void sizes(List<Object> args, Point p) {
        for (int s : p.sizes) {
            args.add(s);
        }
    }

    public double lpdf(Point p, int pad) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < operands(); i++) {
            operand(args, p, i, pad);
        }
        sizes(args, p);
        return (double) call(lpdf, args);
    }

    /** kernel, its partial arrays first filled with NaN (so an entry left unwritten shows). */
    public Kernel kernel(Point p, int pad) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < operands(); i++) {
            operand(args, p, i, pad);
        }
        sizes(args, p);
        double[] d = new double[operands()];
        Arrays.fill(d, Double.NaN);
        args.add(d);
        List<double[]> partials = new ArrayList<>();
        for (int i = 0; i < operands(); i++) {
            if (realArray(i)) {
                double[] dv = new double[size(i, p.sizes)];
                Arrays.fill(dv, Double.NaN);
                partials.add(dv);
                args.add(dv);
            }
        }
        double value = (double) call(kernel, args);
        return new Kernel(value, d, partials);
    }

    /** The constant, or 0 where there is none. */
    public double constant(Point p, int pad) {
        if (constant == null) {
            return 0.0;
        }
        List<Object> args = new ArrayList<>();
        operand(args, p, 0, pad);
        for (int i = 1; i < operands(); i++) {
            if (type(i) == ValueType.INT) {
                operand(args, p, i, pad);
            }
        }
        sizes(args, p);
        return (double) call(constant, args);
    }

    /**
     * One draw for the arguments of p: a Number for a scalar outcome, else the outcome array, which
     * the rng receives holding a copy of p's outcome (multinomial takes its number of trials from it).
     */
    public Object rng(UniformRandomProvider source, Point p, int pad) {
        List<Object> args = new ArrayList<>();
        args.add(source);
        for (int i = 1; i < operands(); i++) {
            operand(args, p, i, pad);
        }
        sizes(args, p);
        if (scalar(0)) {
            return call(rng, args);
        }
        operand(args, p, 0, pad);
        Object out = args.get(args.size() - 2);
        call(rng, args);
        if (out instanceof int[]) {
            return Arrays.copyOfRange((int[]) out, pad, ((int[]) out).length);
        }
        return Arrays.copyOfRange((double[]) out, pad, ((double[]) out).length);
    }

    private Object call(Method m, List<Object> args) {
        try {
            return m.invoke(null, args.toArray());
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
