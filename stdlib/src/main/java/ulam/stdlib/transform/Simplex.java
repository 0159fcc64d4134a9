package ulam.stdlib.transform;

import ulam.stdlib.math.Numerics;

/**
 * The simplex transform (Stan Reference Manual 2.21, "Constraint transforms", "Unit simplex"):
 * K-1 unconstrained values q to x in the K-simplex (x_k &gt; 0, sum x = 1) by stick breaking,
 * with Stan's centring so that q = 0 gives the uniform simplex:
 * <pre>
 * z_k = inv_logit(q_k - log(K - 1 - k)),  x_k = (1 - sum_{l&lt;k} x_l) z_k  (k = 0..K-2),
 * x_{K-1} = 1 - sum_{l&lt;K-1} x_l
 * </pre>
 * log |J| (of q -&gt; the free coordinates x_0..x_{K-2}) = sum_k log(stick_k z_k (1 - z_k)), with
 * stick_k = 1 - sum_{l&lt;k} x_l. Methods per {@link ulam.stdlib.Signatures} ("Vector
 * transforms"); nothing allocated or thrown except by {@code unconstrain}.
 */
public final class Simplex {
    private Simplex() {}

    /** Stan's simplex check: entries and sum to within 1e-8. */
    static final double TOLERANCE = 1e-8;

    /** K - 1 (K &gt;= 1). */
    public static int unconstrainedSize(int K) {
        return K - 1;
    }

    /** K. */
    public static int constrainedSize(int K) {
        return K;
    }

    /** x = simplex(q); returns log |J|. */
    public static double constrain(double[] q, int qOff, int K, double[] x, int xOff) {
        double stick = 1.0;
        double logJ = 0;
        int km1 = K - 1;
        for (int k = 0; k < km1; k++) {
            double a = q[qOff + k] - Math.log(km1 - k);
            double z = Numerics.invLogit(a);
            double xk = stick * z;
            x[xOff + k] = xk;
            // log z + log(1 - z) = -|a| - 2 log(1 + exp(-|a|))
            double abs = Math.abs(a);
            logJ += Math.log(stick) - abs - 2.0 * Numerics.log1p(Math.exp(-abs));
            stick -= xk;
        }
        x[xOff + km1] = stick;
        return logJ;
    }

    /**
     * g = J^T xAdj + grad log |J|, by a reverse sweep: with stick_k recomputed as the tail sum
     * x_k + ... + x_{K-1}, g_k = stick_k z_k (1 - z_k) (xAdj_k - stickAdj_{k+1}) + 1 - 2 z_k, where
     * stickAdj accumulates the adjoint of the remaining stick (plus 1/stick_k from log |J|).
     */
    public static void backward(double[] q, int qOff, int K, double[] x, int xOff, double[] xAdj, int xAdjOff,
                                double[] g, int gOff) {
        int km1 = K - 1;
        double stickAdj = xAdj[xAdjOff + km1];
        double stick = x[xOff + km1];
        for (int k = km1 - 1; k >= 0; k--) {
            double xk = x[xOff + k];
            stick += xk;
            double z = Numerics.invLogit(q[qOff + k] - Math.log(km1 - k));
            double adjK = xAdj[xAdjOff + k];
            g[gOff + k] = stick * z * (1.0 - z) * (adjK - stickAdj) + 1.0 - 2.0 * z;
            // stick_{k+1} = stick_k (1 - z_k), x_k = stick_k z_k, log|J| has log(stick_k)
            stickAdj = stickAdj * (1.0 - z) + adjK * z + 1.0 / stick;
        }
    }

    /**
     * q = simplex^{-1}(x): q_k = logit(x_k / stick_k) + log(K - 1 - k) (Stan's simplex_free).
     *
     * @throws IllegalArgumentException unless every x_k &gt; 0 and |sum x - 1| &lt;= 1e-8
     */
    public static void unconstrain(double[] x, int xOff, int K, double[] q, int qOff) {
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double v = x[xOff + k];
            if (!(v > 0)) {
                throw new IllegalArgumentException("simplex: element " + (k + 1) + " is " + v + ", but must be > 0");
            }
            sum += v;
        }
        if (!(Math.abs(sum - 1.0) <= TOLERANCE)) {
            throw new IllegalArgumentException("simplex: the elements sum to " + sum + ", but must sum to 1");
        }
        int km1 = K - 1;
        double stick = x[xOff + km1];
        for (int k = km1 - 1; k >= 0; k--) {
            double xk = x[xOff + k];
            stick += xk;
            double z = xk / stick;
            q[qOff + k] = Math.log(z / (1.0 - z)) + Math.log(km1 - k);
        }
    }
}
