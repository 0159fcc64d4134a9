package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import ulam.stdlib.math.Numerics;

/**
 * The beta distribution by mean and concentration, beta2(y | p, theta) = beta(y | p theta,
 * (1 - p) theta) (rethinking's {@code dbeta2}): mean p in (0, 1), concentration theta &gt; 0;
 * outcome y in [0, 1]. Density as {@link Beta} (Stan Functions Reference, "Beta distribution",
 * and its mean-precision form "Beta proportion distribution"). Rules: {@link ulam.stdlib.dist}.
 */
public final class Beta2 {
    private Beta2() {}

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double p, double theta) {
        if (!valid(p, theta)) {
            return Double.NaN;
        }
        return Beta.lpdf(y, p * theta, (1.0 - p) * theta);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with a = p theta,
     * b = (1 - p) theta, g_a = log(y) - psi(a) + psi(a + b) and g_b = log(1 - y) - psi(b) + psi(a + b)
     * (the beta partials; a + b = theta): d[0] = (a - 1) / y - (b - 1) / (1 - y),
     * d[1] = d/dp = theta (g_a - g_b), d[2] = d/dtheta = p g_a + (1 - p) g_b.
     */
    public static double kernel(double y, double p, double theta, double[] d) {
        if (!valid(p, theta)) {
            return Double.NaN;
        }
        if (!(y >= 0 && y <= 1)) {
            return y == y ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        double q = 1.0 - p;
        double a = p * theta;
        double b = q * theta;
        double logY = Math.log(y);
        double log1mY = Numerics.log1m(y);
        double[] m = Beta.specials(a, b);
        double gA = logY - m[3] + m[5];
        double gB = log1mY - m[4] + m[5];
        d[0] = (a - 1.0) / y - (b - 1.0) / (1.0 - y);
        d[1] = theta * (gA - gB);
        d[2] = p * gA + q * gB;
        return Beta.value(logY, log1mY, a, b);
    }

    private static boolean valid(double p, double theta) {
        return p > 0 && p < 1 && Numerics.isPositiveFinite(theta);
    }

    /** One draw: a beta(p theta, (1 - p) theta) variate (Cheng's algorithm). */
    public static double rng(UniformRandomProvider rng, double p, double theta) {
        Arguments.openUnit("beta2", "p", p);
        Arguments.positive("beta2", "theta", theta);
        return ChengBetaSampler.of(rng, p * theta, (1.0 - p) * theta).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): the summands of {@link Beta#dropped} with a = p theta and b = (1 - p) theta, each data when p and theta are: Stan's program writes beta(p * theta, (1 - p) * theta); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double p, double theta) {
        if (Propto.all(data, 2)) return lpdf(y, p, theta);
        boolean ab = Propto.data(data, 1, 2);
        return Beta.betaSummands(Propto.data(data, 0), ab, ab, y, p * theta, (1.0 - p) * theta);
    }
}
