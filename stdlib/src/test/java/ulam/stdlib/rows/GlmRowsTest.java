package ulam.stdlib.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The row kernels: the Vector API path against the scalar one, and the gradient against finite differences. */
class GlmRowsTest {
    final int rows = 1003;   // not a multiple of the lanes: the scalar tail is used too
    final int groups = 37;
    final Random r = new Random(7);
    final int[] y = new int[rows];
    final int[] n = new int[rows];
    final int[] g = new int[rows];
    final int[] h = new int[rows];
    final double[] x1 = new double[rows];
    final double[] x2 = new double[rows];
    final double[] par = new double[2 * groups + 5];

    GlmRowsTest() {
        for (int i = 0; i < rows; i++) {
            n[i] = 1 + r.nextInt(6);
            y[i] = r.nextInt(n[i] + 1);
            g[i] = r.nextInt(groups);
            h[i] = groups + r.nextInt(groups);
            x1[i] = r.nextGaussian();
            x2[i] = 3 * r.nextGaussian();
        }
        for (int j = 0; j < par.length; j++) par[j] = 0.7 * r.nextGaussian();
    }

    interface Kernel {
        double lp(int lo, int hi, double alpha, double[] coef, double[] par, double[] dPar, double[] dOut);
    }

    Kernel binomialVector() {
        return (lo, hi, a, c, p, dp, d) -> GlmRows.once(GlmRows.Path.VECTOR, false, lo, hi, y, n, a, c, new double[][] {x1, x2}, p, new int[][] {g, h}, dp, d);
    }

    Kernel binomialScalar() {
        return (lo, hi, a, c, p, dp, d) -> GlmRows.once(GlmRows.Path.SCALAR, false, lo, hi, y, n, a, c, new double[][] {x1, x2}, p, new int[][] {g, h}, dp, d);
    }

    Kernel bernoulliVector() {
        int[] b = new int[rows];
        for (int i = 0; i < rows; i++) b[i] = y[i] > n[i] / 2 ? 1 : 0;
        return (lo, hi, a, c, p, dp, d) -> GlmRows.once(GlmRows.Path.VECTOR, false, lo, hi, b, null, a, c, new double[][] {x1, x2}, p, new int[][] {g}, dp, d);
    }

    Kernel bernoulliScalar() {
        int[] b = new int[rows];
        for (int i = 0; i < rows; i++) b[i] = y[i] > n[i] / 2 ? 1 : 0;
        return (lo, hi, a, c, p, dp, d) -> GlmRows.once(GlmRows.Path.SCALAR, false, lo, hi, b, null, a, c, new double[][] {x1, x2}, p, new int[][] {g}, dp, d);
    }

    Kernel poissonVector() {
        return (lo, hi, a, c, p, dp, d) -> GlmRows.once(GlmRows.Path.VECTOR, true, lo, hi, y, null, a, c, new double[][] {x1, x2}, p, new int[][] {g, h}, dp, d);
    }

    Kernel poissonScalar() {
        return (lo, hi, a, c, p, dp, d) -> GlmRows.once(GlmRows.Path.SCALAR, true, lo, hi, y, null, a, c, new double[][] {x1, x2}, p, new int[][] {g, h}, dp, d);
    }

    @Test
    void theVectorApiIsWhatTheTestsUse() {
        assertTrue(GlmRows.VECTOR, "run the tests with --add-modules jdk.incubator.vector (the parent pom's argLine)");
        assertTrue(GlmRowsVector.lanes() >= 2);
    }

    @Test
    void vectorAndScalarPathsAgreeTo1e12() {
        agree(binomialVector(), binomialScalar());
        agree(bernoulliVector(), bernoulliScalar());
        agree(poissonVector(), poissonScalar());
    }

    private void agree(Kernel v, Kernel s) {
        double[] coef = {0.4, -0.15};
        for (int[] range : new int[][] {{0, rows}, {5, 998}, {100, 103}}) {
            double[] dv = new double[par.length];
            double[] ds = new double[par.length];
            double[] ov = new double[3];
            double[] os = new double[3];
            double lv = v.lp(range[0], range[1], 0.3, coef, par, dv, ov);
            double ls = s.lp(range[0], range[1], 0.3, coef, par, ds, os);
            assertEquals(ls, lv, 1e-12 * Math.abs(ls));
            for (int j = 0; j < par.length; j++) assertEquals(ds[j], dv[j], 1e-12 * (1 + Math.abs(ds[j])), "d par[" + j + "]");
            for (int j = 0; j < 3; j++) assertEquals(os[j], ov[j], 1e-12 * (1 + Math.abs(os[j])), "dOut[" + j + "]");
            assertEquals(ls, v.lp(range[0], range[1], 0.3, coef, par, null, null), 1e-12 * Math.abs(ls), "the value without the gradient");
        }
    }

