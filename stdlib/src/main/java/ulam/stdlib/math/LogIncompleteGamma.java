package ulam.stdlib.math;

/**
 * Logs of the regularized incomplete gamma functions P(a, x) = gamma(a, x) / Gamma(a) and
 * Q(a, x) = 1 - P(a, x), with their partial derivatives in a and x, for the distribution
 * functions of the gamma and Poisson distributions (Stan Functions Reference, "Gamma
 * distribution" and "Poisson distribution", cumulative distribution functions).
 *
 * <p>Both are computed in log space, so they stay finite far into the tails where P or Q
 * underflow. As in Numerical Recipes (W. H. Press et al., 3rd ed., section 6.2):
 * <ul>
 *   <li>for x &lt; a + 1 the series gamma(a, x) = x^a e^-x sum_n x^n / (a (a+1) ... (a+n))
 *       gives log P; Q = 1 - P from it;</li>
 *   <li>for x &gt;= a + 1 Legendre's continued fraction for Gamma(a, x), evaluated by the
 *       modified Lentz method, gives log Q; P = 1 - Q from it.</li>
 * </ul>
 * The derivative in a is carried through the same series or continued fraction in forward mode
 * (each term's derivative in a alongside the term), so it is exact up to rounding and needs no
 * separate series. The derivative in x is the closed form x^(a-1) e^-x / Gamma(a) divided by P
 * (or minus, by Q).
 *
 * <p>The prefix x^a e^-x / Gamma(a) is taken in log space through Stirling's series for a &gt;= 10
 * ({@link #logPrefix}), so that it keeps its relative precision for large a.
 *
 * <p>Accuracy: about 1e-13 relative in the value and the derivatives for a in [1e-3, 1e6],
 * except that the complement taken as 1 - P in the series region (x &lt; a + 1) loses relative
 * precision when it is tiny, which only happens for a well below 1 (for a = 1e-6, Q(a, x) is about
 * 1e-6 and has about 10 correct digits). The number of terms grows like sqrt(a) when x is near a;
 * beyond {@link #MAX_ITERATIONS} (a above about 1e8 with x within a few sqrt(a) of a, where a
 * call then costs about a millisecond) the result is NaN. For x &gt; 1e150 the leading term of
 * the asymptotic expansion of Q is exact and is used directly (NaN if a is above 1e100 too).
 * Nothing allocates or throws.
 */
public final class LogIncompleteGamma {
    private LogIncompleteGamma() {}

    /** Largest number of series terms or continued-fraction steps. */
    public static final int MAX_ITERATIONS = 100_000;

    private static final double EPSILON = 0x1p-54;
    /** Above this x the leading term of the asymptotic expansion of Q is exact in double precision. */
    private static final double HUGE_X = 1e150;
    private static final double TINY = 1e-300;

    /** log P(a, x); -inf at x = 0; NaN for a &lt;= 0, x &lt; 0 or NaN. */
    public static double logP(double a, double x) {
        return evaluate(a, x, true, null, 0);
    }

    /** log Q(a, x); 0 at x = 0, -inf at x = +inf; NaN for a &lt;= 0, x &lt; 0 or NaN. */
    public static double logQ(double a, double x) {
        return evaluate(a, x, false, null, 0);
    }

    /**
     * log P(a, x), with g[off] = d log P / da and g[off + 1] = d log P / dx.
     */
    public static double logP(double a, double x, double[] g, int off) {
        return evaluate(a, x, true, g, off);
    }

    /**
     * log Q(a, x), with g[off] = d log Q / da and g[off + 1] = d log Q / dx.
     */
    public static double logQ(double a, double x, double[] g, int off) {
        return evaluate(a, x, false, g, off);
    }

    /** From this a on, the prefix is taken through Stirling's series (see {@link #logPrefix}). */
    private static final double STIRLING_FROM = 10;

    /**
     * log(x^a e^-x / Gamma(a)). For a &lt; 10 directly; above, a log x - x and log Gamma(a) are
     * both of size a log a and their difference would lose about log10(a) digits, so with
     * d = (x - a) / a and Stirling's series log Gamma(a) = (a - 1/2) log a - a + log(2 pi) / 2 + c(a)
     * it is log(a) / 2 - log(2 pi) / 2 - c(a) + a (log(1 + d) - d), with log(1 + d) - d by its
     * series in d / (2 + d) for |d| &lt;= 1/2 (the prefix of DiDonato and Morris, ACM TOMS 12 (1986)
     * 377-393, as in Boost's {@code regularised_gamma_prefix}).
     */
    static double logPrefix(double a, double x, double logX, double lgammaA) {
        if (a < STIRLING_FROM) {
            return a * logX - x - lgammaA;
        }
        double logA = Math.log(a);
        double d = (x - a) / a;
        double log1pmx = Math.abs(d) > 0.5 ? (logX - logA) - d : Numerics.log1pmx(d);
        return 0.5 * logA - Numerics.HALF_LOG_TWO_PI - Numerics.stirlingCorrection(a) + a * log1pmx;
    }

