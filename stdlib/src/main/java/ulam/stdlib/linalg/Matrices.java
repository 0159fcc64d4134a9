package ulam.stdlib.linalg;

/**
 * BLOCK functions of the language on vectors and matrices: products, transposition, diagonal
 * scalings. Calling convention: {@link ulam.stdlib.Signatures} ("BLOCK functions"): operands as
 * {@code (double[] a, int aOff)}, matrices column-major, then the dimensions in order of first
 * appearance, then the result {@code (double[] out, int outOff)}; {@code <f>Backward} takes the
 * same, the result's adjoint, {@code double[] d} (unused here: no scalar operands) and one
 * {@code (double[] aAdj, int aAdjOff)} per vector or matrix operand, into which it adds.
 *
 * <p>Common rules (the package documentation states them once): outputs must not overlap the
 * operands; nothing is allocated or thrown; non-finite inputs propagate; an adjoint array passed
 * as {@code null} marks a constant operand (data), whose adjoint is then not computed.
 */
public final class Matrices {
    private Matrices() {}

    // ------------------------------------------------------------------ multiply

    /** multiply(A matrix[R,M], B matrix[M,C]) = A B, matrix[R,C]. */
    public static void multiply(double[] a, int aOff, double[] b, int bOff, int R, int M, int C,
                                double[] out, int outOff) {
        for (int c = 0; c < C; c++) {
            int oc = outOff + c * R;
            for (int r = 0; r < R; r++) {
                out[oc + r] = 0.0;
            }
            for (int k = 0; k < M; k++) {
                double bkc = b[bOff + k + c * M];
                int ak = aOff + k * R;
                for (int r = 0; r < R; r++) {
                    out[oc + r] += a[ak + r] * bkc;
                }
            }
        }
    }

    /** Adjoint of {@link #multiply}: A += outAdj B^T, B += A^T outAdj. */
    public static void multiplyBackward(double[] a, int aOff, double[] b, int bOff, int R, int M, int C,
                                        double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                        double[] aAdj, int aAdjOff, double[] bAdj, int bAdjOff) {
        for (int c = 0; c < C; c++) {
            int oc = outAdjOff + c * R;
            for (int k = 0; k < M; k++) {
                int ak = k * R;
                if (aAdj != null) {
                    double bkc = b[bOff + k + c * M];
                    for (int r = 0; r < R; r++) {
                        aAdj[aAdjOff + ak + r] += outAdj[oc + r] * bkc;
                    }
                }
                if (bAdj != null) {
                    double s = 0;
                    for (int r = 0; r < R; r++) {
                        s += a[aOff + ak + r] * outAdj[oc + r];
                    }
                    bAdj[bAdjOff + k + c * M] += s;
                }
            }
        }
    }

    // ------------------------------------------------------------------ multiply_mv

    /** multiply_mv(A matrix[R,C], v vector[C]) = A v, vector[R]. */
    public static void multiplyMv(double[] a, int aOff, double[] v, int vOff, int R, int C, double[] out, int outOff) {
        for (int r = 0; r < R; r++) {
            out[outOff + r] = 0.0;
        }
        for (int c = 0; c < C; c++) {
            double vc = v[vOff + c];
            int ac = aOff + c * R;
            for (int r = 0; r < R; r++) {
                out[outOff + r] += a[ac + r] * vc;
            }
        }
    }

    /** Adjoint of {@link #multiplyMv}: A += outAdj v^T, v += A^T outAdj. */
    public static void multiplyMvBackward(double[] a, int aOff, double[] v, int vOff, int R, int C,
                                          double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                          double[] aAdj, int aAdjOff, double[] vAdj, int vAdjOff) {
        for (int c = 0; c < C; c++) {
            int ac = c * R;
            if (aAdj != null) {
                double vc = v[vOff + c];
                for (int r = 0; r < R; r++) {
                    aAdj[aAdjOff + ac + r] += outAdj[outAdjOff + r] * vc;
                }
            }
            if (vAdj != null) {
                double s = 0;
                for (int r = 0; r < R; r++) {
                    s += a[aOff + ac + r] * outAdj[outAdjOff + r];
                }
                vAdj[vAdjOff + c] += s;
            }
        }
    }

