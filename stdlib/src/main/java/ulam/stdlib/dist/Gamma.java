package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
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
     * One draw: commons-rng {@link AhrensDieterMarsagliaTsangGammaSampler} with shape alpha and
     * scale 1 / beta.
     */
    public static double rng(UniformRandomProvider rng, double alpha, double beta) {
        Arguments.positive("gamma", "alpha", alpha);
        Arguments.positive("gamma", "beta", beta);
        return AhrensDieterMarsagliaTsangGammaSampler.of(rng, alpha, 1.0 / beta).sample();
    }
}
