package ulam.stdlib.math;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Numerical building blocks shared by the densities, the language functions and the transforms:
 * a fast accurate {@code log1p}, the logistic family evaluated without overflow, and thin wrappers
 * over the special functions of commons-numbers-gamma. All methods are static, scalar, take and
 * return natural-log quantities where a log is involved, allocate nothing and never throw.
 */
public final class Numerics {
    private Numerics() {}

    /** log(2 pi) / 2, the normal density's constant. */
    public static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** log(pi). */
    public static final double LOG_PI = Math.log(Math.PI);
    /** log(2). */
    public static final double LOG_TWO = Math.log(2);
    /** sqrt(2 / pi) = 2 phi(0): the standard normal density at 0 divided by Phi(0). */
    public static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
    /** 1 / sqrt(2). */
    public static final double INV_SQRT_TWO = 1 / Math.sqrt(2);

    /**
     * log(1 + x), natural log, accurate for tiny |x| (relative error below 1e-14, tested against
     * {@link Math#log1p} over the whole range) and faster than {@link Math#log1p}, which is not a
     * JIT intrinsic: the work is one intrinsic {@link Math#log}, a subtraction and a
     * multiply-add, with no division.
     *
     * <p>The idea is Kahan's (D. Goldberg, "What every computer scientist should know about
     * floating-point arithmetic", ACM Computing Surveys 23(1), 1991, Theorem 4): compute
     * u = fl(1 + x) and correct for its rounding. For |x| &lt;= 1 the rounding error
     * c = x - (u - 1) is exact (Dekker's Fast2Sum), and log(1 + x) = log(u + c) = log(u) + c / u
     * + O(c^2); here c / u is replaced by c (2 - u), whose error c (u - 1)^2 / u is below 2 ulp of
     * the result on [1/2, 2] (and c = 0 exactly below 1/2, where 1 + x is exact). When u == 1 this
     * returns exactly x. For u &gt;= 2 (x &gt;= 1) log(u) alone is accurate because log(u) &gt;= log 2.
     *
     * @param x any double
     * @return log(1 + x); -inf at x = -1; NaN for x &lt; -1 or NaN; +inf at +inf
     */
    public static double log1p(double x) {
        double u = 1.0 + x;
        if (!(u > 0.0 && u < 2.0)) {
            return Math.log(u); // x >= 1, x <= -1, or NaN
        }
        double c = x - (u - 1.0);
        return Math.log(u) + c * (2.0 - u);
    }

    /**
     * log(1 - x) = {@link #log1p}(-x) (Stan's {@code log1m}).
     *
     * @return log(1 - x); -inf at x = 1, NaN for x &gt; 1
     */
    public static double log1m(double x) {
        return log1p(-x);
    }

    /**
     * log(1 + exp(x)) without overflow (Stan's {@code log1p_exp}): x + log1p(exp(-x)) for
     * x &gt; 0, log1p(exp(x)) otherwise. One exp, one log.
     *
     * @return the softplus of x; +inf at +inf, 0 at -inf, NaN for NaN
     */
    public static double log1pExp(double x) {
        if (x > 0) {
            return x + log1p(Math.exp(-x));
        }
        return log1p(Math.exp(x));
    }

