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

    private static double evaluate(double[] theta, int thetaOff, double[] alpha, int alphaOff, int K,
                                   double[] dtheta, double[] dalpha) {
        if (K < 1) {
            return Double.NaN;
        }
        double total = 0;
        double normaliser = 0;
        for (int k = 0; k < K; k++) {
            double a = alpha[alphaOff + k];
            if (!Numerics.isPositiveFinite(a)) {
                return Double.NaN;
            }
            total += a;
            normaliser -= Numerics.lgamma(a);
        }
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
                dalpha[k] = logT - Numerics.digamma(a);
            }
        }
        if (outside) {
            return Double.NEGATIVE_INFINITY;
        }
        if (dalpha != null) {
            double psiTotal = Numerics.digamma(total);
            for (int k = 0; k < K; k++) {
                dalpha[k] += psiTotal;
            }
        }
        return Numerics.lgamma(total) + normaliser + sum;
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
}
