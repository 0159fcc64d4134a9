package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The lognormal distribution lognormal(y | mu, sigma): log(y) ~ normal(mu, sigma), mu real and
 * finite (the mean of log y), sigma &gt; 0; outcome y &gt; 0. Stan Functions Reference, "Lognormal
 * distribution": with z = (log y - mu) / sigma,
 * log density = -log(y) - log(sigma) - log(2 pi) / 2 - z^2 / 2.
 * -inf for y &lt;= 0; other rules in {@link ulam.stdlib.dist}.
 */
public final class LogNormal {
    private LogNormal() {}

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (!(y > 0)) {
            return y <= 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        double logY = Math.log(y);
        double z = (logY - mu) / sigma;
        return -0.5 * z * z - logY - Math.log(sigma) - Numerics.HALF_LOG_TWO_PI;
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, z = (log y - mu) / sigma:
     * d[0] = -(1 + z / sigma) / y, d[1] = z / sigma, d[2] = (z^2 - 1) / sigma.
     */
    public static double kernel(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (!(y > 0)) {
            return y <= 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        double invSigma = 1.0 / sigma;
        double logY = Math.log(y);
        double z = (logY - mu) * invSigma;
        double dmu = z * invSigma;
        d[0] = -(1.0 + dmu) / y;
        d[1] = dmu;
        d[2] = (z * z - 1.0) * invSigma;
        return -0.5 * z * z - logY - Math.log(sigma) - Numerics.HALF_LOG_TWO_PI;
    }

    /** One draw: exp(mu + sigma Z), Z standard normal (ziggurat). */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("lognormal", "mu", mu);
        Arguments.positive("lognormal", "sigma", sigma);
        return Math.exp(mu + sigma * ZigguratSampler.NormalizedGaussian.of(rng).sample());
    }
}
