package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The exponential distribution exponential(y | lambda) with rate lambda &gt; 0 (mean 1 / lambda);
 * outcome y &gt;= 0. Stan Functions Reference, "Exponential distribution":
 * log density = log(lambda) - lambda y. -inf for y &lt; 0; other rules in {@link ulam.stdlib.dist}.
 */
public final class Exponential {
    private Exponential() {}

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double lambda) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(lambda) - lambda * y;
    }

    /** The log density (same value as {@link #lpdf}); d[0] = -lambda, d[1] = 1 / lambda - y. */
    public static double kernel(double y, double lambda, double[] d) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        d[0] = -lambda;
        d[1] = 1.0 / lambda - y;
        return Math.log(lambda) - lambda * y;
    }

    private static boolean valid(double lambda) {
        return Numerics.isPositiveFinite(lambda);
    }

    /** One draw: an exponential variate of mean 1 / lambda (ziggurat). */
    public static double rng(UniformRandomProvider rng, double lambda) {
        Arguments.positive("exponential", "lambda", lambda);
        return ZigguratSampler.Exponential.of(rng, 1.0 / lambda).sample();
    }
}
