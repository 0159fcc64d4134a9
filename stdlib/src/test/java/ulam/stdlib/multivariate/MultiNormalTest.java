package ulam.stdlib.multivariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ulam.stdlib.dist.MultiNormal;
import ulam.stdlib.dist.MultiNormalCholesky;
import ulam.stdlib.testing.Seeds;

/**
 * multi_normal and multi_normal_cholesky: lpdf against commons-math3's
 * {@link MultivariateNormalDistribution}; kernel equal to lpdf; every partial (every element of
 * y, mu, Sigma, L) against central finite differences, with Sigma's partial checked both ways its
 * convention states (along symmetric perturbations of the library's lpdf, and entry by entry of
 * the density formula evaluated for a general, non-symmetric matrix through an LU decomposition);
 * the per-thread memory of Sigma gives exactly what a fresh thread computes; invalid arguments
 * give NaN. Operands sit at offsets in NaN-padded arrays.
 */
class MultiNormalTest {
    static final int PAD = 2;

    /** One random case: y, mu, Sigma (K x K), padded at PAD. */
    record Point(int K, double[] y, double[] mu, double[] sigma) {
        double lpdf() {
            return MultiNormal.lpdf(Mat.padded(y, PAD), PAD, Mat.padded(mu, PAD), PAD, Mat.padded(sigma, PAD), PAD, K);
        }

        double lpdfWith(double[] sigmaValues) {
            return MultiNormal.lpdf(Mat.padded(y, PAD), PAD, Mat.padded(mu, PAD), PAD, Mat.padded(sigmaValues, PAD), PAD, K);
        }
    }

    static Point point(UniformRandomProvider r, int K) {
        double[] sigma = Mat.spd(r, K);
        double[] mu = Mat.uniform(r, K, -3, 3);
        double[] y = new double[K];
        for (int i = 0; i < K; i++) {
            y[i] = mu[i] + Math.sqrt(sigma[i + i * K]) * Mat.uniform(r, -2.5, 2.5);
        }
        return new Point(K, y, mu, sigma);
    }

