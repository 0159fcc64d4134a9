package ulam.stdlib.multivariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import ulam.stdlib.dist.NormalIdGlm;
import ulam.stdlib.testing.Seeds;

/**
 * normal_id_glm(y | X, alpha, beta, sigma): the log density against the closed form, the sum of
 * normal log densities at mu = alpha + X beta; every partial (y, X, alpha, beta, sigma) against
 * central finite differences of lpdf; operands at offsets; null partials skipped; invalid
 * arguments NaN; the draws' mean and sd per row against mu and sigma.
 */
class NormalIdGlmTest {
    static final int N = 7;
    static final int K = 3;
    static final int OFF = 2;

    /** sum_i log normal(y_i | alpha + (X beta)_i, sigma), written out. */
    static double closedForm(double[] y, double[] x, double alpha, double[] beta, double sigma) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            double mu = alpha;
            for (int k = 0; k < K; k++) mu += x[i + k * N] * beta[k];
            double z = (y[i] - mu) / sigma;
            s += -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
        }
        return s;
    }

    static double[] padded(double[] a) {
        double[] p = new double[a.length + OFF];
        java.util.Arrays.fill(p, Double.NaN);
        System.arraycopy(a, 0, p, OFF, a.length);
        return p;
    }

    static double lp(double[] y, double[] x, double alpha, double[] beta, double sigma) {
        return NormalIdGlm.lpdf(padded(y), OFF, padded(x), OFF, alpha, padded(beta), OFF, sigma, N, K);
    }

    @Test
    void densityAndPartialsAgreeWithClosedFormAndFiniteDifferences() {
        UniformRandomProvider r = Seeds.source("normal_id_glm");
        for (int rep = 0; rep < 20; rep++) {
            double[] y = Mat.uniform(r, N, -3, 3);
            double[] x = Mat.uniform(r, N * K, -2, 2);
            double[] beta = Mat.uniform(r, K, -1, 1);
            double alpha = Mat.uniform(r, -1, 1);
            double sigma = Mat.uniform(r, 0.3, 2);
            double want = closedForm(y, x, alpha, beta, sigma);
            assertEquals(want, lp(y, x, alpha, beta, sigma), 1e-10 * Math.max(1, Math.abs(want)));
            double[] d = new double[5];
            double[] dy = new double[N];
            double[] dX = new double[N * K];
            double[] db = new double[K];
            double k = NormalIdGlm.kernel(padded(y), OFF, padded(x), OFF, alpha, padded(beta), OFF, sigma, N, K, d, dy, dX, db);
            assertEquals(want, k, 1e-10 * Math.max(1, Math.abs(want)), "kernel = lpdf");
            double h = 1e-6;
            for (int i = 0; i < N; i++) {
                double[] up = y.clone(), dn = y.clone();
                up[i] += h; dn[i] -= h;
                assertFd(dy[i], lp(up, x, alpha, beta, sigma), lp(dn, x, alpha, beta, sigma), h, "dy[" + i + "]");
            }
            for (int j = 0; j < N * K; j++) {
                double[] up = x.clone(), dn = x.clone();
                up[j] += h; dn[j] -= h;
                assertFd(dX[j], lp(y, up, alpha, beta, sigma), lp(y, dn, alpha, beta, sigma), h, "dX[" + j + "]");
            }
            for (int j = 0; j < K; j++) {
                double[] up = beta.clone(), dn = beta.clone();
                up[j] += h; dn[j] -= h;
                assertFd(db[j], lp(y, x, alpha, up, sigma), lp(y, x, alpha, dn, sigma), h, "dbeta[" + j + "]");
            }
            assertFd(d[2], lp(y, x, alpha + h, beta, sigma), lp(y, x, alpha - h, beta, sigma), h, "dalpha");
            assertFd(d[4], lp(y, x, alpha, beta, sigma + h), lp(y, x, alpha, beta, sigma - h), h, "dsigma");
            double[] d2 = new double[5];
            double k2 = NormalIdGlm.kernel(padded(y), OFF, padded(x), OFF, alpha, padded(beta), OFF, sigma, N, K, d2, null, null, null);
            assertEquals(k, k2, 0, "null partials skipped");
            assertEquals(d[2], d2[2], 0);
            assertEquals(d[4], d2[4], 0);
        }
    }

    static void assertFd(double got, double up, double dn, double h, String what) {
        double fd = (up - dn) / (2 * h);
        assertEquals(fd, got, 1e-6 * Math.max(1, Math.abs(fd)), what);
    }

    @Test
    void invalidArgumentsAreNaN() {
        double[] y = new double[N];
        double[] x = new double[N * K];
        double[] b = new double[K];
        assertTrue(Double.isNaN(lp(y, x, 0, b, 0)), "sigma 0");
        assertTrue(Double.isNaN(lp(y, x, 0, b, -1)), "sigma < 0");
        assertTrue(Double.isNaN(lp(y, x, Double.POSITIVE_INFINITY, b, 1)), "alpha inf");
        b[1] = Double.NaN;
        assertTrue(Double.isNaN(lp(y, x, 0, b, 1)), "beta NaN");
        b[1] = 0;
        y[3] = Double.NaN;
        assertTrue(Double.isNaN(lp(y, x, 0, b, 1)), "y NaN");
        UniformRandomProvider r = Seeds.source("normal_id_glm rng");
        assertThrows(IllegalArgumentException.class, () -> NormalIdGlm.rng(r, x, 0, 0, new double[K], 0, -1, N, K, new double[N], 0));
    }

    @Test
    void drawsHaveMeanAlphaPlusXBetaAndSdSigma() {
        UniformRandomProvider r = Seeds.source("normal_id_glm draws");
        double[] x = Mat.uniform(r, N * K, -2, 2);
        double[] beta = {0.5, -1, 2};
        double alpha = 1.5;
        double sigma = 0.7;
        int n = 20000;
        double[] sum = new double[N];
        double[] sq = new double[N];
        double[] out = new double[N + OFF];
        for (int t = 0; t < n; t++) {
            NormalIdGlm.rng(r, padded(x), OFF, alpha, padded(beta), OFF, sigma, N, K, out, OFF);
            for (int i = 0; i < N; i++) {
                sum[i] += out[OFF + i];
                sq[i] += out[OFF + i] * out[OFF + i];
            }
        }
        for (int i = 0; i < N; i++) {
            double mu = alpha;
            for (int k = 0; k < K; k++) mu += x[i + k * N] * beta[k];
            double m = sum[i] / n;
            double sd = Math.sqrt(sq[i] / n - m * m);
            assertEquals(mu, m, 5 * sigma / Math.sqrt(n), "mean of row " + i);   // 5 standard errors
            assertEquals(sigma, sd, 5 * sigma / Math.sqrt(2.0 * n), "sd of row " + i);
        }
    }
}
