package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The zero-inflated binomial distribution zibinom(y | p_zero, N, prob) (rethinking's
 * {@code dzibinom}, Stan-side {@code zibinomial}): with probability p_zero in [0, 1] an extra
 * zero, otherwise a binomial(N, prob) count, trials N &gt;= 0 (int), success probability prob in
 * [0, 1]; outcome y in {0, ..., N}. As rethinking's template (language reference, section 5),
 * with the Stan Functions Reference's {@code log_mix} and "Binomial distribution":
 * y = 0: log mass = log(p_zero + (1 - p_zero) (1 - prob)^N);
 * y &gt; 0: log mass = log1m(p_zero) + log C(N, y) + y log(prob) + (N - y) log(1 - prob).
 * log C(N, y) depends on data only ({@link #constant}). -inf for y outside [0, N]; NaN for N &lt; 0
 * or a probability outside [0, 1]; other rules in {@link ulam.stdlib.dist}.
 */
public final class ZiBinomial {
    private ZiBinomial() {}

    /** The log mass, natural log, with log C(N, y); NaN for invalid arguments. */
    public static double lpdf(int y, double pZero, int n, double prob) {
        if (!valid(pZero, n, prob)) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == 0) {
            return Numerics.logSumExp(Math.log(pZero), Numerics.log1m(pZero) + logFailures(n, prob));
        }
        return Numerics.log1m(pZero) + Binomial.lpdf(y, n, prob);
    }

    /**
     * lpdf - constant and its partials. For y = 0, with l0 = N log(1 - prob), m = p_zero
     * + (1 - p_zero) e^l0 and w = (1 - p_zero) e^l0 / m: d[1] = d/dp_zero = (1 - e^l0) / m,
     * d[3] = d/dprob = -w N / (1 - prob) (0 when w = 0); for y &gt; 0: d[1] = -1 / (1 - p_zero),
     * d[3] = y / prob - (N - y) / (1 - prob).
     */
    public static double kernel(int y, double pZero, int n, double prob, double[] d) {
        if (!valid(pZero, n, prob)) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == 0) {
            double l0 = logFailures(n, prob);
            double logCount = Numerics.log1m(pZero) + l0;
            double value = Numerics.logSumExp(Math.log(pZero), logCount);
            double w = Math.exp(logCount - value);
            d[1] = -Math.expm1(l0) * Math.exp(-value);
            d[3] = w == 0 ? 0.0 : -w * n / (1.0 - prob);
            return value;
        }
        d[1] = -1.0 / (1.0 - pZero);
        double value = Binomial.kernel(y, n, prob, d); // writes d/dprob into d[2], the slot of the int N
        d[3] = d[2];
        return Numerics.log1m(pZero) + value;
    }

    /** N log(1 - prob), 0 when N = 0. */
    private static double logFailures(int n, double prob) {
        return n == 0 ? 0.0 : n * Numerics.log1m(prob);
    }

    /** log C(N, y), the part of the log mass that depends on data only (-inf outside [0, N]). */
    public static double constant(int y, int n) {
        return Numerics.logChoose(n, y);
    }

    private static boolean valid(double pZero, int n, double prob) {
        return pZero >= 0 && pZero <= 1 && n >= 0 && prob >= 0 && prob <= 1;
    }

    /** One draw: 0 with probability p_zero, else a binomial(N, prob) variate. */
    public static int rng(UniformRandomProvider rng, double pZero, int n, double prob) {
        Arguments.probability("zibinom", "p_zero", pZero);
        Arguments.nonNegative("zibinom", "N", n);
        Arguments.probability("zibinom", "prob", prob);
        if (rng.nextDouble() < pZero) {
            return 0;
        }
        return Draws.binomial(rng, n, prob);
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing: Stan's program writes this mixture with target +=, which keeps every constant; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double pZero, int n, double prob) {
        return 0.0;
    }
}
