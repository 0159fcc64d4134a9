package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.linalg.Dense;
import ulam.stdlib.linalg.Scratch;
import ulam.stdlib.math.Numerics;

/**
 * The LKJ distribution of correlation matrices lkj_corr(Omega | eta) (rethinking's
 * {@code dlkjcorr}; Stan Functions Reference, "LKJ correlation distribution"): outcome Omega
 * matrix[K,K], a correlation matrix (symmetric, unit diagonal, positive definite); shape eta &gt; 0.
 * log LkjCorr(Omega | eta) = c(eta, K) + (eta - 1) log det Omega, with the normalising constant
 * c of {@link LkjConstant} (Stan's {@code do_lkj_constant}), so the density integrates to 1 over
 * the correlation matrices (with respect to the K(K-1)/2 entries below the diagonal).
 *
 * <p>{@code kernel} equals {@code lpdf} and writes d[1] = d/deta = log det Omega + dc/deta and
 * dOmega (K*K, column-major) = (eta - 1) Omega^{-1}: the symmetric convention of
 * {@link MultiNormal} (the formula's gradient with the K^2 entries independent, at a symmetric
 * Omega). A null dOmega is skipped.
 *
 * <p>NaN if eta is not positive and finite; -inf if Omega is not a correlation matrix (a diagonal
 * entry off 1 by more than 1e-8, asymmetric beyond {@link Dense#SYMMETRY_TOLERANCE}, not positive
 * definite, or NaN). Uses 2 K^2 doubles of {@link Scratch}.
 */
public final class LkjCorr {
    private LkjCorr() {}

    /** Tolerance on the unit diagonal (Stan's CONSTRAINT_TOLERANCE). */
    static final double UNIT_TOLERANCE = 1e-8;

    /** Cholesky factor of Omega into l, false if Omega is not a correlation matrix. */
    private static boolean factor(double[] w, int wOff, int K, double[] l) {
        for (int i = 0; i < K; i++) {
            if (!(Math.abs(w[wOff + i + i * K] - 1.0) <= UNIT_TOLERANCE)) {
                return false;
            }
        }
        return Dense.isSymmetric(w, wOff, K) && Dense.cholesky(w, wOff, K, l, 0);
    }

    /** The log density with its normalising constant; NaN for an invalid eta, -inf outside the support. */
    public static double lpdf(double[] omega, int omegaOff, double eta, int K) {
        if (!Numerics.isPositiveFinite(eta)) {
            return Double.NaN;
        }
        double[] l = Scratch.get(K * K);
        if (!factor(omega, omegaOff, K, l)) {
            return Double.NEGATIVE_INFINITY;
        }
        double logDet = 2.0 * Dense.sumLogDiagonal(l, 0, K);
        return LkjConstant.of(eta, K)[2] + (eta - 1.0) * logDet;
    }

    /** The log density (as {@link #lpdf}), d[1] = d/deta and dOmega = (eta - 1) Omega^{-1}. */
    public static double kernel(double[] omega, int omegaOff, double eta, int K, double[] d, double[] dOmega) {
        if (!Numerics.isPositiveFinite(eta)) {
            return Double.NaN;
        }
        double[] s = Scratch.get(2 * K * K);
        if (!factor(omega, omegaOff, K, s)) {
            return Double.NEGATIVE_INFINITY;
        }
        double logDet = 2.0 * Dense.sumLogDiagonal(s, 0, K);
        double[] c = LkjConstant.of(eta, K);
        d[1] = logDet + c[3];
        if (dOmega != null) {
            int n = K * K;
            Dense.inverseFromCholesky(s, 0, K, s, n);
            double e = eta - 1.0;
            for (int i = 0; i < n; i++) {
                dOmega[i] = e * s[n + i];
            }
        }
        return c[2] + (eta - 1.0) * logDet;
    }

    /**
     * One draw L L^T with L from {@link LkjCorrCholesky#rng} (the C-vine method of Lewandowski,
     * Kurowicka and Joe 2009, as Stan's {@code lkj_corr_rng}), into {@code out} (K*K).
     *
     * @throws IllegalArgumentException if eta is not positive and finite
     */
    public static void rng(UniformRandomProvider rng, double eta, int K, double[] out, int outOff) {
        Arguments.positive("lkj_corr", "eta", eta);
        double[] l = new double[K * K];
        LkjCorrCholesky.draw(rng, eta, K, l, 0);
        Dense.lowerTimesTranspose(l, 0, K, out, outOff);
        for (int i = 0; i < K; i++) {
            out[outOff + i + i * K] = 1.0;
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
    public static double dropped(int data, double[] omega, int omegaOff, double eta, int K) {
        if (Propto.all(data, 1)) return lpdf(omega, omegaOff, eta, K);
        return Propto.data(data, 1) ? LkjConstant.of(eta, K)[2] : 0.0;
    }
}
