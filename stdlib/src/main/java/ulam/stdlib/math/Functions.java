package ulam.stdlib.math;

/**
 * The scalar functions of the language, with their partial derivatives, as the generated code
 * calls them. All are functions of scalars (double) returning a scalar.
 *
 * <p>Convention ({@link ulam.stdlib.FunctionSpec}): {@code f(x1, ..., xn)} is the value and
 * {@code fD<j>(x1, ..., xn, fx)} is the partial derivative d f / d x_j (j 0-based), given the
 * arguments and the value {@code fx = f(x1, ..., xn)} already computed, so a derivative reuses
 * the work of the value where it can. Outside a function's domain the value is NaN (as in the
 * Stan Functions Reference, where these functions are defined: sections "Real-valued basic
 * functions", "Link functions", "Composed functions"); nothing throws. Logs are natural logs.
 */
public final class Functions {
    private Functions() {}

    /** exp(x). */
    public static double exp(double x) {
        return Math.exp(x);
    }

    /** d exp(x) / dx = exp(x) = fx. */
    public static double expD0(double x, double fx) {
        return fx;
    }

    /** Natural log; -inf at 0, NaN for x &lt; 0. */
    public static double log(double x) {
        return Math.log(x);
    }

    /** d log(x) / dx = 1 / x. */
    public static double logD0(double x, double fx) {
        return 1.0 / x;
    }

    /** Base-10 logarithm log10(x) = log(x) / log(10) (Stan Functions Reference, "Logarithm and exponentiation"); NaN for x &lt; 0. */
    public static double log10(double x) {
        return Math.log10(x);
    }

    /** d log10(x) / dx = 1 / (x log(10)). */
    public static double log10D0(double x, double fx) {
        return 1.0 / (x * LN10);
    }

    /** Base-2 logarithm log2(x) = log(x) / log(2) (Stan Functions Reference, "Logarithm and exponentiation"); NaN for x &lt; 0. */
    public static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** d log2(x) / dx = 1 / (x log(2)). */
    public static double log2D0(double x, double fx) {
        return 1.0 / (x * LN2);
    }

    private static final double LN10 = Math.log(10.0);
    private static final double LN2 = Math.log(2.0);

    /**
     * The logistic function 1 / (1 + exp(-x)) (language names {@code inv_logit}, {@code logistic});
     * stable for any |x| (see {@link Numerics#invLogit}).
     *
     * @return a probability in [0, 1]
     */
    public static double invLogit(double x) {
        return Numerics.invLogit(x);
    }

    /**
     * d inv_logit(x) / dx = inv_logit(x) (1 - inv_logit(x)). For fx &lt;= 0.9 the product of fx
     * and 1 - fx is accurate; above, 1 - fx would lose digits, so inv_logit(-x) is recomputed
     * (one exp).
     */
    public static double invLogitD0(double x, double fx) {
        if (fx <= 0.9) {
            return fx * (1.0 - fx);
        }
        double e = Math.exp(-x);
        double u = 1.0 + e;
        return e / (u * u);
    }

    /**
     * The log-odds log(x / (1 - x)); accurate near 0 and 1 because 1 - x is exact for
     * x in [0.5, 1].
     *
     * @return -inf at 0, +inf at 1, NaN outside [0, 1]
     */
    public static double logit(double x) {
        return Math.log(x / (1.0 - x));
    }

    /** d logit(x) / dx = 1 / (x (1 - x)). */
    public static double logitD0(double x, double fx) {
        return 1.0 / (x * (1.0 - x));
    }

    /** log(1 - x), accurate for small x; -inf at 1, NaN for x &gt; 1. */
    public static double log1m(double x) {
        return Numerics.log1p(-x);
    }

    /** d log1m(x) / dx = -1 / (1 - x). */
    public static double log1mD0(double x, double fx) {
        return -1.0 / (1.0 - x);
    }

    /** log(1 + x), accurate for small x (see {@link Numerics#log1p}); NaN for x &lt; -1. */
    public static double log1p(double x) {
        return Numerics.log1p(x);
    }

    /** d log1p(x) / dx = 1 / (1 + x). */
    public static double log1pD0(double x, double fx) {
        return 1.0 / (1.0 + x);
    }

