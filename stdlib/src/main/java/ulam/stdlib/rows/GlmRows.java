package ulam.stdlib.rows;

import java.util.Arrays;
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
 * <p>Two forms. The generated code calls the <em>work</em> form, which allocates nothing: the
 * caller owns a work array of {@link #workLength(int) workLength(K)} doubles (one per row block,
 * made once with the block's buffers, so blocks on different threads never share one), writes the
 * slopes' coefficients at {@code work[COEF + k]} before the call and, with the gradient, reads
 * {@code d lp / d alpha} at {@code work[out(K)]} and {@code d lp / d coef[k]} at
 * {@code work[out(K) + 1 + k]} after it; the rest of the array is the kernels' scratch (its
 * contents on entry do not matter). The <em>allocating</em> form takes {@code coef} and
 * {@code dOut} arrays, for tests and one-off calls.
 *
 * <p>Shapes: {@code y}, {@code n}, each {@code cols[k]} and {@code idx[j]} are indexed by row;
 * K = {@code cols.length}; {@code par} is the model's parameter array (constrained values);
 * {@code dPar} has its length and receives {@code d lp / d par[idx[j][i]]} added in (it may be
 * null when there is no varying effect, or no gradient). A non-finite log density is returned as
 * the scalar kernels compute it (NaN for a non-finite predictor, -inf for an outcome outside the
 * support); the gradient then is not meaningful.
 */
public final class GlmRows {
    private GlmRows() {}

    /** Whether the Vector API path is used (the module is present and {@code ulam.simd} is not false). */
    public static final boolean VECTOR = vectorAvailable();

    /** The rows per vector of the path in use (1 without the Vector API). */
    static final int LANES = VECTOR ? GlmRowsVector.lanes() : 1;

    /** Where the work array holds the slopes' coefficients (before it: the scalar kernels' partials). */
    public static final int COEF = 3;

