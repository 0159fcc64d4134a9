package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The zero-inflated Poisson distribution zipoisson(y | p, lambda) (rethinking's {@code dzipois}):
 * with probability p in [0, 1] an extra zero, otherwise a poisson(lambda) count, rate
 * lambda &gt; 0; outcome y in {0, 1, 2, ...}. As rethinking's template (language reference,
 * section 5), in terms of the Stan Functions Reference's {@code log_mix} and "Poisson
 * distribution":
 * y = 0: log mass = log_mix(p, 0, poisson_lpmf(0 | lambda)) = log(p + (1 - p) e^-lambda);
 * y &gt; 0: log mass = log1m(p) + y log(lambda) - lambda - log(y!).
 * -log(y!) depends on data only ({@link #constant}). -inf for y &lt; 0; NaN for p outside [0, 1]
 * or lambda not positive and finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class ZiPoisson {
    private ZiPoisson() {}

    /** The log mass, natural log, with -log(y!); NaN for invalid arguments. */
    public static double lpdf(int y, double p, double lambda) {
        if (!valid(p, lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == 0) {
            return Numerics.logSumExp(Math.log(p), Numerics.log1m(p) - lambda);
        }
        return Numerics.log1m(p) + y * Math.log(lambda) - lambda - Numerics.logFactorial(y);
    }

    /**
     * lpdf - constant and its partials. For y = 0, with m = p + (1 - p) e^-lambda:
     * d[1] = d/dp = (1 - e^-lambda) / m, d[2] = d/dlambda = -(1 - p) e^-lambda / m;
     * for y &gt; 0: d[1] = -1 / (1 - p), d[2] = y / lambda - 1.
     */
    public static double kernel(int y, double p, double lambda, double[] d) {
        if (!valid(p, lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == 0) {
            double logCount = Numerics.log1m(p) - lambda; // log((1 - p) e^-lambda)
            double value = Numerics.logSumExp(Math.log(p), logCount);
            d[1] = -Math.expm1(-lambda) * Math.exp(-value);
            d[2] = -Math.exp(logCount - value);
            return value;
        }
        d[1] = -1.0 / (1.0 - p);
        d[2] = y / lambda - 1.0;
        return Numerics.log1m(p) + y * Math.log(lambda) - lambda;
    }

    /** -log(y!), as {@link Poisson#constant}. */
    public static double constant(int y) {
        return Poisson.constant(y);
    }

    private static boolean valid(double p, double lambda) {
        return p >= 0 && p <= 1 && Numerics.isPositiveFinite(lambda);
    }

    /** One draw: 0 with probability p, else a poisson(lambda) variate. */
    public static int rng(UniformRandomProvider rng, double p, double lambda) {
        Arguments.probability("zipoisson", "p", p);
        Arguments.positive("zipoisson", "lambda", lambda);
        if (rng.nextDouble() < p) {
            return 0;
        }
        return Poisson.rng(rng, lambda);
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing: Stan's program writes this mixture with target +=, which keeps every constant; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double p, double lambda) {
        return 0.0;
    }
}
