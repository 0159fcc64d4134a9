package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The negative binomial distribution with log mean, neg_binomial_2_log(y | eta, phi) =
 * neg_binomial_2(y | exp(eta), phi): log mean eta real and finite, precision phi &gt; 0; outcome
 * y in {0, 1, 2, ...}. Stan Functions Reference, "Negative binomial distribution (log
 * alternative parameterization)". With r = eta - log(phi) (so exp(r) = mu / phi):
 * log mass = log Gamma(y + phi) - log Gamma(phi) - log(y!) - y log1p_exp(-r) - phi log1p_exp(r),
 * the two softplus terms sharing one exp and one log, stable for any finite eta (for large phi
 * rearranged as in {@link NegBinomial2}). -log(y!) is
 * {@link #constant}. -inf for y &lt; 0; NaN for eta not finite or phi not positive and finite;
 * other rules in {@link ulam.stdlib.dist}.
 */
public final class NegBinomial2Log {
    private NegBinomial2Log() {}

    /** The log mass, natural log, with -log(y!); NaN for invalid arguments. */
    public static double lpdf(int y, double eta, double phi) {
        if (!valid(eta, phi)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = eta - Math.log(phi);
        double s = Numerics.log1p(Math.exp(-Math.abs(r)));
        double softplusR = r > 0 ? r + s : s;
        double softplusMinusR = r > 0 ? s : s - r;
        return NegBinomial2.value(y, r < 0, eta, phi, softplusR, softplusMinusR) - Numerics.logFactorial(y);
    }

    /**
     * lpdf - constant, and its partials, with p = inv_logit(r) = mu / (mu + phi):
     * d[1] = d/deta = y (1 - p) - phi p, d[2] = d/dphi = psi(y + phi) - psi(phi) - log1p_exp(r)
     * + p - y (1 - p) / phi.
     */
    public static double kernel(int y, double eta, double phi, double[] d) {
        if (!valid(eta, phi)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = eta - Math.log(phi);
        double e = Math.exp(-Math.abs(r));
        double s = Numerics.log1p(e);
        double softplusR = r > 0 ? r + s : s;
        double softplusMinusR = r > 0 ? s : s - r;
        double u = 1.0 + e;
        double p = r > 0 ? 1.0 / u : e / u; // mu / (mu + phi)
        double q = r > 0 ? e / u : 1.0 / u; // phi / (mu + phi)
        d[1] = y * q - phi * p;
        double digammaDifference = y == 0 ? 0.0
                : Numerics.digamma(y + phi) - NegBinomial2.specials(phi)[2];
        d[2] = digammaDifference - softplusR + p - y * q / phi;
        return NegBinomial2.value(y, r < 0, eta, phi, softplusR, softplusMinusR);
    }

    /** -log(y!), as {@link NegBinomial2#constant}. */
    public static double constant(int y) {
        return NegBinomial2.constant(y);
    }

    private static boolean valid(double eta, double phi) {
        return Numerics.isFinite(eta) && Numerics.isPositiveFinite(phi);
    }

    /** One draw: a neg_binomial_2(exp(eta), phi) variate; rejects eta whose exp overflows. */
    public static int rng(UniformRandomProvider rng, double eta, double phi) {
        Arguments.finite("neg_binomial_2_log", "eta", eta);
        Arguments.positive("neg_binomial_2_log", "phi", phi);
        double mu = Math.exp(eta);
        Arguments.positive("neg_binomial_2_log", "exp(eta)", mu);
        return NegBinomial2.draw(rng, mu, phi, "neg_binomial_2_log");
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(y!); phi log(phi) - lgamma(phi) + lgamma(y + phi) when phi
     * is data; y eta when eta is (the grouping of Stan Math 3.1, rstan 2.21's, as
     * {@link NegBinomial2#dropped}); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double eta, double phi) {
        if (Propto.all(data, 2)) return lpdf(y, eta, phi);
        return summands(y, Propto.data(data, 2), phi) + (Propto.data(data, 1) ? y * eta : 0.0);
    }

    /** The negative binomial's summands of y alone and of y and phi: -log(y!), and with {@code phiData} phi log(phi) - lgamma(phi) + lgamma(y + phi). */
    static double summands(int y, boolean phiData, double phi) {
        double c = -Numerics.logFactorial(y);
        return phiData ? c + phi * Math.log(phi) - Numerics.lgamma(phi) + Numerics.lgamma(y + phi) : c;
    }
}
