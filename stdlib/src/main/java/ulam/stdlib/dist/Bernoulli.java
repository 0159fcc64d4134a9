package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The Bernoulli distribution bernoulli(y | p): probability of success p in [0, 1]; outcome
 * y in {0, 1}. Stan Functions Reference, "Bernoulli distribution": log mass = log(p) if y = 1,
 * log(1 - p) if y = 0. -inf for any other y; NaN if p is outside [0, 1]; other rules in
 * {@link ulam.stdlib.dist}. When p = inv_logit(x) the compiler uses {@link BernoulliLogit}.
 */
public final class Bernoulli {
    private Bernoulli() {}

    /** The log mass, natural log; NaN for invalid p. */
    public static double lpdf(int y, double p) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (y == 1) {
            return Math.log(p);
        }
        return y == 0 ? Numerics.log1m(p) : Double.NEGATIVE_INFINITY;
    }

    /** The log mass (same value as {@link #lpdf}); d[1] = d/dp = 1 / p if y = 1, -1 / (1 - p) if y = 0. */
    public static double kernel(int y, double p, double[] d) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (y == 1) {
            d[1] = 1.0 / p;
            return Math.log(p);
        }
        if (y == 0) {
            d[1] = -1.0 / (1.0 - p);
            return Numerics.log1m(p);
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** One draw: 1 with probability p, else 0. */
    public static int rng(UniformRandomProvider rng, double p) {
        Arguments.probability("bernoulli", "p", p);
        return rng.nextDouble() < p ? 1 : 0;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing unless every operand is data (each summand has p); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double p) {
        return Propto.all(data, 1) ? lpdf(y, p) : 0.0;
    }
}
