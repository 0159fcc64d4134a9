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


    /**
     * log P(Y &lt;= y) = log((Phi(z) - Phi(-t)) / Phi(t)), z = (y - mu) / sigma, t = mu / sigma: the
     * normal probability of [-t, z], an interval of width y / sigma, by
     * {@link Numerics#logPhiInterval}, accurate for y near 0 and in the tails (at mu = 0 this is
     * log erf(y / (sigma sqrt 2))). -inf for y &lt;= 0; NaN for invalid arguments.
     */
    public static double lcdf(double y, double mu, double sigma) {
        return lowerTail(y, mu, sigma, null);
    }

    /** log P(Y &gt; y) = log(Phi(-z) / Phi(t)); 0 for y &lt;= 0; NaN for invalid arguments. */
    public static double lccdf(double y, double mu, double sigma) {
        return upperTail(y, mu, sigma, null);
    }

    /**
     * {@link #lcdf} and its partials. With lo = -t, w = y / sigma (so z = lo + w),
     * D = Phi(z) - Phi(lo), g = phi(z) / D, h = phi(lo) / D and m = phi(t) / Phi(t):
     * d[0] = g / sigma, d[1] = (h - g - m) / sigma, d[2] = (m t + lo (h - g) - g w) / sigma, where
     * h - g = -(phi(lo) / D) expm1(-w (2 lo + w) / 2) does not cancel for small y. Where F &gt; 1/2
     * they are taken instead as -((1 - F) / F) times those of {@link #lccdfGrad}, which do not
     * cancel as F nears 1. 0 at y = +inf; unspecified for y &lt;= 0.
     */
    public static double lcdfGrad(double y, double mu, double sigma, double[] d) {
        return lowerTail(y, mu, sigma, d);
    }

    /**
     * {@link #lccdf} and its partials, with n = phi(z) / Phi(-z) and m = phi(t) / Phi(t):
     * d[0] = -n / sigma, d[1] = (n - m) / sigma, d[2] = (n z + m t) / sigma; where 1 - F &gt; 1/2,
     * -(F / (1 - F)) times those of {@link #lcdfGrad} instead (all 0 for y &lt;= 0).
     */
    public static double lccdfGrad(double y, double mu, double sigma, double[] d) {
        return upperTail(y, mu, sigma, d);
    }

    private static double lowerTail(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == Double.POSITIVE_INFINITY) {
            if (d != null) {
                d[0] = 0.0;
                d[1] = 0.0;
                d[2] = 0.0;
            }
            return 0.0;
        }
        double inv = 1.0 / sigma;
        double t = mu * inv;
        double lo = -t;
        double w = y * inv;
        double logD = Numerics.logPhiInterval(lo, w);
        double logNormaliser = Numerics.logPhiFullRange(t);
        double value = Math.min(0.0, logD - logNormaliser);
        if (d != null && value > -Numerics.LOG_TWO) {
            // F > 1/2: the partials of log F lose digits to cancellation as F nears 1, but those of
            // log(1 - F) do not, and F d log F = -(1 - F) d log(1 - F)
            double upper = upperTail(y, mu, sigma, d);
            double ratio = -Math.exp(upper - value);
            d[0] *= ratio;
            d[1] *= ratio;
            d[2] *= ratio;
        } else if (d != null) {
            double z = lo + w;
            double g = Math.exp(Numerics.logStandardNormalDensity(z) - logD);
            double hMinusG = -Math.exp(Numerics.logStandardNormalDensity(lo) - logD) * Math.expm1(-0.5 * w * (2.0 * lo + w));
            double m = Numerics.inverseMillsRatio(t);
            d[0] = g * inv;
            d[1] = (hMinusG - m) * inv;
            d[2] = (m * t + lo * hMinusG - g * w) * inv;
        }
        return value;
    }

    private static double upperTail(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y <= 0) {
            if (d != null) {
                d[0] = 0.0;
                d[1] = 0.0;
                d[2] = 0.0;
            }
            return y == y ? 0.0 : Double.NaN;
        }
        double inv = 1.0 / sigma;
        double t = mu * inv;
        double z = y * inv - t;
        double value = Math.min(0.0, Numerics.logPhiFullRange(-z) - Numerics.logPhiFullRange(t));
        if (d != null && value > -Numerics.LOG_TWO) {
            // 1 - F > 1/2: the partials of log(1 - F) cancel as F nears 0, those of log F do not
            double lower = lowerTail(y, mu, sigma, d);
            double ratio = -Math.exp(lower - value);
            d[0] *= ratio;
            d[1] *= ratio;
            d[2] *= ratio;
        } else if (d != null) {
            double n = Double.isInfinite(z) ? 0.0 : Numerics.inverseMillsRatio(-z);
            double m = Numerics.inverseMillsRatio(t);
            d[0] = -n * inv;
            d[1] = (n - m) * inv;
            d[2] = (n * (Double.isInfinite(z) ? 0.0 : z) + m * t) * inv;
        }
        return value;
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

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(2 pi) / 2; -log(sigma) when sigma is data; -log Phi(mu / sigma) (the truncation's log 2 at mu = 0) when mu and sigma are (Stan's program writes normal(mu, sigma) on a parameter with lower bound 0); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double sigma) {
        if (Propto.all(data, 2)) return lpdf(y, mu, sigma);
        return -Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 2) ? Math.log(sigma) : 0.0)
                - (Propto.data(data, 1, 2) ? logNormaliser(mu, sigma) : 0.0);
    }
}
