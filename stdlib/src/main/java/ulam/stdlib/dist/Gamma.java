package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import ulam.stdlib.math.LogIncompleteGamma;
import ulam.stdlib.math.Memo;
import ulam.stdlib.math.Numerics;

/**
 * The gamma distribution gamma(y | alpha, beta) with shape alpha &gt; 0 and rate beta &gt; 0 (the
 * Stan and R parameterisation, mean alpha / beta; language reference A.7); outcome y &gt;= 0.
 * Stan Functions Reference, "Gamma distribution":
 * log density = alpha log(beta) - log Gamma(alpha) + (alpha - 1) log(y) - beta y.
 * log Gamma(alpha) and psi(alpha) are kept per thread for the last alpha ({@link Memo}).
 * -inf for y &lt; 0; at y = 0 the limit (+inf for alpha &lt; 1, log(beta) for alpha = 1, -inf for
 * alpha &gt; 1); other rules in {@link ulam.stdlib.dist}.
 */
public final class Gamma {
    private Gamma() {}

    /** Per-thread {alpha, log Gamma(alpha), psi(alpha)}; see {@link Memo}. */
    private static final ThreadLocal<double[]> MEMO = Memo.create(3);

    /** {alpha, log Gamma(alpha), psi(alpha)} for this thread's last alpha (shared with {@link Gamma2}). */
    static double[] specials(double alpha) {
        double[] m = MEMO.get();
        if (m[0] != alpha) {
            m[1] = Numerics.lgamma(alpha);
            m[2] = Numerics.digamma(alpha);
            m[0] = alpha;
        }
        return m;
    }

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return value(y, Math.log(y), alpha, beta, Math.log(beta));
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials: d[0] = (alpha - 1) / y - beta,
     * d[1] = d/dalpha = log(beta) - psi(alpha) + log(y) (psi the digamma function),
     * d[2] = d/dbeta = alpha / beta - y.
     */
    public static double kernel(double y, double alpha, double beta, double[] d) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double logY = Math.log(y);
        double logBeta = Math.log(beta);
        d[0] = (alpha - 1.0) / y - beta;
        d[1] = logBeta - specials(alpha)[2] + logY;
        d[2] = alpha / beta - y;
        return value(y, logY, alpha, beta, logBeta);
    }

    private static boolean valid(double alpha, double beta) {
        return Numerics.isPositiveFinite(alpha) && Numerics.isPositiveFinite(beta);
    }

    /** The log density given the logs already taken; (alpha - 1) log y is 0 when alpha = 1. */
    private static double value(double y, double logY, double alpha, double beta, double logBeta) {
        double power = alpha == 1.0 ? 0.0 : (alpha - 1.0) * logY;
        return alpha * logBeta - specials(alpha)[1] + power - beta * y;
    }


    /**
     * log P(Y &lt;= y) = log P(alpha, beta y), P the regularized lower incomplete gamma function,
     * computed in log space ({@link LogIncompleteGamma}); -inf for y &lt;= 0; NaN for invalid arguments.
     */
    public static double lcdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return LogIncompleteGamma.logP(alpha, beta * y);
    }

    /** log P(Y &gt; y) = log Q(alpha, beta y), Q = 1 - P; 0 for y &lt;= 0; NaN for invalid arguments. */
    public static double lccdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= 0) {
            return y == y ? 0.0 : Double.NaN;
        }
        return LogIncompleteGamma.logQ(alpha, beta * y);
    }

    /**
     * {@link #lcdf} and its partials: with x = beta y and g_x = d log P / dx, d[0] = beta g_x,
     * d[1] = d log P / dalpha (carried through the series or continued fraction, see
     * {@link LogIncompleteGamma}), d[2] = y g_x. Unspecified for y &lt;= 0, 0 at y = +inf.
     */
    public static double lcdfGrad(double y, double alpha, double beta, double[] d) {
        return cdfGrad(y, alpha, beta, d, true);
    }

    /** {@link #lccdf} and its partials, as {@link #lcdfGrad} for log Q (all 0 for y &lt;= 0). */
    public static double lccdfGrad(double y, double alpha, double beta, double[] d) {
        return cdfGrad(y, alpha, beta, d, false);
    }

    private static double cdfGrad(double y, double alpha, double beta, double[] d, boolean lower) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= 0) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return y != y ? Double.NaN : lower ? Double.NEGATIVE_INFINITY : 0.0;
        }
        if (y == Double.POSITIVE_INFINITY) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return lower ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        double value = lower ? LogIncompleteGamma.logP(alpha, beta * y, d, 1)
                : LogIncompleteGamma.logQ(alpha, beta * y, d, 1);
        double gx = d[2];
        d[0] = beta * gx;
        d[2] = y * gx;
        return value;
    }

    /**
     * One draw: commons-rng {@link AhrensDieterMarsagliaTsangGammaSampler} with shape alpha and
     * scale 1 / beta.
     */
    public static double rng(UniformRandomProvider rng, double alpha, double beta) {
        Arguments.positive("gamma", "alpha", alpha);
        Arguments.positive("gamma", "beta", beta);
        return AhrensDieterMarsagliaTsangGammaSampler.of(rng, alpha, 1.0 / beta).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -lgamma(alpha) when alpha is data; alpha log(beta) when alpha and beta are; (alpha - 1) log(y) when y and alpha are; -beta y when y and beta are; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double alpha, double beta) {
        if (Propto.all(data, 2)) return lpdf(y, alpha, beta);
        return gammaSummands(Propto.data(data, 0), Propto.data(data, 1), Propto.data(data, 2), y, alpha, beta);
    }

    /** The gamma summands whose operands are data (y, shape alpha, rate beta: which are data), as {@link #dropped}. */
    static double gammaSummands(boolean y, boolean alpha, boolean beta, double yv, double a, double b) {
        double c = 0.0;
        if (alpha) c -= Numerics.lgamma(a);
        if (alpha && beta) c += a * Math.log(b);
        if (y && alpha) c += (a - 1.0) * Math.log(yv);
        if (y && beta) c -= b * yv;
        return c;
    }
}