    /** The density formula for a general matrix S: -K/2 log 2pi - log|det S|/2 - r^T S^{-1} r / 2. */
    static double generalFormula(double[] y, double[] mu, double[] s, int K) {
        LUDecomposition lu = new LUDecomposition(Mat.matrix(s, 0, K, K));
        double[] r = new double[K];
        for (int i = 0; i < K; i++) r[i] = y[i] - mu[i];
        double[] a = lu.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(r)).toArray();
        double q = 0;
        for (int i = 0; i < K; i++) q += r[i] * a[i];
        return -0.5 * K * Math.log(2 * Math.PI) - 0.5 * Math.log(Math.abs(lu.getDeterminant())) - 0.5 * q;
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {1, 2, 3, 4, 6})
    void lpdfMatchesCommonsMath(int K) {
        UniformRandomProvider r = Seeds.source("multi_normal ref " + K);
        for (int i = 0; i < 100; i++) {
            Point p = point(r, K);
            RealMatrix s = Mat.matrix(p.sigma(), 0, K, K);
            double expected = Math.log(new MultivariateNormalDistribution(p.mu(), s.getData()).density(p.y()));
            assertClose(expected, p.lpdf(), 1e-10, "multi_normal K=" + K);
            double[] l = Mat.cholesky(p.sigma(), K);
            assertClose(expected, MultiNormalCholesky.lpdf(Mat.padded(p.y(), PAD), PAD, Mat.padded(p.mu(), PAD), PAD,
                    Mat.padded(l, PAD), PAD, K), 1e-10, "multi_normal_cholesky K=" + K);
        }
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void multiNormalPartialsMatchFiniteDifferences(int K) {
        UniformRandomProvider r = Seeds.source("multi_normal grad " + K);
        for (int trial = 0; trial < 6; trial++) {
            Point p = point(r, K);
            double[] d = new double[3];
            double[] dy = new double[K];
            double[] dmu = new double[K];
            double[] dS = new double[K * K];
            double kernel = MultiNormal.kernel(Mat.padded(p.y(), PAD), PAD, Mat.padded(p.mu(), PAD), PAD,
                    Mat.padded(p.sigma(), PAD), PAD, K, d, dy, dmu, dS);
            assertEquals(p.lpdf(), kernel, 1e-14 * Math.max(1, Math.abs(kernel)), "kernel == lpdf");
            for (int i = 0; i < K; i++) {
                assertDerivative(Mat.partial(y -> new Point(K, y, p.mu(), p.sigma()).lpdf(), p.y(), i), dy[i], "dy[" + i + "]");
                assertDerivative(Mat.partial(m -> new Point(K, p.y(), m, p.sigma()).lpdf(), p.mu(), i), dmu[i], "dmu[" + i + "]");
            }
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    assertEquals(dS[i + j * K], dS[j + i * K], 0.0, "dSigma is symmetric");
                    // entries independent: the formula for a general matrix
                    assertDerivative(Mat.partial(s -> generalFormula(p.y(), p.mu(), s, K), p.sigma(), i + j * K),
                            dS[i + j * K], "dSigma[" + i + "," + j + "] (entries independent)");
                    if (j <= i) {
                        // the library's lpdf along a symmetric perturbation: dS_ij + dS_ji
                        double expected = i == j ? dS[i + i * K] : dS[i + j * K] + dS[j + i * K];
                        assertDerivative(Mat.symmetricPartial(p::lpdfWith, p.sigma(), 0, K, i, j), expected,
                                "dSigma[" + i + "," + j + "] (symmetric perturbation)");
                    }
                }
            }
            // a null partials array is skipped; the others are still written
            double[] dy2 = new double[K];
            MultiNormal.kernel(p.y(), 0, p.mu(), 0, p.sigma(), 0, K, d, dy2, null, null);
            assertEquals(Arrays.toString(dy), Arrays.toString(dy2));
        }
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void multiNormalCholeskyPartialsMatchFiniteDifferences(int K) {
        UniformRandomProvider r = Seeds.source("multi_normal_cholesky grad " + K);
        for (int trial = 0; trial < 6; trial++) {
            Point p = point(r, K);
            double[] l = Mat.cholesky(p.sigma(), K);
            for (int i = 0; i < K; i++) {
                for (int j = i + 1; j < K; j++) {
                    l[i + j * K] = Mat.uniform(r, -1, 1); // garbage above the diagonal: never read
                }
            }
            java.util.function.ToDoubleFunction<double[]> f = a -> MultiNormalCholesky.lpdf(
                    Mat.padded(p.y(), PAD), PAD, Mat.padded(p.mu(), PAD), PAD, Mat.padded(a, PAD), PAD, K);
            double[] d = new double[3];
            double[] dy = new double[K];
            double[] dmu = new double[K];
            double[] dL = new double[K * K];
            double kernel = MultiNormalCholesky.kernel(Mat.padded(p.y(), PAD), PAD, Mat.padded(p.mu(), PAD), PAD,
                    Mat.padded(l, PAD), PAD, K, d, dy, dmu, dL);
            assertEquals(f.applyAsDouble(l), kernel, 1e-14 * Math.max(1, Math.abs(kernel)), "kernel == lpdf");
            assertClose(p.lpdf(), kernel, 1e-11, "multi_normal_cholesky(L) == multi_normal(L L^T)");
            for (int i = 0; i < K; i++) {
                final int fi = i;
                assertDerivative(Mat.partial(y -> MultiNormalCholesky.lpdf(y, 0, p.mu(), 0, l, 0, K), p.y(), fi), dy[i], "dy");
                assertDerivative(Mat.partial(m -> MultiNormalCholesky.lpdf(p.y(), 0, m, 0, l, 0, K), p.mu(), fi), dmu[i], "dmu");
            }
            for (int k = 0; k < K * K; k++) {
                assertDerivative(Mat.partial(f, l, k), dL[k], "dL[" + (k % K) + "," + (k / K) + "]");
            }
        }
    }

    @Test
    void theMemoryOfSigmaGivesWhatAFreshThreadComputes() throws Exception {
        UniformRandomProvider r = Seeds.source("multi_normal memo");
        int K = 4;
        Point a = point(r, K);
        Point b = point(r, K);
        double[] shared = a.sigma().clone();
        double[][] results = new double[6][];
        // on this thread: A, A (memory), B in the same array changed in place, A again, the last entry nudged by an ulp
        results[0] = kernel(a, shared);
        results[1] = kernel(a, shared);
        System.arraycopy(b.sigma(), 0, shared, 0, K * K);
        results[2] = kernel(a, shared);
        System.arraycopy(a.sigma(), 0, shared, 0, K * K);
        results[3] = kernel(a, shared);
        shared[K * K - 1] = Math.nextUp(shared[K * K - 1]); // the last entry: the whole key is compared
        results[4] = kernel(a, shared);
        results[5] = lpdfOnly(a, shared);
        double[] nudged = shared.clone();
        double[] bSigma = b.sigma().clone();
        AtomicReference<double[][]> fresh = new AtomicReference<>();
        Thread t = new Thread(() -> fresh.set(new double[][] {kernel(a, a.sigma()), kernel(a, bSigma), kernel(a, nudged),
            lpdfOnly(a, nudged)}));
        t.start();
        t.join();
        assertEquals(Arrays.toString(fresh.get()[0]), Arrays.toString(results[0]));
        assertEquals(Arrays.toString(fresh.get()[0]), Arrays.toString(results[1]));
        assertEquals(Arrays.toString(fresh.get()[1]), Arrays.toString(results[2]));
        assertEquals(Arrays.toString(fresh.get()[0]), Arrays.toString(results[3]));
        assertEquals(Arrays.toString(fresh.get()[2]), Arrays.toString(results[4]));
        assertEquals(Arrays.toString(fresh.get()[3]), Arrays.toString(results[5]));
    }

    /** The kernel value followed by all its partials. */
    static double[] kernel(Point p, double[] sigma) {
        int K = p.K();
        double[] dy = new double[K];
        double[] dmu = new double[K];
        double[] dS = new double[K * K];
        double v = MultiNormal.kernel(p.y(), 0, p.mu(), 0, sigma, 0, K, new double[3], dy, dmu, dS);
        double[] all = new double[1 + 2 * K + K * K];
        all[0] = v;
        System.arraycopy(dy, 0, all, 1, K);
        System.arraycopy(dmu, 0, all, 1 + K, K);
        System.arraycopy(dS, 0, all, 1 + 2 * K, K * K);
        return all;
    }

    static double[] lpdfOnly(Point p, double[] sigma) {
        return new double[] {MultiNormal.lpdf(p.y(), 0, p.mu(), 0, sigma, 0, p.K())};
    }

    @Test
    void invalidArgumentsGiveNaN() {
        double[] y = {0.5, -0.2};
        double[] mu = {0, 0};
        double[] sigma = {2, 0.3, 0.3, 1};
        double[] d = new double[3];
        double[] g = new double[4];
        assertTrue(Double.isFinite(MultiNormal.lpdf(y, 0, mu, 0, sigma, 0, 2)));
        double[][] badSigma = {{2, 0.3, 0.2, 1}, {1, 2, 2, 1}, {-1, 0, 0, 1}, {2, Double.NaN, Double.NaN, 1}};
        for (double[] s : badSigma) {
            assertTrue(Double.isNaN(MultiNormal.lpdf(y, 0, mu, 0, s, 0, 2)), Arrays.toString(s));
            assertTrue(Double.isNaN(MultiNormal.kernel(y, 0, mu, 0, s, 0, 2, d, g, g, g)), Arrays.toString(s));
        }
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] m = {0, bad};
            assertTrue(Double.isNaN(MultiNormal.lpdf(y, 0, m, 0, sigma, 0, 2)), "mu " + bad);
            assertTrue(Double.isNaN(MultiNormalCholesky.lpdf(y, 0, m, 0, new double[] {1, 0, 0, 1}, 0, 2)), "mu " + bad);
        }
        assertTrue(Double.isNaN(MultiNormal.lpdf(new double[] {Double.NaN, 0}, 0, mu, 0, sigma, 0, 2)), "y NaN");
        for (double diag : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] l = {1, 0.2, 0, diag};
            assertTrue(Double.isNaN(MultiNormalCholesky.lpdf(y, 0, mu, 0, l, 0, 2)), "L diagonal " + diag);
            assertTrue(Double.isNaN(MultiNormalCholesky.kernel(y, 0, mu, 0, l, 0, 2, d, g, g, g)), "L diagonal " + diag);
        }
        assertEquals(Double.NEGATIVE_INFINITY, MultiNormal.lpdf(new double[] {Double.POSITIVE_INFINITY, 0}, 0, mu, 0, sigma, 0, 2));
    }
}
