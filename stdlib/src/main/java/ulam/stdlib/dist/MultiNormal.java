package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.linalg.Dense;
import ulam.stdlib.math.Numerics;

/**
 * The multivariate normal distribution multi_normal(y | mu, Sigma) (R's {@code dmvnorm}):
 * outcome y vector[K], mean mu vector[K] (finite), covariance Sigma matrix[K,K] symmetric positive
 * definite. Stan Functions Reference, "Multivariate normal distribution":
 * log MultiNormal(y | mu, Sigma) = -K/2 log(2 pi) - 1/2 log det Sigma - 1/2 (y - mu)^T Sigma^{-1} (y - mu),
 * computed from the Cholesky factor L of Sigma: z = L^{-1} (y - mu), log det Sigma = 2 sum log L_ii.
 *
 * <p>Operands and partials follow {@link ulam.stdlib.Signatures}: y, mu and Sigma are
 * {@code (double[] a, int off)}, Sigma column-major, then K. {@code kernel} equals {@code lpdf}
 * (there is no data-only constant) and writes dy = -alpha, dmu = alpha, with
 * alpha = Sigma^{-1} (y - mu), and dSigma (K*K, column-major) = (alpha alpha^T - Sigma^{-1}) / 2.
 *
 * <p><b>Convention for the symmetric Sigma:</b> dSigma is the gradient of the formula above with
 * all K^2 entries of Sigma treated as independent, at a symmetric Sigma: a symmetric matrix, with
 * dSigma_ij = dSigma_ji = half the derivative along Sigma + t (E_ij + E_ji) for i != j (Stan's
 * convention too). Whatever builds Sigma receives both halves, one per entry it computed. A
 * partials array passed as {@code null} is skipped (for a data operand): with dSigma null the
 * inverse of Sigma is never formed.
 *
 * <p>Invalid arguments give NaN (mu not finite; Sigma not symmetric to
 * {@link Dense#SYMMETRY_TOLERANCE}, or not positive definite; y NaN). Nothing is thrown.
 *
 * <p><b>Memory.</b> A likelihood over rows calls this once per row with the same Sigma. Each thread
 * keeps the factorisation of the last Sigma it saw (key: its K^2 entries, compared exactly), and
 * the inverse once a kernel needed it, so a row costs O(K^2) after the first, and nothing is
 * allocated after the first call at the largest K. Results are exactly those of recomputing.
 */
public final class MultiNormal {
    private MultiNormal() {}

    /** The last Sigma seen on this thread and what was computed from it. */
    private static final class Factor {
        int k = -1;
        double[] key = new double[0];
        double[] l = new double[0];
        double[] inverse = new double[0];
        double[] work = new double[0];
        boolean valid;
        boolean hasInverse;
        double sumLogDiagonal;

        void ensure(int K) {
            if (key.length < K * K) {
                key = new double[K * K];
                l = new double[K * K];
                inverse = new double[K * K];
            }
            if (work.length < K) {
                work = new double[K];
            }
        }
    }

    private static final ThreadLocal<Factor> FACTOR = ThreadLocal.withInitial(Factor::new);

    /** The factorisation of Sigma, from this thread's memory when Sigma is unchanged. */
    private static Factor factor(double[] s, int sOff, int K) {
        Factor f = FACTOR.get();
        int n = K * K;
        if (f.k == K) {
            double[] key = f.key;
            int i = 0;
            while (i < n && key[i] == s[sOff + i]) {
                i++;
            }
            if (i == n) {
                return f;
            }
        }
        f.ensure(K);
        f.k = K;
        System.arraycopy(s, sOff, f.key, 0, n);
        f.hasInverse = false;
        f.valid = Dense.isSymmetric(s, sOff, K) && Dense.cholesky(s, sOff, K, f.l, 0);
        f.sumLogDiagonal = f.valid ? Dense.sumLogDiagonal(f.l, 0, K) : Double.NaN;
        if (!f.valid) {
            f.k = -1; // an invalid Sigma is not remembered (its NaN entries would never match anyway)
        }
        return f;
    }

    /** r = y - mu into w; false if y has a NaN or mu a non-finite entry. */
    private static boolean residual(double[] y, int yOff, double[] mu, int muOff, int K, double[] w) {
        for (int i = 0; i < K; i++) {
            double yi = y[yOff + i];
            double mi = mu[muOff + i];
            if (yi != yi || !Numerics.isFinite(mi)) {
                return false;
            }
            w[i] = yi - mi;
        }
        return true;
    }

