package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import ulam.stdlib.math.Memo;
import ulam.stdlib.math.Numerics;

/**
 * The negative binomial distribution by mean and overdispersion, neg_binomial_2(y | mu, phi)
 * (rethinking's {@code dgampois}, the gamma-Poisson mixture): mean mu &gt; 0, precision phi &gt; 0
 * (variance mu + mu^2 / phi); outcome y in {0, 1, 2, ...}. Stan Functions Reference, "Negative
 * binomial distribution (alternative parameterization)":
 * log mass = log C(y + phi - 1, y) + y log(mu / (mu + phi)) + phi log(phi / (mu + phi))
 * = log Gamma(y + phi) - log Gamma(phi) - log(y!) - y log1p(phi / mu) - phi log1p(mu / phi),
 * the term -log(y!) being data only ({@link #constant}).
 *
 * <p>Once phi &gt; {@link #LARGE_PHI}, where the plain difference of log Gamma values and the
 * terms of size y log(phi) would cancel, the kernel is rearranged through Stirling's series (see
 * {@code value}) when mu &lt; phi, and log Gamma(y + phi) - log Gamma(phi) is taken as
 * log Gamma(y) - log B(y, phi) (commons-numbers' {@code LogBeta}) otherwise; so the mass stays
 * accurate (to about 1e-15 of the size of y log(mu), mu and log y!) as phi grows towards the
 * Poisson limit. log Gamma(phi) and psi(phi) are kept per thread for the last phi
 * ({@link Memo}). -inf for y &lt; 0; NaN for mu or phi not positive and finite; other rules in
 * {@link ulam.stdlib.dist}. When mu = exp(x) the compiler uses {@link NegBinomial2Log}.
 */
public final class NegBinomial2 {
    private NegBinomial2() {}

    /** Above this phi the log Gamma difference is taken through log B (see the class comment). */
    static final double LARGE_PHI = 1e3;

    /** Per-thread {phi, log Gamma(phi), psi(phi)}; see {@link Memo}. */
    private static final ThreadLocal<double[]> MEMO = Memo.create(3);

    static double[] specials(double phi) {
        double[] m = MEMO.get();
        if (m[0] != phi) {
            m[1] = Numerics.lgamma(phi);
            m[2] = Numerics.digamma(phi);
            m[0] = phi;
        }
        return m;
    }

