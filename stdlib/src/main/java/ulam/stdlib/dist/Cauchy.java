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


    /**
     * log P(Y &lt;= y) = log(atan2(1, -z) / pi), z = (y - mu) / sigma: the angle form of
     * 1/2 + atan(z) / pi, which keeps its relative precision in the lower tail (about 1 / (pi |z|))
     * where 1/2 + atan(z) / pi would cancel. NaN for invalid arguments.
     */
    public static double lcdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        return Math.log(Math.atan2(1.0, (mu - y) / sigma)) - Numerics.LOG_PI;
    }

    /** log P(Y &gt; y) = log(atan2(1, z) / pi); NaN for invalid arguments. */
    public static double lccdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        return Math.log(Math.atan2(1.0, (y - mu) / sigma)) - Numerics.LOG_PI;
    }

    /**
     * {@link #lcdf} and its partials: with A = atan2(1, -z) (pi times the probability) and
     * g = 1 / ((1 + z^2) A) = d log F / dz, d[0] = g / sigma, d[1] = -g / sigma, d[2] = -g z / sigma
     * (0 at infinite y).
     */
    public static double lcdfGrad(double y, double mu, double sigma, double[] d) {
        return cdfGrad(y, mu, sigma, d, 1.0);
    }

    /** {@link #lccdf} and its partials, as {@link #lcdfGrad} with A = atan2(1, z) and g negated. */
    public static double lccdfGrad(double y, double mu, double sigma, double[] d) {
        return cdfGrad(y, mu, sigma, d, -1.0);
    }

    private static double cdfGrad(double y, double mu, double sigma, double[] d, double sign) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        double inv = 1.0 / sigma;
        double z = (y - mu) * inv;
        double angle = Math.atan2(1.0, -sign * z);
        double g;
        if (Double.isInfinite(z)) {
            g = 0.0;
        } else {
            double az = Math.abs(z);
            // (1 + z^2) A, arranged not to overflow for |z| up to the largest double
            double denominator = az > 1.0 ? (az * angle) * (az + 1.0 / az) : (1.0 + z * z) * angle;
            g = sign / denominator;
        }
        double gz = g * inv;
        d[0] = gz;
        d[1] = -gz;
        d[2] = Double.isInfinite(z) ? 0.0 : -gz * z;
        return Math.log(angle) - Numerics.LOG_PI;
    }

    /** One draw by inversion: mu + sigma tan(pi (U - 1/2)). */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("cauchy", "mu", mu);
        Arguments.positive("cauchy", "sigma", sigma);
        return mu + sigma * Math.tan(Math.PI * (rng.nextDouble() - 0.5));
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(pi); -log(sigma) when sigma is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double sigma) {
        if (Propto.all(data, 2)) return lpdf(y, mu, sigma);
        return -Numerics.LOG_PI - (Propto.data(data, 2) ? Math.log(sigma) : 0.0);
    }
}
