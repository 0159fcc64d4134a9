package ulam.stdlib.linalg;

/**
 * BLOCK functions around the Cholesky factorisation: {@code cholesky_decompose} and
 * {@code multiply_lower_tri_self_transpose} (rethinking's {@code Chol_to_Corr}). Calling
 * convention and common rules as in {@link Matrices}.
 *
 * <p><b>Symmetric inputs.</b> {@code cholesky_decompose} reads only the lower triangle of its
 * symmetric input A, but its adjoint is returned in the <em>symmetric convention</em> used
 * throughout the library (and by Stan): Abar is the symmetric matrix with
 * Abar_ij = Abar_ji = (1/2) d f / d t along the symmetric perturbation A + t (E_ij + E_ji) for
 * i != j, and Abar_ii = d f / d A_ii. This is the gradient of f written as a formula in all K^2
 * entries of A, evaluated at a symmetric A, and it is what any producer of a symmetric matrix
 * (a covariance built by {@code quad_form_diag}, {@code cov_GPL2}, a {@code cov_matrix} transform)
 * expects: each producer computes both A_ij and A_ji and receives both halves.
 */
public final class Cholesky {
    private Cholesky() {}

    /**
     * cholesky_decompose(A matrix[K,K]): the lower-triangular L with L L^T = A and a positive
     * diagonal, zeros above the diagonal, read from A's lower triangle. If A is not symmetric (to
     * {@link Dense#SYMMETRY_TOLERANCE}) or not positive definite, every entry of the result is
     * NaN, so the log density becomes NaN and the sampler rejects the point (Stan rejects it).
     */
    public static void choleskyDecompose(double[] a, int aOff, int K, double[] out, int outOff) {
        if (!Dense.isSymmetric(a, aOff, K) || !Dense.cholesky(a, aOff, K, out, outOff)) {
            for (int i = 0; i < K * K; i++) {
                out[outOff + i] = Double.NaN;
            }
        }
    }

    /**
     * Adjoint of {@link #choleskyDecompose} (I. Murray, "Differentiation of the Cholesky
     * decomposition", 2016): with P = Phi(L^T Lbar), Phi taking the lower triangle and halving the
     * diagonal, S = L^{-T} P L^{-1}, A's adjoint grows by (S + S^T)/2 (the symmetric convention
     * of the class comment). Only the lower triangle of outAdj is read (the upper entries of L are
     * constants). O(K^3); uses K^2 doubles of {@link Scratch}.
     */
    public static void choleskyDecomposeBackward(double[] a, int aOff, int K, double[] out, int outOff,
                                                 double[] outAdj, int outAdjOff, double[] d,
                                                 double[] aAdj, int aAdjOff) {
        if (aAdj == null) {
            return;
        }
        double[] w = Scratch.get(K * K);
        // W = Phi(L^T Lbar): W_ij = sum_{k >= i} L_ki Lbar_kj for i >= j, halved on the diagonal
        for (int j = 0; j < K; j++) {
            for (int i = 0; i < j; i++) {
                w[i + j * K] = 0.0;
            }
            for (int i = j; i < K; i++) {
                double s = 0;
                for (int k = i; k < K; k++) {
                    s += out[outOff + k + i * K] * outAdj[outAdjOff + k + j * K];
                }
                w[i + j * K] = i == j ? 0.5 * s : s;
            }
        }
        // W <- L^{-T} W: back substitution, column by column
        for (int c = 0; c < K; c++) {
            int wc = c * K;
            for (int i = K - 1; i >= 0; i--) {
                int li = outOff + i * K;
                double s = w[wc + i];
                for (int k = i + 1; k < K; k++) {
                    s -= out[li + k] * w[wc + k];
                }
                w[wc + i] = s / out[li + i];
            }
        }
        // W <- W L^{-1}: each row r solves S_r L = X_r from the last column back
        for (int r = 0; r < K; r++) {
            for (int c = K - 1; c >= 0; c--) {
                int lc = outOff + c * K;
                double s = w[r + c * K];
                for (int k = c + 1; k < K; k++) {
                    s -= w[r + k * K] * out[lc + k];
                }
                w[r + c * K] = s / out[lc + c];
            }
        }
        for (int j = 0; j < K; j++) {
            for (int i = 0; i < K; i++) {
                aAdj[aAdjOff + i + j * K] += 0.5 * (w[i + j * K] + w[j + i * K]);
            }
        }
    }

    /**
     * multiply_lower_tri_self_transpose(L matrix[K,K]) = L L^T, with L read from its lower
     * triangle (its upper entries are ignored, as in Stan).
     */
    public static void multiplyLowerTriSelfTranspose(double[] l, int lOff, int K, double[] out, int outOff) {
        Dense.lowerTimesTranspose(l, lOff, K, out, outOff);
    }

    /**
     * Adjoint of {@link #multiplyLowerTriSelfTranspose}: L_ij += sum_{k &gt;= j} (outAdj_ik +
     * outAdj_ki) L_kj for i &gt;= j; the upper entries of L, never read, get no adjoint.
     */
    public static void multiplyLowerTriSelfTransposeBackward(double[] l, int lOff, int K, double[] out, int outOff,
                                                             double[] outAdj, int outAdjOff, double[] d,
                                                             double[] lAdj, int lAdjOff) {
        if (lAdj == null) {
            return;
        }
        Dense.lowerTimesTransposeAdjoint(l, lOff, K, outAdj, outAdjOff, false, lAdj, lAdjOff);
    }
}
