package ulam.stdlib.transform;

/**
 * The Cholesky factor of a covariance matrix, {@code cholesky_factor_cov[K]} (square; Stan
 * Reference Manual 2.21, "Cholesky factors of covariance matrices"; Stan's
 * {@code cholesky_factor_constrain} with M = N = K): K(K+1)/2 unconstrained values fill L row by
 * row (row m: L_m0, ..., L_m,m-1, then log L_mm); zeros above the diagonal, a positive diagonal.
 * log |J| of q -&gt; the entries on and below the diagonal = sum_m q_mm. Methods per
 * {@link ulam.stdlib.Signatures}.
 */
public final class CholeskyFactorCov {
    private CholeskyFactorCov() {}

    /** K(K+1)/2. */
    public static int unconstrainedSize(int K) {
        return K * (K + 1) / 2;
    }

    /** K*K. */
    public static int constrainedSize(int K) {
        return K * K;
    }

    /** L from q; returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        return CovMatrix.lower(q, qOff, K, x, xOff, false);
    }

    /** g_mn = xAdj_mn below the diagonal, g_mm = xAdj_mm L_mm + 1; the upper adjoints are ignored. */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        for (int m = 0; m < K; m++) {
            for (int c = 0; c < m; c++) {
                g[gOff + CovMatrix.position(m, c)] = xAdj[xAdjOff + m + c * K];
            }
            g[gOff + CovMatrix.position(m, m)] = xAdj[xAdjOff + m + m * K] * x[xOff + m + m * K] + 1.0;
        }
    }

    /**
     * q from L (Stan's {@code cholesky_factor_free}).
     *
     * @throws IllegalArgumentException unless L is lower triangular (entries above the diagonal
     *         exactly 0) with a positive finite diagonal and finite entries
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        for (int m = 0; m < K; m++) {
            for (int c = 0; c < K; c++) {
                double v = x[xOff + m + c * K];
                if (c > m && v != 0.0) {
                    throw new IllegalArgumentException("cholesky_factor_cov: element [" + (m + 1) + "," + (c + 1)
                            + "] above the diagonal is " + v + ", but must be 0");
                }
                if (c < m) {
                    if (!(Math.abs(v) <= Double.MAX_VALUE)) {
                        throw new IllegalArgumentException("cholesky_factor_cov: element [" + (m + 1) + "," + (c + 1)
                                + "] is " + v + ", but must be finite");
                    }
                    q[qOff + CovMatrix.position(m, c)] = v;
                }
            }
            double d = x[xOff + m + m * K];
            if (!(d > 0 && d <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException("cholesky_factor_cov: diagonal element [" + (m + 1) + "," + (m + 1)
                        + "] is " + d + ", but must be positive and finite");
            }
            q[qOff + CovMatrix.position(m, m)] = Math.log(d);
        }
    }
}
