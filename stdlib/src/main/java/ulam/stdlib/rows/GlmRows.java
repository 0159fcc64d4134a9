package ulam.stdlib.rows;

import ulam.stdlib.dist.BinomialLogit;
import ulam.stdlib.dist.PoissonLog;

/**
 * The log density and gradient of a generalised linear likelihood over a block of rows, in one
 * call, for the code generator's row blocks (docs/architecture.md, "Row blocks" and "SIMD"): the
 * rows' linear predictor
 * <pre>
 *   eta_i = alpha + sum_k coef[k] * cols[k][i] + sum_j par[idx[j][i]]       (i in [lo, hi))
 * </pre>
 * (an intercept, slopes of data columns, varying effects read from the parameter array at data
 * indices, already 0-based) enters {@code binomial_logit(y_i | n_i, eta_i)} or
 * {@code poisson_log(y_i | eta_i)}, the kernels of {@link BinomialLogit#kernel} and
 * {@link PoissonLog#kernel} (log mass without the constants that depend on the data alone:
 * Stan Functions Reference, "Binomial distribution, logit parameterization", "Poisson
 * distribution, log parameterization"). With the JDK's Vector API ({@code jdk.incubator.vector},
 * present when the JVM runs with {@code --add-modules jdk.incubator.vector}) the rows are
 * computed {@link GlmRowsVector#lanes() lanes} at a time; without it, or with
 * {@code -Dulam.simd=false}, one at a time. Both give the same log density and gradient to about
 * 1e-15 relative (the order of the sums differs); each is deterministic for given rows.
 *
 * <p>Shapes: {@code y}, {@code n}, each {@code cols[k]} and {@code idx[j]} are indexed by row;
 * {@code coef} has length K = {@code cols.length}; {@code par} is the model's parameter array
 * (constrained values); {@code dPar} (null: no gradient) has its length and receives
 * {@code d lp / d par[idx[j][i]]} added in; {@code dOut} (null: no gradient), of length 1 + K,
 * receives {@code d lp / d alpha} in [0] and {@code d lp / d coef[k]} in [1 + k] (overwritten).
 * A non-finite log density is returned as the scalar kernels compute it (NaN for a non-finite
 * predictor, -inf for an outcome outside the support); the gradient then is not meaningful.
 */
public final class GlmRows {
    private GlmRows() {}

    /** Whether the Vector API path is used (the module is present and {@code ulam.simd} is not false). */
    public static final boolean VECTOR = vectorAvailable();

    private static boolean vectorAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("ulam.simd"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return GlmRowsVector.lanes() >= 2;
        } catch (Throwable t) {   // LinkageError where the module is present but unusable
            return false;
        }
    }

    /**
     * Binomial-logit rows (Bernoulli-logit when {@code n} is null: every n_i = 1).
     *
     * @return the rows' log mass, kernel scale (no log-choose constant)
     */
    public static double binomialLogit(int lo, int hi, int[] y, int[] n, double alpha, double[] coef, double[][] cols,
                                       double[] par, int[][] idx, double[] dPar, double[] dOut) {
        double lp = VECTOR && hi - lo >= GlmRowsVector.lanes()
                ? GlmRowsVector.binomialLogit(lo, hi, y, n, alpha, coef, cols, par, idx, dPar, dOut)
                : binomialLogitScalar(lo, hi, y, n, alpha, coef, cols, par, idx, dPar, dOut);
        if (Double.isFinite(lp)) return lp;
        return binomialLogitScalar(lo, hi, y, n, alpha, coef, cols, par, idx, null, null);
    }

    /**
     * Poisson-log rows.
     *
     * @return the rows' log mass, kernel scale (no -log(y!))
     */
    public static double poissonLog(int lo, int hi, int[] y, double alpha, double[] coef, double[][] cols,
                                    double[] par, int[][] idx, double[] dPar, double[] dOut) {
        double lp = VECTOR && hi - lo >= GlmRowsVector.lanes()
                ? GlmRowsVector.poissonLog(lo, hi, y, alpha, coef, cols, par, idx, dPar, dOut)
                : poissonLogScalar(lo, hi, y, alpha, coef, cols, par, idx, dPar, dOut);
        if (Double.isFinite(lp)) return lp;
        return poissonLogScalar(lo, hi, y, alpha, coef, cols, par, idx, null, null);
    }

    /** The linear predictor of row i. */
    static double eta(int i, double alpha, double[] coef, double[][] cols, double[] par, int[][] idx) {
        double eta = alpha;
        for (int k = 0; k < coef.length; k++) eta += coef[k] * cols[k][i];
        for (int[] ix : idx) eta += par[ix[i]];
        return eta;
    }

    /** The scalar path of {@link #binomialLogit}, one row at a time through {@link BinomialLogit#kernel}. */
    static double binomialLogitScalar(int lo, int hi, int[] y, int[] n, double alpha, double[] coef, double[][] cols,
                                      double[] par, int[][] idx, double[] dPar, double[] dOut) {
        double[] d = new double[3];
        double lp = 0;
        double dAlpha = 0;
        double[] dCoef = new double[coef.length];
        for (int i = lo; i < hi; i++) {
            double eta = eta(i, alpha, coef, cols, par, idx);
            lp += BinomialLogit.kernel(y[i], n == null ? 1 : n[i], eta, d);
            if (dPar != null) {
                double di = d[2];
                dAlpha += di;
                for (int k = 0; k < coef.length; k++) dCoef[k] += di * cols[k][i];
                for (int[] ix : idx) dPar[ix[i]] += di;
            }
        }
        if (dOut != null) {
            dOut[0] = dAlpha;
            System.arraycopy(dCoef, 0, dOut, 1, coef.length);
        }
        return lp;
    }

    /** The scalar path of {@link #poissonLog}, one row at a time through {@link PoissonLog#kernel}. */
    static double poissonLogScalar(int lo, int hi, int[] y, double alpha, double[] coef, double[][] cols,
                                   double[] par, int[][] idx, double[] dPar, double[] dOut) {
        double[] d = new double[2];
        double lp = 0;
        double dAlpha = 0;
        double[] dCoef = new double[coef.length];
        for (int i = lo; i < hi; i++) {
            double eta = eta(i, alpha, coef, cols, par, idx);
            lp += PoissonLog.kernel(y[i], eta, d);
            if (dPar != null) {
                double di = d[1];
                dAlpha += di;
                for (int k = 0; k < coef.length; k++) dCoef[k] += di * cols[k][i];
                for (int[] ix : idx) dPar[ix[i]] += di;
            }
        }
        if (dOut != null) {
            dOut[0] = dAlpha;
            System.arraycopy(dCoef, 0, dOut, 1, coef.length);
        }
        return lp;
    }
}
