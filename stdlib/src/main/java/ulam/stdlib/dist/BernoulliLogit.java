package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The Bernoulli distribution on the log-odds scale, bernoulli_logit(y | alpha) =
 * bernoulli(y | inv_logit(alpha)), alpha real and finite; outcome y in {0, 1}. Stan Functions
 * Reference, "Bernoulli distribution, logit parameterization": log mass = log_inv_logit(s) with
 * s = alpha if y = 1 and s = -alpha if y = 0.
 *
 * <p>Evaluated with one exp and one log, stably for any finite alpha: for s &gt; 0,
 * log_inv_logit(s) = -log1p(exp(-s)), otherwise s - log1p(exp(s)); the derivative reuses the same
 * exp. -inf for y outside {0, 1}; NaN if alpha is not finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class BernoulliLogit {
    private BernoulliLogit() {}

    /** The log mass, natural log; NaN if alpha is not finite. */
    public static double lpdf(int y, double alpha) {
        if (!Numerics.isFinite(alpha)) {
            return Double.NaN;
        }
        if (y == 1) {
            return Numerics.logInvLogit(alpha);
        }
        return y == 0 ? Numerics.logInvLogit(-alpha) : Double.NEGATIVE_INFINITY;
    }

    /**
     * The log mass (same value as {@link #lpdf}) and d[1] = d/dalpha = y - inv_logit(alpha), i.e.
     * inv_logit(-s) times the sign of s.
     */
    public static double kernel(int y, double alpha, double[] d) {
        if (!Numerics.isFinite(alpha)) {
            return Double.NaN;
        }
        if (y != 0 && y != 1) {
            return Double.NEGATIVE_INFINITY;
        }
        // s = alpha for y = 1, -alpha for y = 0; log_inv_logit(s) = min(s, 0) - log1p(exp(-|s|)) and
        // its slope inv_logit(-s) = (s > 0 ? e : 1) / (1 + e) with e = exp(-|s|): written without
        // data-dependent branches (the selects compile to conditional moves), because y and the
        // sign of alpha vary unpredictably from row to row.
        double sign = y == 1 ? 1.0 : -1.0;
        double s = sign * alpha;
        double e = Math.exp(-Math.abs(s));
        double u = 1.0 + e;
        d[1] = sign * (s > 0 ? e : 1.0) / u;
        return (s > 0 ? 0.0 : s) - Numerics.log1p(e);
    }

    /** One draw: 1 with probability inv_logit(alpha), else 0. */
    public static int rng(UniformRandomProvider rng, double alpha) {
        Arguments.finite("bernoulli_logit", "alpha", alpha);
        return rng.nextDouble() < Numerics.invLogit(alpha) ? 1 : 0;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing unless every operand is data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double alpha) {
        return Propto.all(data, 1) ? lpdf(y, alpha) : 0.0;
    }
}
