package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The half-normal distribution half_normal(y | mu, sigma): the normal(mu, sigma) truncated to
 * y &gt;= 0 and renormalised, mu real and finite, sigma &gt; 0; outcome y &gt;= 0.
 * log density = normal_lpdf(y | mu, sigma) - log(1 - Phi(-mu / sigma))
 * = normal_lpdf(y | mu, sigma) - log Phi(mu / sigma), which is normal_lpdf + log 2 at mu = 0
 * (Stan Functions Reference, "Normal distribution" and "Truncated distributions"; rethinking's
 * {@code dhalfnorm}). -inf for y &lt; 0; other rules in {@link ulam.stdlib.dist}.
 */
public final class HalfNormal {
    private HalfNormal() {}

    /** The log density, natural log, normalised over y &gt;= 0; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (y - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - Numerics.HALF_LOG_TWO_PI - logNormaliser(mu, sigma);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials. With z = (y - mu) / sigma,
     * t = mu / sigma and m = phi(t) / Phi(t) (the inverse Mills ratio):
     * d[0] = -z / sigma, d[1] = z / sigma - m / sigma, d[2] = (z^2 - 1) / sigma + m t / sigma.
     * At mu = 0 the normaliser is the constant log(1/2) and no error function is evaluated.
     */
    public static double kernel(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double inv = 1.0 / sigma;
        double z = (y - mu) * inv;
        double dmu = z * inv;
        double logNormaliser;
        double mills;
        double t;
        if (mu == 0) {
            logNormaliser = -Numerics.LOG_TWO;
            mills = Numerics.SQRT_TWO_OVER_PI;
            t = 0;
        } else {
            t = mu * inv;
            logNormaliser = Numerics.logPhi(t);
            mills = Numerics.inverseMillsRatio(t);
        }
        d[0] = -dmu;
        d[1] = dmu - mills * inv;
        d[2] = (z * z - 1.0 + mills * t) * inv;
        return -0.5 * z * z - Math.log(sigma) - Numerics.HALF_LOG_TWO_PI - logNormaliser;
    }

    /** log P(Y &gt;= 0) for Y ~ normal(mu, sigma), i.e. log Phi(mu / sigma). */
    private static double logNormaliser(double mu, double sigma) {
        return mu == 0 ? -Numerics.LOG_TWO : Numerics.logPhi(mu / sigma);
    }

    /**
     * One draw. With a = -mu / sigma (the truncation point in standard units): for a &lt; 0.5,
     * normal draws are rejected until one is &gt;= a (acceptance probability above 0.3); beyond,
     * the exponential rejection sampler of C. P. Robert, "Simulation of truncated normal
     * variables", Statistics and Computing 5 (1995) 121-125, which stays efficient far into the
     * tail.
     */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("half_normal", "mu", mu);
        Arguments.positive("half_normal", "sigma", sigma);
        double a = -mu / sigma;
        double z;
        if (a < 0.5) {
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            do {
                z = normal.sample();
            } while (z < a);
        } else {
            double lambda = 0.5 * (a + Math.sqrt(a * a + 4.0));
            ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
            double excess;
            do {
                z = a + exponential.sample() / lambda;
                excess = z - lambda;
            } while (rng.nextDouble() > Math.exp(-0.5 * excess * excess));
        }
        return Math.max(0.0, mu + sigma * z);
    }
}
