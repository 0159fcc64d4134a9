package ulam.stdlib.linalg;

/**
 * The Gaussian-process covariance functions that rethinking's {@code ulam} inserts as Stan
 * functions for its macros (R/ulam_templates.R, {@code ulam_macros}), with the same mathematics:
 * <pre>
 * cov_GPL2(x, sq_alpha, sq_rho, delta): K[i,j] = sq_alpha * exp(-sq_rho * square(x[i,j])), i &lt; j
 * cov_GPL1(x, sq_alpha, sq_rho, delta): K[i,j] = sq_alpha * exp(-sq_rho * x[i,j]),         i &lt; j
 *     both with K[j,i] = K[i,j] and K[i,i] = sq_alpha + delta
 * cov_Pagel(x, lambda):                 K[i,j] = K[j,i] = lambda * x[i,j], i &lt; j; K[i,i] = x[i,i]
 * </pre>
 * and Stan's exponentiated quadratic kernel of points on the line (Stan Functions Reference,
 * "Gaussian process covariance functions", {@code gp_exp_quad_cov(array[] real x, real alpha, real rho)}):
 * <pre>
 * gp_exp_quad_cov(x, alpha, rho):       K[i,j] = alpha^2 * exp(-(x[i] - x[j])^2 / (2 rho^2)), K[i,i] = alpha^2
 * </pre>
 * As in rethinking, only the entries x[i,j] with i &lt; j (above the diagonal) are read, and for
 * cov_Pagel the diagonal too; the others get no adjoint. Calling convention and common rules as in
 * {@link Matrices}; the scalar arguments' adjoints go to {@code d[j]} (overwritten) by their
 * position j: {@code d[1], d[2], d[3]} for sq_alpha, sq_rho, delta; {@code d[1]} for lambda.
 */
public final class GaussianProcess {
    private GaussianProcess() {}

