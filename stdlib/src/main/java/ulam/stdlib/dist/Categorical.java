package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The categorical distribution categorical(y | theta) (rethinking's {@code dcategorical}):
 * probabilities theta = (theta_1, ..., theta_K), a simplex; outcome y in {1, ..., K}. Stan
 * Functions Reference, "Categorical distribution": log mass = log(theta_y).
 *
 * <p>Operands follow {@link ulam.stdlib.Signatures}: theta is {@code theta[off], ...,
 * theta[off + K - 1]}. Only theta_y is read and checked (in [0, 1], else NaN): a {@code simplex}
 * parameter is one by construction, and checking that the K values sum to 1 would cost a loop
 * per row ({@link #rng} does check). -inf for y outside 1..K; other rules in {@link ulam.stdlib.dist}.
 */
public final class Categorical {
    private Categorical() {}

    /** The log mass log(theta_y), natural log; NaN for invalid arguments. */
    public static double lpdf(int y, double[] theta, int off, int K) {
        if (y < 1 || y > K) {
            return K < 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
        }
        double t = theta[off + y - 1];
        if (!(t >= 0 && t <= 1)) {
            return Double.NaN;
        }
        return Math.log(t);
    }

    /**
     * The log mass (same value as {@link #lpdf}) and its partials: dtheta[k] = 0 except
     * dtheta[y - 1] = 1 / theta_y; {@code dtheta} is overwritten from index 0 to K - 1.
     */
    public static double kernel(int y, double[] theta, int off, int K, double[] d, double[] dtheta) {
        double value = lpdf(y, theta, off, K);
        if (value == value && value != Double.NEGATIVE_INFINITY) {
            for (int k = 0; k < K; k++) {
                dtheta[k] = 0.0;
            }
            dtheta[y - 1] = 1.0 / theta[off + y - 1];
        }
        return value;
    }

    /**
     * One draw by inversion of the cumulative probabilities. Rejects theta that is not a simplex
     * (an element outside [0, 1], or a sum further than 1e-8 from 1, as Stan's check).
     */
    public static int rng(UniformRandomProvider rng, double[] theta, int off, int K) {
        Simplex.check("categorical", "theta", theta, off, K);
        double u = rng.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int k = 0; k < K; k++) {
            double t = theta[off + k];
            if (t > 0) {
                last = k;
                cumulative += t;
                if (u < cumulative) {
                    return k + 1;
                }
            }
        }
        return last + 1; // u beyond a sum rounded below 1
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing unless every operand is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double[] theta, int off, int K) {
        return Propto.all(data, 1) ? lpdf(y, theta, off, K) : 0.0;
    }
}
