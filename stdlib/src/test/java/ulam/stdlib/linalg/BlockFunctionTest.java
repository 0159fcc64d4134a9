package ulam.stdlib.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Signatures;
import ulam.stdlib.multivariate.Mat;
import ulam.stdlib.testing.Seeds;

/**
 * Every BLOCK function of {@code ulam.stdlib.linalg}, called through the registry entry and
 * reflection with exactly the descriptors the compiler emits, operands at non-zero offsets in
 * NaN-padded arrays: the value against a direct commons-math3 (or closed-form) computation; the
 * Backward method against finite differences of &lt;w, f(x)&gt; for a random adjoint w (a
 * vector-Jacobian product check, element by element, scalar operands included); adjoints added,
 * not overwritten; null adjoint arrays accepted. For cholesky_decompose, whose input is symmetric,
 * the check is along symmetric perturbations (the symmetric convention) and the adjoint must be
 * symmetric.
 */
class BlockFunctionTest {
    static final int PAD = 3;

    /** How to test one function: operand generator, reference value, which operand is symmetric. */
    record Case(Function<Call, double[][]> operands, BiFunction<Call, double[][], double[]> reference, int symmetricArg) {}

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("cholesky_decompose", new Case(c -> new double[][] {Mat.spd(c.random, c.dim("K"))},
                (c, o) -> Mat.columnMajor(new CholeskyDecomposition(m(o[0], c.dim("K"), c.dim("K"))).getL()), 0));
        CASES.put("multiply_lower_tri_self_transpose", new Case(null, (c, o) -> {
            int K = c.dim("K");
            RealMatrix l = m(o[0], K, K);
            for (int i = 0; i < K; i++) {
                for (int j = i + 1; j < K; j++) {
                    l.setEntry(i, j, 0);
                }
            }
            return Mat.columnMajor(l.multiply(l.transpose()));
        }, -1));
        CASES.put("diag_pre_multiply", new Case(null, (c, o) -> Mat.columnMajor(
                MatrixUtils.createRealDiagonalMatrix(o[0]).multiply(m(o[1], c.dim("K"), c.dim("N")))), -1));
        CASES.put("diag_post_multiply", new Case(null, (c, o) -> Mat.columnMajor(
                m(o[0], c.dim("N"), c.dim("K")).multiply(MatrixUtils.createRealDiagonalMatrix(o[1]))), -1));
        CASES.put("quad_form_diag", new Case(null, (c, o) -> {
            RealMatrix d = MatrixUtils.createRealDiagonalMatrix(o[1]);
            return Mat.columnMajor(d.multiply(m(o[0], c.dim("K"), c.dim("K"))).multiply(d));
        }, -1));
        CASES.put("multiply", new Case(null, (c, o) -> Mat.columnMajor(
                m(o[0], c.dim("R"), c.dim("M")).multiply(m(o[1], c.dim("M"), c.dim("C")))), -1));
        CASES.put("multiply_mv", new Case(null, (c, o) -> m(o[0], c.dim("R"), c.dim("C")).operate(o[1]), -1));
        CASES.put("transpose", new Case(null, (c, o) -> Mat.columnMajor(m(o[0], c.dim("R"), c.dim("C")).transpose()), -1));
        CASES.put("dot_product", new Case(null,
                (c, o) -> new double[] {new ArrayRealVector(o[0]).dotProduct(new ArrayRealVector(o[1]))}, -1));
        CASES.put("rows_dot_product", new Case(null, (c, o) -> {
            RealMatrix a = m(o[0], c.dim("R"), c.dim("C"));
            RealMatrix b = m(o[1], c.dim("R"), c.dim("C"));
            double[] out = new double[c.dim("R")];
            for (int r = 0; r < out.length; r++) {
                out[r] = a.getRowVector(r).dotProduct(b.getRowVector(r));
            }
            return out;
        }, -1));
        CASES.put("softmax", new Case(null, (c, o) -> {
            double s = Arrays.stream(o[0]).map(Math::exp).sum();
            return Arrays.stream(o[0]).map(x -> Math.exp(x) / s).toArray();
        }, -1));
        CASES.put("log_softmax", new Case(null, (c, o) -> {
            double s = Arrays.stream(o[0]).map(Math::exp).sum();
            return Arrays.stream(o[0]).map(x -> Math.log(Math.exp(x) / s)).toArray();
        }, -1));
        CASES.put("log_sum_exp", new Case(null,
                (c, o) -> new double[] {Math.log(Arrays.stream(o[0]).map(Math::exp).sum())}, -1));
        CASES.put("cov_GPL2", new Case(BlockFunctionTest::gpOperands, (c, o) -> gp(c, o, true), -1));
        CASES.put("cov_GPL1", new Case(BlockFunctionTest::gpOperands, (c, o) -> gp(c, o, false), -1));
        CASES.put("gp_exp_quad_cov", new Case(c -> new double[][] {Mat.uniform(c.random, c.dim("N"), -2, 2),
            {Mat.uniform(c.random, 0.3, 2)}, {Mat.uniform(c.random, 0.4, 2)}}, (c, o) -> {
                // Stan Functions Reference: alpha^2 exp(-(x_i - x_j)^2 / (2 rho^2))
                int N = c.dim("N");
                double[] k = new double[N * N];
                for (int i = 0; i < N; i++) {
                    for (int j = 0; j < N; j++) {
                        double r = o[0][i] - o[0][j];
                        k[i + j * N] = o[1][0] * o[1][0] * Math.exp(-r * r / (2 * o[2][0] * o[2][0]));
                    }
                }
                return k;
            }, -1));
        CASES.put("diag_matrix", new Case(null, (c, o) -> Mat.columnMajor(MatrixUtils.createRealDiagonalMatrix(o[0])), -1));
        CASES.put("cov_Pagel", new Case(c -> {
            double[][] o = gpOperands(c);
            return new double[][] {o[0], {Mat.uniform(c.random, 0.05, 0.95)}};
        }, (c, o) -> {
            // rethinking: K = x; K[i,j] = K[j,i] = lambda * x[i,j] for i < j
            int N = c.dim("N");
            double[] k = o[0].clone();
            for (int i = 0; i < N; i++) {
                for (int j = i + 1; j < N; j++) {
                    k[i + j * N] = o[1][0] * o[0][i + j * N];
                    k[j + i * N] = k[i + j * N];
                }
            }
            return k;
        }, -1));
    }

    static RealMatrix m(double[] a, int R, int C) {
        return Mat.matrix(a, 0, R, C);
    }

    /** A distance matrix (symmetric, zero diagonal; its lower triangle perturbed so it is not read) and 3 positive scalars. */
    static double[][] gpOperands(Call c) {
        int N = c.dim("N");
        double[] x = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                x[i + j * N] = Mat.uniform(c.random, 0.1, 2.5);
                x[j + i * N] = x[i + j * N] + 0.5; // rethinking reads x[i,j] with i < j only
            }
        }
        return new double[][] {x, {Mat.uniform(c.random, 0.2, 2)}, {Mat.uniform(c.random, 0.1, 1.5)},
            {Mat.uniform(c.random, 0.01, 0.3)}};
    }

    /** rethinking's cov_GPL2_scal, and its L1 sibling. */
    static double[] gp(Call c, double[][] o, boolean squared) {
        int N = c.dim("N");
        double[] k = new double[N * N];
        for (int i = 0; i < N; i++) {
            k[i + i * N] = o[1][0] + o[3][0];
            for (int j = i + 1; j < N; j++) {
                double x = o[0][i + j * N];
                k[i + j * N] = o[1][0] * Math.exp(-o[2][0] * (squared ? x * x : x));
                k[j + i * N] = k[i + j * N];
            }
        }
        return k;
    }

    // ------------------------------------------------------------------ calling by reflection

    /** One BLOCK function at one assignment of its dimensions. */
    static final class Call {
        final FunctionSpec spec;
        final Map<String, Integer> dims;
        final UniformRandomProvider random;
        final Method value;
        final Method backward;
        final List<String> dimNames;

        Call(FunctionSpec spec, Map<String, Integer> allDims, UniformRandomProvider random) {
            this.spec = spec;
            this.random = random;
            List<String> shapes = new ArrayList<>(spec.argShapes());
            shapes.add(spec.resultShape());
            dimNames = Signatures.dims(shapes);
            dims = new LinkedHashMap<>();
            for (String n : dimNames) {
                dims.put(n, allDims.get(n));
            }
            value = find(spec.method(), Signatures.function(spec));
            backward = find(spec.method() + "Backward", Signatures.backward(spec));
        }

        private Method find(String name, String descriptor) {
            for (Method m : spec.implementation().getMethods()) {
                String d = java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                        .toMethodDescriptorString();
                if (m.getName().equals(name) && d.equals(descriptor)) {
                    return m;
                }
            }
            throw new AssertionError(spec.name() + ": no " + name + descriptor);
        }

        int dim(String name) {
            return dims.get(name);
        }

        int size(String shape) {
            int n = 1;
            for (String s : Signatures.sizeNames(shape)) {
                n *= dims.get(s);
            }
            return n;
        }

        boolean scalarResult() {
            return spec.resultShape().isEmpty();
        }

        double[][] operands() {
            Case c = CASES.get(spec.name());
            if (c.operands() != null) {
                return c.operands().apply(this);
            }
            double[][] o = new double[spec.arity()][];
            for (int k = 0; k < o.length; k++) {
                o[k] = Mat.uniform(random, Math.max(1, size(spec.argShapes().get(k))), -2, 2);
            }
            return o;
        }

        private List<Object> operandArgs(double[][] o) {
            List<Object> args = new ArrayList<>();
            for (int k = 0; k < spec.arity(); k++) {
                if (spec.argShapes().get(k).isEmpty()) {
                    args.add(o[k][0]);
                } else {
                    args.add(Mat.padded(o[k], PAD));
                    args.add(PAD);
                }
            }
            for (String n : dimNames) {
                args.add(dims.get(n));
            }
            return args;
        }

        /** The value (a scalar result as a one-element array). */
        double[] value(double[][] o) {
            List<Object> args = operandArgs(o);
            if (scalarResult()) {
                return new double[] {(double) invoke(value, args)};
            }
            double[] out = Mat.padded(new double[size(spec.resultShape())], PAD);
            args.add(out);
            args.add(PAD);
            invoke(value, args);
            for (int i = 0; i < PAD; i++) {
                assertTrue(Double.isNaN(out[i]) && Double.isNaN(out[out.length - 1 - i]),
                        spec.name() + " wrote outside its result");
            }
            return Arrays.copyOfRange(out, PAD, out.length - PAD);
        }

        /**
         * The adjoint contributions for result adjoint w: result[k] for operand k (scalar: one
         * element from d[k]). Each adjoint array starts with values {@code start[k]} (which are
         * subtracted again) to check that the method adds. With {@code nullAdjoints} every array is null.
         */
        double[][] backward(double[][] o, double[] w, double[][] start, boolean nullAdjoints) {
            List<Object> args = operandArgs(o);
            double[] out = value(o);
            if (scalarResult()) {
                args.add(out[0]);
                args.add(w[0]);
            } else {
                args.add(Mat.padded(out, PAD));
                args.add(PAD);
                args.add(Mat.padded(w, PAD));
                args.add(PAD);
            }
            double[] d = new double[spec.arity() + 1];
            Arrays.fill(d, Double.NaN);
            args.add(d);
            double[][] adj = new double[spec.arity()][];
            for (int k = 0; k < spec.arity(); k++) {
                if (!spec.argShapes().get(k).isEmpty()) {
                    adj[k] = nullAdjoints ? null : Mat.padded(start[k], PAD);
                    args.add(adj[k]);
                    args.add(PAD);
                }
            }
            invoke(backward, args);
            double[][] result = new double[spec.arity()][];
            for (int k = 0; k < spec.arity(); k++) {
                if (spec.argShapes().get(k).isEmpty()) {
                    result[k] = new double[] {d[k]};
                } else if (!nullAdjoints) {
                    result[k] = new double[o[k].length];
                    for (int i = 0; i < o[k].length; i++) {
                        result[k][i] = adj[k][PAD + i] - start[k][i];
                    }
                    assertTrue(Double.isNaN(adj[k][0]) && Double.isNaN(adj[k][adj[k].length - 1]),
                            spec.name() + " wrote outside an adjoint");
                }
            }
            return result;
        }

        private Object invoke(Method m, List<Object> args) {
            try {
                return m.invoke(null, args.toArray());
            } catch (InvocationTargetException e) {
                throw new AssertionError(spec.name() + " threw", e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public String toString() {
            return spec.name() + " " + dims;
        }
    }

    // ------------------------------------------------------------------ tests

    static Stream<FunctionSpec> blockFunctions() {
        return Registry.functions().stream().filter(f -> f.kind() == FunctionSpec.Kind.BLOCK
                && f.implementation().getPackageName().equals("ulam.stdlib.linalg"));
    }

    static final List<Map<String, Integer>> DIMS = List.of(
            Map.of("K", 3, "N", 4, "R", 3, "M", 2, "C", 4),
            Map.of("K", 5, "N", 2, "R", 1, "M", 4, "C", 3),
            Map.of("K", 1, "N", 1, "R", 2, "M", 1, "C", 1),
            Map.of("K", 4, "N", 7, "R", 5, "M", 5, "C", 2)); // blocks of four rows and a remainder

    static Stream<Arguments> calls() {
        List<Arguments> all = new ArrayList<>();
        blockFunctions().forEach(f -> {
            for (Map<String, Integer> dims : DIMS) {
                all.add(Arguments.of(new Call(f, dims, Seeds.source(f.name() + dims))));
            }
        });
        return all.stream();
    }

    @Test
    void everyBlockFunctionHasACase() {
        List<String> names = blockFunctions().map(FunctionSpec::name).toList();
        assertEquals(18, names.size(), "the BLOCK functions of MultivariateTable: " + names);
        for (String n : names) {
            assertTrue(CASES.containsKey(n), n + " has no test case");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void valueMatchesReference(Call call) {
        for (int trial = 0; trial < 5; trial++) {
            double[][] o = call.operands();
            double[] expected = CASES.get(call.spec.name()).reference().apply(call, o);
            double[] actual = call.value(o);
            assertEquals(expected.length, actual.length, call + " result size");
            for (int i = 0; i < expected.length; i++) {
                assertClose(expected[i], actual[i], 1e-12, call + " value[" + i + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void backwardIsTheVectorJacobianProduct(Call call) {
        int symmetric = CASES.get(call.spec.name()).symmetricArg();
        for (int trial = 0; trial < 3; trial++) {
            double[][] o = call.operands();
            double[] w = Mat.uniform(call.random, call.scalarResult() ? 1 : call.size(call.spec.resultShape()), -1, 1);
            double[][] start = new double[o.length][];
            for (int k = 0; k < o.length; k++) {
                start[k] = Mat.uniform(call.random, o[k].length, -1, 1);
            }
            double[][] adj = call.backward(o, w, start, false);
            for (int k = 0; k < o.length; k++) {
                final int arg = k;
                java.util.function.ToDoubleFunction<double[]> phi = x -> {
                    double[][] p = o.clone();
                    p[arg] = x;
                    double[] f = call.value(p);
                    double s = 0;
                    for (int i = 0; i < f.length; i++) {
                        s += w[i] * f[i];
                    }
                    return s;
                };
                if (k == symmetric) {
                    int K = (int) Math.round(Math.sqrt(o[k].length));
                    for (int i = 0; i < K; i++) {
                        for (int j = 0; j <= i; j++) {
                            assertClose(adj[k][i + j * K], adj[k][j + i * K], 1e-12, call + " adjoint symmetric");
                            double analytic = i == j ? adj[k][i + i * K] : adj[k][i + j * K] + adj[k][j + i * K];
                            assertDerivative(Mat.symmetricPartial(phi, o[k], 0, K, i, j), analytic,
                                    call + " adjoint of operand " + k + " along E_" + i + j + " + E_" + j + i);
                        }
                    }
                } else {
                    for (int i = 0; i < o[k].length; i++) {
                        assertDerivative(Mat.partial(phi, o[k], i), adj[k][i],
                                call + " adjoint of operand " + k + " element " + i);
                    }
                }
            }
            call.backward(o, w, start, true); // null adjoint arrays: constant operands, must not throw
        }
    }

    @Test
    void choleskyDecomposeOfAnInvalidMatrixIsNaN() {
        double[] notPd = {1, 2, 2, 1};
        double[] asymmetric = {2, 0.5, 0.1, 2};
        double[] out = new double[4];
        for (double[] a : new double[][] {notPd, asymmetric}) {
            Cholesky.choleskyDecompose(a, 0, 2, out, 0);
            for (double v : out) {
                assertTrue(Double.isNaN(v), Arrays.toString(a));
            }
        }
    }

    @Test
    void logSumExpFamilyDoesNotOverflow() {
        double[] v = {1000, 1000, -1000};
        assertClose(1000 + Math.log(2), Softmax.logSumExp(v, 0, 3), 1e-15, "log_sum_exp");
        double[] out = new double[3];
        Softmax.softmax(v, 0, 3, out, 0);
        assertClose(0.5, out[0], 1e-15, "softmax");
        assertEquals(0.0, out[2], 1e-300);
        Softmax.logSoftmax(v, 0, 3, out, 0);
        assertClose(-Math.log(2), out[0], 1e-15, "log_softmax");
        assertClose(-2000 - Math.log(2), out[2], 1e-15, "log_softmax");
        assertEquals(Double.NEGATIVE_INFINITY, Softmax.logSumExp(new double[] {Double.NEGATIVE_INFINITY}, 0, 1));
        assertEquals(Double.NEGATIVE_INFINITY, Softmax.logSumExp(new double[0], 0, 0));
        if (!Double.isNaN(Softmax.logSumExp(new double[] {1, Double.NaN}, 0, 2))) {
            fail("log_sum_exp of a NaN");
        }
    }
}
