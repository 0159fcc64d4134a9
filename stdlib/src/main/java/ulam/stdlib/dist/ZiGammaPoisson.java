package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The zero-inflated gamma-Poisson (negative binomial) distribution zigampois(y | p, mu, phi)
 * (rethinking's {@code dzigampois}, Stan-side {@code zi_neg_binomial_2}): with probability p in
 * [0, 1] an extra zero, otherwise a neg_binomial_2(mu, phi) count ({@link NegBinomial2}), mean
 * mu &gt; 0, precision phi &gt; 0; outcome y in {0, 1, 2, ...}. As rethinking's template (language
 * reference, section 5), with the Stan Functions Reference's {@code log_mix}:
 * y = 0: log mass = log_mix(p, 0, neg_binomial_2_lpmf(0 | mu, phi)) = log(p + (1 - p) (phi / (mu + phi))^phi);
 * y &gt; 0: log mass = log1m(p) + neg_binomial_2_lpmf(y | mu, phi).
 * -log(y!) depends on data only ({@link #constant}). -inf for y &lt; 0; NaN for p outside [0, 1],
 * mu or phi not positive and finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class ZiGammaPoisson {
    private ZiGammaPoisson() {}

    /** The log mass, natural log, with -log(y!); NaN for invalid arguments. */
    public static double lpdf(int y, double p, double mu, double phi) {
        if (!valid(p, mu, phi)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == 0) {
            return Numerics.logSumExp(Math.log(p), Numerics.log1m(p) + NegBinomial2.logMassAtZero(mu, phi));
        }
        return Numerics.log1m(p) + NegBinomial2.lpdf(y, mu, phi);
    }

    /**
     * lpdf - constant and its partials. For y = 0, with l0 = -phi log1p(mu / phi) (the log mass of
     * the count part at 0), m = p + (1 - p) e^l0 and w = (1 - p) e^l0 / m: d[1] = d/dp = (1 - e^l0) / m,
     * d[2] = d/dmu = -w phi / (mu + phi), d[3] = d/dphi = w (mu / (mu + phi) - log1p(mu / phi));
     * for y &gt; 0: d[1] = -1 / (1 - p) and d[2], d[3] the {@link NegBinomial2#kernel} partials.
     */
    public static double kernel(int y, double p, double mu, double phi, double[] d) {
        if (!valid(p, mu, phi)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == 0) {
            double log1pMuOverPhi = Numerics.log1p(mu / phi);
            double l0 = -phi * log1pMuOverPhi;
            double logCount = Numerics.log1m(p) + l0;
            double value = Numerics.logSumExp(Math.log(p), logCount);
            double w = Math.exp(logCount - value);
            double sum = mu + phi;
            d[1] = -Math.expm1(l0) * Math.exp(-value);
            d[2] = -w * phi / sum;
            d[3] = w * (mu / sum - log1pMuOverPhi);
            return value;
        }
        d[1] = -1.0 / (1.0 - p);
        return Numerics.log1m(p) + NegBinomial2.terms(y, mu, phi, d, 2);
    }

    /** -log(y!), as {@link NegBinomial2#constant}. */
    public static double constant(int y) {
        return NegBinomial2.constant(y);
    }

    private static boolean valid(double p, double mu, double phi) {
        return p >= 0 && p <= 1 && NegBinomial2.valid(mu, phi);
    }

    /** One draw: 0 with probability p, else a neg_binomial_2(mu, phi) variate. */
    public static int rng(UniformRandomProvider rng, double p, double mu, double phi) {
        Arguments.probability("zigampois", "p", p);
        Arguments.positive("zigampois", "mu", mu);
        Arguments.positive("zigampois", "phi", phi);
        if (rng.nextDouble() < p) {
            return 0;
        }
        return NegBinomial2.draw(rng, mu, phi, "zigampois");
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing: Stan's program writes this mixture with target +=, which keeps every constant; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double p, double mu, double phi) {
        return 0.0;
    }
}
