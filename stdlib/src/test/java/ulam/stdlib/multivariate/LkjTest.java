package ulam.stdlib.multivariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.util.Arrays;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ulam.stdlib.Support;
import ulam.stdlib.dist.LkjCorr;
import ulam.stdlib.dist.LkjCorrCholesky;
import ulam.stdlib.testing.FiniteDifference;
import ulam.stdlib.testing.Seeds;

/**
 * lkj_corr and lkj_corr_cholesky: the density integrates to 1 (numerically, K = 2 and K = 3, the
 * elliptope parameterised by angles); the normalising constant at eta = 1 equals Stan's separate
 * closed form for that case (K = 2..8); lkj_corr_cholesky(L) = lkj_corr(L L^T) + log |J| of
 * L -&gt; L L^T with the Jacobian computed numerically; every partial against finite differences
 * (d/deta of lpdf; dOmega off the diagonal by symmetric perturbation of lpdf, and every entry of
 * the formula for a general matrix); the support and argument checks.
 */
class LkjTest {
    static final int PAD = 2;
    static final GaussIntegratorFactory GAUSS = new GaussIntegratorFactory();

    static double lkj(double[] omega, double eta, int K) {
        return LkjCorr.lpdf(Mat.padded(omega, PAD), PAD, eta, K);
    }

    static double lkjCholesky(double[] l, double eta, int K) {
        return LkjCorrCholesky.lpdf(Mat.padded(l, PAD), PAD, eta, K);
    }

    @ParameterizedTest(name = "eta={0}")
    @ValueSource(doubles = {0.5, 1, 1.5, 2, 3.7, 20})
    void theK2DensityIntegratesToOne(double eta) {
        // r = sin(a): dr = cos(a) da, the integrand cos(a)^(2 eta - 1) is smooth for these eta
        GaussIntegrator gauss = GAUSS.legendre(64, -Math.PI / 2, Math.PI / 2);
        double total = gauss.integrate(a -> {
            double r = Math.sin(a);
            return Math.exp(lkj(new double[] {1, r, r, 1}, eta, 2)) * Math.cos(a);
        });
        assertClose(1.0, total, 1e-10, "integral of lkj_corr(eta = " + eta + "), K = 2");
    }

