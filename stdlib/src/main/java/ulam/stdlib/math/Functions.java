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
}
