package ulam.stdlib.transform;

/**
 * The ordered-vector transform (Stan Reference Manual 2.21, "Ordered vector"): x_0 = q_0,
 * x_k = x_{k-1} + exp(q_k), so x is strictly increasing; log |J| = sum_{k&gt;=1} q_k. Methods per
 * {@link ulam.stdlib.Signatures} ("Vector transforms").
 */
public final class Ordered {
    private Ordered() {}

    /** K. */
    public static int unconstrainedSize(int K) {
        return K;
    }

    /** K. */
    public static int constrainedSize(int K) {
        return K;
    }

    /** x = ordered(q); returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        if (K == 0) {
            return 0.0;
        }
        double v = q[qOff];
        x[xOff] = v;
        double logJ = 0;
        for (int k = 1; k < K; k++) {
            double qk = q[qOff + k];
            v += Math.exp(qk);
            x[xOff + k] = v;
            logJ += qk;
        }
        return logJ;
    }

    /** g_k = exp(q_k) sum_{l&gt;=k} xAdj_l + 1 for k &gt;= 1; g_0 = sum_l xAdj_l. */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        double tail = 0;
        for (int k = K - 1; k >= 1; k--) {
            tail += xAdj[xAdjOff + k];
            g[gOff + k] = tail * Math.exp(q[qOff + k]) + 1.0;
        }
        if (K > 0) {
            g[gOff] = tail + xAdj[xAdjOff];
        }
    }

    /**
     * q_0 = x_0, q_k = log(x_k - x_{k-1}).
     *
     * @throws IllegalArgumentException unless x is finite and strictly increasing
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        for (int k = 0; k < K; k++) {
            double v = x[xOff + k];
            if (!(Math.abs(v) <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException("ordered: element " + (k + 1) + " is " + v + ", but must be finite");
            }
            if (k > 0 && !(v > x[xOff + k - 1])) {
                throw new IllegalArgumentException("ordered: element " + (k + 1) + " (" + v
                        + ") is not greater than element " + k + " (" + x[xOff + k - 1] + ")");
            }
            q[qOff + k] = k == 0 ? v : Math.log(v - x[xOff + k - 1]);
        }
    }
}
