package ulam.runtime.approx;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import ulam.stdlib.linalg.Dense;

/**
 * A normal distribution {@code N(mu, Sigma)} with {@code Sigma = diag(alpha) + beta gamma beta'}
 * ({@code beta} n x k, {@code gamma} k x k, k = 2J small): Pathfinder's approximation at one
 * L-BFGS iterate (Zhang, Carpenter, Gelman and Vehtari 2022, "Pathfinder: parallel quasi-Newton
 * variational inference", JMLR 23(306), Algorithms 3 and 5). {@code Sigma} is the inverse BFGS
 * Hessian of the last J pairs {@code (s, y)} in the compact form of Byrd, Nocedal and Schnabel
 * (1994; Nocedal and Wright, 2nd ed., Sec. 7.2):
 * <pre>
 *   H = D + [S, D Y] [[R^-T (E + Y'DY) R^-1, -R^-T], [-R^-1, 0]] [S, D Y]'
 * </pre>
 * with {@code D = diag(alpha)}, {@code R} the upper triangle of {@code S'Y} and {@code E} its
 * diagonal. Draws and densities use a thin QR of {@code D^-1/2 beta = Q Rq} and the Cholesky
 * factor {@code L} of {@code I + Rq gamma Rq'}: {@code Sigma^1/2 = D^1/2 (Q L Q' + I - Q Q')}, so
 * {@code log det Sigma = sum log alpha + 2 sum log diag L} and a draw is
 * {@code mu + D^1/2 (u + Q (L - I) Q' u)}, {@code u ~ N(0, I)}: O(n k) per draw.
 */
final class LowRankNormal {
    final int n;
    final int k;
    final double[] mu;
    private final double[] sqrtAlpha;
    private final double[] q;      // n x k, column-major, orthonormal columns (or zero)
    private final double[] lMinusI; // k x k lower triangular L - I
    final double logDetSigma;

    private LowRankNormal(double[] mu, double[] sqrtAlpha, double[] q, int k, double[] lMinusI, double logDet) {
        this.n = mu.length;
        this.k = k;
        this.mu = mu;
        this.sqrtAlpha = sqrtAlpha;
        this.q = q;
        this.lMinusI = lMinusI;
        this.logDetSigma = logDet;
    }

