package ulam.stdlib.linalg;

/**
 * Dense linear-algebra kernels on column-major {@code double[]} storage (element (r, c) of a
 * K x K matrix at {@code off + r + c*K}), shared by the BLOCK functions, the multivariate
 * densities and the matrix transforms. Plain loops, no allocation, no exceptions: every array
 * (outputs and work space) comes from the caller. Sizes are the small ones of hierarchical models
 * (K up to a few dozen), for which these O(K^2) and O(K^3) loops run from the L1 cache.
 *
 * <p>A lower-triangular matrix is read from its lower triangle (diagonal included) only; its
 * upper entries are never read, and are written as 0 where a method says so.
 */
public final class Dense {
    private Dense() {}

    /**
     * Tolerance of {@link #isSymmetric}: |a_ij - a_ji| &lt;= 1e-8 max(1, |a_ij|), Stan's
     * {@code CONSTRAINT_TOLERANCE} (absolute below 1, relative above).
     */
    public static final double SYMMETRY_TOLERANCE = 1e-8;

    /** Whether the K x K matrix is symmetric to {@link #SYMMETRY_TOLERANCE}; false if an entry is NaN. */
    public static boolean isSymmetric(double[] a, int off, int K) {
        for (int c = 0; c < K; c++) {
            for (int r = c + 1; r < K; r++) {
                double x = a[off + r + c * K];
                double y = a[off + c + r * K];
                if (!(Math.abs(x - y) <= SYMMETRY_TOLERANCE * Math.max(1.0, Math.abs(x)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The lower Cholesky factor L (A = L L^T) of the K x K matrix A, read from A's lower triangle,
     * written to {@code l} with zeros above the diagonal. {@code l} may be the same region as
     * {@code a} (in place). Returns false, leaving {@code l} partly written, when A is not
     * numerically positive definite (a pivot is not &gt; 0, or NaN).
     */
    public static boolean cholesky(double[] a, int aOff, int K, double[] l, int lOff) {
        for (int j = 0; j < K; j++) {
            int cj = lOff + j * K;
            double s = a[aOff + j + j * K];
            for (int k = 0; k < j; k++) {
                double v = l[lOff + j + k * K];
                s -= v * v;
            }
            if (!(s > 0)) {
                return false;
            }
            double ljj = Math.sqrt(s);
            l[cj + j] = ljj;
            double inv = 1.0 / ljj;
            for (int i = j + 1; i < K; i++) {
                double t = a[aOff + i + j * K];
                for (int k = 0; k < j; k++) {
                    t -= l[lOff + i + k * K] * l[lOff + j + k * K];
                }
                l[cj + i] = t * inv;
            }
            for (int i = 0; i < j; i++) {
                l[cj + i] = 0.0;
            }
        }
        return true;
    }

    /** Sum of the logs of the diagonal of L: half the log determinant of L L^T. */
    public static double sumLogDiagonal(double[] l, int lOff, int K) {
        double s = 0;
        for (int i = 0; i < K; i++) {
            s += Math.log(l[lOff + i + i * K]);
        }
        return s;
    }

    /** Solves L z = b in place (forward substitution), L lower triangular; b becomes z. */
    public static void forwardSolve(double[] l, int lOff, int K, double[] b, int bOff) {
        for (int i = 0; i < K; i++) {
            double s = b[bOff + i];
            for (int k = 0; k < i; k++) {
                s -= l[lOff + i + k * K] * b[bOff + k];
            }
            b[bOff + i] = s / l[lOff + i + i * K];
        }
    }

    /** Solves L^T x = b in place (back substitution), L lower triangular; b becomes x. */
    public static void backSolveTransposed(double[] l, int lOff, int K, double[] b, int bOff) {
        for (int i = K - 1; i >= 0; i--) {
            int ci = lOff + i * K;
            double s = b[bOff + i];
            for (int k = i + 1; k < K; k++) {
                s -= l[ci + k] * b[bOff + k];
            }
            b[bOff + i] = s / l[ci + i];
        }
    }

    /**
     * (L L^T)^{-1} = L^{-T} L^{-1}, the full symmetric K x K inverse, into {@code out} (which must
     * not overlap {@code l}): first L^{-1} into out's lower triangle, then the product in place.
     */
    public static void inverseFromCholesky(double[] l, int lOff, int K, double[] out, int outOff) {
        // M = L^{-1}, lower triangular, column by column
        for (int j = 0; j < K; j++) {
            int cj = outOff + j * K;
            out[cj + j] = 1.0 / l[lOff + j + j * K];
            for (int i = j + 1; i < K; i++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s += l[lOff + i + k * K] * out[cj + k];
                }
                out[cj + i] = -s / l[lOff + i + i * K];
            }
        }
        // S = M^T M: S_ij = sum_{k >= i} M_ki M_kj for i >= j; column j ascending, row i ascending
        // from j, each S_ij overwrites M_ij after its last use
        for (int j = 0; j < K; j++) {
            int cj = outOff + j * K;
            for (int i = j; i < K; i++) {
                int ci = outOff + i * K;
                double s = 0;
                for (int k = i; k < K; k++) {
                    s += out[ci + k] * out[cj + k];
                }
                out[cj + i] = s;
            }
        }
        for (int j = 0; j < K; j++) {
            for (int i = j + 1; i < K; i++) {
                out[outOff + j + i * K] = out[outOff + i + j * K];
            }
        }
    }

    /** out = L L^T (full, symmetric), L read from its lower triangle; out must not overlap l. */
    public static void lowerTimesTranspose(double[] l, int lOff, int K, double[] out, int outOff) {
        for (int j = 0; j < K; j++) {
            for (int i = j; i < K; i++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += l[lOff + i + k * K] * l[lOff + j + k * K];
                }
                out[outOff + i + j * K] = s;
                out[outOff + j + i * K] = s;
            }
        }
    }

    /**
     * The adjoint of out = L L^T (L read from its lower triangle) with respect to L:
     * lAdj_ij += sum_{k &gt;= j} (outAdj_ik + outAdj_ki) L_kj for i &gt;= j, the upper entries
     * untouched. With {@code skipDiagonal}, the adjoints outAdj_ii are ignored (for a
     * correlation matrix, whose diagonal is constant).
     */
    public static void lowerTimesTransposeAdjoint(double[] l, int lOff, int K, double[] outAdj, int outAdjOff,
                                                  boolean skipDiagonal, double[] lAdj, int lAdjOff) {
        for (int j = 0; j < K; j++) {
            for (int i = j; i < K; i++) {
                double s = 0;
                for (int k = j; k < K; k++) {
                    if (skipDiagonal && k == i) {
                        continue;
                    }
                    s += (outAdj[outAdjOff + i + k * K] + outAdj[outAdjOff + k + i * K]) * l[lOff + k + j * K];
                }
                lAdj[lAdjOff + i + j * K] += s;
            }
        }
    }
}
