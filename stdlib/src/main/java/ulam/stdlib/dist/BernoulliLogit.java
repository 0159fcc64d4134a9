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
        double s;
        if (y == 1) {
            s = alpha;
        } else if (y == 0) {
            s = -alpha;
        } else {
            return Double.NEGATIVE_INFINITY;
        }
        double value;
        double slope; // d log_inv_logit(s) / ds = inv_logit(-s)
        if (s > 0) {
            double e = Math.exp(-s);
            double u = 1.0 + e;
            value = -Numerics.log1p(e);
            slope = e / u;
        } else {
            double e = Math.exp(s);
            double u = 1.0 + e;
            value = s - Numerics.log1p(e);
            slope = 1.0 / u;
        }
        d[1] = y == 1 ? slope : -slope;
        return value;
    }

    /** One draw: 1 with probability inv_logit(alpha), else 0. */
    public static int rng(UniformRandomProvider rng, double alpha) {
        Arguments.finite("bernoulli_logit", "alpha", alpha);
        return rng.nextDouble() < Numerics.invLogit(alpha) ? 1 : 0;
    }
}
