package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The categorical distribution on the log-odds scale, categorical_logit(y | beta) =
 * categorical(y | softmax(beta)): beta = (beta_1, ..., beta_K) real and finite; outcome y in
 * {1, ..., K}. Stan Functions Reference, "Categorical distribution", logit parameterization:
 * log mass = beta_y - log_sum_exp(beta), the log-sum-exp taken around max(beta) so that nothing
 * overflows or underflows to a wrong value for any finite beta.
 *
 * <p>Operands follow {@link ulam.stdlib.Signatures}: beta is {@code beta[off], ...,
 * beta[off + K - 1]}. NaN for any beta_k not finite or K &lt; 1; -inf for y outside 1..K (after
 * the check of beta); other rules in {@link ulam.stdlib.dist}.
 */
public final class CategoricalLogit {
    private CategoricalLogit() {}

    /** The log mass, natural log; NaN for invalid arguments. */
    public static double lpdf(int y, double[] beta, int off, int K) {
        double max = max(beta, off, K);
        if (max != max) {
            return Double.NaN;
        }
        if (y < 1 || y > K) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            sum += Math.exp(beta[off + k] - max);
        }
        return beta[off + y - 1] - max - Math.log(sum);
    }

    /**
     * The log mass (same value as {@link #lpdf}) and its partials dbeta[k] = [k = y - 1] - softmax(beta)_k,
     * overwriting {@code dbeta} from index 0 to K - 1 (K exponentials and one log in all).
     */
    public static double kernel(int y, double[] beta, int off, int K, double[] d, double[] dbeta) {
        double max = max(beta, off, K);
        if (max != max) {
            return Double.NaN;
        }
        if (y < 1 || y > K) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double e = Math.exp(beta[off + k] - max);
            dbeta[k] = e;
            sum += e;
        }
        double inv = -1.0 / sum;
        for (int k = 0; k < K; k++) {
            dbeta[k] *= inv;
        }
        dbeta[y - 1] += 1.0;
        return beta[off + y - 1] - max - Math.log(sum);
    }

    /** max(beta), or NaN if K &lt; 1 or some beta_k is not finite. */
    private static double max(double[] beta, int off, int K) {
        if (K < 1) {
            return Double.NaN;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            double b = beta[off + k];
            if (!Numerics.isFinite(b)) {
                return Double.NaN;
            }
            max = Math.max(max, b);
        }
        return max;
    }

    /** One draw by inversion of the cumulative softmax probabilities. Rejects beta not finite. */
    public static int rng(UniformRandomProvider rng, double[] beta, int off, int K) {
        double max = max(beta, off, K);
        if (max != max) {
            throw new IllegalArgumentException("categorical_logit_rng: beta must have at least one element, all finite");
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            sum += Math.exp(beta[off + k] - max);
        }
        double u = rng.nextDouble() * sum;
        double cumulative = 0;
        for (int k = 0; k < K; k++) {
            cumulative += Math.exp(beta[off + k] - max);
            if (u < cumulative) {
                return k + 1;
            }
        }
        int last = 0; // u beyond a rounded sum: the last category of positive probability
        for (int k = 0; k < K; k++) {
            if (beta[off + k] - max > -745) {
                last = k;
            }
        }
        return last + 1;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing unless every operand is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double[] beta, int off, int K) {
        return Propto.all(data, 1) ? lpdf(y, beta, off, K) : 0.0;
    }
}
