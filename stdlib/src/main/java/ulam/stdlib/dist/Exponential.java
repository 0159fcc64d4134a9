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


    /** log P(Y &lt;= y) = log1m_exp(-lambda y); -inf for y &lt;= 0; NaN for invalid arguments. */
    public static double lcdf(double y, double lambda) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Numerics.log1mExp(-lambda * y);
    }

    /** log P(Y &gt; y) = -lambda y; 0 for y &lt;= 0; NaN for invalid arguments. */
    public static double lccdf(double y, double lambda) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return y == y ? 0.0 : Double.NaN;
        }
        return -lambda * y;
    }

    /**
     * {@link #lcdf} and its partials, with t = lambda y: d[0] = lambda / expm1(t),
     * d[1] = y / expm1(t) (unspecified for y &lt;= 0, 0 at y = +inf).
     */
    public static double lcdfGrad(double y, double lambda, double[] d) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == Double.POSITIVE_INFINITY) {
            d[0] = 0.0;
            d[1] = 0.0;
            return 0.0;
        }
        double t = lambda * y;
        double inv = t > 745 ? 0.0 : 1.0 / Math.expm1(t);
        d[0] = lambda * inv;
        d[1] = y * inv;
        return Numerics.log1mExp(-t);
    }

    /** {@link #lccdf} and its partials: d[0] = -lambda, d[1] = -y (both 0 for y &lt;= 0). */
    public static double lccdfGrad(double y, double lambda, double[] d) {
        if (!valid(lambda)) {
            return Double.NaN;
        }
        if (y <= 0) {
            d[0] = 0.0;
            d[1] = 0.0;
            return y == y ? 0.0 : Double.NaN;
        }
        d[0] = -lambda;
        d[1] = -y;
        return -lambda * y;
    }

    /** One draw: an exponential variate of mean 1 / lambda (ziggurat). */
    public static double rng(UniformRandomProvider rng, double lambda) {
        Arguments.positive("exponential", "lambda", lambda);
        return ZigguratSampler.Exponential.of(rng, 1.0 / lambda).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log(lambda) when lambda is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double lambda) {
        if (Propto.all(data, 1)) return lpdf(y, lambda);
        return Propto.data(data, 1) ? Math.log(lambda) : 0.0;
    }
}
