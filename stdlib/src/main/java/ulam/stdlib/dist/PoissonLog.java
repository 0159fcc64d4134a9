package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The Poisson distribution on the log scale, poisson_log(y | alpha) = poisson(y | exp(alpha)),
 * alpha real and finite (the log rate); outcome y in {0, 1, 2, ...}. Stan Functions Reference,
 * "Poisson distribution, log parameterization": log mass = y alpha - exp(alpha) - log(y!),
 * the last term being {@link #constant}. -inf for y &lt; 0; NaN if alpha is not finite; other
 * rules in {@link ulam.stdlib.dist}.
 */
public final class PoissonLog {
    private PoissonLog() {}

    /** The log mass, natural log, with -log(y!); NaN if alpha is not finite. */
    public static double lpdf(int y, double alpha) {
        if (!Numerics.isFinite(alpha)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return y * alpha - Math.exp(alpha) - Numerics.logFactorial(y);
    }

    /** lpdf - constant = y alpha - exp(alpha), and d[1] = d/dalpha = y - exp(alpha). */
    public static double kernel(int y, double alpha, double[] d) {
        if (!Numerics.isFinite(alpha)) {
            return Double.NaN;
        }
        if (y < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double rate = Math.exp(alpha);
        d[1] = y - rate;
        return y * alpha - rate;
    }

    /** -log(y!), as {@link Poisson#constant}. */
    public static double constant(int y) {
        return Poisson.constant(y);
    }

    /** One draw: a Poisson(exp(alpha)) variate; exp(alpha) must not exceed {@link Poisson#MAX_RNG_RATE}. */
    public static int rng(UniformRandomProvider rng, double alpha) {
        Arguments.finite("poisson_log", "alpha", alpha);
        return Poisson.rng(rng, Math.exp(alpha));
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(y!) ({@link #constant}); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double alpha) {
        return Propto.all(data, 1) ? lpdf(y, alpha) : constant(y);
    }
}
