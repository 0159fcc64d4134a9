package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The Pareto distribution pareto(y | y_min, alpha) (rethinking's {@code dpareto}): scale
 * (minimum) y_min &gt; 0, shape alpha &gt; 0; outcome y &gt;= y_min. Stan Functions Reference,
 * "Pareto distribution": log density = log(alpha) + alpha log(y_min) - (alpha + 1) log(y).
 * -inf for y &lt; y_min; NaN for y_min or alpha not positive and finite; other rules in
 * {@link ulam.stdlib.dist}.
 */
public final class Pareto {
    private Pareto() {}

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double yMin, double alpha) {
        if (!valid(yMin, alpha)) {
            return Double.NaN;
        }
        if (y < yMin) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(alpha) + alpha * Math.log(yMin) - (alpha + 1.0) * Math.log(y);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials: d[0] = -(alpha + 1) / y,
     * d[1] = d/dy_min = alpha / y_min, d[2] = d/dalpha = 1 / alpha + log(y_min) - log(y).
     */
    public static double kernel(double y, double yMin, double alpha, double[] d) {
        if (!valid(yMin, alpha)) {
            return Double.NaN;
        }
        if (y < yMin) {
            return Double.NEGATIVE_INFINITY;
        }
        double logY = Math.log(y);
        double logYMin = Math.log(yMin);
        d[0] = -(alpha + 1.0) / y;
        d[1] = alpha / yMin;
        d[2] = 1.0 / alpha + logYMin - logY;
        return Math.log(alpha) + alpha * logYMin - (alpha + 1.0) * logY;
    }

    private static boolean valid(double yMin, double alpha) {
        return Numerics.isPositiveFinite(yMin) && Numerics.isPositiveFinite(alpha);
    }

    /** One draw by inversion: y_min exp(E / alpha), E a standard exponential variate (ziggurat). */
    public static double rng(UniformRandomProvider rng, double yMin, double alpha) {
        Arguments.positive("pareto", "y_min", yMin);
        Arguments.positive("pareto", "alpha", alpha);
        return yMin * Math.exp(ZigguratSampler.Exponential.of(rng).sample() / alpha);
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log(alpha) when alpha is data; alpha log(y_min) when y_min and alpha are; -(alpha + 1) log(y) when y and alpha are; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double yMin, double alpha) {
        if (Propto.all(data, 2)) return lpdf(y, yMin, alpha);
        if (!Propto.data(data, 2)) return 0.0;
        double c = Math.log(alpha);
        if (Propto.data(data, 1)) c += alpha * Math.log(yMin);
        if (Propto.data(data, 0)) c -= (alpha + 1.0) * Math.log(y);
        return c;
    }
}