    /** cov_GPL2(x matrix[N,N], sq_alpha, sq_rho, delta), matrix[N,N]. */
    public static void covGPL2(double[] x, int xOff, double sqAlpha, double sqRho, double delta, int N,
                               double[] out, int outOff) {
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double xij = x[xOff + i + j * N];
                double k = sqAlpha * Math.exp(-sqRho * xij * xij);
                out[outOff + i + j * N] = k;
                out[outOff + j + i * N] = k;
            }
            out[outOff + j + j * N] = sqAlpha + delta;
        }
    }

    /** Adjoint of {@link #covGPL2}. */
    public static void covGPL2Backward(double[] x, int xOff, double sqAlpha, double sqRho, double delta, int N,
                                       double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                       double[] xAdj, int xAdjOff) {
        double alphaAdj = 0;
        double rhoAdj = 0;
        double deltaAdj = 0;
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double w = outAdj[outAdjOff + i + j * N] + outAdj[outAdjOff + j + i * N];
                double xij = x[xOff + i + j * N];
                double e = Math.exp(-sqRho * xij * xij);
                double we = w * e;
                alphaAdj += we;
                double wk = we * sqAlpha;
                rhoAdj -= wk * xij * xij;
                if (xAdj != null) {
                    xAdj[xAdjOff + i + j * N] -= 2.0 * wk * sqRho * xij;
                }
            }
            double w = outAdj[outAdjOff + j + j * N];
            alphaAdj += w;
            deltaAdj += w;
        }
        d[1] = alphaAdj;
        d[2] = rhoAdj;
        d[3] = deltaAdj;
    }

    /** cov_GPL1(x matrix[N,N], sq_alpha, sq_rho, delta), matrix[N,N]. */
    public static void covGPL1(double[] x, int xOff, double sqAlpha, double sqRho, double delta, int N,
                               double[] out, int outOff) {
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double k = sqAlpha * Math.exp(-sqRho * x[xOff + i + j * N]);
                out[outOff + i + j * N] = k;
                out[outOff + j + i * N] = k;
            }
            out[outOff + j + j * N] = sqAlpha + delta;
        }
    }

    /** Adjoint of {@link #covGPL1}. */
    public static void covGPL1Backward(double[] x, int xOff, double sqAlpha, double sqRho, double delta, int N,
                                       double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                       double[] xAdj, int xAdjOff) {
        double alphaAdj = 0;
        double rhoAdj = 0;
        double deltaAdj = 0;
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double w = outAdj[outAdjOff + i + j * N] + outAdj[outAdjOff + j + i * N];
                double xij = x[xOff + i + j * N];
                double e = Math.exp(-sqRho * xij);
                double we = w * e;
                alphaAdj += we;
                double wk = we * sqAlpha;
                rhoAdj -= wk * xij;
                if (xAdj != null) {
                    xAdj[xAdjOff + i + j * N] -= wk * sqRho;
                }
            }
            double w = outAdj[outAdjOff + j + j * N];
            alphaAdj += w;
            deltaAdj += w;
        }
        d[1] = alphaAdj;
        d[2] = rhoAdj;
        d[3] = deltaAdj;
    }

    /** cov_Pagel(x matrix[N,N], lambda), matrix[N,N]. */
    public static void covPagel(double[] x, int xOff, double lambda, int N, double[] out, int outOff) {
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double k = lambda * x[xOff + i + j * N];
                out[outOff + i + j * N] = k;
                out[outOff + j + i * N] = k;
            }
            out[outOff + j + j * N] = x[xOff + j + j * N];
        }
    }

    /** Adjoint of {@link #covPagel}. */
    public static void covPagelBackward(double[] x, int xOff, double lambda, int N, double[] out, int outOff,
                                        double[] outAdj, int outAdjOff, double[] d, double[] xAdj, int xAdjOff) {
        double lambdaAdj = 0;
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double w = outAdj[outAdjOff + i + j * N] + outAdj[outAdjOff + j + i * N];
                lambdaAdj += w * x[xOff + i + j * N];
                if (xAdj != null) {
                    xAdj[xAdjOff + i + j * N] += w * lambda;
                }
            }
            if (xAdj != null) {
                xAdj[xAdjOff + j + j * N] += outAdj[outAdjOff + j + j * N];
            }
        }
        d[1] = lambdaAdj;
    }

    /**
     * gp_exp_quad_cov(x vector[N], alpha, rho), matrix[N,N]: K[i,j] = alpha^2 exp(-(x_i - x_j)^2 /
     * (2 rho^2)), symmetric, with alpha^2 on the diagonal (Stan Functions Reference, "Gaussian process
     * covariance functions"; alpha the marginal sd, rho the length scale, both &gt; 0 for a valid
     * covariance; no check here, as Stan's is in the density that reads K).
     */
    public static void gpExpQuadCov(double[] x, int xOff, double alpha, double rho, int N, double[] out, int outOff) {
        double a2 = alpha * alpha;
        double c = -0.5 / (rho * rho);
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double r = x[xOff + i] - x[xOff + j];
                double k = a2 * Math.exp(c * r * r);
                out[outOff + i + j * N] = k;
                out[outOff + j + i * N] = k;
            }
            out[outOff + j + j * N] = a2;
        }
    }

    /**
     * Adjoint of {@link #gpExpQuadCov}: with w = outAdj[i,j] + outAdj[j,i] over i &lt; j and k =
     * K[i,j], d alpha += w 2k / alpha, d rho += w k r^2 / rho^3, x_i -= w k r / rho^2 and x_j += the
     * same (r = x_i - x_j); the diagonal adds outAdj[i,i] 2 alpha to d alpha. {@code d[1]} and
     * {@code d[2]} (alpha, rho) are overwritten; x's adjoint is added to.
     */
    public static void gpExpQuadCovBackward(double[] x, int xOff, double alpha, double rho, int N,
                                            double[] out, int outOff, double[] outAdj, int outAdjOff, double[] d,
                                            double[] xAdj, int xAdjOff) {
        double a2 = alpha * alpha;
        double inv2 = 1.0 / (rho * rho);
        double c = -0.5 * inv2;
        double alphaAdj = 0;
        double rhoAdj = 0;
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < j; i++) {
                double w = outAdj[outAdjOff + i + j * N] + outAdj[outAdjOff + j + i * N];
                double r = x[xOff + i] - x[xOff + j];
                double e = Math.exp(c * r * r);
                double wk = w * e;   // w * k / alpha^2
                alphaAdj += 2 * alpha * wk;
                rhoAdj += a2 * wk * r * r * inv2 / rho;
                if (xAdj != null) {
                    double gx = a2 * wk * r * inv2;
                    xAdj[xAdjOff + i] -= gx;
                    xAdj[xAdjOff + j] += gx;
                }
            }
            alphaAdj += 2 * alpha * outAdj[outAdjOff + j + j * N];
        }
        d[1] = alphaAdj;
        d[2] = rhoAdj;
    }
}