    /** log(1 + exp(x)) (the softplus), without overflow for large x. */
    public static double log1pExp(double x) {
        return Numerics.log1pExp(x);
    }

    /** d log1p_exp(x) / dx = inv_logit(x) = exp(x - fx). */
    public static double log1pExpD0(double x, double fx) {
        return Math.exp(x - fx);
    }

    /** log(inv_logit(x)), finite for every finite x. */
    public static double logInvLogit(double x) {
        return Numerics.logInvLogit(x);
    }

    /** d log_inv_logit(x) / dx = 1 - inv_logit(x) = inv_logit(-x) = exp(fx - x). */
    public static double logInvLogitD0(double x, double fx) {
        return Math.exp(fx - x);
    }

    /** log(1 - inv_logit(x)) = log_inv_logit(-x), finite for every finite x. */
    public static double log1mInvLogit(double x) {
        return Numerics.logInvLogit(-x);
    }

    /** d log1m_inv_logit(x) / dx = -inv_logit(x) = -exp(x + fx). */
    public static double log1mInvLogitD0(double x, double fx) {
        return -Math.exp(x + fx);
    }

    /**
     * The inverse complementary log-log link 1 - exp(-exp(x)), computed as -expm1(-exp(x)) so it
     * keeps its relative precision for very negative x.
     *
     * @return a probability in [0, 1]
     */
    public static double invCloglog(double x) {
        return -Math.expm1(-Math.exp(x));
    }

    /** d inv_cloglog(x) / dx = exp(x - exp(x)). */
    public static double invCloglogD0(double x, double fx) {
        return Math.exp(x - Math.exp(x));
    }

    /**
     * The complementary log-log link log(-log(1 - x)).
     *
     * @return -inf at 0, +inf at 1, NaN outside [0, 1]
     */
    public static double cloglog(double x) {
        return Math.log(-Numerics.log1p(-x));
    }

    /** d cloglog(x) / dx = 1 / ((1 - x) exp(fx)) = -1 / ((1 - x) log(1 - x)). */
    public static double cloglogD0(double x, double fx) {
        return 1.0 / ((1.0 - x) * Math.exp(fx));
    }

    /** x squared. */
    public static double square(double x) {
        return x * x;
    }

    /** d x^2 / dx = 2 x. */
    public static double squareD0(double x, double fx) {
        return 2.0 * x;
    }

    /** Square root; NaN for x &lt; 0. */
    public static double sqrt(double x) {
        return Math.sqrt(x);
    }

    /** d sqrt(x) / dx = 1 / (2 sqrt(x)) = 0.5 / fx (+inf at 0). */
    public static double sqrtD0(double x, double fx) {
        return 0.5 / fx;
    }

    /** x raised to the power y ({@link Math#pow} semantics: NaN for x &lt; 0 and non-integer y). */
    public static double pow(double x, double y) {
        return Math.pow(x, y);
    }

    /** d x^y / dx = y x^(y - 1), computed as y fx / x except at x = 0. */
    public static double powD0(double x, double y, double fx) {
        if (x == 0) {
            return y * Math.pow(x, y - 1.0);
        }
        return y * fx / x;
    }

    /**
     * d x^y / dy = x^y log(x); 0 where x^y = 0 (the limit at x = 0 for y &gt; 0); NaN for
     * x &lt; 0.
     */
    public static double powD1(double x, double y, double fx) {
        if (fx == 0) {
            return 0.0;
        }
        return fx * Math.log(x);
    }

    /** Absolute value (language names {@code abs}, {@code fabs}). */
    public static double abs(double x) {
        return Math.abs(x);
    }

    /**
     * d |x| / dx = sign(x); at the kink x = 0 the subgradient 0 is returned (as Stan does).
     */
    public static double absD0(double x, double fx) {
        return Math.signum(x);
    }

    /**
     * The smaller of x and y. Unlike C's {@code fmin}, a NaN in either argument gives NaN
     * ({@link Math#min} semantics), so an invalid value is never silently dropped.
     */
    public static double fmin(double x, double y) {
        return Math.min(x, y);
    }

    /** d fmin(x, y) / dx: 1 if x &lt;= y, else 0; at a tie x == y the whole gradient goes to x. */
    public static double fminD0(double x, double y, double fx) {
        return x <= y ? 1.0 : 0.0;
    }

