package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;

import org.junit.jupiter.api.Test;
import ulam.stdlib.math.Numerics;

/**
 * The continuous distributions of the second release beyond the generic tests: supports and
 * limits (Pareto below its minimum, Weibull at 0), far tails that naive formulas underflow
 * (exponentially modified normal, skew normal), periodicity (von Mises) and the special cases that
 * reduce to a known law.
 */
class ContinuousDistributionsTest {

    @Test
    void paretoIsZeroBelowItsMinimum() {
        double[] d = new double[3];
        assertEquals(Double.NEGATIVE_INFINITY, Pareto.lpdf(0.99, 1, 2));
        assertEquals(Double.NEGATIVE_INFINITY, Pareto.kernel(0.5, 1, 2, d));
        assertClose(Math.log(2), Pareto.lpdf(1, 1, 2), 1e-15, "pareto at its minimum");
        assertEquals(Double.NEGATIVE_INFINITY, Pareto.lpdf(Double.POSITIVE_INFINITY, 1, 2));
        assertTrue(Pareto.rng(ulam.stdlib.testing.Seeds.source("pareto"), 3, 0.5) >= 3);
    }

    @Test
    void weibullLimitsAtZeroAndItsExponentialCase() {
        assertEquals(Double.POSITIVE_INFINITY, Weibull.lpdf(0, 0.5, 2));
        assertClose(-Math.log(2), Weibull.lpdf(0, 1, 2), 1e-15, "weibull(1, sigma) at 0");
        assertEquals(Double.NEGATIVE_INFINITY, Weibull.lpdf(0, 2, 2));
        for (double y : new double[] {1e-300, 0.3, 7, 1e5}) {
            assertClose(Exponential.lpdf(y, 0.5), Weibull.lpdf(y, 1, 2), 1e-14, "weibull(1, 2) = exponential(1/2)");
            assertClose(Exponential.lcdf(y, 0.5), Weibull.lcdf(y, 1, 2), 1e-14, "and its cdf");
        }
    }

    @Test
    void expModNormalFarTails() {
        double mu = 1;
        double sigma = 0.5;
        double lambda = 2;
        double[] d = new double[4];
        // far left: erfc(u) underflows; log density = log(lambda/2) - z^2/2 + log erfcx(u), erfcx by its asymptotic series
        for (double z : new double[] {-40, -400, -4e4}) {
            double y = mu + z * sigma;
            double u = (mu - y) / (Math.sqrt(2) * sigma) + lambda * sigma / Math.sqrt(2);
            double v = 1 / (2 * u * u);
            double series = 1 - v + 3 * v * v - 15 * v * v * v + 105 * v * v * v * v; // erfcx(u) u sqrt(pi)
            double expected = Math.log(lambda / 2) - 0.5 * z * z - Math.log(u * Math.sqrt(Math.PI)) + Math.log(series);
            assertClose(expected, ExpModNormal.lpdf(y, mu, sigma, lambda), 1e-14, "exp_mod_normal at z = " + z);
            ExpModNormal.kernel(y, mu, sigma, lambda, d);
            for (double g : d) {
                assertTrue(Double.isFinite(g), "partials finite at z = " + z);
            }
            assertClose(-z / sigma, d[0], 1e-3, "d/dy ~ -z / sigma far left");
        }
        // far right: the exponential part dominates: log(lambda) + lambda (mu - y) + lambda^2 sigma^2 / 2
        for (double y : new double[] {50, 5000}) {
            double expected = Math.log(lambda) + lambda * (mu - y) + 0.5 * lambda * lambda * sigma * sigma;
            assertClose(expected, ExpModNormal.lpdf(y, mu, sigma, lambda), 1e-14, "exp_mod_normal at y = " + y);
        }
    }

    @Test
    void skewNormalReducesToNormalAndKeepsItsShortTail() {
        for (double y : new double[] {-3, 0.2, 4}) {
            assertClose(Normal.lpdf(y, 0.5, 1.5), SkewNormal.lpdf(y, 0.5, 1.5, 0), 1e-14, "alpha = 0 is normal");
        }
        // on the short side the density is 2 phi(z) Phi(alpha z) with Phi(alpha z) far below 1e-308
        double z = -30;
        double alpha = 3;
        double expected = Numerics.LOG_TWO - Numerics.HALF_LOG_TWO_PI - 0.5 * z * z + CdfTest.logPhiAsymptotic(-alpha * z);
        assertClose(expected, SkewNormal.lpdf(z, 0, 1, alpha), 1e-11, "skew_normal far on its short side");
        double[] d = new double[4];
        SkewNormal.kernel(z, 0, 1, alpha, d);
        assertTrue(Double.isFinite(d[0]) && d[0] > 0, "the density rises steeply towards the mode: " + d[0]);
    }

    @Test
    void vonMisesIsPeriodic() {
        for (double y : new double[] {-3, 0.2, 2.9}) {
            assertClose(VonMises.lpdf(y, 0.4, 3), VonMises.lpdf(y + 2 * Math.PI, 0.4, 3), 1e-13, "period 2 pi");
            assertClose(VonMises.lpdf(y, 0.4, 3), VonMises.lpdf(y, 0.4 - 4 * Math.PI, 3), 1e-13, "mu modulo 2 pi");
        }
        assertEquals(Double.NEGATIVE_INFINITY, VonMises.lpdf(Double.POSITIVE_INFINITY, 0, 1));
        // uniform on the circle in the limit of small kappa
        assertClose(-Math.log(2 * Math.PI), VonMises.lpdf(1.3, 0, 1e-12), 1e-11, "kappa -> 0");
        double draw = VonMises.rng(ulam.stdlib.testing.Seeds.source("vm"), 10, 1e-12);
        assertTrue(draw >= 10 - Math.PI && draw <= 10 + Math.PI, "draws lie within pi of mu: " + draw);
    }
}
