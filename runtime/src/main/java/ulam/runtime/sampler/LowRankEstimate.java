package ulam.runtime.sampler;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The low-rank modified metric that minimises the sample Fisher divergence of a window of draws and
 * their log-density gradients (Seyboldt, Carlson and Carpenter 2026, Algorithm 1; nutpie's
 * {@code low_rank} estimator), for {@link LowRankMetric}:
 * <ol>
 *   <li>diagonal scales {@code sigma_i = (var(x_i) / var(g_i))^(1/4)} (population variances), which make
 *       {@code sigma_i^2 = sqrt(var(x_i) / var(g_i))} the Fisher-optimal diagonal variance;</li>
 *   <li>in the scaled space ({@code x_i / sigma_i}, {@code g_i sigma_i}, each centred) an orthonormal basis
 *       {@code Q} of the span of the n draws and n gradients (the whole space when {@code 2n >= d});</li>
 *   <li>projected sums of squares {@code Cx = X X' + gamma I}, {@code Cg = G G' + gamma I}; the SPD
 *       matrix {@code S} with {@code S Cg S = Cx} (the geometric mean of Cx and Cg^-1,
 *       {@code Cg^-1/2 (Cg^1/2 Cx Cg^1/2)^1/2 Cg^-1/2}), which is the posterior covariance for a
 *       Gaussian posterior, where the gradient is linear in x;</li>
 *   <li>the eigenvectors of S whose eigenvalue lies outside {@code [1/c, c]}, mapped back by Q; every
 *       other direction keeps variance 1 in the scaled space.</li>
 * </ol>
 * Eigen decompositions by commons-math3. A result with a non-finite value is refused (null).
 */
final class LowRankEstimate {
    /** nutpie's regularisation of the projected sums of squares. */
    static final double GAMMA = 1e-5;

    final double[] sigma;
    final double[][] vectors;
    final double[] lambda;
    final int rank;

    private LowRankEstimate(double[] sigma, double[][] vectors, double[] lambda, int rank) {
        this.sigma = sigma;
        this.vectors = vectors;
        this.lambda = lambda;
        this.rank = rank;
    }

    /**
     * @param draws  the window's unconstrained draws, {@code draws[j]} of length d (at least 2)
     * @param grads  the log-density gradients at them
     * @param cutoff eigenvalues within {@code [1/cutoff, cutoff]} are dropped (nutpie: 2; 1 keeps all)
     * @return the estimate, or null if it is not finite (e.g. a parameter that never moved) or an
     *         eigen decomposition did not converge (commons-math's iteration limit; seen once in 8 runs of
     *         m14.3 early in warm-up): the caller keeps its previous metric
     */
    static LowRankEstimate of(double[][] draws, double[][] grads, double cutoff) {
        try {
            return estimate(draws, grads, cutoff);
        } catch (org.apache.commons.math3.exception.MaxCountExceededException e) {
            return null;
        }
    }

