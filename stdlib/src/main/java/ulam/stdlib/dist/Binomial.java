package ulam.stdlib.dist;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
import ulam.stdlib.math.Numerics;

/**
 * The binomial distribution binomial(y | N, p): number of trials N &gt;= 0 (int), probability of
 * success p in [0, 1]; outcome y in {0, ..., N}. Stan Functions Reference, "Binomial
 * distribution": log mass = log C(N, y) + y log(p) + (N - y) log(1 - p). The term log C(N, y)
 * depends on data only and is {@link #constant}. -inf for y outside [0, N]; NaN for N &lt; 0 or
 * p outside [0, 1]; other rules in {@link ulam.stdlib.dist}. When p = inv_logit(x) the compiler
 * uses {@link BinomialLogit}.
 */
public final class Binomial {
    private Binomial() {}

    /** The log mass, natural log, with log C(N, y); NaN for invalid arguments. */
    public static double lpdf(int y, int n, double p) {
        if (!(p >= 0 && p <= 1) || n < 0) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return Numerics.logChoose(n, y) + value(y, n, p);
    }

    /**
     * lpdf - constant = y log(p) + (N - y) log(1 - p) (a term with a zero count is 0, so p = 0
     * and p = 1 give the right limits) and d[2] = d/dp = y / p - (N - y) / (1 - p).
     */
    public static double kernel(int y, int n, double p, double[] d) {
        if (!(p >= 0 && p <= 1) || n < 0) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        int failures = n - y;
        double dp = 0.0;
        if (y != 0) {
            dp = y / p;
        }
        if (failures != 0) {
            dp -= failures / (1.0 - p);
        }
        d[2] = dp;
        return value(y, n, p);
    }

    /**
     * log C(N, y), the part of the log mass that depends on data only.
     *
     * @return log C(N, y); -inf for y outside [0, N]; NaN for N &lt; 0
     */
    public static double constant(int y, int n) {
        return Numerics.logChoose(n, y);
    }

    private static double value(int y, int n, double p) {
        int failures = n - y;
        double successTerm = y == 0 ? 0.0 : y * Math.log(p);
        double failureTerm = failures == 0 ? 0.0 : failures * Numerics.log1m(p);
        return successTerm + failureTerm;
    }

    /** Largest number of trials the table-lookup sampler accepts (2^16 - 1). */
    private static final int MAX_TABLE_TRIALS = (1 << 16) - 1;

    /**
     * One draw: for N &lt; 2^16 commons-rng's {@link MarsagliaTsangWangDiscreteSampler.Binomial}
     * (table lookup, G. Marsaglia, W. W. Tsang and J. Wang, J. Stat. Softw. 11(3), 2004); for larger
     * N, which that sampler does not support, inversion of the distribution function
     * (commons-math3 {@link BinomialDistribution#inverseCumulativeProbability}, a bisection on the
     * regularized incomplete beta function), slower but exact.
     */
    public static int rng(UniformRandomProvider rng, int n, double p) {
        Arguments.nonNegative("binomial", "N", n);
        Arguments.probability("binomial", "p", p);
        return Draws.binomial(rng, n, p);   // the table sampler fails for a vanishing rare outcome
    }

    /** A binomial variate for valid arguments (shared with {@link BinomialLogit}). */
    static int draw(UniformRandomProvider rng, int n, double p) {
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (n <= MAX_TABLE_TRIALS) {
            return MarsagliaTsangWangDiscreteSampler.Binomial.of(rng, n, p).sample();
        }
        return new BinomialDistribution(null, n, p).inverseCumulativeProbability(rng.nextDouble());
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log C(N, y) ({@link #constant}); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, int n, double p) {
        return Propto.all(data, 2) ? lpdf(y, n, p) : constant(y, n);
    }
}
