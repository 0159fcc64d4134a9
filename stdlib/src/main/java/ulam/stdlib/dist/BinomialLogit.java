package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The binomial distribution on the log-odds scale, binomial_logit(y | N, alpha) =
 * binomial(y | N, inv_logit(alpha)): trials N &gt;= 0 (int), log-odds alpha real and finite;
 * outcome y in {0, ..., N}. Stan Functions Reference, "Binomial distribution, logit
 * parameterization": log mass = log C(N, y) + y log_inv_logit(alpha)
 * + (N - y) log1m_inv_logit(alpha), log C(N, y) being {@link #constant}.
 *
 * <p>With L = log1p(exp(-|alpha|)) the kernel is -N L - (N - y) alpha for alpha &gt; 0 and
 * y alpha - N L otherwise: one exp and one log, stable for any finite alpha. -inf for y outside
 * [0, N]; NaN for N &lt; 0 or alpha not finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class BinomialLogit {
    private BinomialLogit() {}

    /** The log mass, natural log, with log C(N, y); NaN for invalid arguments. */
    public static double lpdf(int y, int n, double alpha) {
        if (!Numerics.isFinite(alpha) || n < 0) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double e = Math.exp(-Math.abs(alpha));
        return Numerics.logChoose(n, y) + value(y, n, alpha, Numerics.log1p(e));
    }

    /**
     * lpdf - constant, and d[2] = d/dalpha = y - N inv_logit(alpha), inv_logit(alpha) taken from
     * the same exp(-|alpha|).
     */
    public static double kernel(int y, int n, double alpha, double[] d) {
        if (!Numerics.isFinite(alpha) || n < 0) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double e = Math.exp(-Math.abs(alpha));
        double u = 1.0 + e;
        double p = alpha > 0 ? 1.0 / u : e / u; // inv_logit(alpha)
        d[2] = y - n * p;
        return value(y, n, alpha, Numerics.log1p(e));
    }

    /** log C(N, y), as {@link Binomial#constant}. */
    public static double constant(int y, int n) {
        return Numerics.logChoose(n, y);
    }

    /** y log_inv_logit(alpha) + (N - y) log1m_inv_logit(alpha) given l = log1p(exp(-|alpha|)). */
    private static double value(int y, int n, double alpha, double l) {
        return alpha > 0 ? -n * l - (n - y) * alpha : y * alpha - n * l;
    }

    /** One draw: a binomial(N, inv_logit(alpha)) variate. */
    public static int rng(UniformRandomProvider rng, int n, double alpha) {
        Arguments.nonNegative("binomial_logit", "N", n);
        Arguments.finite("binomial_logit", "alpha", alpha);
        return Draws.binomial(rng, n, Numerics.invLogit(alpha));
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log C(N, y) ({@link #constant}); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, int n, double alpha) {
        return Propto.all(data, 2) ? lpdf(y, n, alpha) : constant(y, n);
    }
}
