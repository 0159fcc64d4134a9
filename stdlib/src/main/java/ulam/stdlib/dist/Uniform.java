package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The uniform distribution uniform(y | alpha, beta) on [alpha, beta], with finite bounds
 * alpha &lt; beta; outcome y in [alpha, beta] (a parameter gets exactly these bounds, support
 * {@link ulam.stdlib.Support#ARG_BOUNDS}). Stan Functions Reference, "Uniform distribution":
 * log density = -log(beta - alpha). -inf outside [alpha, beta]; NaN if alpha &gt;= beta or a bound
 * is not finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class Uniform {
    private Uniform() {}

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (!(y >= alpha && y <= beta)) {
            return Double.NEGATIVE_INFINITY;
        }
        return -Math.log(beta - alpha);
    }

    /**
     * The log density (same value as {@link #lpdf}); d[0] = 0, d[1] = d/dalpha = 1 / (beta - alpha),
     * d[2] = d/dbeta = -1 / (beta - alpha).
     */
    public static double kernel(double y, double alpha, double beta, double[] d) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (!(y >= alpha && y <= beta)) {
            return Double.NEGATIVE_INFINITY;
        }
        double width = beta - alpha;
        double inv = 1.0 / width;
        d[0] = 0.0;
        d[1] = inv;
        d[2] = -inv;
        return -Math.log(width);
    }

    private static boolean valid(double alpha, double beta) {
        return alpha < beta && Numerics.isFinite(alpha) && Numerics.isFinite(beta);
    }

    /** One draw: alpha + (beta - alpha) U. */
    public static double rng(UniformRandomProvider rng, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            throw new IllegalArgumentException("uniform_rng: the bounds are " + alpha + " and " + beta
                    + ", but must be finite with alpha < beta");
        }
        return alpha + (beta - alpha) * rng.nextDouble();
    }
}
