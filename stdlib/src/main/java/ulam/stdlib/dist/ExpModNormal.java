package ulam.stdlib.dist;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The exponentially modified normal distribution exp_mod_normal(y | mu, sigma, lambda)
 * (rethinking's {@code dexpnorm}): the sum of a normal(mu, sigma) and an independent
 * exponential(lambda) variable; mu real and finite, sigma &gt; 0, rate lambda &gt; 0; outcome y
 * real. Stan Functions Reference, "Exponentially modified normal distribution": with
 * u = (mu + lambda sigma^2 - y) / (sqrt(2) sigma),
 * log density = log(lambda / 2) + lambda (mu - y) + lambda^2 sigma^2 / 2 + log erfc(u).
 * For u &gt; 0, where erfc underflows, the identity erfc(u) = erfcx(u) e^(-u^2) turns this into
 * log(lambda / 2) - (y - mu)^2 / (2 sigma^2) + log erfcx(u) (erfcx the scaled complementary error
 * function), finite however far y lies in the left tail. Other rules in {@link ulam.stdlib.dist}.
 */
public final class ExpModNormal {
    private ExpModNormal() {}

    private static final double SQRT_TWO = Math.sqrt(2.0);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double sigma, double lambda) {
        if (!valid(mu, sigma, lambda)) {
            return Double.NaN;
        }
        return value(y, mu, sigma, lambda, u(y, mu, sigma, lambda));
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with
     * g = d log erfc(u) / du = -2 / (sqrt(pi) erfcx(u)):
     * d[0] = -lambda - g / (sqrt(2) sigma), d[1] = lambda + g / (sqrt(2) sigma),
     * d[2] = lambda^2 sigma + g (lambda / sqrt(2) - (mu - y) / (sqrt(2) sigma^2)),
     * d[3] = 1 / lambda + mu - y + lambda sigma^2 + g sigma / sqrt(2).
     */
    public static double kernel(double y, double mu, double sigma, double lambda, double[] d) {
        if (!valid(mu, sigma, lambda)) {
            return Double.NaN;
        }
        double u = u(y, mu, sigma, lambda);
        double g = -TWO_OVER_SQRT_PI / Erfcx.value(u);
        double r = mu - y;
        double gOverSqrt2Sigma = g / (SQRT_TWO * sigma);
        d[0] = -lambda - gOverSqrt2Sigma;
        d[1] = lambda + gOverSqrt2Sigma;
        d[2] = lambda * lambda * sigma + g * (lambda / SQRT_TWO) - gOverSqrt2Sigma * r / sigma;
        d[3] = 1.0 / lambda + r + lambda * sigma * sigma + g * sigma / SQRT_TWO;
        return value(y, mu, sigma, lambda, u);
    }

    private static double u(double y, double mu, double sigma, double lambda) {
        return (mu - y) / (SQRT_TWO * sigma) + lambda * sigma / SQRT_TWO;
    }

    private static double value(double y, double mu, double sigma, double lambda, double u) {
        double logHalfLambda = Math.log(0.5 * lambda);
        if (u > 0) {
            double z = (y - mu) / sigma;
            return logHalfLambda - 0.5 * z * z + Math.log(Erfcx.value(u));
        }
        return logHalfLambda + lambda * (mu - y) + 0.5 * lambda * lambda * sigma * sigma + Math.log(Erfc.value(u));
    }

    private static boolean valid(double mu, double sigma, double lambda) {
        return Numerics.isFinite(mu) && Numerics.isPositiveFinite(sigma) && Numerics.isPositiveFinite(lambda);
    }

    /** One draw: mu + sigma Z + E / lambda, Z standard normal and E standard exponential (ziggurat). */
    public static double rng(UniformRandomProvider rng, double mu, double sigma, double lambda) {
        Arguments.finite("exp_mod_normal", "mu", mu);
        Arguments.positive("exp_mod_normal", "sigma", sigma);
        Arguments.positive("exp_mod_normal", "lambda", lambda);
        return mu + sigma * ZigguratSampler.NormalizedGaussian.of(rng).sample()
                + ZigguratSampler.Exponential.of(rng).sample() / lambda;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(2); log(lambda) when lambda is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double sigma, double lambda) {
        if (Propto.all(data, 3)) return lpdf(y, mu, sigma, lambda);
        return -Numerics.LOG_TWO + (Propto.data(data, 3) ? Math.log(lambda) : 0.0);
    }
}