    private static double evaluate(double a, double x, boolean lower, double[] g, int off) {
        if (!(a > 0 && a <= Double.MAX_VALUE && x >= 0)) {
            return Double.NaN;
        }
        if (x == 0 || x == Double.POSITIVE_INFINITY) {
            boolean zero = (x == 0) == lower; // P(a, 0) = 0, Q(a, inf) = 0
            if (g != null) {
                g[off] = 0;
                g[off + 1] = zero ? Double.POSITIVE_INFINITY : 0;
            }
            return zero ? Double.NEGATIVE_INFINITY : 0;
        }
        double logX = Math.log(x);
        if (x > HUGE_X) {
            // Q(a, x) = x^(a-1) e^-x / Gamma(a) (1 + (a - 1) / x + ...), the correction below 1e-50
            if (!(a < HUGE_X * 1e-50)) {
                return Double.NaN; // both enormous: out of range
            }
            double logQ = (a - 1.0) * logX - x - Numerics.lgamma(a);
            double dQ = logX - Numerics.digamma(a);
            if (lower) {
                double logP = Numerics.log1mExp(logQ);
                if (g != null) {
                    double ratio = Math.exp(logQ - logP);
                    g[off] = -ratio * dQ;
                    g[off + 1] = ratio; // (1 - P) / P times -d log Q / dx = 1
                }
                return logP;
            }
            if (g != null) {
                g[off] = dQ;
                g[off + 1] = -1.0;
            }
            return logQ;
        }
        double lgammaA = a < STIRLING_FROM ? Numerics.lgamma(a) : Double.NaN;
        double logPrefix = logPrefix(a, x, logX, lgammaA); // log(x^a e^-x / Gamma(a))
        double value;
        double dA;
        boolean seriesSide = x < a + 1;
        if (seriesSide) {
            // S = sum_n t_n, t_0 = 1/a, t_n = t_{n-1} x / (a + n); dt_n/da = -t_n h_n, h_n = sum_{k<=n} 1/(a+k)
            double t = 1.0 / a;
            double h = t;
            double s = t;
            double ds = -t * h;
            int n = 1;
            for (; n < MAX_ITERATIONS; n++) {
                double an = a + n;
                t *= x / an;
                h += 1.0 / an;
                s += t;
                double dt = t * h;
                ds -= dt;
                if (t <= EPSILON * s && dt <= EPSILON * Math.abs(ds)) {
                    break;
                }
                if (!(s <= Double.MAX_VALUE)) {
                    return Double.NaN;
                }
            }
            if (n == MAX_ITERATIONS) {
                return Double.NaN;
            }
            value = logPrefix + Math.log(s); // log P
            dA = logX - Numerics.digamma(a) + ds / s;
        } else {
            // Legendre's continued fraction by the modified Lentz method, with d/da alongside
            double b = x + 1.0 - a; // db/da = -1 throughout
            double c = 1.0 / TINY;
            double dc = 0;
            double d = 1.0 / b;
            double dd = d * d; // d(1/b)/da = 1/b^2
            double h = d;
            double dh = dd;
            int i = 1;
            for (; i < MAX_ITERATIONS; i++) {
                double an = -i * (i - a);
                double dan = i;
                b += 2.0;
                double tden = an * d + b;
                double dtden = dan * d + an * dd - 1.0;
                if (Math.abs(tden) < TINY) {
                    tden = TINY;
                }
                d = 1.0 / tden;
                dd = -dtden * d * d;
                double cNew = b + an / c;
                dc = -1.0 + (dan * c - an * dc) / (c * c);
                c = Math.abs(cNew) < TINY ? TINY : cNew;
                double del = d * c;
                double ddel = dd * c + d * dc;
                dh = dh * del + h * ddel;
                h *= del;
                if (Math.abs(del - 1.0) <= EPSILON && Math.abs(ddel) <= EPSILON * (1.0 + Math.abs(dh / h))) {
                    break;
                }
                if (!(Math.abs(h) <= Double.MAX_VALUE && h != 0)) {
                    return Double.NaN;
                }
            }
            if (i == MAX_ITERATIONS) {
                return Double.NaN;
            }
            value = logPrefix + Math.log(h); // log Q
            dA = logX - Numerics.digamma(a) + dh / h;
        }
        if (seriesSide != lower) {
            // the complement: log(1 - e^value), derivative -e^value / (1 - e^value) times the other's
            double other = Numerics.log1mExp(value);
            dA = -Math.exp(value - other) * dA;
            value = other;
        }
        if (g != null) {
            double density = Math.exp(logPrefix - logX - value); // x^(a-1) e^-x / Gamma(a) / (P or Q)
            g[off] = dA;
            g[off + 1] = lower ? density : -density;
        }
        return value;
    }
}