    private static boolean vectorAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("ulam.simd"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return GlmRowsVector.lanes() >= 2;
        } catch (Throwable t) {   // LinkageError where the module is present but unusable
            return false;
        }
    }

    // The work array, K slopes, L lanes: [0, 3) a scalar kernel's partials, [COEF, COEF + K) the
    // coefficients, then K + 1 each: the result (d alpha, d coef), the vector path's tail and its
    // rows recomputed one at a time; 1 for the log mass of those rows; L per-lane log mass sums;
    // (K + 1) L per-lane adjoint sums; with the Vector API, the stages of one chunk of rows
    // (GlmRowsVector): eta, exp, log1p of CHUNK rows each, and one vector of adjoints.

    /** Where the work form leaves d/d alpha (then d/d coef[k] at {@code out(k) + 1 + k}), for K slopes. */
    public static int out(int k) {
        return COEF + k;
    }

    static int tail(int k) {
        return out(k) + k + 1;
    }

    static int part(int k) {
        return tail(k) + k + 1;
    }

    static int fallback(int k) {
        return part(k) + k + 1;
    }

    static int lanes(int k) {
        return fallback(k) + 1;
    }

    static int acc(int k) {
        return lanes(k) + LANES;
    }

    /** Rows per chunk of the vector path's stages (16 vectors). */
    static final int CHUNK = 16 * LANES;

    static int stages(int k) {
        return acc(k) + (k + 1) * LANES;
    }

    /** The length of the work array for K slopes (depends on the machine's vector lanes: ask, do not assume). */
    public static int workLength(int k) {
        return stages(k) + (VECTOR ? 3 * CHUNK + LANES : 0);
    }

    /**
     * Binomial-logit rows (Bernoulli-logit when {@code n} is null: every n_i = 1), work form.
     *
     * @return the rows' log mass, kernel scale (no log-choose constant)
     */
    public static double binomialLogit(int lo, int hi, int[] y, int[] n, double alpha, double[][] cols,
                                       double[] par, int[][] idx, double[] dPar, boolean gradient, double[] work) {
        return rows(false, lo, hi, y, n, alpha, cols, par, idx, dPar, gradient, work);
    }

    /**
     * Poisson-log rows, work form.
     *
     * @return the rows' log mass, kernel scale (no -log(y!))
     */
    public static double poissonLog(int lo, int hi, int[] y, double alpha, double[][] cols,
                                    double[] par, int[][] idx, double[] dPar, boolean gradient, double[] work) {
        return rows(true, lo, hi, y, null, alpha, cols, par, idx, dPar, gradient, work);
    }

    /**
     * Binomial-logit rows, allocating form: {@code coef} of length K; {@code dPar} null: no
     * gradient; else {@code dOut} (length 1 + K, or null) receives d/d alpha in [0] and d/d coef[k]
     * in [1 + k] (overwritten).
     */
    public static double binomialLogit(int lo, int hi, int[] y, int[] n, double alpha, double[] coef, double[][] cols,
                                       double[] par, int[][] idx, double[] dPar, double[] dOut) {
        return once(Path.AUTO, false, lo, hi, y, n, alpha, coef, cols, par, idx, dPar, dOut);
    }

    /** Poisson-log rows, allocating form (as {@link #binomialLogit(int, int, int[], int[], double, double[], double[][], double[], int[][], double[], double[])}). */
    public static double poissonLog(int lo, int hi, int[] y, double alpha, double[] coef, double[][] cols,
                                    double[] par, int[][] idx, double[] dPar, double[] dOut) {
        return once(Path.AUTO, true, lo, hi, y, null, alpha, coef, cols, par, idx, dPar, dOut);
    }

    /** Which rows' code a call takes: as {@link #VECTOR} decides, or (tests) one of them. */
    enum Path { AUTO, SCALAR, VECTOR }

    /** The allocating form on a given path. */
    static double once(Path path, boolean poisson, int lo, int hi, int[] y, int[] n, double alpha, double[] coef,
                       double[][] cols, double[] par, int[][] idx, double[] dPar, double[] dOut) {
        int k = cols.length;
        double[] w = new double[workLength(k)];
        System.arraycopy(coef, 0, w, COEF, k);
        boolean gradient = dPar != null;
        double lp = switch (path) {
            case AUTO -> rows(poisson, lo, hi, y, n, alpha, cols, par, idx, dPar, gradient, w);
            case SCALAR -> scalar(poisson, lo, hi, y, n, alpha, cols, par, idx, dPar, gradient, w, out(k));
            case VECTOR -> GlmRowsVector.rows(poisson, lo, hi, y, n, alpha, cols, par, idx, dPar, gradient, w);
        };
        if (gradient && dOut != null) System.arraycopy(w, out(k), dOut, 0, k + 1);
        return lp;
    }

    private static double rows(boolean poisson, int lo, int hi, int[] y, int[] n, double alpha, double[][] cols,
                               double[] par, int[][] idx, double[] dPar, boolean gradient, double[] w) {
        double lp = VECTOR && hi - lo >= LANES
                ? GlmRowsVector.rows(poisson, lo, hi, y, n, alpha, cols, par, idx, dPar, gradient, w)
                : scalar(poisson, lo, hi, y, n, alpha, cols, par, idx, dPar, gradient, w, out(cols.length));
        if (Double.isFinite(lp)) return lp;
        return scalar(poisson, lo, hi, y, n, alpha, cols, par, idx, null, false, w, out(cols.length));
    }

    /** The linear predictor of row i (the coefficients in {@code w} from {@link #COEF}). */
    static double eta(int i, double alpha, double[] w, double[][] cols, double[] par, int[][] idx) {
        double eta = alpha;
        for (int k = 0; k < cols.length; k++) eta += w[COEF + k] * cols[k][i];
        for (int[] ix : idx) eta += par[ix[i]];
        return eta;
    }

    /**
     * The scalar path: rows one at a time through {@link BinomialLogit#kernel} or
     * {@link PoissonLog#kernel} (partials in {@code w[0..3)}); with the gradient, d/d alpha and
     * d/d coef written at {@code w[o .. o + K]}.
     */
    static double scalar(boolean poisson, int lo, int hi, int[] y, int[] n, double alpha, double[][] cols,
                         double[] par, int[][] idx, double[] dPar, boolean gradient, double[] w, int o) {
        int k = cols.length;
        if (gradient) Arrays.fill(w, o + 1, o + 1 + k, 0.0);
        int dAt = poisson ? 1 : 2;   // where the kernel leaves d lp / d eta
        double lp = 0;
        double dAlpha = 0;
        for (int i = lo; i < hi; i++) {
            double eta = eta(i, alpha, w, cols, par, idx);
            lp += poisson ? PoissonLog.kernel(y[i], eta, w) : BinomialLogit.kernel(y[i], n == null ? 1 : n[i], eta, w);
            if (gradient) {
                double di = w[dAt];
                dAlpha += di;
                for (int j = 0; j < k; j++) w[o + 1 + j] += di * cols[j][i];
                for (int[] ix : idx) dPar[ix[i]] += di;
            }
        }
        if (gradient) w[o] = dAlpha;
        return lp;
    }
}
