package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The normal distribution normal(y | mu, sigma): mean mu (real, finite), standard deviation
 * sigma &gt; 0; outcome y real. Stan Functions Reference, "Normal distribution":
 * log N(y | mu, sigma) = -log(sigma) - log(2 pi) / 2 - ((y - mu) / sigma)^2 / 2.
 * Invalid arguments (NaN if mu is not finite or sigma is not positive and finite), support and
 * {@code d} follow the rules of {@link ulam.stdlib.dist}.
 */
public final class Normal {
    private Normal() {}

    /** The log density, natural log, constants kept; NaN if mu is not finite or sigma is not
     *  positive and finite. */
    public static double lpdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        double z = (y - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials: d[0] = d/dy = -z / sigma,
     * d[1] = d/dmu = z / sigma, d[2] = d/dsigma = (z^2 - 1) / sigma, with z = (y - mu) / sigma.
     */
    public static double kernel(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        double inv = 1.0 / sigma;
        double z = (y - mu) * inv;
        double dmu = z * inv;
        d[0] = -dmu;
        d[1] = dmu;
        d[2] = (z * z - 1.0) * inv;
        return -0.5 * z * z - Math.log(sigma) - Numerics.HALF_LOG_TWO_PI;
    }


    /**
     * log P(Y &lt;= y) = log Phi(z), z = (y - mu) / sigma, accurate in both tails
     * ({@link Numerics#logPhiFullRange}); NaN for invalid arguments.
     */
    public static double lcdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        return Numerics.logPhiFullRange((y - mu) / sigma);
    }

    /** log P(Y &gt; y) = log Phi(-z); NaN for invalid arguments. */
    public static double lccdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        return Numerics.logPhiFullRange((mu - y) / sigma);
    }

    /**
     * {@link #lcdf} and its partials, with m = phi(z) / Phi(z) ({@link Numerics#inverseMillsRatio}):
     * d[0] = m / sigma, d[1] = -m / sigma, d[2] = -m z / sigma; all 0 for infinite y.
     */
    public static double lcdfGrad(double y, double mu, double sigma, double[] d) {
        return cdfGrad(y, mu, sigma, d, 1.0);
    }

    /** {@link #lccdf} and its partials: the negatives of {@link #lcdfGrad}'s with m = phi(z) / Phi(-z). */
    public static double lccdfGrad(double y, double mu, double sigma, double[] d) {
        return cdfGrad(y, mu, sigma, d, -1.0);
    }

    /** log Phi(sign z) and its partials (sign = 1: lcdf, -1: lccdf). */
    private static double cdfGrad(double y, double mu, double sigma, double[] d, double sign) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        double inv = 1.0 / sigma;
        double z = (y - mu) * inv;
        double t = sign * z;
        double m = Double.isInfinite(z) ? 0.0 : sign * Numerics.inverseMillsRatio(t) * inv;
        d[0] = m;
        d[1] = -m;
        d[2] = -m * (Double.isInfinite(z) ? 0.0 : z);
        return Numerics.logPhiFullRange(t);
    }

    /** One draw: mu + sigma Z, Z standard normal by the ziggurat method. */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("normal", "mu", mu);
        Arguments.positive("normal", "sigma", sigma);
        return mu + sigma * ZigguratSampler.NormalizedGaussian.of(rng).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(2 pi) / 2; -log(sigma) when sigma is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double sigma) {
        if (Propto.all(data, 2)) return lpdf(y, mu, sigma);
        return -Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 2) ? Math.log(sigma) : 0.0);
    }
}
