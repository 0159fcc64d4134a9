package ulam.stdlib.transform;

import ulam.stdlib.linalg.Dense;
import ulam.stdlib.linalg.Scratch;

/**
 * The correlation-matrix transform, {@code corr_matrix[K]} (Stan Reference Manual 2.21,
 * "Correlation matrices"): K(K-1)/2 unconstrained values, in column-major order of the entries
 * below the diagonal ((1,0), (2,0), ..., (K-1,0), (2,1), ...: Stan's {@code read_corr_L} order),
 * through tanh to canonical partial correlations z, to the Cholesky factor L as in
 * {@link CorrelationRows}, and to Omega = L L^T (K x K column-major, symmetric, diagonal exactly 1).
 *
 * <p>log |J| of y -&gt; the K(K-1)/2 entries of Omega below the diagonal = sum log(1 - z^2) (tanh)
 * + (1/2) sum_{c=0}^{K-3} (K - c - 2) sum_{i&gt;c} log(1 - z_ic^2) (Stan's {@code read_corr_L}, from
 * Lewandowski, Kurowicka and Joe 2009) = sum_ic ((K - c)/2) log(1 - z_ic^2). The adjoints of
 * Omega's diagonal are ignored (it is constant). Methods per {@link ulam.stdlib.Signatures};
 * {@code constrain} uses K^2 and {@code backward} K^2 + 4K doubles of {@link Scratch}.
 */
public final class CorrMatrix {
    private CorrMatrix() {}

    /** K(K-1)/2. */
    public static int unconstrainedSize(int K) {
        return K * (K - 1) / 2;
    }

    /** K*K. */
    public static int constrainedSize(int K) {
        return K * K;
    }

    /** Omega from q; returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        double[] l = Scratch.get(K * K);
        double logJ = CorrelationRows.constrain(q, qOff, K, true, l, 0);
        Dense.lowerTimesTranspose(l, 0, K, x, xOff);
        for (int i = 0; i < K; i++) {
            x[xOff + i + i * K] = 1.0;
        }
        return logJ;
    }

    /**
     * g = J^T xAdj + grad log |J|: L recomputed from q, Lbar_ij = sum_{k != i} (xAdj_ik + xAdj_ki)
     * L_kj row by row, then each row's reverse sweep.
     */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        int n = K * K;
        double[] s = Scratch.get(n + 4 * K);
        CorrelationRows.constrain(q, qOff, K, true, s, 0);
        int rowAdj = n;
        int work = n + K;
        for (int i = 1; i < K; i++) {
            for (int j = 0; j <= i; j++) {
                double t = 0;
                for (int k = j; k < K; k++) {
                    if (k != i) {
                        t += (xAdj[xAdjOff + i + k * K] + xAdj[xAdjOff + k + i * K]) * s[k + j * K];
                    }
                }
                s[rowAdj + j] = t;
            }
            CorrelationRows.rowBackward(q, qOff, K, i, true, s, rowAdj, 1, s, work, g, gOff);
        }
    }

    /**
     * q from Omega (Stan's {@code corr_matrix_free}): its Cholesky factor, then the canonical
     * partial correlations, then atanh.
     *
     * @throws IllegalArgumentException unless Omega is symmetric, has a unit diagonal (to 1e-8)
     *         and is positive definite
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        for (int i = 0; i < K; i++) {
            double d = x[xOff + i + i * K];
            if (!(Math.abs(d - 1.0) <= 1e-8)) {
                throw new IllegalArgumentException("corr_matrix: diagonal element [" + (i + 1) + "," + (i + 1)
                        + "] is " + d + ", but must be 1");
            }
        }
        if (!Dense.isSymmetric(x, xOff, K)) {
            throw new IllegalArgumentException("corr_matrix: the matrix is not symmetric");
        }
        double[] l = new double[K * K];
        if (!Dense.cholesky(x, xOff, K, l, 0)) {
            throw new IllegalArgumentException("corr_matrix: the matrix is not positive definite");
        }
        CorrelationRows.unconstrain(l, 0, K, true, q, qOff, "corr_matrix");
    }
}
