package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import ulam.stdlib.math.LogIncompleteGamma;
import ulam.stdlib.math.Numerics;

/**
 * The Poisson distribution poisson(y | lambda): rate lambda &gt;= 0 (finite); outcome y in
 * {0, 1, 2, ...}. Stan Functions Reference, "Poisson distribution":
 * log mass = y log(lambda) - lambda - log(y!), the last term being data only ({@link #constant}).
 * -inf for y &lt; 0; NaN for lambda &lt; 0 or not finite; other rules in {@link ulam.stdlib.dist}.
 * When lambda = exp(x) the compiler uses {@link PoissonLog}.
 */
public final class Poisson {
    private Poisson() {}

    /**
     * Largest rate {@link #rng} accepts: 1e9 (Stan's {@code poisson_rng} accepts up to 2^30; the
     * commons-rng large-mean sampler stops just short of that, at (2^31 - 1) / 2).
     */
    public static final double MAX_RNG_RATE = 1e9;

    /** The log mass, natural log, with -log(y!); NaN for invalid lambda. */
    public static double lpdf(int y, double lambda) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return value(y, lambda) - Numerics.logFactorial(y);
    }

    /**
     * lpdf - constant = y log(lambda) - lambda (0 log 0 taken as 0) and d[1] = d/dlambda = y / lambda - 1.
     */
    public static double kernel(int y, double lambda, double[] d) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        d[1] = y == 0 ? -1.0 : y / lambda - 1.0;
        return value(y, lambda);
    }

    /**
     * -log(y!), the part of the log mass that depends on data only.
     *
     * @return -log Gamma(y + 1); -inf for y &lt; 0
     */
    public static double constant(int y) {
        return y < 0 ? Double.NEGATIVE_INFINITY : -Numerics.logFactorial(y);
    }

    private static boolean valid(double lambda) {
        return lambda >= 0 && lambda <= Double.MAX_VALUE;
    }

    private static double value(int y, double lambda) {
        return y == 0 ? -lambda : y * Math.log(lambda) - lambda;
    }


    /**
     * log P(Y &lt;= y) = log Q(y + 1, lambda), Q the regularized upper incomplete gamma function,
     * computed in log space ({@link LogIncompleteGamma}); -inf for y &lt; 0; 0 when lambda = 0; NaN
     * for invalid lambda.
     */
    public static double lcdf(int y, double lambda) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return lambda == 0 ? 0.0 : LogIncompleteGamma.logQ(y + 1.0, lambda);
    }

    /** log P(Y &gt; y) = log P(y + 1, lambda); 0 for y &lt; 0; -inf when lambda = 0; NaN for invalid lambda. */
    public static double lccdf(int y, double lambda) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return 0.0;
        }
        return lambda == 0 ? Double.NEGATIVE_INFINITY : LogIncompleteGamma.logP(y + 1.0, lambda);
    }

    /**
     * {@link #lcdf} and its partial d[1] = d/dlambda = -poisson(y | lambda) / P(Y &lt;= y)
     * (unspecified for y &lt; 0; at lambda = 0 the one-sided derivative).
     */
    public static double lcdfGrad(int y, double lambda, double[] d) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (lambda == 0) {
            d[1] = y == 0 ? -1.0 : 0.0;
            return 0.0;
        }
        return LogIncompleteGamma.logQ(y + 1.0, lambda, d, 0);
    }

    /**
     * {@link #lccdf} and its partial d[1] = d/dlambda = poisson(y | lambda) / P(Y &gt; y)
     * (0 for y &lt; 0; unspecified at lambda = 0).
     */
    public static double lccdfGrad(int y, double lambda, double[] d) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y < 0) {
            d[1] = 0.0;
            return 0.0;
        }
        if (lambda == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return LogIncompleteGamma.logP(y + 1.0, lambda, d, 0);
    }

    /**
     * One draw: commons-rng {@link PoissonSampler} (which switches between a small-mean and a
     * large-mean algorithm at rate 40). Rates above {@link #MAX_RNG_RATE} are rejected.
     */
    public static int rng(UniformRandomProvider rng, double lambda) {
        if (!(lambda >= 0 && lambda <= MAX_RNG_RATE)) {
            throw new IllegalArgumentException(
                    "poisson_rng: lambda is " + lambda + ", but must be in [0, " + MAX_RNG_RATE + "]");
        }
        return lambda == 0 ? 0 : PoissonSampler.of(rng, lambda).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(y!) ({@link #constant}); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double lambda) {
        return Propto.all(data, 1) ? lpdf(y, lambda) : constant(y);
    }
}