    // ------------------------------------------------------------------ transpose

    /** transpose(A matrix[R,C]) = A^T, matrix[C,R]. */
    public static void transpose(double[] a, int aOff, int R, int C, double[] out, int outOff) {
        for (int c = 0; c < C; c++) {
            int ac = aOff + c * R;
            for (int r = 0; r < R; r++) {
                out[outOff + c + r * C] = a[ac + r];
            }
        }
    }

    /** Adjoint of {@link #transpose}: A(r, c) += outAdj(c, r). */
    public static void transposeBackward(double[] a, int aOff, int R, int C, double[] out, int outOff,
                                         double[] outAdj, int outAdjOff, double[] d, double[] aAdj, int aAdjOff) {
        if (aAdj == null) {
            return;
        }
        for (int c = 0; c < C; c++) {
            int ac = aAdjOff + c * R;
            for (int r = 0; r < R; r++) {
                aAdj[ac + r] += outAdj[outAdjOff + c + r * C];
            }
        }
    }

    // ------------------------------------------------------------------ dot_product

    /** dot_product(u vector[K], v vector[K]) = sum_k u_k v_k. */
    public static double dotProduct(double[] u, int uOff, double[] v, int vOff, int K) {
        double s = 0;
        for (int k = 0; k < K; k++) {
            s += u[uOff + k] * v[vOff + k];
        }
        return s;
    }

    /** Adjoint of {@link #dotProduct}: u += fxAdj v, v += fxAdj u. */
    public static void dotProductBackward(double[] u, int uOff, double[] v, int vOff, int K, double fx, double fxAdj,
                                          double[] d, double[] uAdj, int uAdjOff, double[] vAdj, int vAdjOff) {
        for (int k = 0; k < K; k++) {
            if (uAdj != null) {
                uAdj[uAdjOff + k] += fxAdj * v[vOff + k];
            }
            if (vAdj != null) {
                vAdj[vAdjOff + k] += fxAdj * u[uOff + k];
            }
        }
    }

    // ------------------------------------------------------------------ rows_dot_product

    /** rows_dot_product(A matrix[R,C], B matrix[R,C]): out_r = sum_c A(r, c) B(r, c), vector[R]. */
    public static void rowsDotProduct(double[] a, int aOff, double[] b, int bOff, int R, int C, double[] out, int outOff) {
        for (int r = 0; r < R; r++) {
            out[outOff + r] = 0.0;
        }
        for (int c = 0; c < C; c++) {
            int ac = aOff + c * R;
            int bc = bOff + c * R;
            for (int r = 0; r < R; r++) {
                out[outOff + r] += a[ac + r] * b[bc + r];
            }
        }
    }

    /** Adjoint of {@link #rowsDotProduct}: A(r, c) += outAdj_r B(r, c), B(r, c) += outAdj_r A(r, c). */
    public static void rowsDotProductBackward(double[] a, int aOff, double[] b, int bOff, int R, int C,
                                              double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                              double[] aAdj, int aAdjOff, double[] bAdj, int bAdjOff) {
        for (int c = 0; c < C; c++) {
            int cr = c * R;
            for (int r = 0; r < R; r++) {
                double w = outAdj[outAdjOff + r];
                if (aAdj != null) {
                    aAdj[aAdjOff + cr + r] += w * b[bOff + cr + r];
                }
                if (bAdj != null) {
                    bAdj[bAdjOff + cr + r] += w * a[aOff + cr + r];
                }
            }
        }
    }

    // ------------------------------------------------------------------ diag_pre_multiply

    /** diag_pre_multiply(v vector[K], M matrix[K,N]) = diag(v) M: out(i, j) = v_i M(i, j), matrix[K,N]. */
    public static void diagPreMultiply(double[] v, int vOff, double[] m, int mOff, int K, int N, double[] out, int outOff) {
        for (int j = 0; j < N; j++) {
            int cj = j * K;
            for (int i = 0; i < K; i++) {
                out[outOff + cj + i] = v[vOff + i] * m[mOff + cj + i];
            }
        }
    }

