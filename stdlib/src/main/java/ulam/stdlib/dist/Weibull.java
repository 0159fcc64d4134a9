package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The Weibull distribution weibull(y | alpha, sigma) (R's {@code dweibull(shape, scale)}): shape
 * alpha &gt; 0, scale sigma &gt; 0; outcome y &gt;= 0. Stan Functions Reference, "Weibull
 * distribution": with t = (y / sigma)^alpha,
 * log density = log(alpha) - log(sigma) + (alpha - 1) log(y / sigma) - t,
 * and the distribution function F(y) = 1 - e^-t, so log F = log1m_exp(-t) and log(1 - F) = -t,
 * exact in both tails. log(y / sigma) is taken as log(y) - log(sigma) so that it neither
 * underflows nor overflows. -inf for y &lt; 0; at y = 0 the limit (+inf for alpha &lt; 1,
 * -log(sigma) for alpha = 1, -inf for alpha &gt; 1); -inf at y = +inf; other rules in
 * {@link ulam.stdlib.dist}.
 */
public final class Weibull {
    private Weibull() {}

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double alpha, double sigma) {
        if (!valid(alpha, sigma)) {
            return Double.NaN;
        }
        if (y < 0 || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double logRatio = Math.log(y) - Math.log(sigma);
        return value(alpha, sigma, logRatio, Math.exp(alpha * logRatio));
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with l = log(y / sigma):
     * d[0] = (alpha - 1 - alpha t) / y, d[1] = d/dalpha = 1 / alpha + l (1 - t),
     * d[2] = d/dsigma = alpha (t - 1) / sigma.
     */
    public static double kernel(double y, double alpha, double sigma, double[] d) {
        if (!valid(alpha, sigma)) {
            return Double.NaN;
        }
        if (y < 0 || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double logRatio = Math.log(y) - Math.log(sigma);
        double t = Math.exp(alpha * logRatio);
        d[0] = (alpha - 1.0 - alpha * t) / y;
        d[1] = 1.0 / alpha + logRatio * (1.0 - t);
        d[2] = alpha * (t - 1.0) / sigma;
        return value(alpha, sigma, logRatio, t);
    }

    /** log(alpha / sigma) + (alpha - 1) l - t; the power term is 0 when alpha = 1 (also at y = 0). */
    private static double value(double alpha, double sigma, double logRatio, double t) {
        double power = alpha == 1.0 ? 0.0 : (alpha - 1.0) * logRatio;
        return Math.log(alpha) - Math.log(sigma) + power - t;
    }

    /** log P(Y &lt;= y) = log1m_exp(-t); -inf for y &lt;= 0; NaN for invalid arguments. */
    public static double lcdf(double y, double alpha, double sigma) {
        if (!valid(alpha, sigma)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Numerics.log1mExp(-Math.exp(alpha * (Math.log(y) - Math.log(sigma))));
    }

    /** log P(Y &gt; y) = -t; 0 for y &lt;= 0; NaN for invalid arguments. */
    public static double lccdf(double y, double alpha, double sigma) {
        if (!valid(alpha, sigma)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return y == y ? 0.0 : Double.NaN;
        }
        return -Math.exp(alpha * (Math.log(y) - Math.log(sigma)));
    }

    /**
     * {@link #lcdf} and its partials, with r = t / expm1(t) (1 in the limit t = 0):
     * d[0] = alpha r / y, d[1] = r l, d[2] = -alpha r / sigma. Partials unspecified for y &lt;= 0,
     * 0 at y = +inf.
     */
    public static double lcdfGrad(double y, double alpha, double sigma, double[] d) {
        if (!valid(alpha, sigma)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == Double.POSITIVE_INFINITY) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return 0.0;
        }
        double logRatio = Math.log(y) - Math.log(sigma);
        double t = Math.exp(alpha * logRatio);
        double r = t == 0 ? 1.0 : t > 750 ? 0.0 : t < 700 ? t / Math.expm1(t) : t * Math.exp(-t);
        d[0] = alpha * r / y;
        d[1] = r * logRatio;
        d[2] = -alpha * r / sigma;
        return Numerics.log1mExp(-t);
    }

    /**
     * {@link #lccdf} and its partials: d[0] = -alpha t / y, d[1] = -t l, d[2] = alpha t / sigma;
     * all 0 for y &lt;= 0.
     */
    public static double lccdfGrad(double y, double alpha, double sigma, double[] d) {
        if (!valid(alpha, sigma)) {
            return Double.NaN;
        }
        if (y <= 0) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return y == y ? 0.0 : Double.NaN;
        }
        double logRatio = Math.log(y) - Math.log(sigma);
        double t = Math.exp(alpha * logRatio);
        d[0] = -alpha * t / y;
        d[1] = -t * logRatio;
        d[2] = alpha * t / sigma;
        return -t;
    }

    private static boolean valid(double alpha, double sigma) {
        return Numerics.isPositiveFinite(alpha) && Numerics.isPositiveFinite(sigma);
    }

    /** One draw by inversion: sigma E^(1 / alpha), E a standard exponential variate (ziggurat). */
    public static double rng(UniformRandomProvider rng, double alpha, double sigma) {
        Arguments.positive("weibull", "alpha", alpha);
        Arguments.positive("weibull", "sigma", sigma);
        return sigma * Math.exp(Math.log(ZigguratSampler.Exponential.of(rng).sample()) / alpha);
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log(alpha) when alpha is data; (alpha - 1) log(y) when y and alpha are; -alpha log(sigma) when alpha and sigma are; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double alpha, double sigma) {
        if (Propto.all(data, 2)) return lpdf(y, alpha, sigma);
        if (!Propto.data(data, 1)) return 0.0;
        double c = Math.log(alpha);
        if (Propto.data(data, 0)) c += (alpha - 1.0) * Math.log(y);
        if (Propto.data(data, 2)) c -= alpha * Math.log(sigma);
        return c;
    }
}
