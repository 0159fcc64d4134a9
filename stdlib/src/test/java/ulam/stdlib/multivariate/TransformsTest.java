package ulam.stdlib.multivariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.Registry;
import ulam.stdlib.Signatures;
import ulam.stdlib.TransformSpec;
import ulam.stdlib.testing.Seeds;

/**
 * Every vector transform of the registry, called by reflection with the descriptors the compiler
 * emits, at random unconstrained points for K = 1..5: constrain lands in the support (checked
 * independently of the transform's own code); unconstrain(constrain(q)) == q; the returned
 * log |J| equals log |det| of the numerical Jacobian of q -&gt; the free constrained coordinates
 * as Stan's manual defines them (simplex: x_1..x_{K-1}; correlation types: entries below the
 * diagonal; covariance types: entries on and below); backward equals the finite-difference
 * gradient of &lt;xAdj, constrain(q)&gt; + log |J|; values outside the support are rejected by
 * unconstrain with a message. Fixed points pin the unconstrained coordinates to Stan's order.
 */
class TransformsTest {
    static final int PAD = 2;

    /** What the test knows about one type, independently of its implementation. */
    interface Kind {
        /** null if x (K x K column-major or a K-vector) is in the support, else what is wrong. */
        String violation(double[] x, int K);

        /** The free coordinates of x. */
        double[] free(double[] x, int K);
    }

    static final Map<String, Kind> KINDS = new LinkedHashMap<>();
    static final Map<String, double[][]> INVALID_K3 = new LinkedHashMap<>();

    static {
        KINDS.put("simplex", new Kind() {
            public String violation(double[] x, int K) {
                double s = 0;
                for (double v : x) {
                    if (!(v > 0)) return "element " + v;
                    s += v;
                }
                return Math.abs(s - 1) < 1e-12 ? null : "sum " + s;
            }

            public double[] free(double[] x, int K) {
                return Arrays.copyOf(x, K - 1);
            }
        });
        KINDS.put("ordered", new Kind() {
            public String violation(double[] x, int K) {
                for (int k = 1; k < K; k++) if (!(x[k] > x[k - 1])) return "not increasing at " + k;
                return null;
            }

            public double[] free(double[] x, int K) {
                return x.clone();
            }
        });
        KINDS.put("positive_ordered", new Kind() {
            public String violation(double[] x, int K) {
                if (K > 0 && !(x[0] > 0)) return "x[0] = " + x[0];
                for (int k = 1; k < K; k++) if (!(x[k] > x[k - 1])) return "not increasing at " + k;
                return null;
            }

            public double[] free(double[] x, int K) {
                return x.clone();
            }
        });
        KINDS.put("cholesky_factor_corr", new Kind() {
            public String violation(double[] x, int K) {
                String v = lowerWithPositiveDiagonal(x, K);
                if (v != null) return v;
                for (int i = 0; i < K; i++) {
                    double s = 0;
                    for (int j = 0; j <= i; j++) s += x[i + j * K] * x[i + j * K];
                    if (Math.abs(s - 1) > 1e-12) return "row " + i + " length^2 " + s;
                }
                return null;
            }

            public double[] free(double[] x, int K) {
                return below(x, K, false);
            }
        });
        KINDS.put("corr_matrix", new Kind() {
            public String violation(double[] x, int K) {
                for (int i = 0; i < K; i++) if (x[i + i * K] != 1.0) return "diagonal " + x[i + i * K];
                return symmetricPositiveDefinite(x, K);
            }

            public double[] free(double[] x, int K) {
                return below(x, K, false);
            }
        });
        KINDS.put("cov_matrix", new Kind() {
            public String violation(double[] x, int K) {
                return symmetricPositiveDefinite(x, K);
            }

            public double[] free(double[] x, int K) {
                return below(x, K, true);
            }
        });
        KINDS.put("cholesky_factor_cov", new Kind() {
            public String violation(double[] x, int K) {
                return lowerWithPositiveDiagonal(x, K);
            }

            public double[] free(double[] x, int K) {
                return below(x, K, true);
            }
        });
        INVALID_K3.put("simplex", new double[][] {{0.5, 0.6, 0.1}, {1.2, -0.2, 0.0}, {0.5, 0.5, 0.0}});
        INVALID_K3.put("ordered", new double[][] {{1, 1, 2}, {2, 1, 3}, {0, Double.NaN, 1}});
        INVALID_K3.put("positive_ordered", new double[][] {{-1, 2, 3}, {0, 1, 2}, {1, 0.5, 2}});
        double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        INVALID_K3.put("cholesky_factor_corr", new double[][] {with(id, 2, 1.1), with(id, 3, 0.1), with(id, 0, -1),
            with(with(id, 1, 0.6), 4, 0.6)});
        double[] notPd = {1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1};
        INVALID_K3.put("corr_matrix", new double[][] {with(id, 4, 1.1), with(id, 1, 0.3), notPd});
        INVALID_K3.put("cov_matrix", new double[][] {with(id, 1, 0.3), with(with(id, 1, 2), 3, 2), with(id, 8, -1)});
        INVALID_K3.put("cholesky_factor_cov", new double[][] {with(id, 3, 0.1), with(id, 4, 0), with(id, 8, -2)});
    }

