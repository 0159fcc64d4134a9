package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import ulam.stdlib.math.Numerics;

/**
 * The beta-binomial distribution beta_binomial(y | N, alpha, beta) (Stan's parameterisation):
 * number of trials N &gt;= 0 (int), prior success counts alpha &gt; 0 and beta &gt; 0; outcome y in
 * {0, ..., N}. Stan Functions Reference, "Beta-binomial distribution":
 * log mass = log C(N, y) + log B(y + alpha, N - y + beta) - log B(alpha, beta), B the beta
 * function; log C(N, y) depends on data only ({@link #constant}). log B(alpha, beta) and the
 * digamma values of alpha, beta and alpha + beta are kept per thread for the last (alpha, beta)
 * (shared with {@link Beta}). -inf for y outside [0, N]; NaN for N &lt; 0 or alpha, beta not
 * positive and finite; other rules in {@link ulam.stdlib.dist}. (rstan 2.21's own
 * {@code beta_binomial} has a defect; this follows the closed form above.)
 */
public final class BetaBinomial {
    private BetaBinomial() {}

    /** The log mass, natural log, with log C(N, y); NaN for invalid arguments. */
    public static double lpdf(int y, int n, double alpha, double beta) {
        if (!valid(n, alpha, beta)) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return Numerics.logChoose(n, y) + value(y, n, alpha, beta, Beta.specials(alpha, beta));
    }

    /**
     * lpdf - constant = log B(y + alpha, N - y + beta) - log B(alpha, beta), and with psi the
     * digamma function d[2] = d/dalpha = psi(y + alpha) - psi(alpha) - psi(N + alpha + beta)
     * + psi(alpha + beta), d[3] = d/dbeta = psi(N - y + beta) - psi(beta) - psi(N + alpha + beta)
     * + psi(alpha + beta) (a difference over a zero count is exactly 0).
     */
    public static double kernel(int y, int n, double alpha, double beta, double[] d) {
        if (!valid(n, alpha, beta)) {
            return Double.NaN;
        }
        if (y < 0 || y > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] m = Beta.specials(alpha, beta);
        gradient(y, n, alpha, beta, m, d);
        return value(y, n, alpha, beta, m);
    }

    /** g[0] = d/dalpha and g[1] = d/dbeta of the kernel into d[2], d[3]; m from {@link Beta#specials}. */
    static void gradient(int y, int n, double alpha, double beta, double[] m, double[] d) {
        double total = n == 0 ? 0.0 : Numerics.digamma(n + alpha + beta) - m[5];
        double a = y == 0 ? 0.0 : Numerics.digamma(y + alpha) - m[3];
        double b = y == n ? 0.0 : Numerics.digamma(n - y + beta) - m[4];
        d[2] = a - total;
        d[3] = b - total;
    }

    /** log B(y + alpha, N - y + beta) - log B(alpha, beta), given the memo m. */
    static double value(int y, int n, double alpha, double beta, double[] m) {
        if (n == 0) {
            return 0.0;
        }
        return Numerics.lbeta(y + alpha, n - y + beta) - m[2];
    }

    /**
     * log C(N, y), the part of the log mass that depends on data only.
     *
     * @return log C(N, y); -inf for y outside [0, N]; NaN for N &lt; 0
     */
    public static double constant(int y, int n) {
        return Numerics.logChoose(n, y);
    }

    private static boolean valid(int n, double alpha, double beta) {
        return n >= 0 && Numerics.isPositiveFinite(alpha) && Numerics.isPositiveFinite(beta);
    }

    /** One draw: p ~ beta(alpha, beta) (Cheng's algorithm), then binomial(N, p). */
    public static int rng(UniformRandomProvider rng, int n, double alpha, double beta) {
        Arguments.nonNegative("beta_binomial", "N", n);
        Arguments.positive("beta_binomial", "alpha", alpha);
        Arguments.positive("beta_binomial", "beta", beta);
        return Draws.binomial(rng, n, ChengBetaSampler.of(rng, alpha, beta).sample());
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): log C(N, y) ({@link #constant}); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, int n, double alpha, double beta) {
        return Propto.all(data, 3) ? lpdf(y, n, alpha, beta) : constant(y, n);
    }
}
