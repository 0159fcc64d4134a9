package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import ulam.stdlib.math.Numerics;

/**
 * The LKJ distribution on Cholesky factors of correlation matrices lkj_corr_cholesky(L | eta)
 * (Stan Functions Reference, "Cholesky LKJ correlation distribution"): outcome L matrix[K,K]
 * lower triangular with a positive diagonal and rows of unit length; shape eta &gt; 0. L L^T then
 * has the density lkj_corr(eta), and
 * log LkjCholesky(L | eta) = c(eta, K) + sum_{i=2}^{K} (K - i + 2 eta - 2) log L_ii
 * (1-based i; c of {@link LkjConstant}), the LKJ density of L L^T times the Jacobian of L -&gt; L L^T.
 *
 * <p>{@code kernel} equals {@code lpdf} and writes d[1] = dc/deta + 2 sum_{i&gt;=2} log L_ii and
 * dL (K*K, column-major): (K - i + 2 eta - 2) / L_ii on the diagonal for i &gt;= 2, 0 elsewhere
 * (no other entry appears in the density). A null dL is skipped.
 *
 * <p>NaN if eta is not positive and finite; -inf if L is not such a factor (an entry above the
 * diagonal not exactly 0, a diagonal entry not positive, a row's squared length off 1 by more
 * than 1e-8, or NaN). O(K^2), no scratch.
 */
public final class LkjCorrCholesky {
    private LkjCorrCholesky() {}

    /** Whether L is a Cholesky factor of a correlation matrix (Stan's check_cholesky_factor_corr). */
    private static boolean inSupport(double[] l, int lOff, int K) {
        for (int i = 0; i < K; i++) {
            if (!(l[lOff + i + i * K] > 0)) {
                return false;
            }
            double ss = 0;
            for (int j = 0; j < K; j++) {
                double v = l[lOff + i + j * K];
                if (j > i) {
                    if (v != 0.0) {
                        return false;
                    }
                } else {
                    ss += v * v;
                }
            }
            if (!(Math.abs(ss - 1.0) <= LkjCorr.UNIT_TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /** The log density with its normalising constant; NaN for an invalid eta, -inf outside the support. */
    public static double lpdf(double[] l, int lOff, double eta, int K) {
        if (!Numerics.isPositiveFinite(eta)) {
            return Double.NaN;
        }
        if (!inSupport(l, lOff, K)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = LkjConstant.of(eta, K)[2];
        double e2 = 2.0 * eta - 2.0;
        for (int i = 1; i < K; i++) {
            lp += (K - i - 1 + e2) * Math.log(l[lOff + i + i * K]);
        }
        return lp;
    }

    /** The log density (as {@link #lpdf}), d[1] = d/deta and dL (see the class comment). */
    public static double kernel(double[] l, int lOff, double eta, int K, double[] d, double[] dL) {
        if (!Numerics.isPositiveFinite(eta)) {
            return Double.NaN;
        }
        if (!inSupport(l, lOff, K)) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] c = LkjConstant.of(eta, K);
        double lp = c[2];
        double sumLog = 0;
        double e2 = 2.0 * eta - 2.0;
        if (dL != null) {
            java.util.Arrays.fill(dL, 0, K * K, 0.0);
        }
        for (int i = 1; i < K; i++) {
            double lii = l[lOff + i + i * K];
            double coef = K - i - 1 + e2;
            double log = Math.log(lii);
            lp += coef * log;
            sumLog += log;
            if (dL != null) {
                dL[i + i * K] = coef / lii;
            }
        }
        d[1] = c[3] + 2.0 * sumLog;
        return lp;
    }

    /**
     * One draw (Stan's {@code lkj_corr_cholesky_rng}, the C-vine method of Lewandowski, Kurowicka
     * and Joe 2009): canonical partial correlations 2 Beta(a_c, a_c) - 1 with
     * a_c = eta + (K - 2 - c)/2 for column c = 0, ..., K-2, turned into L as Stan's
     * {@code read_corr_L}. Written to {@code out} (K*K, column-major, zeros above the diagonal).
     *
     * @throws IllegalArgumentException if eta is not positive and finite
     */
    public static void rng(UniformRandomProvider rng, double eta, int K, double[] out, int outOff) {
        Arguments.positive("lkj_corr_cholesky", "eta", eta);
        draw(rng, eta, K, out, outOff);
    }

    static void draw(UniformRandomProvider rng, double eta, int K, double[] out, int outOff) {
        for (int i = 0; i < K * K; i++) {
            out[outOff + i] = 0.0;
        }
        // w2[i] = the squared length still free in row i
        double[] w2 = new double[K];
        java.util.Arrays.fill(w2, 1.0);
        for (int c = 0; c < K; c++) {
            double lcc = Math.sqrt(w2[c]);
            out[outOff + c + c * K] = lcc;
            if (c == K - 1) {
                break;
            }
            double a = eta + 0.5 * (K - 2 - c);
            ContinuousSampler beta = ChengBetaSampler.of(rng, a, a);
            for (int i = c + 1; i < K; i++) {
                double z = 2.0 * beta.sample() - 1.0;
                out[outOff + i + c * K] = z * Math.sqrt(w2[i]);
                w2[i] *= 1.0 - z * z;
            }
        }
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): the normalising constant when eta is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double[] l, int lOff, double eta, int K) {
        if (Propto.all(data, 1)) return lpdf(l, lOff, eta, K);
        return Propto.data(data, 1) ? LkjConstant.of(eta, K)[2] : 0.0;
    }
}
