package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The normal linear model as one distribution, normal_id_glm(y | X, alpha, beta, sigma) =
 * prod_i normal(y_i | alpha + (X beta)_i, sigma) (Stan Functions Reference, "Normal-id generalized
 * linear model (linear regression)"): outcome y vector[N], design matrix X matrix[N,K]
 * (column-major), intercept alpha, coefficients beta vector[K], scale sigma &gt; 0 (the scalar
 * alpha and sigma of Stan's signatures).
 * log density = -N log(sigma) - N/2 log(2 pi) - sum_i r_i^2 / 2, r_i = (y_i - mu_i) / sigma,
 * mu = alpha + X beta.
 *
 * <p>{@code kernel} equals {@code lpdf} and writes, with g_i = r_i / sigma: dy_i = -g_i,
 * dX(i, k) = g_i beta_k, dbeta_k = sum_i X(i, k) g_i, d[2] (alpha) = sum_i g_i, d[4] (sigma) =
 * (sum_i r_i^2 - N) / sigma. A null partials array is skipped (data operands), so a data X costs
 * O(N K) per call and no O(N K) writes.
 *
 * <p>Invalid arguments give NaN: sigma not positive and finite, alpha or an entry of beta or X not
 * finite, y NaN. Uses N doubles of {@link ulam.stdlib.linalg.Scratch}.
 */
public final class NormalIdGlm {
    private NormalIdGlm() {}

    /** r = (y - alpha - X beta) / sigma into w[0..N), returning sum r^2; NaN for invalid operands. */
    private static double residuals(double[] y, int yOff, double[] x, int xOff, double alpha, double[] beta, int bOff,
                                    double sigma, int N, int K, double[] w) {
        if (!Numerics.isPositiveFinite(sigma) || !Numerics.isFinite(alpha)) {
            return Double.NaN;
        }
        for (int i = 0; i < N; i++) {
            w[i] = alpha;
        }
        for (int k = 0; k < K; k++) {
            double b = beta[bOff + k];
            if (!Numerics.isFinite(b)) {
                return Double.NaN;
            }
            int ck = xOff + k * N;
            for (int i = 0; i < N; i++) {
                w[i] += x[ck + i] * b;
            }
        }
        double q = 0;
        for (int i = 0; i < N; i++) {
            double yi = y[yOff + i];
            if (yi != yi || !Numerics.isFinite(w[i])) {
                return Double.NaN;
            }
            double r = (yi - w[i]) / sigma;
            w[i] = r;
            q += r * r;
        }
        return q;
    }

    /** The log density, constants kept; NaN for invalid arguments. */
    public static double lpdf(double[] y, int yOff, double[] x, int xOff, double alpha, double[] beta, int bOff,
                              double sigma, int N, int K) {
        double[] w = ulam.stdlib.linalg.Scratch.get(N);
        double q = residuals(y, yOff, x, xOff, alpha, beta, bOff, sigma, N, K, w);
        if (q != q) {
            return Double.NaN;
        }
        return -0.5 * q - N * Math.log(sigma) - N * Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * The summands Stan's {@code ~} drops (Stan Math's {@code normal_id_glm_lpdf} with
     * {@code propto}): {@code -N log(sqrt(2 pi))} always, {@code -N log(sigma)} when sigma is data,
     * and the whole density when every operand is data. {@code data}: bit 0 the outcome y, bit j
     * argument j (x, alpha, beta, sigma); only the operands that are data are read.
     */
    public static double dropped(int data, double[] y, int yOff, double[] x, int xOff, double alpha, double[] beta, int bOff,
                                 double sigma, int N, int K) {
        if (Propto.all(data, 4)) return lpdf(y, yOff, x, xOff, alpha, beta, bOff, sigma, N, K);
        return -N * Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 4) ? N * Math.log(sigma) : 0.0);
    }

    /** The log density (as {@link #lpdf}) and its partials (see the class comment). */
    public static double kernel(double[] y, int yOff, double[] x, int xOff, double alpha, double[] beta, int bOff,
                                double sigma, int N, int K, double[] d, double[] dy, double[] dX, double[] dbeta) {
        double[] w = ulam.stdlib.linalg.Scratch.get(N);
        double q = residuals(y, yOff, x, xOff, alpha, beta, bOff, sigma, N, K, w);
        if (q != q) {
            return Double.NaN;
        }
        double sumG = 0;
        for (int i = 0; i < N; i++) {
            double g = w[i] / sigma;
            w[i] = g;
            sumG += g;
            if (dy != null) {
                dy[i] = -g;
            }
        }
        for (int k = 0; k < K; k++) {
            int ck = k * N;
            if (dbeta != null) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += x[xOff + ck + i] * w[i];
                }
                dbeta[k] = s;
            }
            if (dX != null) {
                double b = beta[bOff + k];
                for (int i = 0; i < N; i++) {
                    dX[ck + i] = w[i] * b;
                }
            }
        }
        d[2] = sumG;
        d[4] = (q - N) / sigma;
        return -0.5 * q - N * Math.log(sigma) - N * Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * One draw y_i = alpha + (X beta)_i + sigma z_i, z standard normal, into {@code out[outOff..outOff+N)}.
     *
     * @throws IllegalArgumentException if sigma is not positive and finite or alpha, beta or X is not finite
     */
    public static void rng(UniformRandomProvider rng, double[] x, int xOff, double alpha, double[] beta, int bOff,
                           double sigma, int N, int K, double[] out, int outOff) {
        Arguments.positive("normal_id_glm", "sigma", sigma);
        Arguments.finite("normal_id_glm", "alpha", alpha);
        for (int k = 0; k < K; k++) {
            Arguments.finite("normal_id_glm", "beta[" + (k + 1) + "]", beta[bOff + k]);
        }
        double[] z = new double[N];
        MultiNormal.standardNormals(rng, z, N);
        for (int i = 0; i < N; i++) {
            double mu = alpha;
            for (int k = 0; k < K; k++) {
                mu += x[xOff + i + k * N] * beta[bOff + k];
            }
            Arguments.finite("normal_id_glm", "alpha + (X beta)[" + (i + 1) + "]", mu);
            out[outOff + i] = mu + sigma * z[i];
        }
    }
}