    @ParameterizedTest(name = "eta={0}")
    @ValueSource(doubles = {1, 2, 3.7})
    void theK3DensityIntegratesToOne(double eta) {
        // r12 = sin a, r13 = sin b, r23 = r12 r13 + cos a cos b sin c covers the 3 x 3 correlation
        // matrices once; the Jacobian is cos^2 a cos^2 b cos c
        int n = 24;
        GaussIntegrator g = GAUSS.legendre(n, -Math.PI / 2, Math.PI / 2);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double a = g.getPoint(i);
            for (int j = 0; j < n; j++) {
                double b = g.getPoint(j);
                for (int k = 0; k < n; k++) {
                    double c = g.getPoint(k);
                    double r12 = Math.sin(a);
                    double r13 = Math.sin(b);
                    double r23 = r12 * r13 + Math.cos(a) * Math.cos(b) * Math.sin(c);
                    double[] omega = {1, r12, r13, r12, 1, r23, r13, r23, 1};
                    double jac = Math.pow(Math.cos(a) * Math.cos(b), 2) * Math.cos(c);
                    double v = lkj(omega, eta, 3);
                    total += g.getWeight(i) * g.getWeight(j) * g.getWeight(k) * (v == Double.NEGATIVE_INFINITY ? 0 : Math.exp(v) * jac);
                }
            }
        }
        assertClose(1.0, total, 1e-9, "integral of lkj_corr(eta = " + eta + "), K = 3");
    }

    /** Stan's closed form of the log normalising constant at eta = 1 (do_lkj_constant, eta == 1 branch). */
    static double stanConstantAtOne(int K) {
        int km1 = K - 1;
        double c = 0;
        for (int k = 1; k <= km1 / 2; k++) {
            c -= Gamma.logGamma(2.0 * k);
        }
        if (K % 2 == 1) {
            c -= 0.25 * (K * K - 1) * Math.log(Math.PI) - 0.25 * (km1 * km1) * Math.log(2) - km1 * Gamma.logGamma(0.5 * (K + 1));
        } else {
            c -= 0.25 * K * (K - 2) * Math.log(Math.PI) + 0.25 * (3 * K * K - 4 * K) * Math.log(2)
                    + K * Gamma.logGamma(0.5 * K) - km1 * Gamma.logGamma(K);
        }
        return c;
    }

    @Test
    void theConstantAtEtaOneIsStansClosedForm() {
        for (int K = 2; K <= 8; K++) {
            double[] identity = new double[K * K];
            for (int i = 0; i < K; i++) identity[i + i * K] = 1;
            assertClose(stanConstantAtOne(K), lkj(identity, 1.0, K), 1e-12, "log constant at eta = 1, K = " + K);
            assertClose(stanConstantAtOne(K), lkjCholesky(identity, 1.0, K), 1e-12, "cholesky, K = " + K);
        }
        assertEquals(0.0, lkj(new double[] {1}, 2.5, 1), 0.0, "K = 1: a point mass");
    }

    /** Strictly-lower entries of a Cholesky factor of a correlation matrix -> the full factor. */
    static double[] factorFrom(double[] s, int K) {
        double[] l = new double[K * K];
        int p = 0;
        for (int i = 0; i < K; i++) {
            double ss = 0;
            for (int j = 0; j < i; j++) {
                l[i + j * K] = s[p++];
                ss += l[i + j * K] * l[i + j * K];
            }
            l[i + i * K] = Math.sqrt(1 - ss);
        }
        return l;
    }

    static double[] strictlyLower(double[] m, int K) {
        double[] s = new double[K * (K - 1) / 2];
        int p = 0;
        for (int i = 0; i < K; i++) for (int j = 0; j < i; j++) s[p++] = m[i + j * K];
        return s;
    }

    static double[] lowerTimesTranspose(double[] l, int K) {
        return Mat.columnMajor(Mat.matrix(l, 0, K, K).multiply(Mat.matrix(l, 0, K, K).transpose()));
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void theCholeskyDensityIsTheCorrelationDensityTimesTheJacobian(int K) {
        UniformRandomProvider r = Seeds.source("lkj jacobian " + K);
        for (int trial = 0; trial < 5; trial++) {
            double eta = Math.exp(Mat.uniform(r, -1, 2));
            double[] l = Mat.cholesky(Mat.correlation(r, K), K);
            double[] s = strictlyLower(l, K);
            int n = s.length;
            double[][] jac = new double[n][n];
            for (int c = 0; c < n; c++) {
                for (int row = 0; row < n; row++) {
                    final int fr = row;
                    jac[row][c] = Mat.partial(x -> strictlyLower(lowerTimesTranspose(factorFrom(x, K), K), K)[fr], s, c);
                }
            }
            double logJ = Math.log(Math.abs(new LUDecomposition(new Array2DRowRealMatrix(jac, false)).getDeterminant()));
            double omegaDensity = lkj(lowerTimesTranspose(l, K), eta, K);
            assertClose(omegaDensity + logJ, lkjCholesky(l, eta, K), 1e-8, "K = " + K + ", eta = " + eta);
        }
    }

    /** (eta - 1) log|det W| + c for a general matrix W (LU), with c taken from the library at the identity. */
    static double generalFormula(double[] w, double eta, int K, double constant) {
        return constant + (eta - 1) * Math.log(Math.abs(new LUDecomposition(Mat.matrix(w, 0, K, K)).getDeterminant()));
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void lkjCorrPartialsMatchFiniteDifferences(int K) {
        UniformRandomProvider r = Seeds.source("lkj_corr grad " + K);
        for (int trial = 0; trial < 6; trial++) {
            double eta = Math.exp(Mat.uniform(r, -1.5, 2));
            double[] omega = Mat.correlation(r, K);
            double[] d = {Double.NaN, Double.NaN};
            double[] dW = new double[K * K];
            double kernel = LkjCorr.kernel(Mat.padded(omega, PAD), PAD, eta, K, d, dW);
            assertEquals(lkj(omega, eta, K), kernel, 0.0, "kernel == lpdf");
            assertDerivative(FiniteDifference.derivative(e -> lkj(omega, e, K), eta, Support.POSITIVE), d[1], "d/deta, K = " + K);
            double[] identity = new double[K * K];
            for (int i = 0; i < K; i++) identity[i + i * K] = 1;
            double constant = lkj(identity, eta, K);
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    assertDerivative(Mat.partial(w -> generalFormula(w, eta, K, constant), omega, i + j * K), dW[i + j * K],
                            "dOmega[" + i + "," + j + "] (entries independent)");
                    if (j < i) {
                        assertDerivative(Mat.symmetricPartial(w -> lkj(w, eta, K), omega, 0, K, i, j),
                                dW[i + j * K] + dW[j + i * K], "dOmega[" + i + "," + j + "] (symmetric perturbation)");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void lkjCorrCholeskyPartialsMatchFiniteDifferences(int K) {
        UniformRandomProvider r = Seeds.source("lkj_corr_cholesky grad " + K);
        for (int trial = 0; trial < 6; trial++) {
            double eta = Math.exp(Mat.uniform(r, -1.5, 2));
            double[] l = Mat.cholesky(Mat.correlation(r, K), K);
            double[] d = {Double.NaN, Double.NaN};
            double[] dL = Mat.uniform(r, K * K, -1, 1);
            double kernel = LkjCorrCholesky.kernel(Mat.padded(l, PAD), PAD, eta, K, d, dL);
            assertEquals(lkjCholesky(l, eta, K), kernel, 0.0, "kernel == lpdf");
            assertDerivative(FiniteDifference.derivative(e -> lkjCholesky(l, e, K), eta, Support.POSITIVE), d[1],
                    "d/deta, K = " + K);
            // the density as a formula in L's entries: c + sum_{i>=1} (K - i - 1 + 2 eta - 2) log L_ii
            double constant = kernel;
            for (int i = 1; i < K; i++) constant -= (K - i - 1 + 2 * eta - 2) * Math.log(l[i + i * K]);
            final double c = constant;
            for (int k = 0; k < K * K; k++) {
                assertDerivative(Mat.partial(m -> {
                    double v = c;
                    for (int i = 1; i < K; i++) v += (K - i - 1 + 2 * eta - 2) * Math.log(m[i + i * K]);
                    return v;
                }, l, k), dL[k], "dL[" + (k % K) + "," + (k / K) + "]");
            }
        }
    }

    @Test
    void supportAndArguments() {
        double[] omega = {1, 0.3, 0.3, 1};
        double[] l = Mat.cholesky(omega, 2);
        double[] d = new double[2];
        double[] g = new double[4];
        for (double eta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(Double.isNaN(lkj(omega, eta, 2)), "eta " + eta);
            assertTrue(Double.isNaN(LkjCorr.kernel(omega, 0, eta, 2, d, g)), "eta " + eta);
            assertTrue(Double.isNaN(lkjCholesky(l, eta, 2)), "eta " + eta);
            assertTrue(Double.isNaN(LkjCorrCholesky.kernel(l, 0, eta, 2, d, g)), "eta " + eta);
        }
        double[][] notCorrelation = {{1.1, 0.3, 0.3, 1}, {1, 0.3, 0.2, 1}, {1, 1.2, 1.2, 1}, {1, Double.NaN, Double.NaN, 1}};
        for (double[] w : notCorrelation) {
            assertEquals(Double.NEGATIVE_INFINITY, lkj(w, 2, 2), Arrays.toString(w));
            assertEquals(Double.NEGATIVE_INFINITY, LkjCorr.kernel(w, 0, 2, 2, d, g), Arrays.toString(w));
        }
        double[][] notFactor = {{1, 0.3, 0.1, Math.sqrt(0.91)}, {1, 0.3, 0, 0.9}, {1, 0.3, 0, -Math.sqrt(0.91)},
            {-1, 0, 0, 1}};
        for (double[] m : notFactor) {
            assertEquals(Double.NEGATIVE_INFINITY, lkjCholesky(m, 2, 2), Arrays.toString(m));
            assertEquals(Double.NEGATIVE_INFINITY, LkjCorrCholesky.kernel(m, 0, 2, 2, d, g), Arrays.toString(m));
        }
        assertTrue(Double.isFinite(lkjCholesky(l, 2, 2)));
    }
}
