package ulam.stdlib.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static ulam.stdlib.testing.Close.assertClose;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.Seeds;

/** The numerical building blocks against references, in their hard regions. */
class NumericsTest {

    /** Relative error allowed for the fast log1p against {@link Math#log1p} (fdlibm, below 1 ulp). */
    static final double LOG1P_RELATIVE_ERROR = 1e-14;

    @Test
    void log1pIsAccurateEverywhere() {
        UniformRandomProvider source = Seeds.source("log1p");
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = log1pArgument(source, i);
            double expected = Math.log1p(x);
            double actual = Numerics.log1p(x);
            double error = expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
            worst = Math.max(worst, error);
            if (!(error < LOG1P_RELATIVE_ERROR)) {
                fail("log1p(" + x + "): " + actual + " vs " + expected + ", relative error " + error);
            }
        }
        System.out.println("log1p: worst relative error over 1e6 points " + worst);
    }

    /** Arguments spread over every regime: tiny, small of both signs, near -1, moderate, huge. */
    static double log1pArgument(UniformRandomProvider r, int i) {
        switch (i % 5) {
            case 0:
                return Math.exp(RandomPoints.uniform(r, -740, 700)); // 1e-321 .. 1e304
            case 1:
                return -Math.exp(RandomPoints.uniform(r, -740, 0)); // (-1, 0)
            case 2:
                return RandomPoints.uniform(r, -0.5, 0.5);
            case 3:
                return -1 + Math.exp(RandomPoints.uniform(r, -36, -0.7)); // just above -1
            default:
                return RandomPoints.uniform(r, 0, 1e6);
        }
    }

    @Test
    void log1pSpecialValues() {
        assertEquals(0.0, Numerics.log1p(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, Numerics.log1p(-1.0));
        assertEquals(Double.POSITIVE_INFINITY, Numerics.log1p(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Numerics.log1p(-1.5)));
        assertTrue(Double.isNaN(Numerics.log1p(Double.NaN)));
        assertEquals(Math.log(Double.MAX_VALUE), Numerics.log1p(Double.MAX_VALUE), 1e-12);
        assertEquals(1e-300, Numerics.log1p(1e-300));
    }

    @Test
    void logPhiAndInverseMillsRatioMatchTheNormalDistributionFunction() {
        NormalDistribution standard = new NormalDistribution(null, 0, 1);
        for (double t = -30; t <= 8; t += 0.37) {
            double phi = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
            double cdf = standard.cumulativeProbability(t);
            assertClose(Math.log(cdf), Numerics.logPhi(t), 1e-12, "log Phi(" + t + ")");
            assertClose(phi / cdf, Numerics.inverseMillsRatio(t), 1e-10 * Math.max(1, phi / cdf), "Mills(" + t + ")");
        }
        // far tails: log Phi(t) ~ -t^2/2 - log(-t sqrt(2 pi)); phi/Phi ~ -t
        assertClose(-0.5 * 1e6 - Math.log(1e3 * Math.sqrt(2 * Math.PI)), Numerics.logPhi(-1e3), 1e-9, "log Phi(-1000)");
        assertClose(1e3, Numerics.inverseMillsRatio(-1e3), 1e-5, "Mills(-1000)");
        assertEquals(0.0, Numerics.inverseMillsRatio(40), 1e-300);
    }

    @Test
    void logChooseMatchesCommonsMath() {
        for (int n = 0; n <= 1200; n += 7) {
            for (int k = 0; k <= n; k += 1 + n / 20) {
                assertClose(CombinatoricsUtils.binomialCoefficientLog(n, k), Numerics.logChoose(n, k), 1e-12,
                        "log C(" + n + ", " + k + ")");
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, Numerics.logChoose(5, 6));
        assertEquals(Double.NEGATIVE_INFINITY, Numerics.logChoose(5, -1));
        assertTrue(Double.isNaN(Numerics.logChoose(-1, 0)));
    }

    @Test
    void logFactorialAndLbeta() {
        assertEquals(0.0, Numerics.logFactorial(0));
        assertEquals(0.0, Numerics.logFactorial(1));
        assertClose(Math.log(3628800), Numerics.logFactorial(10), 1e-14, "log 10!");
        assertTrue(Double.isNaN(Numerics.logFactorial(-1)));
        assertClose(Math.log(1.0 / 12), Numerics.lbeta(2, 3), 1e-14, "log B(2, 3)");
        assertTrue(Double.isNaN(Numerics.lbeta(0, 1)));
    }
}