    @Test
    void gradientAgainstFiniteDifferences() {
        for (Kernel k : new Kernel[] {binomialVector(), bernoulliVector(), poissonVector()}) {
            double[] coef = {0.4, -0.15};
            double[] dPar = new double[par.length];
            double[] dOut = new double[3];
            k.lp(0, rows, 0.3, coef, par, dPar, dOut);
            double eps = 1e-6;
            for (int j : new int[] {0, 5, groups + 3, 2 * groups - 1}) {
                double[] p = par.clone();
                p[j] += eps;
                double up = k.lp(0, rows, 0.3, coef, p, null, null);
                p[j] -= 2 * eps;
                double down = k.lp(0, rows, 0.3, coef, p, null, null);
                assertEquals((up - down) / (2 * eps), dPar[j], 1e-6 * (1 + Math.abs(dPar[j])), "par[" + j + "]");
            }
            double fa = (k.lp(0, rows, 0.3 + eps, coef, par, null, null) - k.lp(0, rows, 0.3 - eps, coef, par, null, null)) / (2 * eps);
            assertEquals(fa, dOut[0], 1e-6 * (1 + Math.abs(fa)), "alpha");
            double fc = (k.lp(0, rows, 0.3, new double[] {0.4, -0.15 + eps}, par, null, null)
                    - k.lp(0, rows, 0.3, new double[] {0.4, -0.15 - eps}, par, null, null)) / (2 * eps);
            assertEquals(fc, dOut[2], 1e-6 * (1 + Math.abs(fc)), "coef[1]");
        }
    }

    @Test
    void outsideTheSupportAndNonFinitePredictorsAreAsTheScalarKernels() {
        int[] bad = y.clone();
        bad[500] = n[500] + 1;
        assertEquals(Double.NEGATIVE_INFINITY, GlmRows.binomialLogit(0, rows, bad, n, 0.1, new double[0], new double[0][], par, new int[][] {g}, null, null));
        bad[500] = -1;
        assertEquals(Double.NEGATIVE_INFINITY, GlmRows.poissonLog(0, rows, bad, 0.1, new double[0], new double[0][], par, new int[][] {g}, null, null));
        double[] p = par.clone();
        p[g[10]] = Double.NaN;
        assertTrue(Double.isNaN(GlmRows.binomialLogit(0, rows, y, n, 0.1, new double[0], new double[0][], p, new int[][] {g}, null, null)));
        p[g[10]] = Double.POSITIVE_INFINITY;
        assertTrue(Double.isNaN(GlmRows.poissonLog(0, rows, y, 0.1, new double[0], new double[0][], p, new int[][] {g}, null, null)));
    }

    @Test
    void expAndLog1pPolynomialsAreWithinAFewUlp() {
        int lanes = GlmRowsVector.lanes();
        double[] x = new double[lanes];
        double[] out = new double[lanes];
        for (int t = 0; t < 2000; t++) {
            for (int l = 0; l < lanes; l++) x[l] = -700 + 1400 * r.nextDouble();
            if (t == 0) x[0] = 0;
            GlmRowsVector.exp(jdk.incubator.vector.DoubleVector.fromArray(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED, x, 0)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) assertEquals(Math.exp(x[l]), out[l], 2 * Math.ulp(Math.exp(x[l])), "exp(" + x[l] + ")");
            for (int l = 0; l < lanes; l++) x[l] = t < 1000 ? r.nextDouble() : Math.exp(-50 * r.nextDouble());
            if (t == 0) x[0] = 0;
            GlmRowsVector.log1pSmall(jdk.incubator.vector.DoubleVector.fromArray(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED, x, 0)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) assertEquals(Math.log1p(x[l]), out[l], 5 * Math.ulp(Math.log1p(x[l])), "log1p(" + x[l] + ")");
        }
    }

