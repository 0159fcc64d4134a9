package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@link StudentTCdf} against closed forms (nu = 1 is the Cauchy distribution, F(t) = 1/2 +
 * atan(t)/pi; nu = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2))), against commons-math3's
 * {@link TDistribution} for other nu, and its derivative in y against the density (d/dy log F =
 * f / F, a central finite difference).
 */
class StudentTCdfTest {

    @Test
    void closedFormsForOneAndTwoDegreesOfFreedom() {
        for (double t = -30; t <= 30; t += 0.37) {
            double c1 = 0.5 + Math.atan(t) / Math.PI;
            double c2 = 0.5 + t / (2 * Math.sqrt(2 + t * t));
            for (double[] s : new double[][] {{0, 1}, {1.5, 2.5}}) {
                double y = s[0] + s[1] * t;
                assertEquals(Math.log(c1), StudentTCdf.lcdf(y, 1, s[0], s[1]), 1e-12 * Math.max(1, Math.abs(Math.log(c1))), "nu 1 at t " + t);
                assertEquals(Math.log1p(-c1), StudentTCdf.lccdf(y, 1, s[0], s[1]), 1e-12 * Math.max(1, Math.abs(Math.log1p(-c1))), "nu 1 at t " + t);
                assertEquals(Math.log(c2), StudentTCdf.lcdf(y, 2, s[0], s[1]), 1e-12 * Math.max(1, Math.abs(Math.log(c2))), "nu 2 at t " + t);
                assertEquals(Math.log1p(-c2), StudentTCdf.lccdf(y, 2, s[0], s[1]), 1e-12 * Math.max(1, Math.abs(Math.log1p(-c2))), "nu 2 at t " + t);
            }
        }
        assertEquals(Math.log(0.5), StudentTCdf.lccdf(0, 3, 0, 10), 1e-15, "brms's half-t normalisation: half the mass above the location");
    }

    @Test
    void agreesWithCommonsMathAndItsDensity() {
        for (double nu : new double[] {0.5, 3, 7.5, 30, 400}) {
            TDistribution ref = new TDistribution(null, nu, 1e-14);
            for (double t = -8; t <= 8; t += 0.53) {
                double p = ref.cumulativeProbability(t);
                assertEquals(p, Math.exp(StudentTCdf.lcdf(2 + 3 * t, nu, 2, 3)), 1e-12, "nu " + nu + ", t " + t);
                assertEquals(1 - p, Math.exp(StudentTCdf.lccdf(2 + 3 * t, nu, 2, 3)), 1e-12, "nu " + nu + ", t " + t);
                double y = 2 + 3 * t;
                double h = 1e-5;
                double fd = (StudentTCdf.lcdf(y + h, nu, 2, 3) - StudentTCdf.lcdf(y - h, nu, 2, 3)) / (2 * h);
                double exact = Math.exp(StudentT.lpdf(y, nu, 2, 3) - StudentTCdf.lcdf(y, nu, 2, 3));
                assertEquals(exact, fd, 1e-7 * Math.max(1, exact), "d/dy lcdf, nu " + nu + ", t " + t);
            }
        }
        assertTrue(Double.isNaN(StudentTCdf.lcdf(0, -1, 0, 1)));
        assertTrue(Double.isNaN(StudentTCdf.lccdf(0, 1, 0, 0)));
        assertEquals(0.0, StudentTCdf.lcdf(Double.POSITIVE_INFINITY, 3, 0, 1), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, StudentTCdf.lcdf(Double.NEGATIVE_INFINITY, 3, 0, 1));
    }
}
