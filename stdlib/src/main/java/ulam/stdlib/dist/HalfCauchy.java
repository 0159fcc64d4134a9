package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The half-Cauchy distribution half_cauchy(y | mu, sigma): the cauchy(mu, sigma) truncated to
 * y &gt;= 0 and renormalised, mu real and finite, sigma &gt; 0; outcome y &gt;= 0.
 * log density = cauchy_lpdf(y | mu, sigma) - log(1 - F(0)) with
 * 1 - F(0) = 1/2 + atan(mu / sigma) / pi, which is cauchy_lpdf + log 2 at mu = 0
 * (Stan Functions Reference, "Cauchy distribution" and "Truncated distributions"; rethinking's
 * {@code dhalfcauchy}). -inf for y &lt; 0; other rules in {@link ulam.stdlib.dist}.
 */
public final class HalfCauchy {
    private HalfCauchy() {}

    /** The log density, natural log, normalised over y &gt;= 0; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double sigma) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = y - mu;
        double mass = mu == 0 ? 0.5 : massAboveZero(mu / sigma);
        return -Numerics.LOG_PI - Math.log(sigma + r * r / sigma) - Math.log(mass);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials. With r = y - mu,
     * t = mu / sigma, c = 1/2 + atan(t) / pi and g = 1 / (pi c (1 + t^2)) (so that
     * d log c / dt = g): d[0] = -2 r / (sigma^2 + r^2), d[1] = 2 r / (sigma^2 + r^2) - g / sigma,
     * d[2] = (r^2 - sigma^2) / (sigma (sigma^2 + r^2)) + g t / sigma.
     */
    public static double kernel(double y, double mu, double sigma, double[] d) {
        if (!(Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu))) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = y - mu;
        double r2 = r * r;
        double s2 = sigma * sigma;
        double inv = 1.0 / (s2 + r2);
        double invSigma = 1.0 / sigma;
        double dmu = 2.0 * r * inv;
        double logMass;
        double g;
        double t;
        if (mu == 0) {
            logMass = -Numerics.LOG_TWO;
            g = 2.0 / Math.PI;
            t = 0;
        } else {
            t = mu * invSigma;
            double mass = massAboveZero(t);
            logMass = Math.log(mass);
            g = 1.0 / (Math.PI * mass * (1.0 + t * t));
        }
        d[0] = -dmu;
        d[1] = dmu - g * invSigma;
        d[2] = ((r2 - s2) * inv + g * t) * invSigma;
        return -Numerics.LOG_PI - Math.log(sigma + r2 * invSigma) - logMass;
    }

    /**
     * P(Y &gt;= 0) for a standard Cauchy shifted by t: 1/2 + atan(t) / pi, computed for t &lt; -1
     * as atan(-1/t) / pi to avoid the cancellation of 1/2 - 1/2.
     */
    private static double massAboveZero(double t) {
        if (t < -1) {
            return Math.atan(-1.0 / t) / Math.PI;
        }
        return 0.5 + Math.atan(t) / Math.PI;
    }

    /**
     * One draw by inversion of the truncated distribution function: with t = mu / sigma,
     * c = P(Y &gt;= 0) and U uniform, y = mu + sigma tan(pi U c - atan(t)), which is 0 at U = 0.
     */
    public static double rng(UniformRandomProvider rng, double mu, double sigma) {
        Arguments.finite("half_cauchy", "mu", mu);
        Arguments.positive("half_cauchy", "sigma", sigma);
        double t = mu / sigma;
        double c = massAboveZero(t);
        return Math.max(0.0, mu + sigma * Math.tan(Math.PI * rng.nextDouble() * c - Math.atan(t)));
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(pi); -log(sigma) when sigma is data; -log P(Y >= 0) when mu and sigma are (Stan's program writes cauchy(mu, sigma) on a parameter with lower bound 0); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double sigma) {
        if (Propto.all(data, 2)) return lpdf(y, mu, sigma);
        return -Numerics.LOG_PI - (Propto.data(data, 2) ? Math.log(sigma) : 0.0)
                - (Propto.data(data, 1, 2) ? Math.log(mu == 0 ? 0.5 : massAboveZero(mu / sigma)) : 0.0);
    }
}
