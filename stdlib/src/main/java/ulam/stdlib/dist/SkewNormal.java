package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.stdlib.math.Numerics;

/**
 * The skew normal distribution skew_normal(y | xi, omega, alpha) (A. Azzalini, Scand. J. Statist.
 * 12 (1985) 171-178): location xi (real, finite), scale omega &gt; 0, shape alpha (real, finite;
 * 0 gives normal(xi, omega)); outcome y real. Stan Functions Reference, "Skew normal
 * distribution": with z = (y - xi) / omega,
 * density = (1 / (omega sqrt(2 pi))) exp(-z^2 / 2) (1 + erf(alpha z / sqrt(2))) = 2 phi(z) Phi(alpha z) / omega,
 * so log density = log 2 - log(2 pi) / 2 - log(omega) - z^2 / 2 + log Phi(alpha z), the last term
 * by {@link Numerics#logPhi}, accurate deep in the tail where Phi(alpha z) underflows.
 * -inf for y infinite; other rules in {@link ulam.stdlib.dist}.
 */
public final class SkewNormal {
    private SkewNormal() {}

    private static final double LOG_TWO_MINUS_HALF_LOG_TWO_PI = Numerics.LOG_TWO - Numerics.HALF_LOG_TWO_PI;

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double xi, double omega, double alpha) {
        if (!valid(xi, omega, alpha)) {
            return Double.NaN;
        }
        if (Double.isInfinite(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (y - xi) / omega;
        return LOG_TWO_MINUS_HALF_LOG_TWO_PI - Math.log(omega) - 0.5 * z * z + Numerics.logPhi(alpha * z);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with m = phi(alpha z) /
     * Phi(alpha z) (the inverse Mills ratio, {@link Numerics#inverseMillsRatio}):
     * d[0] = (alpha m - z) / omega, d[1] = (z - alpha m) / omega,
     * d[2] = (z^2 - 1 - alpha m z) / omega, d[3] = m z.
     */
    public static double kernel(double y, double xi, double omega, double alpha, double[] d) {
        if (!valid(xi, omega, alpha)) {
            return Double.NaN;
        }
        if (Double.isInfinite(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        double inv = 1.0 / omega;
        double z = (y - xi) * inv;
        double az = alpha * z;
        double m = Numerics.inverseMillsRatio(az);
        double dy = (alpha * m - z) * inv;
        d[0] = dy;
        d[1] = -dy;
        d[2] = (z * z - 1.0 - az * m) * inv;
        d[3] = m * z;
        return LOG_TWO_MINUS_HALF_LOG_TWO_PI - Math.log(omega) - 0.5 * z * z + Numerics.logPhi(az);
    }

    private static boolean valid(double xi, double omega, double alpha) {
        return Numerics.isFinite(xi) && Numerics.isPositiveFinite(omega) && Numerics.isFinite(alpha);
    }

    /**
     * One draw by Azzalini's representation: with delta = alpha / sqrt(1 + alpha^2) and U, V
     * independent standard normals, delta |U| + sqrt(1 - delta^2) V is skew_normal(0, 1, alpha).
     */
    public static double rng(UniformRandomProvider rng, double xi, double omega, double alpha) {
        Arguments.finite("skew_normal", "xi", xi);
        Arguments.positive("skew_normal", "omega", omega);
        Arguments.finite("skew_normal", "alpha", alpha);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double scale = Math.sqrt(1.0 + alpha * alpha);
        double delta = alpha / scale;
        double rest = 1.0 / scale; // sqrt(1 - delta^2)
        if (Double.isInfinite(scale)) { // |alpha| beyond 1e154: a half-normal
            delta = Math.signum(alpha);
            rest = 0.0;
        }
        double z = delta * Math.abs(normal.sample()) + rest * normal.sample();
        return xi + omega * z;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(2 pi) / 2; -log(omega) when omega is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double xi, double omega, double alpha) {
        if (Propto.all(data, 3)) return lpdf(y, xi, omega, alpha);
        return -Numerics.HALF_LOG_TWO_PI - (Propto.data(data, 2) ? Math.log(omega) : 0.0);
    }
}
