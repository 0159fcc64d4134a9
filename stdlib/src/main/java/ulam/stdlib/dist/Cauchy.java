package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The Cauchy distribution cauchy(y | mu, sigma): location mu (real, finite), scale sigma &gt; 0;
 * outcome y real. Stan Functions Reference, "Cauchy distribution":
 * log Cauchy(y | mu, sigma) = -log(pi) - log(sigma) - log(1 + ((y - mu) / sigma)^2),
 * evaluated here as -log(pi) - log(sigma + (y - mu)^2 / sigma) (one log).
 * Rules for invalid input and {@code d}: {@link ulam.stdlib.dist}.
 */
public final class Cauchy {
    private Cauchy() {}

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        double r = y - mu;
        return -Numerics.LOG_PI - Math.log(sigma + r * r / sigma);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with r = y - mu:
     * d[0] = -2 r / (sigma^2 + r^2), d[1] = -d[0], d[2] = (r^2 - sigma^2) / (sigma (sigma^2 + r^2)).
     */
    public static double kernel(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        double r = y - mu;
        double r2 = r * r;
        double s2 = sigma * sigma;
        double inv = 1.0 / (s2 + r2);
        double dmu = 2.0 * r * inv;
        d[0] = -dmu;
        d[1] = dmu;
        d[2] = (r2 - s2) * inv / sigma;
        return -Numerics.LOG_PI - Math.log(sigma + r2 / sigma);
    }

    /** One draw by inversion: mu + sigma tan(pi (U - 1/2)). */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("cauchy", "mu", mu);
        Arguments.positive("cauchy", "sigma", sigma);
        return mu + sigma * Math.tan(Math.PI * (rng.nextDouble() - 0.5));
    }
}
