package ulam.stdlib.transform;

import ulam.stdlib.linalg.Dense;
import ulam.stdlib.linalg.Scratch;
import ulam.stdlib.math.Numerics;

/**
 * The covariance-matrix transform, {@code cov_matrix[K]} (Stan Reference Manual 2.21,
 * "Covariance matrices"; Stan's {@code cov_matrix_constrain}): K + K(K-1)/2 unconstrained values
 * fill a lower-triangular L row by row (row m: L_m0, ..., L_m,m-1, then log L_mm), and
 * Sigma = L L^T (K x K column-major, symmetric positive definite).
 *
 * <p>log |J| of q -&gt; the K(K+1)/2 entries of Sigma on and below the diagonal
 * = K log 2 + sum_{m=0}^{K-1} (K - m + 1) q_mm (0-based m; the K log 2 kept, as Stan keeps it, so
 * that log densities agree with Stan's). Methods per {@link ulam.stdlib.Signatures};
 * {@code constrain} uses K^2 and {@code backward} 2K^2 doubles of {@link Scratch}.
 */
public final class CovMatrix {
    private CovMatrix() {}

    /** K(K+1)/2. */
    public static int unconstrainedSize(int K) {
        return K * (K + 1) / 2;
    }

    /** K*K. */
    public static int constrainedSize(int K) {
        return K * K;
    }

    /** Index of L_mn (n &lt;= m) in q: row-major over the lower triangle. */
    static int position(int m, int n) {
        return m * (m + 1) / 2 + n;
    }

    /** L from q into l (K*K, zeros above the diagonal); returns log |J|. */
    static double lower(double[] q, int qOff, int K, double[] l, int lOff, boolean covariance) {
        double logJ = covariance ? K * Numerics.LOG_TWO : 0.0;
        for (int m = 0; m < K; m++) {
            for (int n = 0; n < m; n++) {
                l[lOff + m + n * K] = q[qOff + position(m, n)];
                l[lOff + n + m * K] = 0.0;
            }
            double qmm = q[qOff + position(m, m)];
            l[lOff + m + m * K] = Math.exp(qmm);
            logJ += covariance ? (K - m + 1) * qmm : qmm;
        }
        return logJ;
    }

    /** Sigma from q; returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        double[] l = Scratch.get(K * K);
        double logJ = lower(q, qOff, K, l, 0, true);
        Dense.lowerTimesTranspose(l, 0, K, x, xOff);
        return logJ;
    }

    /** g = J^T xAdj + grad log |J|, through Lbar = (xAdj + xAdj^T) L (lower). */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        int n = K * K;
        double[] s = Scratch.get(2 * n);
        lower(q, qOff, K, s, 0, true);
        for (int i = 0; i < n; i++) {
            s[n + i] = 0.0;
        }
        Dense.lowerTimesTransposeAdjoint(s, 0, K, xAdj, xAdjOff, false, s, n);
        for (int m = 0; m < K; m++) {
            for (int c = 0; c < m; c++) {
                g[gOff + position(m, c)] = s[n + m + c * K];
            }
            g[gOff + position(m, m)] = s[n + m + m * K] * s[m + m * K] + (K - m + 1);
        }
    }

    /**
     * q from Sigma (Stan's {@code cov_matrix_free}): its Cholesky factor, row by row, the
     * diagonal on the log scale.
     *
     * @throws IllegalArgumentException unless Sigma is symmetric and positive definite
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        if (!Dense.isSymmetric(x, xOff, K)) {
            throw new IllegalArgumentException("cov_matrix: the matrix is not symmetric");
        }
        double[] l = new double[K * K];
        if (!Dense.cholesky(x, xOff, K, l, 0)) {
            throw new IllegalArgumentException("cov_matrix: the matrix is not positive definite");
        }
        for (int m = 0; m < K; m++) {
            for (int c = 0; c < m; c++) {
                q[qOff + position(m, c)] = l[m + c * K];
            }
            q[qOff + position(m, m)] = Math.log(l[m + m * K]);
        }
    }
}
