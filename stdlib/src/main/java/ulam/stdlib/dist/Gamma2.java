package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import ulam.stdlib.math.Numerics;

/**
 * The gamma distribution by mean and scale, gamma2(y | mu, s) = gamma(y | shape mu / s,
 * rate 1 / s) (rethinking's {@code dgamma2}; language reference A.7): mean mu &gt; 0,
 * scale s &gt; 0; outcome y &gt;= 0. With alpha = mu / s:
 * log density = -alpha log(s) - log Gamma(alpha) + (alpha - 1) log(y) - y / s
 * (Stan Functions Reference, "Gamma distribution", reparameterised); the special functions of
 * alpha are kept per thread as in {@link Gamma}. -inf for y &lt; 0; y = 0 as
 * in {@link Gamma}; other rules in {@link ulam.stdlib.dist}.
 */
public final class Gamma2 {
    private Gamma2() {}

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double scale) {
        if (!valid(mu, scale)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return value(y, Math.log(y), mu / scale, 1.0 / scale, Math.log(scale));
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, chained from the shape-rate
     * ones with alpha = mu / s: g = -log(s) - psi(alpha) + log(y) (d/dalpha), d[0] = (alpha - 1) / y
     * - 1 / s, d[1] = d/dmu = g / s, d[2] = d/ds = -(alpha g + (mu - y) / s) / s.
     */
    public static double kernel(double y, double mu, double scale, double[] d) {
        if (!valid(mu, scale)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double invScale = 1.0 / scale;
        double alpha = mu * invScale;
        double logY = Math.log(y);
        double logScale = Math.log(scale);
        double dAlpha = -logScale - Gamma.specials(alpha)[2] + logY;
        d[0] = (alpha - 1.0) / y - invScale;
        d[1] = dAlpha * invScale;
        d[2] = -invScale * (alpha * dAlpha + (mu - y) * invScale);
        return value(y, logY, alpha, invScale, logScale);
    }

    private static boolean valid(double mu, double scale) {
        return Numerics.isPositiveFinite(mu) && Numerics.isPositiveFinite(scale);
    }

    private static double value(double y, double logY, double alpha, double invScale, double logScale) {
        double power = alpha == 1.0 ? 0.0 : (alpha - 1.0) * logY;
        return -alpha * logScale - Gamma.specials(alpha)[1] + power - y * invScale;
    }

    /** One draw: a gamma variate with shape mu / s and scale s (Ahrens-Dieter / Marsaglia-Tsang). */
    public static double rng(UniformRandomProvider rng, double mu, double scale) {
        Arguments.positive("gamma2", "mu", mu);
        Arguments.positive("gamma2", "scale", scale);
        return AhrensDieterMarsagliaTsangGammaSampler.of(rng, mu / scale, scale).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): the summands of {@link Gamma#dropped} with shape mu / s (data when mu and s are) and rate 1 / s (data when s is): Stan's program writes gamma(mu / s, 1 / s); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double scale) {
        if (Propto.all(data, 2)) return lpdf(y, mu, scale);
        return Gamma.gammaSummands(Propto.data(data, 0), Propto.data(data, 1, 2), Propto.data(data, 2), y, mu / scale, 1.0 / scale);
    }
}