    /**
     * The interpreted first calls and the JIT-compiled later ones give the same bits (the library's
     * vectorised exp and log1p would not: their compiled form differs in the last bit), so seeded
     * draws do not depend on when the JIT compiles the kernels.
     */
    @Test
    void theSameBitsBeforeAndAfterTheJitCompilesTheKernels() {
        int m = 64;
        double[] coef = {0.4, -0.15};
        double[][] cols = {java.util.Arrays.copyOf(x1, m), java.util.Arrays.copyOf(x2, m)};
        int[][] ix = {java.util.Arrays.copyOf(g, m)};
        int[] yy = java.util.Arrays.copyOf(y, m);
        int[] nn = java.util.Arrays.copyOf(n, m);
        double[] d0 = new double[par.length];
        double[] o0 = new double[3];
        double first = GlmRows.once(GlmRows.Path.VECTOR, false, 0, m, yy, nn, 0.3, coef, cols, par, ix, d0, o0);
        double firstPoisson = GlmRows.once(GlmRows.Path.VECTOR, true, 0, m, yy, null, 0.3, coef, cols, par, ix, null, null);
        double[] d1 = new double[par.length];
        double[] o1 = new double[3];
        double last = 0;
        double lastPoisson = 0;
        for (int t = 0; t < 40_000; t++) {
            java.util.Arrays.fill(d1, 0);
            last = GlmRows.once(GlmRows.Path.VECTOR, false, 0, m, yy, nn, 0.3, coef, cols, par, ix, d1, o1);
            lastPoisson = GlmRows.once(GlmRows.Path.VECTOR, true, 0, m, yy, null, 0.3, coef, cols, par, ix, null, null);
        }
        assertEquals(first, last, 0.0);
        assertEquals(firstPoisson, lastPoisson, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(d0, d1, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(o0, o1, 0.0);
    }

    /**
     * The work form gives the allocating form's bits whatever the work array held before (its
     * scratch is cleared where it is summed into), on both paths, with and without the gradient.
     */
    @Test
    void theWorkFormIsTheAllocatingFormWhateverTheWorkHeld() {
        double[] coef = {0.4, -0.15};
        double[][] cols = {x1, x2};
        int[][] ix = {g, h};
        double[] w = new double[GlmRows.workLength(2)];
        java.util.Arrays.fill(w, 12345.678);
        for (boolean poisson : new boolean[] {false, true}) {
            for (int[] range : new int[][] {{0, rows}, {5, 998}, {100, 103}}) {
                double[] d0 = new double[par.length];
                double[] o0 = new double[3];
                double expected = poisson ? GlmRows.poissonLog(range[0], range[1], y, 0.3, coef, cols, par, ix, d0, o0)
                        : GlmRows.binomialLogit(range[0], range[1], y, n, 0.3, coef, cols, par, ix, d0, o0);
                for (int t = 0; t < 2; t++) {   // the second time over the first call's scratch
                    double[] d1 = new double[par.length];
                    System.arraycopy(coef, 0, w, GlmRows.COEF, 2);
                    double got = poisson ? GlmRows.poissonLog(range[0], range[1], y, 0.3, cols, par, ix, d1, true, w)
                            : GlmRows.binomialLogit(range[0], range[1], y, n, 0.3, cols, par, ix, d1, true, w);
                    assertEquals(expected, got, 0.0);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(d0, d1, 0.0);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(o0, java.util.Arrays.copyOfRange(w, GlmRows.out(2), GlmRows.out(2) + 3), 0.0);
                }
            }
        }
    }

    /**
     * The work form allocates nothing in steady state (the generated row blocks call it once per
     * block and gradient): the calling thread's allocated bytes over 2,000 calls after a warm-up
     * in which the JIT compiles the kernels (its vector objects are then scalar-replaced).
     */
    @Test
    void theWorkFormAllocatesNothingInSteadyState() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean bean) || !bean.isThreadAllocatedMemorySupported()) return;
        double[][] cols = {x1, x2};
        int[][] ix = {g, h};
        double[] w = new double[GlmRows.workLength(2)];
        double[] d = new double[par.length];
        w[GlmRows.COEF] = 0.4;
        w[GlmRows.COEF + 1] = -0.15;
        double sink = 0;
        for (int round = 0; round < 2; round++) {
            int calls = round == 0 ? 30_000 : 2_000;   // round 0: the warm-up
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int t = 0; t < calls; t++) {
                sink += GlmRows.binomialLogit(0, rows, y, n, 0.3, cols, par, ix, d, true, w);
                sink += GlmRows.poissonLog(0, rows, y, 0.3, cols, par, ix, d, true, w);
                sink += GlmRows.scalar(false, 0, rows, y, n, 0.3, cols, par, ix, d, true, w, GlmRows.out(2));
            }
            long bytes = bean.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) assertTrue(bytes < 1024, bytes + " bytes allocated by " + calls + " calls of each kernel");
        }
        assertTrue(Double.isFinite(sink) || Double.isNaN(sink));
    }
}
