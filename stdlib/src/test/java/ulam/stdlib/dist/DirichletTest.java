package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/**
 * Dirichlet remembers the terms of its last alpha per thread: calls that alternate between
 * concentrations (equal but for the last element, another length, at an offset) must each give
 * the closed form log Gamma(sum alpha) - sum log Gamma(alpha_k) + sum (alpha_k - 1) log theta_k and
 * dalpha_k = psi(sum alpha) - psi(alpha_k) + log theta_k.
 */
class DirichletTest {

    private static void assertClosedForm(double[] theta, double[] alpha, int off) {
        int K = theta.length;
        double total = 0;
        double expected = 0;
        for (int k = 0; k < K; k++) {
            total += alpha[off + k];
            expected += -LogGamma.value(alpha[off + k]) + (alpha[off + k] - 1) * Math.log(theta[k]);
        }
        expected += LogGamma.value(total);
        double[] dtheta = new double[K];
        double[] dalpha = new double[K];
        double value = Dirichlet.kernel(theta, 0, alpha, off, K, null, dtheta, dalpha);
        assertEquals(expected, value, 1e-12 * Math.max(1, Math.abs(expected)));
        assertEquals(expected, Dirichlet.lpdf(theta, 0, alpha, off, K), 1e-12 * Math.max(1, Math.abs(expected)));
        for (int k = 0; k < K; k++) {
            assertEquals(Digamma.value(total) - Digamma.value(alpha[off + k]) + Math.log(theta[k]), dalpha[k], 1e-12);
            assertEquals((alpha[off + k] - 1) / theta[k], dtheta[k], 1e-12);
        }
    }

    @Test
    void alternatingConcentrationsGiveTheClosedFormEachTime() {
        double[] t3 = {0.2, 0.3, 0.5};
        double[] t4 = {0.1, 0.2, 0.3, 0.4};
        double[] a = {2, 2, 2};
        double[] b = {2, 2, 2.5};                  // differs in the last element only
        double[] c = {9, 0.5, 1.5, 3, 7};          // read from offset 1: {0.5, 1.5, 3, 7}
        for (int round = 0; round < 3; round++) {
            assertClosedForm(t3, a, 0);
            assertClosedForm(t3, a, 0);            // remembered
            assertClosedForm(t3, b, 0);
            assertClosedForm(t4, c, 1);
            assertClosedForm(t3, c, 1);            // same array, shorter
            assertClosedForm(t3, a, 0);
        }
    }

    @Test
    void anInvalidConcentrationIsNaNEvenAfterAValidOne() {
        double[] t = {0.2, 0.8};
        assertClosedForm(t, new double[] {1.5, 2}, 0);
        assertEquals(Double.NaN, Dirichlet.lpdf(t, 0, new double[] {1.5, -2}, 0, 2));
        assertEquals(Double.NaN, Dirichlet.lpdf(t, 0, new double[] {1.5, Double.NaN}, 0, 2));
        assertClosedForm(t, new double[] {1.5, 2}, 0);
    }
}
