package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import ulam.stdlib.math.Numerics;

/**
 * The beta-binomial distribution by mean and concentration, rethinking's
 * {@code betabinomial(y | N, pbar, theta)} ({@code dbetabinom}) = beta_binomial(y | N, pbar theta,
 * (1 - pbar) theta): number of trials N &gt;= 0 (int), mean probability pbar in (0, 1),
 * concentration theta &gt; 0; outcome y in {0, ..., N}. Mass as {@link BetaBinomial} (Stan
 * Functions Reference, "Beta-binomial distribution"); log C(N, y) is {@link #constant}. -inf for
 * y outside [0, N]; NaN for N &lt; 0, pbar outside (0, 1) or theta not positive and finite; other
 * rules in {@link ulam.stdlib.dist}.
 */
public final class BetaBinomial2 {
    private BetaBinomial2() {}

    /** The log mass, natural log, with log C(N, y); NaN for invalid arguments. */
    public static double lpdf(int y, int n, double pbar, double theta) {
        if (!valid(n, pbar, theta)) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = pbar * theta;
        double b = (1.0 - pbar) * theta;
        return Numerics.logChoose(n, y) + BetaBinomial.value(y, n, a, b, Beta.specials(a, b));
    }

    /**
     * lpdf - constant, and its partials by the chain rule from the beta_binomial partials g_a,
     * g_b at a = pbar theta, b = (1 - pbar) theta: d[2] = d/dpbar = theta (g_a - g_b),
     * d[3] = d/dtheta = pbar g_a + (1 - pbar) g_b.
     */
    public static double kernel(int y, int n, double pbar, double theta, double[] d) {
        if (!valid(n, pbar, theta)) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double q = 1.0 - pbar;
        double a = pbar * theta;
        double b = q * theta;
        double[] m = Beta.specials(a, b);
        BetaBinomial.gradient(y, n, a, b, m, d);
        double gA = d[2];
        double gB = d[3];
        d[2] = theta * (gA - gB);
        d[3] = pbar * gA + q * gB;
        return BetaBinomial.value(y, n, a, b, m);
    }

    /** log C(N, y), as {@link BetaBinomial#constant}. */
    public static double constant(int y, int n) {
        return Numerics.logChoose(n, y);
    }

    private static boolean valid(int n, double pbar, double theta) {
        return n >= 0 && pbar > 0 && pbar < 1 && Numerics.isPositiveFinite(theta);
    }

    /** One draw: p ~ beta(pbar theta, (1 - pbar) theta), then binomial(N, p). */
    public static int rng(UniformRandomProvider rng, int n, double pbar, double theta) {
        Arguments.nonNegative("betabinomial", "N", n);
        Arguments.openUnit("betabinomial", "pbar", pbar);
        Arguments.positive("betabinomial", "theta", theta);
        return Draws.binomial(rng, n, ChengBetaSampler.of(rng, pbar * theta, (1.0 - pbar) * theta).sample());
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log C(N, y) ({@link #constant}): Stan's program writes beta_binomial(N, p * theta, (1 - p) * theta); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, int n, double pbar, double theta) {
        return Propto.all(data, 3) ? lpdf(y, n, pbar, theta) : constant(y, n);
    }
}