    /**
     * The approximation at iterate x with objective gradient {@code grad} (of {@code -log p}).
     *
     * @param x     the iterate, {@code double[n]}
     * @param grad  the gradient of {@code -log p} at x
     * @param alpha the diagonal, {@code double[n]}, positive
     * @param s     the J pairs' steps, oldest first, each {@code double[n]}
     * @param y     the J pairs' gradient changes, same order
     * @return the normal, or null when its covariance is not numerically positive definite
     */
    static LowRankNormal at(double[] x, double[] grad, double[] alpha, double[][] s, double[][] y) {
        int n = x.length;
        int j = s.length;
        int k = 2 * j;
        // beta = [S, D Y], n x 2J
        double[] beta = new double[n * k];
        for (int c = 0; c < j; c++) {
            for (int i = 0; i < n; i++) {
                beta[i + c * n] = s[c][i];
                beta[i + (j + c) * n] = alpha[i] * y[c][i];
            }
        }
        // R upper triangle of S'Y, its inverse; gamma
        double[] r = new double[j * j];
        for (int a = 0; a < j; a++) for (int b = a; b < j; b++) r[a + b * j] = Vectors.dot(s[a], y[b]);
        double[] rInv = upperInverse(r, j);
        if (rInv == null) return null;
        double[] middle = new double[j * j];   // E + Y'DY
        for (int a = 0; a < j; a++) {
            for (int b = 0; b < j; b++) {
                double v = 0;
                for (int i = 0; i < n; i++) v += y[a][i] * alpha[i] * y[b][i];
                middle[a + b * j] = v + (a == b ? r[a + a * j] : 0);
            }
        }
        double[] top = multiply(transpose(rInv, j), multiply(middle, rInv, j), j);   // R^-T (E + Y'DY) R^-1
        double[] gamma = new double[k * k];
        for (int a = 0; a < j; a++) {
            for (int b = 0; b < j; b++) {
                gamma[a + b * k] = top[a + b * j];
                gamma[a + (j + b) * k] = -rInv[b + a * j];          // -R^-T
                gamma[(j + a) + b * k] = -rInv[a + b * j];          // -R^-1
            }
        }
        // mu = x - Sigma grad
        double[] mu = x.clone();
        double[] bg = new double[k];
        for (int c = 0; c < k; c++) {
            double v = 0;
            for (int i = 0; i < n; i++) v += beta[i + c * n] * grad[i];
            bg[c] = v;
        }
        double[] gbg = new double[k];
        for (int a = 0; a < k; a++) {
            double v = 0;
            for (int b = 0; b < k; b++) v += gamma[a + b * k] * bg[b];
            gbg[a] = v;
        }
        for (int i = 0; i < n; i++) {
            double v = alpha[i] * grad[i];
            for (int c = 0; c < k; c++) v += beta[i + c * n] * gbg[c];
            mu[i] -= v;
        }
        // thin QR of D^-1/2 beta by modified Gram-Schmidt (twice, for orthogonality)
        double[] sqrtAlpha = new double[n];
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            sqrtAlpha[i] = Math.sqrt(alpha[i]);
            logDet += Math.log(alpha[i]);
        }
        double[] qm = new double[n * k];
        for (int c = 0; c < k; c++) for (int i = 0; i < n; i++) qm[i + c * n] = beta[i + c * n] / sqrtAlpha[i];
        double[] rq = new double[k * k];
        double scale = 0;
        for (double v : qm) scale = Math.max(scale, Math.abs(v));
        for (int c = 0; c < k; c++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < c; b++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += qm[i + b * n] * qm[i + c * n];
                    rq[b + c * k] += dot;
                    for (int i = 0; i < n; i++) qm[i + c * n] -= dot * qm[i + b * n];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += qm[i + c * n] * qm[i + c * n];
            norm = Math.sqrt(norm);
            if (norm <= 1e-10 * Math.max(scale, 1e-300) * Math.sqrt(n)) {
                for (int i = 0; i < n; i++) qm[i + c * n] = 0;
                rq[c + c * k] = 0;
            } else {
                rq[c + c * k] = norm;
                for (int i = 0; i < n; i++) qm[i + c * n] /= norm;
            }
        }
        // I + Rq gamma Rq'
        double[] m = multiply(multiply(rq, gamma, k), transpose(rq, k), k);
        for (int a = 0; a < k; a++) m[a + a * k] += 1;
        for (int a = 0; a < k; a++) for (int b = a + 1; b < k; b++) {
            double v = 0.5 * (m[a + b * k] + m[b + a * k]);
            m[a + b * k] = v;
            m[b + a * k] = v;
        }
        double[] l = new double[k * k];
        if (!Dense.cholesky(m, 0, k, l, 0)) return null;
        logDet += 2 * Dense.sumLogDiagonal(l, 0, k);
        if (!Double.isFinite(logDet) || !Vectors.allFinite(mu)) return null;
        for (int a = 0; a < k; a++) l[a + a * k] -= 1;
        return new LowRankNormal(mu, sqrtAlpha, qm, k, l, logDet);
    }

    /**
     * One draw into {@code out}; returns its log density under this normal.
     *
     * @param normal standard normal deviates
     * @param u      work space {@code double[n]} (holds the deviates afterwards)
     * @param out    the draw, {@code double[n]}
     */
    double draw(NormalizedGaussianSampler normal, double[] u, double[] out) {
        double uu = 0;
        for (int i = 0; i < n; i++) {
            u[i] = normal.sample();
            uu += u[i] * u[i];
        }
        double[] qtu = new double[k];
        for (int c = 0; c < k; c++) {
            double v = 0;
            for (int i = 0; i < n; i++) v += q[i + c * n] * u[i];
            qtu[c] = v;
        }
        double[] t = new double[k];   // (L - I) Q'u
        for (int a = 0; a < k; a++) {
            double v = 0;
            for (int b = 0; b <= a; b++) v += lMinusI[a + b * k] * qtu[b];
            t[a] = v;
        }
        for (int i = 0; i < n; i++) {
            double v = u[i];
            for (int c = 0; c < k; c++) v += q[i + c * n] * t[c];
            out[i] = mu[i] + sqrtAlpha[i] * v;
        }
        return -0.5 * (logDetSigma + uu + n * Math.log(2 * Math.PI));
    }

    /** The covariance as a dense matrix (tests): {@code D^1/2 (Q L Q' + I - QQ')(...)' D^1/2}. */
    double[] covariance() {
        double[] root = new double[n * n];   // D^1/2 (I + Q (L - I) Q')
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double v = i == j ? 1 : 0;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b <= a; b++) v += q[i + a * n] * lMinusI[a + b * k] * q[j + b * n];
                }
                root[i + j * n] = sqrtAlpha[i] * v;
            }
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double v = 0;
            for (int c = 0; c < n; c++) v += root[i + c * n] * root[j + c * n];
            out[i + j * n] = v;
        }
        return out;
    }

    // -------------------------------------------------------------- small dense helpers (column-major)

    private static double[] upperInverse(double[] r, int j) {
        double[] inv = new double[j * j];
        for (int c = 0; c < j; c++) {
            if (!(r[c + c * j] > 0)) return null;
            inv[c + c * j] = 1 / r[c + c * j];
            for (int a = c - 1; a >= 0; a--) {
                double v = 0;
                for (int b = a + 1; b <= c; b++) v += r[a + b * j] * inv[b + c * j];
                inv[a + c * j] = -v / r[a + a * j];
            }
        }
        return inv;
    }

    private static double[] multiply(double[] a, double[] b, int k) {
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) {
            double v = 0;
            for (int c = 0; c < k; c++) v += a[i + c * k] * b[c + j * k];
            out[i + j * k] = v;
        }
        return out;
    }

    private static double[] transpose(double[] a, int k) {
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) out[j + i * k] = a[i + j * k];
        return out;
    }
}
