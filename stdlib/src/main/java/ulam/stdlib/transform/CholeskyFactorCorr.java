package ulam.stdlib.transform;

import ulam.stdlib.linalg.Scratch;

/**
 * The Cholesky factor of a correlation matrix, {@code cholesky_factor_corr[K]} (Stan Reference
 * Manual 2.21, "Cholesky factors of correlation matrices"): K(K-1)/2 unconstrained values, in
 * row-major order of the entries below the diagonal ((1,0), (2,0), (2,1), (3,0), ...), through
 * tanh to canonical partial correlations and then to L as in {@link CorrelationRows} (Stan's
 * {@code cholesky_corr_constrain}). The result is K x K column-major, lower triangular with a
 * positive diagonal and rows of unit length, zeros above the diagonal.
 *
 * <p>log |J| of y -&gt; the K(K-1)/2 entries of L below the diagonal (the free coordinates; the
 * diagonal follows from the unit rows) = sum_ij log(1 - z_ij^2) + sum_i sum_{j&gt;=1} (1/2)
 * log(1 - sum_{l&lt;j} L_il^2) = sum_ij ((i + 1 - j)/2) log(1 - z_ij^2). Methods per
 * {@link ulam.stdlib.Signatures}; {@code backward} uses 3K doubles of {@link Scratch}.
 */
public final class CholeskyFactorCorr {
    private CholeskyFactorCorr() {}

    /** K(K-1)/2. */
    public static int unconstrainedSize(int K) {
        return K * (K - 1) / 2;
    }

    /** K*K. */
    public static int constrainedSize(int K) {
        return K * K;
    }

    /** L from q; returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        return CorrelationRows.constrain(q, qOff, K, false, x, xOff);
    }

    /** g = J^T xAdj + grad log |J|; the adjoints of the entries above the diagonal are ignored. */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        double[] work = Scratch.get(3 * K);
        for (int i = 1; i < K; i++) {
            CorrelationRows.rowBackward(q, qOff, K, i, false, xAdj, xAdjOff + i, K, work, 0, g, gOff);
        }
    }

    /**
     * q from L (Stan's {@code cholesky_corr_free}).
     *
     * @throws IllegalArgumentException unless L is lower triangular (entries above the diagonal
     *         exactly 0) with a positive diagonal and rows of squared length 1 to within 1e-8
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        for (int i = 0; i < K; i++) {
            double ss = 0;
            for (int j = 0; j < K; j++) {
                double v = x[xOff + i + j * K];
                if (j > i && v != 0.0) {
                    throw new IllegalArgumentException("cholesky_factor_corr: element [" + (i + 1) + "," + (j + 1)
                            + "] above the diagonal is " + v + ", but must be 0");
                }
                if (j <= i) {
                    ss += v * v;
                }
            }
            double d = x[xOff + i + i * K];
            if (!(d > 0)) {
                throw new IllegalArgumentException("cholesky_factor_corr: diagonal element [" + (i + 1) + "," + (i + 1)
                        + "] is " + d + ", but must be > 0");
            }
            if (!(Math.abs(ss - 1.0) <= 1e-8)) {
                throw new IllegalArgumentException("cholesky_factor_corr: row " + (i + 1) + " has squared length " + ss
                        + ", but must have length 1");
            }
        }
        CorrelationRows.unconstrain(x, xOff, K, false, q, qOff, "cholesky_factor_corr");
    }
}