    /**
     * The logistic function 1 / (1 + exp(-x)) (Stan's {@code inv_logit}), evaluated with
     * exp(-|x|) so that nothing overflows and the result for very negative x keeps its
     * relative precision.
     *
     * @return a probability in [0, 1]; NaN for NaN
     */
    public static double invLogit(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * log(inv_logit(x)) = -log1p_exp(-x) (Stan's {@code log_inv_logit}); finite for all finite x.
     */
    public static double logInvLogit(double x) {
        if (x > 0) {
            return -log1p(Math.exp(-x));
        }
        return x - log1p(Math.exp(x));
    }

    /**
     * Log of the standard normal cumulative distribution function, log Phi(t), accurate in both
     * tails: log(erfc(u) / 2) with u = -t / sqrt(2) for u &lt;= 0, and log(erfcx(u) / 2) - u^2
     * (erfcx(u) = exp(u^2) erfc(u), the scaled complementary error function) for u &gt; 0, so
     * that it stays finite far into the lower tail.
     *
     * @return log Phi(t), in (-inf, 0]; NaN for NaN
     */
    public static double logPhi(double t) {
        double u = -t * INV_SQRT_TWO;
        if (u <= 0) {
            return Math.log(0.5 * Erfc.value(u));
        }
        return Math.log(0.5 * Erfcx.value(u)) - u * u;
    }

    /**
     * log(1 - exp(x)) for x &lt;= 0 (Stan's {@code log1m_exp}), accurate over the whole range
     * (M. Maechler, "Accurately computing log(1 - exp(-|a|))", the Rmpfr vignette, 2012):
     * log(-expm1(x)) for x &gt; -log 2, log1p(-exp(x)) below.
     *
     * @return log(1 - e^x); -inf at x = 0; NaN for x &gt; 0 or NaN; 0 at -inf
     */
    public static double log1mExp(double x) {
        if (x > -LOG_TWO) {
            return Math.log(-Math.expm1(x));
        }
        return log1p(-Math.exp(x));
    }

    /**
     * log(1 + x) - x, without the cancellation of the two terms for small |x|: for |x| &lt;= 1/2
     * the series -y x + 2 (y^3/3 + y^5/5 + ...) in y = x / (2 + x) (|y| &lt;= 1/3, so at most 17
     * terms); beyond, the plain difference, which is then accurate.
     *
     * @return log1p(x) - x; -inf at -1; NaN below -1 or for NaN
     */
    public static double log1pmx(double x) {
        if (!(Math.abs(x) <= 0.5)) {
            return log1p(x) - x;
        }
        double y = x / (2.0 + x);
        double y2 = y * y;
        double power = y * y2;
        double sum = 0;
        for (int k = 3; k < 80; k += 2) {
            double term = power / k;
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
            power *= y2;
        }
        return -y * x + 2.0 * sum;
    }

    /**
     * The remainder of Stirling's formula, c(a) = log Gamma(a) - ((a - 1/2) log a - a + log(2 pi) / 2),
     * for a &gt;= 10, by its series 1/(12a) - 1/(360a^3) + 1/(1260a^5) - 1/(1680a^7) + 1/(1188a^9)
     * - 691/(360360a^11) + 1/(156a^13) (the next term is below 4e-17 at a = 10). It lets differences
     * of log Gamma values at large arguments be taken without cancellation.
     *
     * @return c(a), accurate to about 1e-17 absolute for a &gt;= 10 (meaningless below)
     */
    public static double stirlingCorrection(double a) {
        double inv = 1.0 / a;
        double inv2 = inv * inv;
        double series = 1.0 / 156;
        series = series * inv2 - 691.0 / 360360;
        series = series * inv2 + 1.0 / 1188;
        series = series * inv2 - 1.0 / 1680;
        series = series * inv2 + 1.0 / 1260;
        series = series * inv2 - 1.0 / 360;
        series = series * inv2 + 1.0 / 12;
        return series * inv;
    }

    /**
     * log(exp(a) + exp(b)) without overflow: max(a, b) + log1p(exp(-|a - b|)).
     *
     * @return the log of the sum; the other argument when one is -inf; +inf when one is +inf;
     *         NaN when either is NaN
     */
    public static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        if (m == Double.POSITIVE_INFINITY) {
            return m;
        }
        return m + log1p(Math.exp(-Math.abs(a - b)));
    }

    /** log(sqrt(2 pi)) = log(2 pi) / 2; log phi(t) = -t^2 / 2 - this. */
    private static final double LOG_SQRT_TWO_PI = HALF_LOG_TWO_PI;

    /** log phi(t), the standard normal log density. */
    public static double logStandardNormalDensity(double t) {
        return -0.5 * t * t - LOG_SQRT_TWO_PI;
    }

    /**
     * log(Phi(lo + width) - Phi(lo)) for width &gt;= 0, Phi the standard normal distribution
     * function: the log probability of an interval given by its lower end and its width (so that a
     * narrow interval keeps its width exactly instead of as the difference of two rounded ends).
     * Accurate (relative error of the probability about 1e-15) for any interval, however narrow or
     * far into a tail:
     * <ul>
     *   <li>a short interval, width (max(|lo|, |hi|) + 1) &lt;= 4 with hi = lo + width, where the
     *       difference of the two Phi values would cancel: the integral of phi over the interval
     *       by 16-point Gauss-Legendre quadrature, with phi at the point of the interval nearest 0
     *       factored out, so the integrand lies in (0, 1] and varies by at most a factor e^-4 (it is
     *       entire, and the quadrature error is below 1e-16 relative there);</li>
     *   <li>otherwise the two values are at least a factor e^-2 apart in the tail they share, and
     *       log Phi(hi) + log1m_exp(log Phi(lo) - log Phi(hi)) (or the same with the upper tails
     *       Phi(-lo) - Phi(-hi) when lo &gt; 0) is accurate, {@link #logPhi} being accurate in
     *       both tails.</li>
     * </ul>
     *
     * @return the log probability; -inf when width == 0; NaN when width &lt; 0 or either is NaN
     */
    public static double logPhiInterval(double lo, double width) {
        if (!(width >= 0 && lo == lo)) {
            return Double.NaN;
        }
        if (width == 0 || lo == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (width == Double.POSITIVE_INFINITY) {
            return logPhiFullRange(-lo); // P(Z > lo)
        }
        double hi = lo + width;
        if (lo == Double.NEGATIVE_INFINITY) {
            return logPhiFullRange(hi); // -inf when hi is -inf too
        }
        double reach = Math.max(Math.abs(lo), Math.abs(hi));
        if (width * (reach + 1.0) <= 4.0) {
            double c = Math.max(lo, Math.min(hi, 0.0)); // the point of [lo, hi] nearest 0
            double half = 0.5 * width;
            double mid = lo + half;
            double sum = 0;
            double[] x = GaussLegendre.NODES;
            double[] w = GaussLegendre.WEIGHTS;
            for (int i = 0; i < x.length; i++) {
                double t = mid + half * x[i];
                sum += w[i] * Math.exp(-0.5 * (t - c) * (t + c));
            }
            return logStandardNormalDensity(c) + Math.log(half * sum);
        }
        if (lo > 0) {
            double upper = logPhi(-lo);
            return upper + log1mExp(logPhi(-hi) - upper);
        }
        double top = logPhiFullRange(hi);
        return top + log1mExp(logPhi(lo) - top);
    }

    /** Nodes and weights of 16-point Gauss-Legendre quadrature on [-1, 1], by Newton's method at class load. */
    private static final class GaussLegendre {
        static final double[] NODES = new double[16];
        static final double[] WEIGHTS = new double[16];

        static {
            int n = NODES.length;
            for (int i = 0; i < n; i++) {
                double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
                double derivative = 0;
                for (int iteration = 0; iteration < 100; iteration++) {
                    double p0 = 1;
                    double p1 = x;
                    for (int k = 2; k <= n; k++) {
                        double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    derivative = n * (x * p1 - p0) / (x * x - 1);
                    double step = p1 / derivative;
                    x -= step;
                    if (Math.abs(step) < 1e-17) {
                        break;
                    }
                }
                NODES[i] = x;
                WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
            }
        }
    }

    /**
     * log Phi(t) with full relative precision over the whole line: {@link #logPhi} below 0, and
     * log1p(-Phi(-t)) above, so that the tiny negative values of log Phi in the upper tail (about
     * -Phi(-t), e.g. -7.6e-24 at t = 10) are kept instead of rounding to 0 (for distribution
     * functions, whose complements are taken from them).
     */
    public static double logPhiFullRange(double t) {
        if (t > 0) {
            return log1p(-0.5 * Erfc.value(t * INV_SQRT_TWO));
        }
        return logPhi(t);
    }

    /**
     * The inverse Mills ratio phi(t) / Phi(t) of the standard normal (density over distribution
     * function), which is d log Phi(t) / dt: sqrt(2/pi) / erfcx(-t / sqrt(2)). Accurate in both
     * tails; tends to 0 as t goes to +inf and to -t as t goes to -inf.
     */
    public static double inverseMillsRatio(double t) {
        return SQRT_TWO_OVER_PI / Erfcx.value(-t * INV_SQRT_TWO);
    }

    /**
     * log Gamma(x), natural log of the absolute value of the gamma function (commons-numbers
     * {@link LogGamma}, a port of Boost's lgamma).
     *
     * @return log |Gamma(x)|; +inf at the poles x = 0, -1, -2, ... (as C's and Stan's
     *         {@code lgamma}); NaN for NaN
     */
    public static double lgamma(double x) {
        if (x <= 0 && x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY;
        }
        return LogGamma.value(x);
    }

    /**
     * The digamma function psi(x) = d log Gamma(x) / dx (commons-numbers {@link Digamma}).
     *
     * @return psi(x); NaN at the poles x = 0, -1, -2, ... and for NaN
     */
    public static double digamma(double x) {
        if (x <= 0 && x == Math.rint(x)) {
            return Double.NaN;
        }
        return Digamma.value(x);
    }

    /**
     * log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b), the log beta function, for
     * a, b &gt; 0 (commons-numbers {@link LogBeta}, accurate when one argument is large).
     *
     * @return log B(a, b); NaN if a or b is not positive
     */
    public static double lbeta(double a, double b) {
        if (!(a > 0 && b > 0)) {
            return Double.NaN;
        }
        return LogBeta.value(a, b);
    }

    /**
     * log of the binomial coefficient, log C(n, k) = -log(n + 1) - log B(n - k + 1, k + 1)
     * (the form of the Stan Functions Reference, "Combinatorial functions", {@code lchoose}).
     *
     * @return log C(n, k) for 0 &lt;= k &lt;= n (exactly 0 at k = 0 and k = n); -inf for k
     *         outside [0, n]; NaN for n &lt; 0
     */
    public static double logChoose(int n, int k) {
        if (n < 0) {
            return Double.NaN;
        }
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k == 0 || k == n) {
            return 0.0;
        }
        return -Math.log1p(n) - LogBeta.value((double) n - k + 1, (double) k + 1);
    }

    /**
     * log(n!) = log Gamma(n + 1) for an integer n.
     *
     * @return log n!; 0 for n = 0 or 1; NaN for n &lt; 0
     */
    public static double logFactorial(int n) {
        if (n < 0) {
            return Double.NaN;
        }
        if (n <= 1) {
            return 0.0;
        }
        return LogGamma.value(n + 1.0);
    }

    /** Whether x is finite and strictly positive (the validity of a scale, a rate or a shape). */
    public static boolean isPositiveFinite(double x) {
        return x > 0 && x <= Double.MAX_VALUE;
    }

    /** Whether x is a finite double (neither infinite nor NaN). */
    public static boolean isFinite(double x) {
        return Math.abs(x) <= Double.MAX_VALUE;
    }
}