    static double[] with(double[] a, int i, double v) {
        double[] b = a.clone();
        b[i] = v;
        return b;
    }

    static String lowerWithPositiveDiagonal(double[] x, int K) {
        for (int i = 0; i < K; i++) {
            if (!(x[i + i * K] > 0)) return "diagonal " + i;
            for (int j = i + 1; j < K; j++) if (x[i + j * K] != 0.0) return "upper entry " + i + "," + j;
        }
        return null;
    }

    static String symmetricPositiveDefinite(double[] x, int K) {
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < i; j++) {
                if (x[i + j * K] != x[j + i * K]) return "asymmetric at " + i + "," + j;
            }
        }
        try {
            new org.apache.commons.math3.linear.CholeskyDecomposition(Mat.matrix(x, 0, K, K), 1e-12, 1e-14);
            return null;
        } catch (RuntimeException e) {
            return "not positive definite";
        }
    }

    /** Entries below (or on and below) the diagonal, row by row. */
    static double[] below(double[] x, int K, boolean diagonal) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < (diagonal ? i + 1 : i); j++) {
                v.add(x[i + j * K]);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ------------------------------------------------------------------ reflection

    /** One transform's static methods. */
    record Transform(TransformSpec spec, Method unconstrainedSize, Method constrainedSize, Method constrain,
                     Method backward, Method unconstrain) {
        static Transform of(TransformSpec spec) {
            return new Transform(spec, find(spec, "unconstrainedSize", Signatures.SIZE),
                    find(spec, "constrainedSize", Signatures.SIZE), find(spec, "constrain", Signatures.CONSTRAIN),
                    find(spec, "backward", Signatures.TRANSFORM_BACKWARD), find(spec, "unconstrain", Signatures.UNCONSTRAIN));
        }

        static Method find(TransformSpec spec, String name, String descriptor) {
            for (Method m : spec.implementation().getMethods()) {
                String d = java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                        .toMethodDescriptorString();
                if (m.getName().equals(name) && d.equals(descriptor)) return m;
            }
            throw new AssertionError(spec.type() + ": no " + name + descriptor);
        }

        int n(int K) {
            return (int) call(unconstrainedSize, K);
        }

        int m(int K) {
            return (int) call(constrainedSize, K);
        }

        /** x (unpadded) and log |J| as the last element. */
        double[] constrain(double[] q, int K) {
            double[] x = Mat.padded(new double[m(K)], PAD);
            double logJ = (double) call(constrain, Mat.padded(q, PAD), PAD, K, x, PAD);
            assertTrue(Double.isNaN(x[0]) && Double.isNaN(x[x.length - 1]), spec.type() + " wrote outside x");
            double[] out = Arrays.copyOfRange(x, PAD, PAD + m(K) + 1);
            out[m(K)] = logJ;
            return out;
        }

        double[] backward(double[] q, int K, double[] x, double[] xAdj) {
            double[] g = Mat.padded(new double[n(K)], PAD);
            call(backward, Mat.padded(q, PAD), PAD, K, Mat.padded(x, PAD), PAD, Mat.padded(xAdj, PAD), PAD, g, PAD);
            assertTrue(Double.isNaN(g[0]) && Double.isNaN(g[g.length - 1]), spec.type() + " wrote outside g");
            return Arrays.copyOfRange(g, PAD, PAD + n(K));
        }

        double[] unconstrain(double[] x, int K) {
            double[] q = Mat.padded(new double[n(K)], PAD);
            call(unconstrain, Mat.padded(x, PAD), PAD, K, q, PAD);
            return Arrays.copyOfRange(q, PAD, PAD + n(K));
        }

        Object call(Method m, Object... args) {
            try {
                return m.invoke(null, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new AssertionError(e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public String toString() {
            return spec.type();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (TransformSpec t : Registry.transforms()) {
            for (int K = 1; K <= 5; K++) {
                all.add(Arguments.of(Transform.of(t), K));
            }
        }
        return all.stream();
    }

    @Test
    void everyTransformIsKnownToTheTest() {
        assertEquals(KINDS.keySet(), Registry.transforms().stream().map(TransformSpec::type)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        for (TransformSpec t : Registry.transforms()) {
            int size = t.shape().startsWith("matrix") ? 25 : 5;
            assertEquals(size, Transform.of(t).m(5), t.type() + " constrained size");
        }
    }

    @ParameterizedTest(name = "{0} K={1}")
    @MethodSource("cases")
    void supportInverseJacobianAndGradient(Transform t, int K) {
        Kind kind = KINDS.get(t.spec().type());
        UniformRandomProvider r = Seeds.source(t + "/" + K);
        int n = t.n(K);
        int m = t.m(K);
        for (int trial = 0; trial < 8; trial++) {
            double width = trial < 6 ? 2 : 4;
            double[] q = Mat.uniform(r, n, -width, width);
            double[] xl = t.constrain(q, K);
            double[] x = Arrays.copyOf(xl, m);
            double logJ = xl[m];
            String where = t + " K=" + K + " q=" + Arrays.toString(q);
            assertNull(kind.violation(x, K), where + ": constrain left the support");
            double[] back = t.unconstrain(x, K);
            // corr_matrix is inverted through the Cholesky factor of Omega, ill-conditioned when
            // |q| is large (Omega near singular), as in Stan: a looser round trip there
            double tolerance = width > 2 ? 1e-6 : 1e-9;
            for (int i = 0; i < n; i++) {
                assertClose(q[i], back[i], tolerance, where + ": unconstrain(constrain(q))[" + i + "]");
            }
            // log |J| of q -> free coordinates, numerically
            double[] free0 = kind.free(x, K);
            assertEquals(n, free0.length, where + ": free coordinates");
            if (n > 0) {
                double[][] jac = new double[n][n];
                for (int c = 0; c < n; c++) {
                    for (int row = 0; row < n; row++) {
                        final int fr = row;
                        jac[row][c] = Mat.partial(p -> kind.free(Arrays.copyOf(t.constrain(p, K), m), K)[fr], q, c);
                    }
                }
                double det = new LUDecomposition(new Array2DRowRealMatrix(jac, false)).getDeterminant();
                assertClose(Math.log(Math.abs(det)), logJ, 1e-7, where + ": log |J|");
            } else {
                assertEquals(0.0, logJ, 0.0, where + ": log |J| of no free values");
            }
            // backward: gradient of <xAdj, x(q)> + log |J(q)|
            double[] xAdj = Mat.uniform(r, m, -1, 1);
            double[] g = t.backward(q, K, x, xAdj);
            for (int i = 0; i < n; i++) {
                double numeric = Mat.partial(p -> {
                    double[] y = t.constrain(p, K);
                    double s = y[m];
                    for (int k = 0; k < m; k++) s += xAdj[k] * y[k];
                    return s;
                }, q, i);
                assertDerivative(numeric, g[i], where + ": backward g[" + i + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0} K={1}")
    @MethodSource("cases")
    void extremeUnconstrainedValuesStayInTheSupport(Transform t, int K) {
        Kind kind = KINDS.get(t.spec().type());
        UniformRandomProvider r = Seeds.source(t + "/extreme/" + K);
        for (int trial = 0; trial < 20; trial++) {
            double[] q = Mat.uniform(r, t.n(K), -15, 15);
            double[] xl = t.constrain(q, K);
            double[] x = Arrays.copyOf(xl, t.m(K));
            assertTrue(Double.isFinite(xl[t.m(K)]), t + ": log |J| at " + Arrays.toString(q));
            String v = kind.violation(x, K);
            // at |q| = 15 a correlation can round to +-1 or a simplex element to 0; then only "finite" is required
            if (v != null) {
                for (double e : x) assertTrue(Double.isFinite(e), t + " at " + Arrays.toString(q));
            }
            double[] g = t.backward(q, K, x, Mat.uniform(r, t.m(K), -1, 1));
            for (double e : g) assertTrue(Double.isFinite(e), t + ": backward at " + Arrays.toString(q));
        }
    }

    @Test
    void unconstrainRejectsValuesOutsideTheSupport() {
        for (TransformSpec spec : Registry.transforms()) {
            Transform t = Transform.of(spec);
            for (double[] x : INVALID_K3.get(spec.type())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.unconstrain(x, 3),
                        spec.type() + " accepted " + Arrays.toString(x));
                assertTrue(e.getMessage().startsWith(spec.type() + ": "), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ Stan's coordinates

    static double[] constrain(String type, double[] q, int K) {
        return Arrays.copyOf(Transform.of(Registry.transform(type).orElseThrow()).constrain(q, K), K * K);
    }

    @Test
    void choleskyFactorCorrReadsItsValuesRowByRowAndCorrMatrixColumnByColumn() {
        double[] q = {0.1, -0.2, 0.3, -0.4, 0.5, -0.6};
        double[] l = constrain("cholesky_factor_corr", q, 4);
        // row-major: (1,0) (2,0) (2,1) (3,0) (3,1) (3,2)
        assertClose(Math.tanh(0.1), l[1], 1e-15, "L[1,0]");
        assertClose(Math.tanh(-0.2), l[2], 1e-15, "L[2,0]");
        assertClose(Math.tanh(0.3) * Math.sqrt(1 - Math.pow(Math.tanh(-0.2), 2)), l[2 + 4], 1e-15, "L[2,1]");
        assertClose(Math.tanh(-0.4), l[3], 1e-15, "L[3,0]");
        double[] omega = constrain("corr_matrix", q, 4);
        // column-major: (1,0) (2,0) (3,0) (2,1) (3,1) (3,2)
        assertClose(Math.tanh(0.1), omega[1], 1e-15, "Omega[1,0]");
        assertClose(Math.tanh(-0.2), omega[2], 1e-15, "Omega[2,0]");
        assertClose(Math.tanh(0.3), omega[3], 1e-15, "Omega[3,0]");
        double z10 = Math.tanh(0.1);
        double z20 = Math.tanh(-0.2);
        double z21 = Math.tanh(-0.4);
        double expected21 = z20 * z10 + z21 * Math.sqrt(1 - z20 * z20) * Math.sqrt(1 - z10 * z10);
        assertClose(expected21, omega[2 + 4], 1e-15, "Omega[2,1]");
        assertEquals(omega[2 + 4], omega[1 + 2 * 4], 0.0, "symmetric");
    }

    @Test
    void covarianceTypesReadTheirValuesRowByRowWithTheDiagonalOnTheLogScale() {
        double[] q = {0.3, -0.5, 0.2};
        double[] sigma = constrain("cov_matrix", q, 2);
        assertClose(Math.exp(0.6), sigma[0], 1e-15, "Sigma[0,0]");
        assertClose(-0.5 * Math.exp(0.3), sigma[1], 1e-15, "Sigma[1,0]");
        assertClose(0.25 + Math.exp(0.4), sigma[3], 1e-15, "Sigma[1,1]");
        double[] l = constrain("cholesky_factor_cov", q, 2);
        assertEquals(List.of(Math.exp(0.3), -0.5, 0.0, Math.exp(0.2)), Arrays.stream(l).boxed().toList());
    }

    @Test
    void simplexIsUniformAtZeroAndOrderedTypesAddExponentials() {
        double[] x = Arrays.copyOf(Transform.of(Registry.transform("simplex").orElseThrow()).constrain(new double[3], 4), 4);
        for (double v : x) assertClose(0.25, v, 1e-15, "simplex at q = 0");
        double[] o = Transform.of(Registry.transform("ordered").orElseThrow()).constrain(new double[] {-1, 0, Math.log(2)}, 3);
        assertEquals(List.of(-1.0, 0.0, 2.0), List.of(o[0], o[1], o[2]));
        double[] p = Transform.of(Registry.transform("positive_ordered").orElseThrow()).constrain(new double[] {0, 0}, 2);
        assertEquals(List.of(1.0, 2.0), List.of(p[0], p[1]));
    }
}
