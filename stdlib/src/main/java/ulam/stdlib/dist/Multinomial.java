package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The multinomial distribution multinomial(y | theta) (R's {@code dmultinom}): probabilities
 * theta = (theta_1, ..., theta_K), a simplex; outcome y = (y_1, ..., y_K), counts &gt;= 0 with
 * total N = sum_k y_k. Stan Functions Reference, "Multinomial distribution":
 * log mass = log N! - sum_k log y_k! + sum_k y_k log(theta_k); the factorial terms depend on data
 * only ({@link #constant}), a term with y_k = 0 is 0 (also at theta_k = 0).
 *
 * <p>Operands follow {@link ulam.stdlib.Signatures}: {@code y[yOff], ..., y[yOff + K - 1]} and
 * {@code theta[thetaOff], ...}. Each theta_k must be in [0, 1] (else NaN); that they sum to 1 is
 * not checked (a {@code simplex} parameter does by construction; {@link #rng} checks it). -inf if
 * some y_k &lt; 0; NaN for K &lt; 1; other rules in {@link ulam.stdlib.dist}.
 */
public final class Multinomial {
    private Multinomial() {}

    /** The log mass, natural log, with the multinomial coefficient; NaN for invalid arguments. */
    public static double lpdf(int[] y, int yOff, double[] theta, int thetaOff, int K) {
        double value = evaluate(y, yOff, theta, thetaOff, K, null);
        if (value != value || value == Double.NEGATIVE_INFINITY) {
            return value;
        }
        return value + constant(y, yOff, K);
    }

    /**
     * lpdf - constant = sum_k y_k log(theta_k), and its partials dtheta[k] = y_k / theta_k (0 where
     * y_k = 0), overwriting {@code dtheta} from index 0 to K - 1.
     */
    public static double kernel(int[] y, int yOff, double[] theta, int thetaOff, int K, double[] d, double[] dtheta) {
        return evaluate(y, yOff, theta, thetaOff, K, dtheta);
    }

    private static double evaluate(int[] y, int yOff, double[] theta, int thetaOff, int K, double[] dtheta) {
        if (K < 1) {
            return Double.NaN;
        }
        double sum = 0;
        boolean negative = false;
        for (int k = 0; k < K; k++) {
            double t = theta[thetaOff + k];
            if (!(t >= 0 && t <= 1)) {
                return Double.NaN;
            }
            int n = y[yOff + k];
            if (n < 0) {
                negative = true;
            } else if (n > 0) {
                sum += n * Math.log(t);
                if (dtheta != null) {
                    dtheta[k] = n / t;
                }
            } else if (dtheta != null) {
                dtheta[k] = 0.0;
            }
        }
        return negative ? Double.NEGATIVE_INFINITY : sum;
    }

    /**
     * log N! - sum_k log y_k!, the part of the log mass that depends on data only.
     *
     * @return the log multinomial coefficient; -inf if some y_k &lt; 0; NaN for K &lt; 1
     */
    public static double constant(int[] y, int yOff, int K) {
        if (K < 1) {
            return Double.NaN;
        }
        long total = 0;
        double sum = 0;
        for (int k = 0; k < K; k++) {
            int n = y[yOff + k];
            if (n < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            total += n;
            sum -= Numerics.logFactorial(n);
        }
        return sum + Numerics.lgamma(total + 1.0);
    }

    /**
     * One draw. The number of trials N is the total of the counts that {@code out[outOff], ...,
     * out[outOff + K - 1]} hold on entry (the calling convention has no slot for N, since the
     * density takes it from the outcome: the caller passes the observed outcome, or any counts
     * with the wanted total); on exit they hold a multinomial(N, theta) draw, made as a chain of
     * conditional binomials y_k ~ binomial(N - y_1 - ... - y_{k-1}, theta_k / (theta_k + ... + theta_K)).
     * Rejects theta that is not a simplex (as Stan's check, sum within 1e-8 of 1), and negative
     * counts or a total above 2^31 - 1 on entry.
     */
    public static void rng(UniformRandomProvider rng, double[] theta, int thetaOff, int K, int[] out, int outOff) {
        Simplex.check("multinomial", "theta", theta, thetaOff, K);
        long total = 0;
        for (int k = 0; k < K; k++) {
            int n = out[outOff + k];
            if (n < 0) {
                throw new IllegalArgumentException("multinomial_rng: the counts passed in (whose total is the number"
                        + " of trials) include " + n + " < 0");
            }
            total += n;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("multinomial_rng: " + total + " trials is too many");
        }
        int remaining = (int) total;
        double mass = 0;
        for (int k = 0; k < K; k++) {
            mass += theta[thetaOff + k];
        }
        for (int k = 0; k < K; k++) {
            double t = theta[thetaOff + k];
            int n;
            if (k == K - 1 || remaining == 0) {
                n = k == K - 1 ? remaining : 0;
            } else {
                double p = mass > 0 ? Math.min(1.0, t / mass) : 0.0;
                n = Draws.binomial(rng, remaining, p);
            }
            out[outOff + k] = n;
            remaining -= n;
            mass -= t;
        }
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): the multinomial coefficient ({@link #constant}); the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int[] y, int yOff, double[] theta, int thetaOff, int K) {
        return Propto.all(data, 1) ? lpdf(y, yOff, theta, thetaOff, K) : constant(y, yOff, K);
    }
}