    private static LowRankEstimate estimate(double[][] draws, double[][] grads, double cutoff) {
        int n = draws.length;
        int d = draws[0].length;
        double[] sigma = new double[d];
        double[][] x = new double[n][d];
        double[][] g = new double[n][d];
        for (int i = 0; i < d; i++) {
            double mx = 0, mg = 0;
            for (int j = 0; j < n; j++) {
                mx += draws[j][i];
                mg += grads[j][i];
            }
            mx /= n;
            mg /= n;
            double vx = 0, vg = 0;
            for (int j = 0; j < n; j++) {
                vx += (draws[j][i] - mx) * (draws[j][i] - mx);
                vg += (grads[j][i] - mg) * (grads[j][i] - mg);
            }
            double s = Math.sqrt(Math.sqrt(vx / vg));
            if (!(s > 0) || !Double.isFinite(s)) return null;
            sigma[i] = Math.min(Math.max(s, 1e-10), 1e10);
            for (int j = 0; j < n; j++) {
                x[j][i] = (draws[j][i] - mx) / sigma[i];
                g[j][i] = (grads[j][i] - mg) * sigma[i];
            }
        }
        double[][] q = 2 * n >= d ? null : basis(x, g, d); // null: the whole space
        int r = q == null ? d : q.length;
        double[][] px = project(q, x);
        double[][] pg = project(q, g);
        double[][] cx = sumOfSquares(px, r);
        double[][] cg = sumOfSquares(pg, r);
        double[][] s = geometricMean(cx, cg, r);
        if (s == null) return null;
        EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(s, false));
        double[] values = e.getRealEigenvalues();
        int k = 0;
        double[][] vectors = new double[r][];
        double[] lambda = new double[r];
        for (int j = 0; j < r; j++) {
            double v = values[j];
            if (!(v > 0) || !Double.isFinite(v)) return null;
            if (v >= 1 / cutoff && v <= cutoff) continue;
            double[] w = e.getEigenvector(j).toArray();
            double[] u = q == null ? w : new double[d];
            if (q != null) for (int a = 0; a < r; a++) for (int i = 0; i < d; i++) u[i] += w[a] * q[a][i];
            vectors[k] = u;
            lambda[k] = v;
            k++;
        }
        return new LowRankEstimate(sigma, vectors, lambda, k);
    }

    /**
     * Orthonormal rows spanning the draws and gradients (modified Gram-Schmidt, twice, dropping
     * columns that are numerically dependent).
     */
    private static double[][] basis(double[][] x, double[][] g, int d) {
        int n = x.length;
        double[][] q = new double[2 * n][];
        int r = 0;
        for (int c = 0; c < 2 * n; c++) {
            double[] v = (c < n ? x[c] : g[c - n]).clone();
            double norm0 = norm(v);
            if (norm0 == 0) continue;
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < r; b++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) dot += q[b][i] * v[i];
                    for (int i = 0; i < d; i++) v[i] -= dot * q[b][i];
                }
            }
            double norm = norm(v);
            if (norm <= 1e-10 * norm0) continue;
            for (int i = 0; i < d; i++) v[i] /= norm;
            q[r++] = v;
        }
        return java.util.Arrays.copyOf(q, r);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double a : v) s += a * a;
        return Math.sqrt(s);
    }

    /** {@code Q x_j} for every column: {@code [r][n]} ({@code x} transposed when {@code q} is null, the identity). */
    private static double[][] project(double[][] q, double[][] x) {
        int n = x.length, d = x[0].length;
        if (q == null) {
            double[][] t = new double[d][n];
            for (int j = 0; j < n; j++) for (int i = 0; i < d; i++) t[i][j] = x[j][i];
            return t;
        }
        int r = q.length;
        double[][] p = new double[r][n];
        for (int a = 0; a < r; a++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) s += q[a][i] * x[j][i];
                p[a][j] = s;
            }
        }
        return p;
    }

    private static double[][] sumOfSquares(double[][] p, int r) {
        int n = p.length == 0 ? 0 : p[0].length;
        double[][] c = new double[r][r];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += p[a][j] * p[b][j];
                c[a][b] = s;
                c[b][a] = s;
            }
            c[a][a] += GAMMA;
        }
        return c;
    }

    /** The SPD S with {@code S cg S = cx}, or null if an eigenvalue is not positive. */
    private static double[][] geometricMean(double[][] cx, double[][] cg, int r) {
        EigenDecomposition eg = new EigenDecomposition(new Array2DRowRealMatrix(cg, false));
        double[] vg = eg.getRealEigenvalues();
        for (double v : vg) if (!(v > 0)) return null;
        double[][] vectors = eg.getV().getData();
        double[][] sqrt = function(vectors, vg, Math::sqrt);
        double[][] invSqrt = function(vectors, vg, v -> 1 / Math.sqrt(v));
        double[][] m = multiply(multiply(sqrt, cx), sqrt);
        symmetrise(m);
        EigenDecomposition em = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
        double[] vm = em.getRealEigenvalues();
        for (double v : vm) if (!(v > 0)) return null;
        double[][] s = multiply(multiply(invSqrt, function(em.getV().getData(), vm, Math::sqrt)), invSqrt);
        symmetrise(s);
        return s;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int r = a.length, m = b.length, c = b[0].length;
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            double[] oi = out[i];
            for (int k = 0; k < m; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                for (int j = 0; j < c; j++) oi[j] += aik * bk[j];
            }
        }
        return out;
    }

    /** {@code V f(diag(values)) V'}. */
    private static double[][] function(double[][] v, double[] values, java.util.function.DoubleUnaryOperator f) {
        int r = values.length;
        double[] fv = new double[r];
        for (int j = 0; j < r; j++) fv[j] = f.applyAsDouble(values[j]);
        double[][] out = new double[r][r];
        for (int a = 0; a < r; a++) {
            double[] va = v[a];
            for (int b = 0; b <= a; b++) {
                double[] vb = v[b];
                double s = 0;
                for (int j = 0; j < r; j++) s += va[j] * fv[j] * vb[j];
                out[a][b] = s;
                out[b][a] = s;
            }
        }
        return out;
    }

    private static void symmetrise(double[][] m) {
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < a; b++) {
                double v = 0.5 * (m[a][b] + m[b][a]);
                m[a][b] = v;
                m[b][a] = v;
            }
        }
    }
}
