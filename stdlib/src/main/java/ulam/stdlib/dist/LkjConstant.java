package ulam.stdlib.dist;

import ulam.stdlib.math.Memo;
import ulam.stdlib.math.Numerics;

/**
 * The log normalising constant of the LKJ distribution of K x K correlation matrices and its
 * derivative in eta (Lewandowski, Kurowicka and Joe 2009, theorem 5; Stan's
 * {@code do_lkj_constant}), shared by {@link LkjCorr} and {@link LkjCorrCholesky}:
 * <pre>
 * c(eta, K) = -(K-1) K / 4 log(pi) + sum_{k=1}^{K-1} [lgamma(k/2) - lbeta(k/2, eta + (K-1-k)/2)]
 * dc/deta   = sum_{k=1}^{K-1} [digamma(eta + (K-1)/2) - digamma(eta + (K-1-k)/2)]
 * </pre>
 * (each bracket of c is lgamma(eta + (K-1)/2) - lgamma(eta + (K-1-k)/2), written through lbeta so
 * that it does not cancel for large eta). One formula for every eta, so c is smooth in eta; at
 * eta = 1 it equals Stan's closed form for that case (tested). Kept per thread for the last
 * (eta, K), as {@link Memo} does: a model's LKJ prior has a constant eta.
 */
final class LkjConstant {
    private LkjConstant() {}

    private static final ThreadLocal<double[]> MEMO = Memo.create(4);

    /** This thread's memo: [2] = c(eta, K), [3] = dc/deta. */
    static double[] of(double eta, int K) {
        double[] m = MEMO.get();
        if (m[0] == eta && m[1] == K) {
            return m;
        }
        int km1 = K - 1;
        double c = -0.25 * km1 * K * Numerics.LOG_PI;
        double dc = 0;
        double top = km1 > 0 ? Numerics.digamma(eta + 0.5 * km1) : 0;
        for (int k = 1; k <= km1; k++) {
            double x = eta + 0.5 * (km1 - k);
            c += Numerics.lgamma(0.5 * k) - Numerics.lbeta(0.5 * k, x);
            dc += top - Numerics.digamma(x);
        }
        m[0] = eta;
        m[1] = K;
        m[2] = c;
        m[3] = dc;
        return m;
    }
}