    /** Adjoint of {@link #diagPreMultiply}: v_i += sum_j outAdj(i, j) M(i, j), M(i, j) += v_i outAdj(i, j). */
    public static void diagPreMultiplyBackward(double[] v, int vOff, double[] m, int mOff, int K, int N,
                                               double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                               double[] vAdj, int vAdjOff, double[] mAdj, int mAdjOff) {
        for (int j = 0; j < N; j++) {
            int cj = j * K;
            for (int i = 0; i < K; i++) {
                double w = outAdj[outAdjOff + cj + i];
                if (vAdj != null) {
                    vAdj[vAdjOff + i] += w * m[mOff + cj + i];
                }
                if (mAdj != null) {
                    mAdj[mAdjOff + cj + i] += w * v[vOff + i];
                }
            }
        }
    }

    // ------------------------------------------------------------------ diag_post_multiply

    /** diag_post_multiply(M matrix[N,K], v vector[K]) = M diag(v): out(i, j) = M(i, j) v_j, matrix[N,K]. */
    public static void diagPostMultiply(double[] m, int mOff, double[] v, int vOff, int N, int K, double[] out, int outOff) {
        for (int j = 0; j < K; j++) {
            int cj = j * N;
            double vj = v[vOff + j];
            for (int i = 0; i < N; i++) {
                out[outOff + cj + i] = m[mOff + cj + i] * vj;
            }
        }
    }

    /** Adjoint of {@link #diagPostMultiply}: M(i, j) += outAdj(i, j) v_j, v_j += sum_i outAdj(i, j) M(i, j). */
    public static void diagPostMultiplyBackward(double[] m, int mOff, double[] v, int vOff, int N, int K,
                                                double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                                double[] mAdj, int mAdjOff, double[] vAdj, int vAdjOff) {
        for (int j = 0; j < K; j++) {
            int cj = j * N;
            double vj = v[vOff + j];
            double s = 0;
            for (int i = 0; i < N; i++) {
                double w = outAdj[outAdjOff + cj + i];
                if (mAdj != null) {
                    mAdj[mAdjOff + cj + i] += w * vj;
                }
                s += w * m[mOff + cj + i];
            }
            if (vAdj != null) {
                vAdj[vAdjOff + j] += s;
            }
        }
    }

    // ------------------------------------------------------------------ quad_form_diag

    /** quad_form_diag(M matrix[K,K], v vector[K]) = diag(v) M diag(v): out(i, j) = v_i M(i, j) v_j. */
    public static void quadFormDiag(double[] m, int mOff, double[] v, int vOff, int K, double[] out, int outOff) {
        for (int j = 0; j < K; j++) {
            int cj = j * K;
            double vj = v[vOff + j];
            for (int i = 0; i < K; i++) {
                out[outOff + cj + i] = v[vOff + i] * m[mOff + cj + i] * vj;
            }
        }
    }

    /**
     * Adjoint of {@link #quadFormDiag}: M(i, j) += v_i v_j outAdj(i, j) and
     * v_k += sum_j outAdj(k, j) M(k, j) v_j + sum_i outAdj(i, k) v_i M(i, k).
     */
    public static void quadFormDiagBackward(double[] m, int mOff, double[] v, int vOff, int K,
                                            double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                            double[] mAdj, int mAdjOff, double[] vAdj, int vAdjOff) {
        for (int j = 0; j < K; j++) {
            int cj = j * K;
            double vj = v[vOff + j];
            double colSum = 0;
            for (int i = 0; i < K; i++) {
                double w = outAdj[outAdjOff + cj + i];
                double mij = m[mOff + cj + i];
                double vi = v[vOff + i];
                if (mAdj != null) {
                    mAdj[mAdjOff + cj + i] += w * vi * vj;
                }
                if (vAdj != null) {
                    double t = w * mij;
                    vAdj[vAdjOff + i] += t * vj; // through the row factor v_i
                    colSum += t * vi;            // through the column factor v_j
                }
            }
            if (vAdj != null) {
                vAdj[vAdjOff + j] += colSum;
            }
        }
    }
}
