package ulam.stdlib.multivariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.stdlib.dist.LkjCorr;
import ulam.stdlib.dist.LkjCorrCholesky;
import ulam.stdlib.dist.MultiNormal;
import ulam.stdlib.dist.MultiNormalCholesky;
import ulam.stdlib.testing.Seeds;

/**
 * Goodness of fit of the multivariate rng methods, with bounds that a wrong law fails (each test
 * also shows that its statistic rejects a nearby wrong law): multi_normal and
 * multi_normal_cholesky by the sample mean and covariance within 4.5 Monte Carlo standard errors;
 * lkj_corr and lkj_corr_cholesky by the marginal law of every off-diagonal correlation,
 * (r + 1)/2 ~ Beta(eta - 1 + K/2, eta - 1 + K/2) (Lewandowski, Kurowicka and Joe 2009; for K = 2
 * Beta(eta, eta)), by Kolmogorov-Smirnov; and rejection of invalid arguments.
 */
class MultivariateRngTest {
    static final int PAD = 2;
    static final int DRAWS = 20_000;
    static final double Z = 4.5;

    /**
     * null if the draws' mean and covariance agree with mu and Sigma within Z standard errors
     * (var of a sample covariance: (S_ii S_jj + S_ij^2)/n for normal data), else the first disagreement.
     */
    static String momentsDisagree(double[][] draws, double[] mu, double[] sigma, int K) {
        int n = draws.length;
        double[] mean = new double[K];
        for (double[] x : draws) for (int i = 0; i < K; i++) mean[i] += x[i] / n;
        for (int i = 0; i < K; i++) {
            double se = Math.sqrt(sigma[i + i * K] / n);
            if (Math.abs(mean[i] - mu[i]) > Z * se) return "mean[" + i + "] " + mean[i] + " vs " + mu[i];
        }
        for (int i = 0; i < K; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (double[] x : draws) s += (x[i] - mean[i]) * (x[j] - mean[j]);
                s /= n - 1;
                double sij = sigma[i + j * K];
                double se = Math.sqrt((sigma[i + i * K] * sigma[j + j * K] + sij * sij) / n);
                if (Math.abs(s - sij) > Z * se) return "cov[" + i + "," + j + "] " + s + " vs " + sij;
            }
        }
        return null;
    }

    @Test
    void multiNormalDrawsHaveTheRightMeanAndCovariance() {
        UniformRandomProvider r = Seeds.source("multi_normal rng");
        int K = 3;
        double[] mu = {1.5, -2, 0.3};
        double[] sigma = Mat.spd(r, K);
        double[] l = Mat.cholesky(sigma, K);
        l[K] = 7; // above the diagonal: never read
        l[2 * K + 1] = -3;
        double[][] a = new double[DRAWS][];
        double[][] b = new double[DRAWS][];
        for (int t = 0; t < DRAWS; t++) {
            double[] out = Mat.padded(new double[K], PAD);
            MultiNormal.rng(r, Mat.padded(mu, PAD), PAD, Mat.padded(sigma, PAD), PAD, K, out, PAD);
            assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[out.length - 1]), "wrote outside out");
            a[t] = Arrays.copyOfRange(out, PAD, PAD + K);
            out = new double[K];
            MultiNormalCholesky.rng(r, mu, 0, l, 0, K, out, 0);
            b[t] = out;
        }
        assertNull(momentsDisagree(a, mu, sigma, K), "multi_normal");
        assertNull(momentsDisagree(b, mu, sigma, K), "multi_normal_cholesky");
        // the same statistic rejects a covariance with one correlation moved by 0.05
        double[] wrong = sigma.clone();
        double shift = 0.05 * Math.sqrt(sigma[0] * sigma[1 + K]);
        wrong[1] += shift;
        wrong[K] += shift;
        assertTrue(momentsDisagree(a, mu, wrong, K) != null, "the moment check must reject a wrong covariance");
        double[] wrongMu = mu.clone();
        wrongMu[2] += 0.05 * Math.sqrt(sigma[2 + 2 * K]);
        assertTrue(momentsDisagree(b, wrongMu, sigma, K) != null, "the moment check must reject a wrong mean");
    }

    /** The KS p-values of (r_ij + 1)/2 against Beta(a, a) for every i &gt; j, and against Beta(a + shift, a + shift). */
    static double[][] marginalPValues(List<double[]> omegas, int K, double a, double shift) {
        List<double[]> p = new ArrayList<>();
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < i; j++) {
                final int idx = i + j * K;
                double[] u = omegas.stream().mapToDouble(w -> (w[idx] + 1) / 2).toArray();
                p.add(new double[] {ks.kolmogorovSmirnovTest(new BetaDistribution(a, a), u),
                    ks.kolmogorovSmirnovTest(new BetaDistribution(a + shift, a + shift), u)});
            }
        }
        return p.toArray(double[][]::new);
    }

    @ParameterizedTest(name = "K={0} eta={1}")
    @CsvSource({"2, 1", "2, 0.6", "2, 4", "4, 2", "5, 0.8"})
    void lkjOffDiagonalCorrelationsHaveScaledBetaMarginals(int K, double eta) {
        UniformRandomProvider r = Seeds.source("lkj rng " + K + " " + eta);
        int n = 4000;
        List<double[]> fromCorr = new ArrayList<>();
        List<double[]> fromCholesky = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            double[] omega = new double[K * K];
            LkjCorr.rng(r, eta, K, omega, 0);
            fromCorr.add(omega);
            double[] l = Mat.padded(new double[K * K], PAD);
            LkjCorrCholesky.rng(r, eta, K, l, PAD);
            assertTrue(Double.isNaN(l[0]) && Double.isNaN(l[l.length - 1]), "wrote outside out");
            double[] lc = Arrays.copyOfRange(l, PAD, PAD + K * K);
            assertTrue(Double.isFinite(LkjCorrCholesky.lpdf(lc, 0, eta, K)), "a draw is a Cholesky factor of a correlation matrix");
            double[] w = Mat.columnMajor(Mat.matrix(lc, 0, K, K).multiply(Mat.matrix(lc, 0, K, K).transpose()));
            fromFactor(w, omega, K);
            fromCholesky.add(w);
        }
        double a = eta - 1 + K / 2.0;
        double shift = 0.3 * a + 0.3; // a wrong concentration the test must detect
        for (List<double[]> draws : List.of(fromCorr, fromCholesky)) {
            for (double[] p : marginalPValues(draws, K, a, shift)) {
                assertTrue(p[0] > 1e-3, "KS p-value " + p[0] + " against Beta(" + a + ", " + a + ")");
                assertTrue(p[1] < 1e-3, "the KS test must reject Beta(" + (a + shift) + ", ...): p = " + p[1]);
            }
        }
    }

    /** A draw of lkj_corr is a correlation matrix: symmetric, unit diagonal, positive definite. */
    static void fromFactor(double[] w, double[] omega, int K) {
        for (int i = 0; i < K; i++) {
            assertEquals(1.0, omega[i + i * K], 0.0);
            for (int j = 0; j < K; j++) assertEquals(omega[i + j * K], omega[j + i * K], 0.0);
        }
        assertTrue(Double.isFinite(LkjCorr.lpdf(omega, 0, 1.5, K)), "a draw is a correlation matrix");
    }

    @Test
    void invalidArgumentsAreRejected() {
        UniformRandomProvider r = Seeds.source("rng invalid");
        double[] out = new double[4];
        for (double eta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> LkjCorr.rng(r, eta, 2, out, 0));
            assertThrows(IllegalArgumentException.class, () -> LkjCorrCholesky.rng(r, eta, 2, out, 0));
        }
        double[] mu = {0, 0};
        assertThrows(IllegalArgumentException.class, () -> MultiNormal.rng(r, mu, 0, new double[] {1, 2, 2, 1}, 0, 2, out, 0));
        assertThrows(IllegalArgumentException.class, () -> MultiNormal.rng(r, mu, 0, new double[] {1, 0.2, 0.1, 1}, 0, 2, out, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MultiNormal.rng(r, new double[] {Double.NaN, 0}, 0, new double[] {1, 0, 0, 1}, 0, 2, out, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiNormalCholesky.rng(r, mu, 0, new double[] {1, 0, 0, -1}, 0, 2, out, 0));
        assertTrue(e.getMessage().startsWith("multi_normal_cholesky_rng: L[2,2]"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
