package ulam.stdlib.linalg;

/**
 * BLOCK functions of one vector on the log-sum-exp family: {@code softmax}, {@code log_softmax},
 * {@code log_sum_exp}, computed with the maximum subtracted so nothing overflows. Calling
 * convention and common rules as in {@link Matrices}.
 */
public final class Softmax {
    private Softmax() {}

    /** max(v); -inf for K = 0. */
    private static double max(double[] v, int vOff, int K) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            double x = v[vOff + k];
            if (x > m || x != x) {
                m = x;
            }
        }
        return m;
    }

    /**
     * log_sum_exp(v vector[K]) = log sum_k exp(v_k) = m + log sum_k exp(v_k - m), m = max(v):
     * -inf for K = 0 or when every v_k is -inf; +inf if some v_k is +inf; NaN if some v_k is NaN.
     */
    public static double logSumExp(double[] v, int vOff, int K) {
        double m = max(v, vOff, K);
        if (Double.isInfinite(m) || m != m) {
            return m;
        }
        double s = 0;
        for (int k = 0; k < K; k++) {
            s += Math.exp(v[vOff + k] - m);
        }
        return m + Math.log(s);
    }

    /** Adjoint of {@link #logSumExp}: v_k += fxAdj softmax(v)_k = fxAdj exp(v_k - fx). */
    public static void logSumExpBackward(double[] v, int vOff, int K, double fx, double fxAdj, double[] d,
                                         double[] vAdj, int vAdjOff) {
        if (vAdj == null) {
            return;
        }
        for (int k = 0; k < K; k++) {
            vAdj[vAdjOff + k] += fxAdj * Math.exp(v[vOff + k] - fx);
        }
    }

    /** softmax(v vector[K])_k = exp(v_k) / sum_j exp(v_j), vector[K]. */
    public static void softmax(double[] v, int vOff, int K, double[] out, int outOff) {
        double m = max(v, vOff, K);
        double s = 0;
        for (int k = 0; k < K; k++) {
            double e = Math.exp(v[vOff + k] - m);
            out[outOff + k] = e;
            s += e;
        }
        double inv = 1.0 / s;
        for (int k = 0; k < K; k++) {
            out[outOff + k] *= inv;
        }
    }

    /** Adjoint of {@link #softmax}: v_k += out_k (outAdj_k - sum_j outAdj_j out_j). */
    public static void softmaxBackward(double[] v, int vOff, int K, double[] out, int outOff, double[] outAdj,
                                       int outAdjOff, double[] d, double[] vAdj, int vAdjOff) {
        if (vAdj == null) {
            return;
        }
        double dot = 0;
        for (int k = 0; k < K; k++) {
            dot += outAdj[outAdjOff + k] * out[outOff + k];
        }
        for (int k = 0; k < K; k++) {
            vAdj[vAdjOff + k] += out[outOff + k] * (outAdj[outAdjOff + k] - dot);
        }
    }

    /**
     * log_softmax(v vector[K])_k = v_k - log_sum_exp(v), vector[K], computed as
     * (v_k - m) - log sum_j exp(v_j - m) with m = max(v), so that no digits are lost to a large m.
     */
    public static void logSoftmax(double[] v, int vOff, int K, double[] out, int outOff) {
        double m = max(v, vOff, K);
        double s = 0;
        for (int k = 0; k < K; k++) {
            s += Math.exp(v[vOff + k] - m);
        }
        double log = Math.log(s);
        for (int k = 0; k < K; k++) {
            out[outOff + k] = (v[vOff + k] - m) - log;
        }
    }

    /** Adjoint of {@link #logSoftmax}: v_k += outAdj_k - exp(out_k) sum_j outAdj_j. */
    public static void logSoftmaxBackward(double[] v, int vOff, int K, double[] out, int outOff, double[] outAdj,
                                          int outAdjOff, double[] d, double[] vAdj, int vAdjOff) {
        if (vAdj == null) {
            return;
        }
        double total = 0;
        for (int k = 0; k < K; k++) {
            total += outAdj[outAdjOff + k];
        }
        for (int k = 0; k < K; k++) {
            vAdj[vAdjOff + k] += outAdj[outAdjOff + k] - Math.exp(out[outOff + k]) * total;
        }
    }
}