    /** The log density, constants kept; NaN for invalid arguments. */
    public static double lpdf(double[] y, int yOff, double[] mu, int muOff, double[] sigma, int sigmaOff, int K) {
        Factor f = factor(sigma, sigmaOff, K);
        if (!f.valid) {
            return Double.NaN;
        }
        double[] w = f.work;
        if (!residual(y, yOff, mu, muOff, K, w)) {
            return Double.NaN;
        }
        Dense.forwardSolve(f.l, 0, K, w, 0);
        double q = 0;
        for (int i = 0; i < K; i++) {
            q += w[i] * w[i];
        }
        return -0.5 * q - f.sumLogDiagonal - K * Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * The log density (as {@link #lpdf}) and its partials: dy = -alpha, dmu = alpha,
     * dSigma = (alpha alpha^T - Sigma^{-1}) / 2 with alpha = Sigma^{-1} (y - mu); {@code d} is
     * unused (no scalar operands); a null partials array is skipped.
     */
    public static double kernel(double[] y, int yOff, double[] mu, int muOff, double[] sigma, int sigmaOff, int K,
                                double[] d, double[] dy, double[] dmu, double[] dSigma) {
        Factor f = factor(sigma, sigmaOff, K);
        if (!f.valid) {
            return Double.NaN;
        }
        double[] w = f.work;
        if (!residual(y, yOff, mu, muOff, K, w)) {
            return Double.NaN;
        }
        double[] l = f.l;
        Dense.forwardSolve(l, 0, K, w, 0);
        double q = 0;
        for (int i = 0; i < K; i++) {
            q += w[i] * w[i];
        }
        Dense.backSolveTransposed(l, 0, K, w, 0); // w = alpha
        for (int i = 0; i < K; i++) {
            double a = w[i];
            if (dy != null) {
                dy[i] = -a;
            }
            if (dmu != null) {
                dmu[i] = a;
            }
        }
        if (dSigma != null) {
            if (!f.hasInverse) {
                Dense.inverseFromCholesky(l, 0, K, f.inverse, 0);
                f.hasInverse = true;
            }
            double[] inv = f.inverse;
            for (int j = 0; j < K; j++) {
                double aj = 0.5 * w[j];
                for (int i = 0; i < K; i++) {
                    dSigma[i + j * K] = w[i] * aj - 0.5 * inv[i + j * K];
                }
            }
        }
        return -0.5 * q - f.sumLogDiagonal - K * Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * One draw mu + L z, L the Cholesky factor of Sigma, z standard normal (ziggurat), into
     * {@code out[outOff..outOff+K)}.
     *
     * @throws IllegalArgumentException if mu is not finite or Sigma is not symmetric positive definite
     */
    public static void rng(UniformRandomProvider rng, double[] mu, int muOff, double[] sigma, int sigmaOff, int K,
                           double[] out, int outOff) {
        for (int i = 0; i < K; i++) {
            Arguments.finite("multi_normal", "mu[" + (i + 1) + "]", mu[muOff + i]);
        }
        if (!Dense.isSymmetric(sigma, sigmaOff, K)) {
            throw new IllegalArgumentException("multi_normal_rng: Sigma is not symmetric");
        }
        double[] l = new double[K * K];
        if (!Dense.cholesky(sigma, sigmaOff, K, l, 0)) {
            throw new IllegalArgumentException("multi_normal_rng: Sigma is not positive definite");
        }
        MultiNormalCholesky.draw(rng, mu, muOff, l, 0, K, out, outOff);
    }

    /** Standard normal draws into z[0..K). */
    static void standardNormals(UniformRandomProvider rng, double[] z, int K) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < K; i++) {
            z[i] = gauss.sample();
        }
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -K log(2 pi) / 2; -log det(Sigma) / 2 when Sigma is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double[] y, int yOff, double[] mu, int muOff, double[] sigma, int sigmaOff, int K) {
        if (Propto.all(data, 2)) return lpdf(y, yOff, mu, muOff, sigma, sigmaOff, K);
        return -K * Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 2) ? factor(sigma, sigmaOff, K).sumLogDiagonal : 0.0);
    }
}
