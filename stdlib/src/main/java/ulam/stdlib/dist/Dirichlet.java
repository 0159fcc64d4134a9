package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import ulam.stdlib.math.Numerics;

/**
 * The Dirichlet distribution dirichlet(theta | alpha) (rethinking's {@code ddirichlet}):
 * concentrations alpha = (alpha_1, ..., alpha_K), each &gt; 0; outcome theta, a simplex of K
 * values. Stan Functions Reference, "Dirichlet distribution":
 * log density = log Gamma(sum_k alpha_k) - sum_k log Gamma(alpha_k) + sum_k (alpha_k - 1) log(theta_k),
 * a term with alpha_k = 1 being 0 (also at theta_k = 0).
 *
 * <p>Operands follow {@link ulam.stdlib.Signatures}: {@code theta[thetaOff], ...,
 * theta[thetaOff + K - 1]} and {@code alpha[alphaOff], ...}. That theta sums to 1 is not checked
 * (a {@code simplex} parameter does by construction); an element outside [0, 1] gives -inf.
 * NaN for an alpha_k not positive and finite or K &lt; 1; other rules in {@link ulam.stdlib.dist}.
 */
public final class Dirichlet {
    private Dirichlet() {}

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double[] theta, int thetaOff, double[] alpha, int alphaOff, int K) {
        return evaluate(theta, thetaOff, alpha, alphaOff, K, null, null);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, overwriting {@code dtheta}
     * and {@code dalpha} from index 0 to K - 1: dtheta[k] = (alpha_k - 1) / theta_k,
     * dalpha[k] = psi(sum alpha) - psi(alpha_k) + log(theta_k), psi the digamma function.
     */
    public static double kernel(double[] theta, int thetaOff, double[] alpha, int alphaOff, int K, double[] d,
                                double[] dtheta, double[] dalpha) {
        return evaluate(theta, thetaOff, alpha, alphaOff, K, dtheta, dalpha);
    }

    /**
     * Per-thread memory of the terms that depend on alpha alone, for the last alpha seen (alpha
     * is usually data, or changes once per evaluation while theta is read per row): layout
     * {@code [K, alpha_1..alpha_K, log Gamma(sum alpha) - sum log Gamma(alpha_k), psi(sum alpha),
     * psi(alpha_1)..psi(alpha_K)]}. Each thread (chain) has its own; it grows, never shrinks.
     */
    private static final ThreadLocal<double[][]> MEMO = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    /** The memory of {@link #MEMO}, recomputed if alpha differs from the last call's (alpha valid, K &gt;= 1). */
    private static double[] alphaTerms(double[] alpha, int alphaOff, int K) {
        double[][] holder = MEMO.get();
        double[] m = holder[0];
        boolean same = m.length >= 3 + 2 * K && m[0] == K;
        for (int k = 0; same && k < K; k++) {
            same = m[1 + k] == alpha[alphaOff + k];
        }
        if (same) {
            return m;
        }
        if (m.length < 3 + 2 * K) {
            m = new double[3 + 2 * K];
            holder[0] = m;
        }
        m[0] = K;
        double total = 0;
        double normaliser = 0;
        for (int k = 0; k < K; k++) {
            double a = alpha[alphaOff + k];
            m[1 + k] = a;
            m[3 + K + k] = Numerics.digamma(a);
            total += a;
            normaliser -= Numerics.lgamma(a);
        }
        m[1 + K] = Numerics.lgamma(total) + normaliser;
        m[2 + K] = Numerics.digamma(total);
        return m;
    }

    private static double evaluate(double[] theta, int thetaOff, double[] alpha, int alphaOff, int K,
                                   double[] dtheta, double[] dalpha) {
        if (K < 1) {
            return Double.NaN;
        }
        for (int k = 0; k < K; k++) {
            if (!Numerics.isPositiveFinite(alpha[alphaOff + k])) {
                return Double.NaN;
            }
        }
        double[] terms = alphaTerms(alpha, alphaOff, K);
        double sum = 0;
        boolean outside = false;
        for (int k = 0; k < K; k++) {
            double t = theta[thetaOff + k];
            if (!(t >= 0 && t <= 1)) {
                if (t != t) {
                    return Double.NaN;
                }
                outside = true;
                continue;
            }
            double a = alpha[alphaOff + k];
            double logT = Math.log(t);
            if (a != 1.0) {
                sum += (a - 1.0) * logT;
            }
            if (dtheta != null) {
                dtheta[k] = (a - 1.0) / t;
                dalpha[k] = logT - terms[3 + K + k] + terms[2 + K];
            }
        }
        if (outside) {
            return Double.NEGATIVE_INFINITY;
        }
        return terms[1 + K] + sum;
    }

    /**
     * One draw, written to {@code out[outOff], ..., out[outOff + K - 1]}: independent
     * gamma(alpha_k, 1) variates normalised to sum 1, computed in log space (for alpha_k &lt; 1,
     * log G = log G' + log(U) / alpha_k with G' ~ gamma(alpha_k + 1, 1), the boosting identity of
     * G. Marsaglia and W. W. Tsang, ACM TOMS 26 (2000) 363-372) so that small concentrations do not
     * underflow to 0/0. Rejects an alpha_k not positive and finite.
     */
    public static void rng(UniformRandomProvider rng, double[] alpha, int alphaOff, int K, double[] out, int outOff) {
        if (K < 1) {
            throw new IllegalArgumentException("dirichlet_rng: alpha must have at least one element");
        }
        for (int k = 0; k < K; k++) {
            Arguments.positive("dirichlet", "alpha[" + (k + 1) + "]", alpha[alphaOff + k]);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            double a = alpha[alphaOff + k];
            double logG;
            if (a >= 1) {
                logG = Math.log(AhrensDieterMarsagliaTsangGammaSampler.of(rng, a, 1.0).sample());
            } else {
                logG = Math.log(AhrensDieterMarsagliaTsangGammaSampler.of(rng, a + 1.0, 1.0).sample())
                        + Math.log(rng.nextDouble()) / a;
            }
            out[outOff + k] = logG;
            max = Math.max(max, logG);
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double e = Math.exp(out[outOff + k] - max);
            out[outOff + k] = e;
            sum += e;
        }
        for (int k = 0; k < K; k++) {
            out[outOff + k] /= sum;
        }
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): lgamma(sum alpha) - sum lgamma(alpha_k) when alpha is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double[] theta, int thetaOff, double[] alpha, int alphaOff, int K) {
        if (Propto.all(data, 1)) return lpdf(theta, thetaOff, alpha, alphaOff, K);
        if (!Propto.data(data, 1)) return 0.0;
        double total = 0.0;
        double c = 0.0;
        for (int k = 0; k < K; k++) {
            total += alpha[alphaOff + k];
            c -= Numerics.lgamma(alpha[alphaOff + k]);
        }
        return c + Numerics.lgamma(total);
    }
}
