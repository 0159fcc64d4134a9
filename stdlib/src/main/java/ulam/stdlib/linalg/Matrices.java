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

    /**
     * multiply(A matrix[R,M], B matrix[M,C]) = A B, matrix[R,C]. Each result entry is accumulated
     * in a register, four rows at a time (four independent dependency chains: a single running
     * sum is bound by the latency of floating-point addition, and these matrices are small).
     */
    public static void multiply(double[] a, int aOff, double[] b, int bOff, int R, int M, int C,
                                double[] out, int outOff) {
        for (int c = 0; c < C; c++) {
            int bc = bOff + c * M;
            int oc = outOff + c * R;
            int r = 0;
            for (; r + 3 < R; r += 4) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = aOff + r;
                for (int k = 0; k < M; k++, i += R) {
                    double bk = b[bc + k];
                    s0 += a[i] * bk;
                    s1 += a[i + 1] * bk;
                    s2 += a[i + 2] * bk;
                    s3 += a[i + 3] * bk;
                }
                out[oc + r] = s0;
                out[oc + r + 1] = s1;
                out[oc + r + 2] = s2;
                out[oc + r + 3] = s3;
            }
            for (; r < R; r++) {
                double s = 0;
                int i = aOff + r;
                for (int k = 0; k < M; k++, i += R) {
                    s += a[i] * b[bc + k];
                }
                out[oc + r] = s;
            }
        }
    }

    /**
     * Adjoint of {@link #multiply}: A += outAdj B^T (four rows of A at a time), B += A^T outAdj
     * (four rows of B at a time), register accumulation as in the value.
     */
    public static void multiplyBackward(double[] a, int aOff, double[] b, int bOff, int R, int M, int C,
                                        double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                        double[] aAdj, int aAdjOff, double[] bAdj, int bAdjOff) {
        if (aAdj != null) {
            for (int k = 0; k < M; k++) {
                int ak = aAdjOff + k * R;
                int bk = bOff + k;
                int r = 0;
                for (; r + 3 < R; r += 4) {
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    int i = outAdjOff + r;
                    for (int c = 0; c < C; c++, i += R) {
                        double v = b[bk + c * M];
                        s0 += outAdj[i] * v;
                        s1 += outAdj[i + 1] * v;
                        s2 += outAdj[i + 2] * v;
                        s3 += outAdj[i + 3] * v;
                    }
                    aAdj[ak + r] += s0;
                    aAdj[ak + r + 1] += s1;
                    aAdj[ak + r + 2] += s2;
                    aAdj[ak + r + 3] += s3;
                }
                for (; r < R; r++) {
                    double s = 0;
                    int i = outAdjOff + r;
                    for (int c = 0; c < C; c++, i += R) {
                        s += outAdj[i] * b[bk + c * M];
                    }
                    aAdj[ak + r] += s;
                }
            }
        }
        if (bAdj != null) {
            for (int c = 0; c < C; c++) {
                int oc = outAdjOff + c * R;
                int bc = bAdjOff + c * M;
                int k = 0;
                for (; k + 3 < M; k += 4) {
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    int a0 = aOff + k * R;
                    for (int r = 0; r < R; r++) {
                        double o = outAdj[oc + r];
                        s0 += a[a0 + r] * o;
                        s1 += a[a0 + R + r] * o;
                        s2 += a[a0 + 2 * R + r] * o;
                        s3 += a[a0 + 3 * R + r] * o;
                    }
                    bAdj[bc + k] += s0;
                    bAdj[bc + k + 1] += s1;
                    bAdj[bc + k + 2] += s2;
                    bAdj[bc + k + 3] += s3;
                }
                for (; k < M; k++) {
                    double s = 0;
                    int ak = aOff + k * R;
                    for (int r = 0; r < R; r++) {
                        s += a[ak + r] * outAdj[oc + r];
                    }
                    bAdj[bc + k] += s;
                }
            }
        }
    }

    // ------------------------------------------------------------------ multiply_mv

    /** multiply_mv(A matrix[R,C], v vector[C]) = A v, vector[R]. */
    public static void multiplyMv(double[] a, int aOff, double[] v, int vOff, int R, int C, double[] out, int outOff) {
        for (int r = 0; r < R; r++) {
            double s = 0;
            int ar = aOff + r;
            for (int c = 0; c < C; c++) {
                s += a[ar + c * R] * v[vOff + c];
            }
            out[outOff + r] = s;
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

    // ------------------------------------------------------------------ diag_matrix

    /** diag_matrix(v vector[N]), matrix[N,N]: v on the diagonal, zeros elsewhere (Stan Functions Reference, "Diagonal matrix functions"). */
    public static void diagMatrix(double[] v, int vOff, int N, double[] out, int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + N * N, 0.0);
        for (int i = 0; i < N; i++) {
            out[outOff + i + i * N] = v[vOff + i];
        }
    }

    /** Adjoint of {@link #diagMatrix}: v_i += outAdj(i, i). */
    public static void diagMatrixBackward(double[] v, int vOff, int N, double[] out, int outOff, double[] outAdj,
                                          int outAdjOff, double[] d, double[] vAdj, int vAdjOff) {
        if (vAdj == null) {
            return;
        }
        for (int i = 0; i < N; i++) {
            vAdj[vAdjOff + i] += outAdj[outAdjOff + i + i * N];
        }
    }
}