    /** d fmin(x, y) / dy: 1 if y &lt; x, else 0 (0 at a tie, see {@link #fminD0}). */
    public static double fminD1(double x, double y, double fx) {
        return x <= y ? 0.0 : 1.0;
    }

    /** The larger of x and y; a NaN in either argument gives NaN (see {@link #fmin}). */
    public static double fmax(double x, double y) {
        return Math.max(x, y);
    }

    /** d fmax(x, y) / dx: 1 if x &gt;= y, else 0; at a tie x == y the whole gradient goes to x. */
    public static double fmaxD0(double x, double y, double fx) {
        return x >= y ? 1.0 : 0.0;
    }

    /** d fmax(x, y) / dy: 1 if y &gt; x, else 0 (0 at a tie, see {@link #fmaxD0}). */
    public static double fmaxD1(double x, double y, double fx) {
        return x >= y ? 0.0 : 1.0;
    }

    /**
     * log |Gamma(x)| (see {@link Numerics#lgamma}); +inf at the poles 0, -1, -2, ...
     */
    public static double lgamma(double x) {
        return Numerics.lgamma(x);
    }

    /** d lgamma(x) / dx = digamma(x); NaN at the poles. */
    public static double lgammaD0(double x, double fx) {
        return Numerics.digamma(x);
    }

    // ------------------------------------------------------------------ mixtures and log-space arithmetic

    /**
     * log(theta e^lp1 + (1 - theta) e^lp2), the log density of a two-component mixture with
     * weight theta in [0, 1] given the components' log densities (Stan Functions Reference,
     * "Composed functions", {@code log_mix}): log_sum_exp(log(theta) + lp1, log1m(theta) + lp2),
     * without overflow or underflow for any lp1, lp2.
     *
     * @return the mixture's log density; NaN for theta outside [0, 1] or NaN
     */
    public static double logMix(double theta, double lp1, double lp2) {
        if (!(theta >= 0 && theta <= 1)) {
            return Double.NaN;
        }
        return Numerics.logSumExp(Math.log(theta) + lp1, Numerics.log1m(theta) + lp2);
    }

    /**
     * d log_mix / dtheta = (e^lp1 - e^lp2) / e^fx = w1 / theta - w2 / (1 - theta) with the weights
     * of {@link #logMixD1} and {@link #logMixD2} (exp(lp1 - fx) - exp(lp2 - fx) at theta = 0 or 1).
     */
    public static double logMixD0(double theta, double lp1, double lp2, double fx) {
        if (theta > 0 && theta < 1) {
            double w1 = logMixD1(theta, lp1, lp2, fx);
            return w1 / theta - (1.0 - w1) / (1.0 - theta);
        }
        return Math.exp(lp1 - fx) - Math.exp(lp2 - fx);
    }

    /**
     * d log_mix / dlp1 = theta e^lp1 / e^fx, the first component's posterior weight, taken as
     * inv_logit(log(theta) + lp1 - log1m(theta) - lp2), which does not depend on fx's rounding
     * (that of a large fx would be an error of 1e-13 here).
     */
    public static double logMixD1(double theta, double lp1, double lp2, double fx) {
        if (theta == 0) {
            return 0.0;
        }
        if (theta == 1) {
            return 1.0;
        }
        return Numerics.invLogit((lp1 - lp2) + (Math.log(theta) - Numerics.log1m(theta)));
    }

    /** d log_mix / dlp2 = (1 - theta) e^lp2 / e^fx, the second component's weight (as {@link #logMixD1}). */
    public static double logMixD2(double theta, double lp1, double lp2, double fx) {
        if (theta == 1) {
            return 0.0;
        }
        if (theta == 0) {
            return 1.0;
        }
        return Numerics.invLogit((lp2 - lp1) + (Numerics.log1m(theta) - Math.log(theta)));
    }

    /**
     * log(e^a + e^b) (the language's two-argument {@code log_sum_exp}), as
     * max(a, b) + log1p(exp(-|a - b|)): no overflow, -inf only when both are -inf.
     */
    public static double logSumExp2(double a, double b) {
        return Numerics.logSumExp(a, b);
    }

