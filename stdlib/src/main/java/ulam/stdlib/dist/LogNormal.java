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


    /** log P(Y &lt;= y) = log Phi((log y - mu) / sigma); -inf for y &lt;= 0; NaN for invalid arguments. */
    public static double lcdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Numerics.logPhiFullRange((Math.log(y) - mu) / sigma);
    }

    /** log P(Y &gt; y) = log Phi(-(log y - mu) / sigma); 0 for y &lt;= 0; NaN for invalid arguments. */
    public static double lccdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y <= 0) {
            return 0.0;
        }
        return Numerics.logPhiFullRange((mu - Math.log(y)) / sigma);
    }

    /**
     * {@link #lcdf} and its partials, with z = (log y - mu) / sigma and m = phi(z) / Phi(z):
     * d[0] = m / (sigma y), d[1] = -m / sigma, d[2] = -m z / sigma (unspecified for y &lt;= 0,
     * 0 at y = +inf).
     */
    public static double lcdfGrad(double y, double mu, double sigma, double[] d) {
        return cdfGrad(y, mu, sigma, d, 1.0);
    }

    /** {@link #lccdf} and its partials, as {@link #lcdfGrad} with m = -phi(z) / Phi(-z) (all 0 for y &lt;= 0). */
    public static double lccdfGrad(double y, double mu, double sigma, double[] d) {
        return cdfGrad(y, mu, sigma, d, -1.0);
    }

    private static double cdfGrad(double y, double mu, double sigma, double[] d, double sign) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y <= 0) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return sign > 0 ? Double.NEGATIVE_INFINITY : 0.0;
        }
        double inv = 1.0 / sigma;
        double z = (Math.log(y) - mu) * inv;
        double t = sign * z;
        boolean infinite = Double.isInfinite(z);
        double m = infinite ? 0.0 : sign * Numerics.inverseMillsRatio(t) * inv;
        d[0] = infinite ? 0.0 : m / y;
        d[1] = -m;
        d[2] = infinite ? 0.0 : -m * z;
        return Numerics.logPhiFullRange(t);
    }

    /** One draw: exp(mu + sigma Z), Z standard normal (ziggurat). */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("lognormal", "mu", mu);
        Arguments.positive("lognormal", "sigma", sigma);
        return Math.exp(mu + sigma * ZigguratSampler.NormalizedGaussian.of(rng).sample());
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(2 pi) / 2; -log(sigma) when sigma is data; -log(y) when y is; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double sigma) {
        if (Propto.all(data, 2)) return lpdf(y, mu, sigma);
        return -Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 2) ? Math.log(sigma) : 0.0) - (Propto.data(data, 0) ? Math.log(y) : 0.0);
    }
}
