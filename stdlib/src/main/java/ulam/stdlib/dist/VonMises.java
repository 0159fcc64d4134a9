package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.BesselI;
import ulam.stdlib.math.Memo;
import ulam.stdlib.math.Numerics;

/**
 * The von Mises distribution von_mises(y | mu, kappa) on the circle: location mu (real, finite),
 * concentration kappa &gt; 0; outcome y real (an angle in radians; the density has period 2 pi).
 * Stan Functions Reference, "Von Mises distribution":
 * log density = kappa cos(y - mu) - log(2 pi) - log I0(kappa), I0 the modified Bessel function of
 * the first kind of order 0, evaluated as kappa (cos(y - mu) - 1) - log(2 pi) - log(I0(kappa) e^-kappa)
 * so that it stays accurate for large kappa ({@link BesselI}: relative accuracy about 1e-15 for
 * every kappa). log(I0(kappa) e^-kappa) and I1(kappa) / I0(kappa) are kept per thread for the last
 * kappa ({@link Memo}). -inf for y infinite; NaN for mu not finite or kappa not positive and
 * finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class VonMises {
    private VonMises() {}

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    /** Per-thread {kappa, log(I0(kappa) e^-kappa), I1(kappa) / I0(kappa)}; see {@link Memo}. */
    private static final ThreadLocal<double[]> MEMO = Memo.create(3);

    private static double[] specials(double kappa) {
        double[] m = MEMO.get();
        if (m[0] != kappa) {
            m[1] = BesselI.logI0Scaled(kappa);
            m[2] = BesselI.i1OverI0(kappa);
            m[0] = kappa;
        }
        return m;
    }

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double mu, double kappa) {
        if (!valid(mu, kappa)) {
            return Double.NaN;
        }
        if (Double.isInfinite(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        return kappa * (Math.cos(y - mu) - 1.0) - LOG_TWO_PI - specials(kappa)[1];
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials: d[0] = -kappa sin(y - mu),
     * d[1] = kappa sin(y - mu), d[2] = d/dkappa = cos(y - mu) - I1(kappa) / I0(kappa).
     */
    public static double kernel(double y, double mu, double kappa, double[] d) {
        if (!valid(mu, kappa)) {
            return Double.NaN;
        }
        if (Double.isInfinite(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = y - mu;
        double cos = Math.cos(r);
        double ks = kappa * Math.sin(r);
        double[] m = specials(kappa);
        d[0] = -ks;
        d[1] = ks;
        d[2] = cos - m[2];
        return kappa * (cos - 1.0) - LOG_TWO_PI - m[1];
    }

    private static boolean valid(double mu, double kappa) {
        return Numerics.isFinite(mu) && Numerics.isPositiveFinite(kappa);
    }

    /** Below this concentration a draw is uniform on the circle (the density differs from uniform by under 1e-8). */
    private static final double UNIFORM_KAPPA = 1e-8;

    /**
     * One draw in [mu - pi, mu + pi], by the rejection algorithm of D. J. Best and N. I. Fisher,
     * "Efficient simulation of the von Mises distribution", Applied Statistics 28 (1979) 152-157,
     * with its constant rho = (tau - sqrt(2 tau)) / (2 kappa), tau = 1 + sqrt(1 + 4 kappa^2), rewritten
     * as 2 kappa tau / ((sqrt(1 + 4 kappa^2) + 1) (tau + sqrt(2 tau))) so that it does not cancel for
     * small kappa. (Stan's {@code von_mises_rng} returns the same law shifted by a multiple of 2 pi.)
     */
    public static double rng(UniformRandomProvider rng, double mu, double kappa) {
        Arguments.finite("von_mises", "mu", mu);
        Arguments.positive("von_mises", "kappa", kappa);
        if (kappa < UNIFORM_KAPPA) {
            return mu + Math.PI * (2.0 * rng.nextDouble() - 1.0);
        }
        double root = Math.sqrt(1.0 + 4.0 * kappa * kappa);
        double tau = 1.0 + root;
        double rho = 2.0 * kappa * tau / ((root + 1.0) * (tau + Math.sqrt(2.0 * tau)));
        double r = (1.0 + rho * rho) / (2.0 * rho);
        double f;
        while (true) {
            double z = Math.cos(Math.PI * rng.nextDouble());
            f = (1.0 + r * z) / (r + z);
            double c = kappa * (r - f);
            double u2 = rng.nextDouble();
            if (c * (2.0 - c) > u2 || Math.log(c / u2) + 1.0 - c >= 0) {
                break;
            }
        }
        double angle = Math.acos(Math.max(-1.0, Math.min(1.0, f)));
        return rng.nextBoolean() ? mu + angle : mu - angle;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(2 pi); -log I0(kappa) when kappa is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double mu, double kappa) {
        if (Propto.all(data, 2)) return lpdf(y, mu, kappa);
        return -LOG_TWO_PI - (Propto.data(data, 2) ? kappa + specials(kappa)[1] : 0.0);
    }
}