    /** The log mass, natural log, with -log(y!); NaN for invalid arguments. */
    public static double lpdf(int y, double mu, double phi) {
        if (!valid(mu, phi)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return value(y, mu < phi, Math.log(mu), phi, Numerics.log1p(mu / phi), Numerics.log1p(phi / mu))
                - Numerics.logFactorial(y);
    }

    /**
     * lpdf - constant, and its partials d[1] = d/dmu = phi (y - mu) / (mu (mu + phi)),
     * d[2] = d/dphi = psi(y + phi) - psi(phi) - log1p(mu / phi) + (mu - y) / (mu + phi).
     */
    public static double kernel(int y, double mu, double phi, double[] d) {
        if (!valid(mu, phi)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return terms(y, mu, phi, d, 1);
    }

    /**
     * The kernel for valid arguments and y &gt;= 0, its partials in mu and phi written to
     * d[off] and d[off + 1] (shared with {@link ZiGammaPoisson}).
     */
    static double terms(int y, double mu, double phi, double[] d, int off) {
        double sum = mu + phi;
        double log1pMuOverPhi = Numerics.log1p(mu / phi);
        d[off] = phi * (y - mu) / (mu * sum);
        double digammaDifference = y == 0 ? 0.0 : Numerics.digamma(y + phi) - specials(phi)[2];
        d[off + 1] = digammaDifference - log1pMuOverPhi + (mu - y) / sum;
        return value(y, mu < phi, y == 0 ? 0.0 : Math.log(mu), phi, log1pMuOverPhi,
                y == 0 || (phi > LARGE_PHI && mu < phi) ? 0.0 : Numerics.log1p(phi / mu));
    }

    /**
     * The kernel log Gamma(y + phi) - log Gamma(phi) - y log1p(phi / mu) - phi log1p(mu / phi) for
     * valid arguments and y &gt;= 0, given log(mu), L = log1p(mu / phi) and log1p(phi / mu) (the last
     * unused, may be 0, when phi &gt; {@link #LARGE_PHI} and mu &lt; phi). For such phi and mu it is
     * rearranged as R + y log(mu) - (y + phi) L with R = log Gamma(y + phi) - log Gamma(phi) - y log(phi)
     * = phi (log1p(u) - u) + (y - 1/2) log1p(u) + c(y + phi) - c(phi), u = y / phi, c the Stirling
     * remainder: every term is then small or of the size of the result, where the plain form
     * subtracts two numbers of size y log(phi) (the Poisson limit; shared with {@link NegBinomial2Log}).
     */
    static double value(int y, boolean muBelowPhi, double logMu, double phi, double log1pMuOverPhi, double log1pPhiOverMu) {
        if (y == 0) {
            return -phi * log1pMuOverPhi;
        }
        if (phi > LARGE_PHI && muBelowPhi) {
            double u = y / phi;
            double r = phi * Numerics.log1pmx(u) + (y - 0.5) * Numerics.log1p(u)
                    + Numerics.stirlingCorrection(y + phi) - Numerics.stirlingCorrection(phi);
            return r + y * logMu - (y + phi) * log1pMuOverPhi;
        }
        return logGammaRatio(y, phi) - y * log1pPhiOverMu - phi * log1pMuOverPhi;
    }

    /** log Gamma(y + phi) - log Gamma(phi) for y &gt;= 0. */
    static double logGammaRatio(int y, double phi) {
        if (y == 0) {
            return 0.0;
        }
        if (phi > LARGE_PHI) {
            return Numerics.lgamma(y) - Numerics.lbeta(y, phi);
        }
        return Numerics.lgamma(y + phi) - specials(phi)[1];
    }

    /**
     * log of the mass at 0, phi log(phi / (mu + phi)) = -phi log1p(mu / phi) (used by the
     * zero-inflated form).
     */
    static double logMassAtZero(double mu, double phi) {
        return -phi * Numerics.log1p(mu / phi);
    }

    /**
     * -log(y!), the part of the log mass that depends on data only.
     *
     * @return -log Gamma(y + 1); -inf for y &lt; 0
     */
    public static double constant(int y) {
        return y < 0 ? Double.NEGATIVE_INFINITY : -Numerics.logFactorial(y);
    }

    static boolean valid(double mu, double phi) {
        return Numerics.isPositiveFinite(mu) && Numerics.isPositiveFinite(phi);
    }

    /**
     * One draw as a gamma-Poisson mixture: lambda ~ gamma(shape phi, rate phi / mu), then
     * poisson(lambda) (as Stan's {@code neg_binomial_2_rng}, which also rejects a gamma draw above
     * the Poisson sampler's limit: here {@link Poisson#MAX_RNG_RATE}).
     */
    public static int rng(UniformRandomProvider rng, double mu, double phi) {
        Arguments.positive("neg_binomial_2", "mu", mu);
        Arguments.positive("neg_binomial_2", "phi", phi);
        return draw(rng, mu, phi, "neg_binomial_2");
    }

    /** A gamma-Poisson variate for valid arguments (shared with the log and zero-inflated forms). */
    static int draw(UniformRandomProvider rng, double mu, double phi, String distribution) {
        double lambda = AhrensDieterMarsagliaTsangGammaSampler.of(rng, phi, mu / phi).sample();
        if (!(lambda <= Poisson.MAX_RNG_RATE)) {
            throw new IllegalArgumentException(distribution + "_rng: the gamma draw " + lambda
                    + " exceeds the largest Poisson rate " + Poisson.MAX_RNG_RATE + " (mu " + mu + ", phi " + phi + ")");
        }
        return lambda == 0 ? 0 : Poisson.rng(rng, lambda);
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(y!); phi log(phi) - lgamma(phi) + lgamma(y + phi) when phi
     * is data; y log(mu) when mu is (the grouping of Stan Math 3.1, rstan 2.21's; later versions
     * keep -log(y!) unless phi is data, as part of log C(y + phi - 1, y)); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double mu, double phi) {
        if (Propto.all(data, 2)) return lpdf(y, mu, phi);
        return NegBinomial2Log.summands(y, Propto.data(data, 2), phi) + (Propto.data(data, 1) && y != 0 ? y * Math.log(mu) : 0.0);
    }
}