    /**
     * d log_sum_exp(a, b) / da = e^a / (e^a + e^b) = inv_logit(a - b), exact whatever the size of
     * fx (0 when both are -inf, 1/2 when both are +inf).
     */
    public static double logSumExp2D0(double a, double b, double fx) {
        return weight(a, b);
    }

    /** d log_sum_exp(a, b) / db = inv_logit(b - a) (0 when both are -inf). */
    public static double logSumExp2D1(double a, double b, double fx) {
        return weight(b, a);
    }

    /** e^a / (e^a + e^b), with the limits at infinite a = b. */
    private static double weight(double a, double b) {
        if (a == b) {
            return a == Double.NEGATIVE_INFINITY ? 0.0 : 0.5;
        }
        return Numerics.invLogit(a - b);
    }

    /**
     * log(e^a - e^b) for a &gt;= b (Stan's {@code log_diff_exp}), as a + log1m_exp(b - a).
     *
     * @return -inf when a == b (including both -inf); NaN when a &lt; b or either is NaN; a when b = -inf
     */
    public static double logDiffExp(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (!(a >= b)) {
            return Double.NaN;
        }
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        return a + Numerics.log1mExp(b - a);
    }

    /** d log_diff_exp(a, b) / da = e^a / (e^a - e^b) = -1 / expm1(b - a) (1 when b = -inf). */
    public static double logDiffExpD0(double a, double b, double fx) {
        return -1.0 / Math.expm1(b - a);
    }

    /** d log_diff_exp(a, b) / db = -e^b / (e^a - e^b) = -1 / expm1(a - b) (0 when b = -inf). */
    public static double logDiffExpD1(double a, double b, double fx) {
        return -1.0 / Math.expm1(a - b);
    }

    /**
     * log(1 - e^x) for x &lt;= 0 (Stan's {@code log1m_exp}), accurate over the whole range
     * ({@link Numerics#log1mExp}).
     *
     * @return -inf at x = 0; NaN for x &gt; 0
     */
    public static double log1mExp(double x) {
        return Numerics.log1mExp(x);
    }

    /** d log1m_exp(x) / dx = -e^x / (1 - e^x) = -1 / expm1(-x). */
    public static double log1mExpD0(double x, double fx) {
        return -1.0 / Math.expm1(-x);
    }

    /**
     * log(inv_logit(x) - inv_logit(y)) for x &gt; y (Stan's {@code log_inv_logit_diff}), as
     * log_inv_logit(x) + log_inv_logit(-y) + log1m_exp(y - x), each term stable, so the result is
     * finite for any finite x &gt; y (the probability of an ordered-logistic category).
     *
     * @return -inf when x == y; NaN when x &lt; y or either is NaN
     */
    public static double logInvLogitDiff(double x, double y) {
        if (!(x >= y)) {
            return Double.NaN;
        }
        if (x == y) {
            return Double.NEGATIVE_INFINITY;
        }
        return Numerics.logInvLogit(x) + Numerics.logInvLogit(-y) + Numerics.log1mExp(y - x);
    }

    /** d/dx = inv_logit(-x) + 1 / expm1(x - y). */
    public static double logInvLogitDiffD0(double x, double y, double fx) {
        return Numerics.invLogit(-x) + 1.0 / Math.expm1(x - y);
    }

    /** d/dy = -inv_logit(y) - 1 / expm1(x - y). */
    public static double logInvLogitDiffD1(double x, double y, double fx) {
        return -Numerics.invLogit(y) - 1.0 / Math.expm1(x - y);
    }

    // ------------------------------------------------------------------ the normal distribution function

    /**
     * The standard normal distribution function Phi(x) = erfc(-x / sqrt(2)) / 2 (Stan Functions
     * Reference, "Probability-related functions"), with full relative precision in the lower tail
     * (down to about -38, where it underflows to 0).
     *
     * @return a probability in [0, 1]; NaN for NaN
     */
    public static double Phi(double x) {
        return 0.5 * org.apache.commons.numbers.gamma.Erfc.value(-x * Numerics.INV_SQRT_TWO);
    }

    /** d Phi(x) / dx = phi(x) = exp(-x^2 / 2) / sqrt(2 pi). */
    public static double PhiD0(double x, double fx) {
        return Math.exp(Numerics.logStandardNormalDensity(x));
    }

