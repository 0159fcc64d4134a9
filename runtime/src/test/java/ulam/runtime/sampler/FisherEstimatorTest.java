package ulam.runtime.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The gradient-based metric estimates on Gaussian draws, where they are exact: the gradient of a
 * Gaussian log density is {@code -Sigma^-1 (x - mu)}, so draws and gradients determine Sigma.
 */
class FisherEstimatorTest {

    /** A covariance with strong correlations: {@code Sigma = L L'} for a fixed lower-triangular L. */
    private static double[][] covariance(int d) {
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            l[i][i] = 0.2 + i;
            for (int j = 0; j < i; j++) l[i][j] = 0.9 * (i + 1) * Math.cos(i + 2 * j);
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) s[i][j] += l[i][k] * l[j][k];
        return s;
    }

    /** n draws of N(mu, Sigma) with their gradients, as {@code {draws, gradients}}. */
    private static double[][][] gaussianDraws(double[][] sigma, int n, long seed) {
        int d = sigma.length;
        double[] l = new double[d * d];
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) flat[i * d + j] = sigma[i][j];
        assertTrue(DenseMetric.cholesky(flat, l, d));
        double[][] precision = new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(sigma)).getSolver().getInverse().getData();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        var normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[n][d];
        double[][] g = new double[n][d];
        for (int r = 0; r < n; r++) {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) z[i] = normal.sample();
            for (int i = 0; i < d; i++) {
                x[r][i] = 3.0 + i; // mu
                for (int j = 0; j <= i; j++) x[r][i] += l[i * d + j] * z[j];
            }
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) g[r][i] -= precision[i][j] * (x[r][j] - 3.0 - j);
        }
        return new double[][][] {x, g};
    }

    @Test
    void lowRankEstimateOfAGaussianIsItsCovariance() {
        int d = 6;
        double[][] sigma = covariance(d);
        double[][][] xg = gaussianDraws(sigma, 40, 3L);
        LowRankEstimate e = LowRankEstimate.of(xg[0], xg[1], 1); // keep every direction: the dense estimate
        assertNotNull(e);
        LowRankMetric m = new LowRankMetric(d, d, MetricKind.DENSE);
        m.set(e.sigma, e.vectors, e.lambda, e.rank);
        double[] inv = m.inverseMetric();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double scale = Math.sqrt(sigma[i][i] * sigma[j][j]);
                assertEquals(sigma[i][j] / scale, inv[i * d + j] / scale, 1e-4, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void independentParametersKeepNoLowRankDirection() {
        int d = 30;
        double[][] sigma = new double[d][d];
        for (int i = 0; i < d; i++) sigma[i][i] = (1 + i) * (1 + i);
        // fewer draws than dimensions: the estimate lives in the span of the draws and gradients
        double[][][] xg = gaussianDraws(sigma, 12, 5L);
        LowRankEstimate e = LowRankEstimate.of(xg[0], xg[1], 2);
        assertNotNull(e);
        assertEquals(0, e.rank, "every scaled direction has variance 1");
        for (int i = 0; i < d; i++) assertEquals((1 + i) * (1 + i), e.sigma[i] * e.sigma[i], 1e-6 * (1 + i) * (1 + i), "variance of " + i);
    }

    @Test
    void correlatedParametersAreFoundFromFewDraws() {
        int d = 25;
        double[][] sigma = new double[d][d];
        // unit variances, one strong common factor: Sigma = 0.1 I + 0.9 * 11'
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) sigma[i][j] = (i == j ? 1.0 : 0.9);
        double[][][] xg = gaussianDraws(sigma, 10, 7L);
        LowRankEstimate e = LowRankEstimate.of(xg[0], xg[1], 2);
        assertNotNull(e);
        assertTrue(e.rank >= 1, "the common factor is a low-rank direction");
        LowRankMetric m = new LowRankMetric(d, d, MetricKind.LOW_RANK);
        m.set(e.sigma, e.vectors, e.lambda, e.rank);
        // along the factor (1, ..., 1)/5 the posterior's variance is 0.1 + 0.9 * 25 = 22.6; the diagonal
        // part alone gives sqrt(var(x_i) / var(g_i)) = sqrt(1 / 9.6) = 0.32 (the precision's diagonal is
        // 10 (1 - 0.9 / 22.6)). From 10 draws in 25 dimensions the estimate is shrunk (4.5), from 40 exact.
        assertEquals(Math.sqrt(1 / (10 * (1 - 0.9 / 22.6))), e.sigma[0] * e.sigma[0], 0.1);
        assertTrue(along(m, d) > 10 * 0.32 && along(m, d) < 22.6, "variance along the factor " + along(m, d));
        double[][][] many = gaussianDraws(sigma, 40, 7L);
        LowRankEstimate full = LowRankEstimate.of(many[0], many[1], 2);
        m.set(full.sigma, full.vectors, full.lambda, full.rank);
        assertEquals(22.6, along(m, d), 1e-3 * 22.6, "from 40 draws");
    }

    private static double along(LowRankMetric m, int d) {
        double[] u = new double[d];
        java.util.Arrays.fill(u, 1 / Math.sqrt(d));
        double[] v = new double[d];
        m.velocity(u, v);
        double a = 0;
        for (int i = 0; i < d; i++) a += u[i] * v[i];
        return a;
    }

    @Test
    void aParameterThatNeverMovesIsRefused() {
        double[][] x = {{1, 2}, {1, 3}, {1, 5}};
        double[][] g = {{0, -1}, {0, -2}, {0, -4}};
        assertNull(LowRankEstimate.of(x, g, 2));
    }

    @Test
    void diagonalEstimateIsSqrtOfVarianceRatio() {
        int d = 3;
        double[][] sigma = {{4, 0, 0}, {0, 0.01, 0}, {0, 0, 100}};
        double[][][] xg = gaussianDraws(sigma, 8, 9L);
        DiagonalFisherEstimator est = new DiagonalFisherEstimator(d);
        DiagonalMetric metric = new DiagonalMetric(d);
        est.start(metric, xg[0][0], xg[1][0]);
        for (int i = 0; i < d; i++) assertEquals(1 / Math.abs(xg[1][0][i]), metric.inverse[i], 1e-12, "initial guess 1/|g|");
        for (int r = 1; r < 8; r++) est.add(xg[0][r], xg[1][r]);
        assertTrue(est.update(metric, false));
        // independent Gaussian: g_i = -x_i / var_i, so sqrt(var(x) / var(g)) = var_i exactly
        for (int i = 0; i < d; i++) assertEquals(sigma[i][i], metric.inverse[i], 1e-9 * sigma[i][i]);
        // a switch: the background (everything so far) becomes the foreground, a new background starts empty
        est.switchWindows();
        assertEquals(0, est.backgroundCount());
        assertTrue(est.update(metric, true));
    }
}
