package ulam.stdlib.math;

/**
 * The modified Bessel functions of the first kind of orders 0 and 1, as the von Mises
 * distribution needs them: log I0(x) (its normaliser) and the ratio I1(x) / I0(x) (the derivative
 * of log I0). Abramowitz and Stegun, Handbook of Mathematical Functions, 9.6.10 and 9.7.1:
 * <ul>
 *   <li>for x &lt;= {@link #SERIES_LIMIT} the power series I0(x) = sum_k (x^2/4)^k / (k!)^2 and
 *       I1(x) = (x/2) sum_k (x^2/4)^k / (k! (k+1)!), whose terms are all positive, so the sums
 *       are accurate to a few ulps (at most about 60 terms);</li>
 *   <li>above, the asymptotic expansion I_nu(x) ~ e^x / sqrt(2 pi x) sum_k t_k with t_0 = 1 and
 *       t_k = t_{k-1} ((2k-1)^2 - 4 nu^2) / (8 k x), summed until the terms fall below 1e-17
 *       (at most about 20 terms; the smallest term, near k = 2x, is below e^-2x &lt; 1e-21, so the
 *       truncation error is negligible), and log I0 taken as x - log(2 pi x) / 2 + log(sum), which
 *       never overflows.</li>
 * </ul>
 * Relative accuracy about 1e-15 for log I0 (absolute 1e-15 near x = 0 where log I0 is near 0) and
 * for the ratio, for every x &gt;= 0 (checked against numerical integration of the defining integral
 * in the tests). Nothing allocates or throws.
 */
public final class BesselI {
    private BesselI() {}

    /** Where the power series gives way to the asymptotic expansion. */
    public static final double SERIES_LIMIT = 25;

    /** log I0(x) (I0 is even, so |x| is used); NaN for NaN; +inf at +-inf. */
    public static double logI0(double x) {
        double ax = Math.abs(x);
        if (ax <= SERIES_LIMIT) {
            return Numerics.log1p(seriesI0MinusOne(ax));
        }
        return ax == Double.POSITIVE_INFINITY ? ax : logI0Scaled(ax) + ax;
    }

    /**
     * log(I0(x) e^-|x|), the exponentially scaled log I0, which for large x is computed without
     * the cancellation that log I0(x) - x would suffer: -log(2 pi |x|) / 2 + log(sum); -inf at +-inf.
     */
    public static double logI0Scaled(double x) {
        x = Math.abs(x);
        if (x <= SERIES_LIMIT) {
            return Numerics.log1p(seriesI0MinusOne(x)) - x;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return -0.5 * Math.log(2 * Math.PI * x) + Math.log(asymptoticSum(x, 0));
    }

    /** I1(x) / I0(x) = d log I0(x) / dx, in [0, 1) for x &gt;= 0; odd in x; NaN for NaN; 1 at +inf. */
    public static double i1OverI0(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax <= SERIES_LIMIT) {
            double q = 0.25 * ax * ax;
            double t0 = 1;
            double t1 = 0.5 * ax;
            double s0 = t0;
            double s1 = t1;
            for (int k = 1; k < 200; k++) {
                double f = q / ((double) k * k);
                t0 *= f;
                t1 *= q / ((double) k * (k + 1));
                s0 += t0;
                s1 += t1;
                if (t0 <= 1e-17 * s0 && t1 <= 1e-17 * s1) {
                    break;
                }
            }
            r = s1 / s0;
        } else if (ax == Double.POSITIVE_INFINITY) {
            r = 1;
        } else {
            r = asymptoticSum(ax, 1) / asymptoticSum(ax, 0);
        }
        return x < 0 ? -r : r;
    }

    /** I0(x) - 1 by the power series without its leading 1 (so log1p keeps tiny x's log I0 = x^2/4). */
    private static double seriesI0MinusOne(double x) {
        double q = 0.25 * x * x;
        double t = 1;
        double s = 0;
        for (int k = 1; k < 200; k++) {
            t *= q / ((double) k * k);
            s += t;
            if (t <= 1e-17 * (1.0 + s)) {
                break;
            }
        }
        return s;
    }

    /** sum_k t_k of the asymptotic expansion of I_nu(x) e^-x sqrt(2 pi x), nu = 0 or 1. */
    private static double asymptoticSum(double x, int nu) {
        double fourNu2 = 4.0 * nu * nu;
        double t = 1;
        double s = 1;
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 1; k < 60; k++) {
            double odd = 2.0 * k - 1.0;
            t *= (odd * odd - fourNu2) / (8.0 * k * x);
            double size = Math.abs(t);
            if (size > previous) {
                break; // the asymptotic series has started to diverge (does not happen for x > 25)
            }
            s += t;
            previous = size;
            if (size <= 1e-17 * Math.abs(s)) {
                break;
            }
        }
        return s;
    }
}