    /**
     * The logistic approximation of Phi, inv_logit(0.07056 x^3 + 1.5976 x) (Stan's
     * {@code Phi_approx}; its absolute error against Phi is at most 1.42e-4, near x = -1.48 and 1.48).
     */
    public static double PhiApprox(double x) {
        return Numerics.invLogit(x * (PHI_APPROX_CUBIC * x * x + PHI_APPROX_LINEAR));
    }

    /** d Phi_approx(x) / dx = inv_logit'(u) (3 0.07056 x^2 + 1.5976), u the cubic. */
    public static double PhiApproxD0(double x, double fx) {
        double u = x * (PHI_APPROX_CUBIC * x * x + PHI_APPROX_LINEAR);
        return invLogitD0(u, fx) * (3.0 * PHI_APPROX_CUBIC * x * x + PHI_APPROX_LINEAR);
    }

    private static final double PHI_APPROX_CUBIC = 0.07056;
    private static final double PHI_APPROX_LINEAR = 1.5976;
    private static final double SQRT_TWO = Math.sqrt(2.0);

    /**
     * The standard normal quantile function, the inverse of {@link #Phi} (Stan's {@code inv_Phi}):
     * -sqrt(2) erfc^-1(2p) for p &lt; 1/2 and sqrt(2) erfc^-1(2 (1 - p)) above (1 - p is exact
     * there), so both tails keep their relative precision (commons-numbers {@code InverseErfc}).
     *
     * @return -inf at 0, +inf at 1, NaN outside [0, 1]
     */
    public static double invPhi(double p) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (p < 0.5) {
            return -SQRT_TWO * org.apache.commons.numbers.gamma.InverseErfc.value(2.0 * p);
        }
        return SQRT_TWO * org.apache.commons.numbers.gamma.InverseErfc.value(2.0 * (1.0 - p));
    }

    /** d inv_Phi(p) / dp = 1 / phi(inv_Phi(p)) = sqrt(2 pi) exp(fx^2 / 2). */
    public static double invPhiD0(double p, double fx) {
        return Math.exp(-Numerics.logStandardNormalDensity(fx));
    }

    // ------------------------------------------------------------------ beta and binomial coefficients

    /**
     * log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b), the log beta function, for
     * a, b &gt; 0 ({@link Numerics#lbeta}, accurate when one argument is large).
     *
     * @return NaN unless a &gt; 0 and b &gt; 0
     */
    public static double lbeta(double a, double b) {
        return Numerics.lbeta(a, b);
    }

    /** d lbeta(a, b) / da = psi(a) - psi(a + b). */
    public static double lbetaD0(double a, double b, double fx) {
        return Numerics.digamma(a) - Numerics.digamma(a + b);
    }

    /** d lbeta(a, b) / db = psi(b) - psi(a + b). */
    public static double lbetaD1(double a, double b, double fx) {
        return Numerics.digamma(b) - Numerics.digamma(a + b);
    }

    /**
     * The log of the generalised binomial coefficient, lchoose(n, k) = log Gamma(n + 1)
     * - log Gamma(k + 1) - log Gamma(n - k + 1) for real n, k with n &gt; -1, k &gt; -1 and
     * n - k &gt; -1, computed as -log1p(n) - log B(n - k + 1, k + 1) (Stan Functions Reference,
     * "Combinatorial functions", {@code lchoose}), accurate for large n.
     *
     * @return NaN outside that domain; 0 at k = 0 and k = n
     */
    public static double lchoose(double n, double k) {
        if (!(n > -1 && k > -1 && n - k > -1)) {
            return Double.NaN;
        }
        if (k == 0 || k == n) {
            return 0.0;
        }
        return -Numerics.log1p(n) - Numerics.lbeta(n - k + 1.0, k + 1.0);
    }

    /** d lchoose(n, k) / dn = psi(n + 1) - psi(n - k + 1). */
    public static double lchooseD0(double n, double k, double fx) {
        return Numerics.digamma(n + 1.0) - Numerics.digamma(n - k + 1.0);
    }

    /** d lchoose(n, k) / dk = psi(n - k + 1) - psi(k + 1). */
    public static double lchooseD1(double n, double k, double fx) {
        return Numerics.digamma(n - k + 1.0) - Numerics.digamma(k + 1.0);
    }
}
