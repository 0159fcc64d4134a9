package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.linalg.Dense;
import ulam.stdlib.linalg.Scratch;
import ulam.stdlib.math.Numerics;

/**
 * The multivariate normal distribution parameterised by the Cholesky factor of its covariance,
 * multi_normal_cholesky(y | mu, L) = multi_normal(y | mu, L L^T) (Stan Functions Reference,
 * "Multivariate normal distribution, Cholesky parameterization"): outcome y vector[K], mean mu
 * vector[K] (finite), L matrix[K,K] lower triangular with a positive diagonal, read from its lower
 * triangle only (the upper entries are ignored, as in Stan).
 * log density = -K/2 log(2 pi) - sum_i log L_ii - |z|^2 / 2, z = L^{-1} (y - mu).
 *
 * <p>{@code kernel} equals {@code lpdf} and writes dy = -alpha, dmu = alpha with
 * alpha = L^{-T} z = Sigma^{-1} (y - mu), and dL (K*K, column-major) with
 * dL_ij = alpha_i z_j - [i == j] / L_ii for i &gt;= j and 0 above the diagonal (L's upper entries
 * are not read, so the density does not depend on them). A null partials array is skipped.
 *
 * <p>Invalid arguments give NaN: mu not finite, a diagonal entry of L not positive and finite, y
 * NaN. O(K^2) per call; uses 2K doubles of {@link Scratch}.
 */
public final class MultiNormalCholesky {
    private MultiNormalCholesky() {}

    /** Whether the diagonal of L is positive and finite. */
    private static boolean validFactor(double[] l, int lOff, int K) {
        for (int i = 0; i < K; i++) {
            if (!Numerics.isPositiveFinite(l[lOff + i + i * K])) {
                return false;
            }
        }
        return true;
    }

    /** z = L^{-1}(y - mu) into w[0..K), returning |z|^2; NaN for invalid operands. */
    private static double solve(double[] y, int yOff, double[] mu, int muOff, double[] l, int lOff, int K, double[] w) {
        if (!validFactor(l, lOff, K)) {
            return Double.NaN;
        }
        for (int i = 0; i < K; i++) {
            double yi = y[yOff + i];
            double mi = mu[muOff + i];
            if (yi != yi || !Numerics.isFinite(mi)) {
                return Double.NaN;
            }
            w[i] = yi - mi;
        }
        Dense.forwardSolve(l, lOff, K, w, 0);
        double q = 0;
        for (int i = 0; i < K; i++) {
            q += w[i] * w[i];
        }
        return q;
    }

    /** The log density, constants kept; NaN for invalid arguments. */
    public static double lpdf(double[] y, int yOff, double[] mu, int muOff, double[] l, int lOff, int K) {
        double[] w = Scratch.get(K);
        double q = solve(y, yOff, mu, muOff, l, lOff, K, w);
        if (q != q) {
            return Double.NaN;
        }
        return -0.5 * q - Dense.sumLogDiagonal(l, lOff, K) - K * Numerics.HALF_LOG_TWO_PI;
    }

    /** The log density (as {@link #lpdf}) and its partials dy, dmu, dL (see the class comment); {@code d} unused. */
    public static double kernel(double[] y, int yOff, double[] mu, int muOff, double[] l, int lOff, int K,
                                double[] d, double[] dy, double[] dmu, double[] dL) {
        double[] w = Scratch.get(2 * K);
        double q = solve(y, yOff, mu, muOff, l, lOff, K, w);
        if (q != q) {
            return Double.NaN;
        }
        // alpha = L^{-T} z in w[K..2K)
        System.arraycopy(w, 0, w, K, K);
        Dense.backSolveTransposed(l, lOff, K, w, K);
        for (int i = 0; i < K; i++) {
            double a = w[K + i];
            if (dy != null) {
                dy[i] = -a;
            }
            if (dmu != null) {
                dmu[i] = a;
            }
        }
        double sumLog = 0;
        for (int j = 0; j < K; j++) {
            double ljj = l[lOff + j + j * K];
            sumLog += Math.log(ljj);
            if (dL != null) {
                double zj = w[j];
                int cj = j * K;
                for (int i = 0; i < j; i++) {
                    dL[cj + i] = 0.0;
                }
                dL[cj + j] = w[K + j] * zj - 1.0 / ljj;
                for (int i = j + 1; i < K; i++) {
                    dL[cj + i] = w[K + i] * zj;
                }
            }
        }
        return -0.5 * q - sumLog - K * Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * One draw mu + L z, z standard normal, into {@code out[outOff..outOff+K)}.
     *
     * @throws IllegalArgumentException if mu is not finite or a diagonal entry of L is not positive and finite
     */
    public static void rng(UniformRandomProvider rng, double[] mu, int muOff, double[] l, int lOff, int K,
                           double[] out, int outOff) {
        for (int i = 0; i < K; i++) {
            Arguments.finite("multi_normal_cholesky", "mu[" + (i + 1) + "]", mu[muOff + i]);
            Arguments.positive("multi_normal_cholesky", "L[" + (i + 1) + "," + (i + 1) + "]", l[lOff + i + i * K]);
        }
        draw(rng, mu, muOff, l, lOff, K, out, outOff);
    }

    /** out = mu + L z for fresh standard normals z (L lower, read from its lower triangle). */
    static void draw(UniformRandomProvider rng, double[] mu, int muOff, double[] l, int lOff, int K,
                     double[] out, int outOff) {
        double[] z = new double[K];
        MultiNormal.standardNormals(rng, z, K);
        for (int i = 0; i < K; i++) {
            double s = mu[muOff + i];
            for (int k = 0; k <= i; k++) {
                s += l[lOff + i + k * K] * z[k];
            }
            out[outOff + i] = s;
        }
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -K log(2 pi) / 2; -sum log L_kk when L is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double[] y, int yOff, double[] mu, int muOff, double[] l, int lOff, int K) {
        if (Propto.all(data, 2)) return lpdf(y, yOff, mu, muOff, l, lOff, K);
        return -K * Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 2) ? Dense.sumLogDiagonal(l, lOff, K) : 0.0);
    }
}
