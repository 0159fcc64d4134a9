package ulam.stdlib.transform;

import ulam.stdlib.math.Numerics;

/**
 * The map shared by {@link CholeskyFactorCorr} and {@link CorrMatrix}: unconstrained values y,
 * one per entry (i, j) below the diagonal of a K x K matrix, to canonical partial correlations
 * z = tanh(y) and from them to the Cholesky factor L of a correlation matrix, row by row:
 * <pre>
 * W_0 = 1,  L_ij = z_ij W_j,  W_{j+1} = W_j sqrt(1 - z_ij^2)  (j &lt; i),  L_ii = W_i
 * </pre>
 * (W_j^2 = 1 - sum_{l&lt;j} L_il^2, the length still free in row i). This is Stan's
 * {@code cholesky_corr_constrain} and also its {@code read_corr_L}; the two transforms differ
 * only in the order of y (row-major for cholesky_factor_corr, column-major for corr_matrix, as in
 * Stan) and in their log Jacobians, which are both sums of w_ij log(1 - z_ij^2) with weights
 * 2 w_ij = i + 1 - j (cholesky_factor_corr) or K - j (corr_matrix), 0-based i and j.
 *
 * <p>Numerics: with a = |y| and e = exp(-2a), z = sign(y) (1 - e) / (1 + e) and
 * sqrt(1 - z^2) = sech(y) = 2 exp(-a) / (1 + e), so log(1 - z^2) = 2 (log 2 - a - log1p(e)) is
 * accurate for every y; one exp per entry.
 */
final class CorrelationRows {
    private CorrelationRows() {}

    /** Index of entry (i, j), j &lt; i, in the unconstrained vector. */
    static int position(int K, int i, int j, boolean columnMajor) {
        return columnMajor ? j * (K - 1) - j * (j - 1) / 2 + (i - j - 1) : i * (i - 1) / 2 + j;
    }

    /** 2 w_ij, the log Jacobian's weight on log(1 - z_ij^2), doubled. */
    static int twiceWeight(int K, int i, int j, boolean columnMajor) {
        return columnMajor ? K - j : i + 1 - j;
    }

    /**
     * L (K*K, column-major, zeros above the diagonal) from y; returns the log Jacobian
     * sum w_ij log(1 - z_ij^2).
     */
    static double constrain(double[] q, int qOff, int K, boolean columnMajor, double[] l, int lOff) {
        double logJ = 0;
        for (int c = 0; c < K; c++) {
            for (int r = 0; r < c; r++) {
                l[lOff + r + c * K] = 0.0;
            }
        }
        for (int i = 0; i < K; i++) {
            double w = 1.0;
            for (int j = 0; j < i; j++) {
                double y = q[qOff + position(K, i, j, columnMajor)];
                double a = Math.abs(y);
                double e1 = Math.exp(-a);
                double e = e1 * e1;
                double inv = 1.0 / (1.0 + e);
                double z = (1.0 - e) * inv;
                if (y < 0) {
                    z = -z;
                }
                l[lOff + i + j * K] = z * w;
                w *= 2.0 * e1 * inv;
                logJ += twiceWeight(K, i, j, columnMajor) * (Numerics.LOG_TWO - a - Numerics.log1p(e));
            }
            l[lOff + i + i * K] = w;
        }
        return logJ;
    }

    /**
     * The reverse sweep of row i: given the adjoints of L_i0..L_ii (at {@code adj[adjOff + j*stride]}),
     * writes g for the row's unconstrained values: the chain through L plus the log Jacobian's
     * gradient -2 w_ij z_ij. Uses {@code work[workOff .. workOff + 3i)}.
     */
    static void rowBackward(double[] q, int qOff, int K, int i, boolean columnMajor, double[] adj, int adjOff,
                            int stride, double[] work, int workOff, double[] g, int gOff) {
        double w = 1.0;
        for (int j = 0; j < i; j++) {
            double y = q[qOff + position(K, i, j, columnMajor)];
            double a = Math.abs(y);
            double e1 = Math.exp(-a);
            double e = e1 * e1;
            double inv = 1.0 / (1.0 + e);
            double z = (1.0 - e) * inv;
            double sech = 2.0 * e1 * inv;
            int s = workOff + 3 * j;
            work[s] = w;
            work[s + 1] = y < 0 ? -z : z;
            work[s + 2] = sech;
            w *= sech;
        }
        double wAdj = adj[adjOff + i * stride];
        for (int j = i - 1; j >= 0; j--) {
            int s = workOff + 3 * j;
            double wj = work[s];
            double z = work[s + 1];
            double sech = work[s + 2];
            double lAdj = adj[adjOff + j * stride];
            // L_ij = z W_j, W_{j+1} = W_j sech; dz/dy = sech^2, dsech/dy = -sech z
            double sechAdj = wAdj * wj;
            double zAdj = lAdj * wj;
            wAdj = wAdj * sech + lAdj * z;
            g[gOff + position(K, i, j, columnMajor)] = zAdj * sech * sech - sechAdj * sech * z
                    - twiceWeight(K, i, j, columnMajor) * z;
        }
    }

    /**
     * The canonical partial correlations of a lower-triangular L with positive diagonal and unit
     * rows, z_ij = L_ij / sqrt(1 - sum_{l&lt;j} L_il^2), as y = atanh(z) in the given order.
     */
    static void unconstrain(double[] l, int lOff, int K, boolean columnMajor, double[] q, int qOff, String type) {
        for (int i = 0; i < K; i++) {
            double free = 1.0;
            for (int j = 0; j < i; j++) {
                double v = l[lOff + i + j * K];
                double z = v / Math.sqrt(free);
                if (!(Math.abs(z) < 1)) {
                    throw new IllegalArgumentException(type + ": the partial correlation at [" + (i + 1) + "," + (j + 1)
                            + "] is " + z + ", outside (-1, 1)");
                }
                q[qOff + position(K, i, j, columnMajor)] = 0.5 * Math.log((1.0 + z) / (1.0 - z));
                free -= v * v;
            }
        }
    }
}
