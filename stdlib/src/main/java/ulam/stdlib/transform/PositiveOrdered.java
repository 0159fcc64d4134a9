package ulam.stdlib.transform;

/**
 * The positive-ordered-vector transform (Stan Reference Manual 2.21, "Positive ordered vector"):
 * x_0 = exp(q_0), x_k = x_{k-1} + exp(q_k), so 0 &lt; x_0 &lt; x_1 &lt; ...; log |J| = sum_k q_k.
 * Methods per {@link ulam.stdlib.Signatures} ("Vector transforms").
 */
public final class PositiveOrdered {
    private PositiveOrdered() {}

    /** K. */
    public static int unconstrainedSize(int K) {
        return K;
    }

    /** K. */
    public static int constrainedSize(int K) {
        return K;
    }

    /** x = positive_ordered(q); returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        double v = 0;
        double logJ = 0;
        for (int k = 0; k < K; k++) {
            double qk = q[qOff + k];
            v += Math.exp(qk);
            x[xOff + k] = v;
            logJ += qk;
        }
        return logJ;
    }

    /** g_k = exp(q_k) sum_{l&gt;=k} xAdj_l + 1. */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        double tail = 0;
        for (int k = K - 1; k >= 0; k--) {
            tail += xAdj[xAdjOff + k];
            g[gOff + k] = tail * Math.exp(q[qOff + k]) + 1.0;
        }
    }

    /**
     * q_0 = log x_0, q_k = log(x_k - x_{k-1}).
     *
     * @throws IllegalArgumentException unless x is finite, x_0 &gt; 0 and x is strictly increasing
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        double previous = 0;
        for (int k = 0; k < K; k++) {
            double v = x[xOff + k];
            if (!(v <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException("positive_ordered: element " + (k + 1) + " is " + v
                        + ", but must be finite");
            }
            if (!(v > previous)) {
                throw new IllegalArgumentException(k == 0
                        ? "positive_ordered: element 1 is " + v + ", but must be > 0"
                        : "positive_ordered: element " + (k + 1) + " (" + v + ") is not greater than element " + k
                                + " (" + previous + ")");
            }
            q[qOff + k] = Math.log(v - previous);
            previous = v;
        }
    }
}
