package ulam.stdlib.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static ulam.stdlib.testing.Close.assertClose;

import org.junit.jupiter.api.Test;
import ulam.stdlib.dist.VonMises;
import ulam.stdlib.testing.References;

/**
 * The special functions of the second release at the values where naive formulas fail: Bessel
 * I0 and I1 / I0 (von Mises), the normal probability of an interval, and the language functions
 * (log_mix, log_sum_exp, log_diff_exp, log1m_exp, log_inv_logit_diff, Phi, inv_Phi, lbeta,
 * lchoose) at extreme arguments. References are mpmath values at 40 digits or more (quoted) and
 * closed forms.
 */
class SpecialFunctionsTest {

    static void assertRelative(double expected, double actual, double relative, String what) {
        if (!(Math.abs(actual - expected) <= relative * Math.abs(expected))) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    /**
     * {x, log I0(x), I1(x) / I0(x), log I0(x) - x} by mpmath (besseli) at 40 digits, both sides of
     * the series / asymptotic switch at 25.
     */
    static final double[][] BESSEL = {
        {1e-10, 2.5e-21, 5.0e-11, -9.99999999975e-11},
        {0.5, 0.061549719185481303941, 0.24249961258080194535, -0.43845028081451869606},
        {3, 1.5853076218134209155, 0.80998529395650452706, -1.4146923781865790845},
        {24.9, 22.378752955946688087, 0.97970941673556048187, -2.5212470440533119128},
        {25.1, 22.574711224613926985, 0.97987282931521291936, -2.5252887753860730153},
        {40, 37.239786861352356849, 0.98741984133635065846, -2.7602131386476431507},
        {700, 695.80569999844344908, 0.99928545881842609327, -4.1943000015565509232},
        {1e4, 9994.475903781432301, 0.99994999874987498046, -5.5240962185676989955},
        {1e8, 99999989.870721096069, 0.9999999949999999875, -10.129278903930855472},
    };

    @Test
    void besselFunctionsAgainstMpmath() {
        for (double[] row : BESSEL) {
            assertRelative(row[1], BesselI.logI0(row[0]), 2e-15, "log I0(" + row[0] + ")");
            assertRelative(row[3], BesselI.logI0Scaled(row[0]), 2e-15, "log I0e(" + row[0] + ")");
            assertRelative(row[2], BesselI.i1OverI0(row[0]), 2e-15, "I1/I0(" + row[0] + ")");
            assertEquals(-BesselI.i1OverI0(row[0]), BesselI.i1OverI0(-row[0]), 0, "I1/I0 is odd");
        }
        assertEquals(0.0, BesselI.logI0(0), 0);
        assertEquals(0.0, BesselI.i1OverI0(0), 0);
        assertEquals(Double.POSITIVE_INFINITY, BesselI.logI0(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(BesselI.logI0(Double.NaN)));
        // continuity across the switch from the series to the asymptotic expansion
        double below = BesselI.logI0(Math.nextDown(BesselI.SERIES_LIMIT));
        double above = BesselI.logI0(Math.nextUp(BesselI.SERIES_LIMIT));
        assertEquals(below, above, 1e-13);
    }

    @Test
    void vonMisesIntegratesToOneForEveryConcentration() {
        for (double kappa : new double[] {1e-6, 0.3, 2, 24.9, 25.1, 100, 2000}) {
            // the trapezoidal rule over one period converges geometrically for a periodic integrand
            int n = 20000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(VonMises.lpdf(-Math.PI + 2 * Math.PI * i / n, 0.7, kappa) - VonMises.lpdf(0.7, 0.7, kappa));
            }
            double logTotal = Math.log(sum * 2 * Math.PI / n) + VonMises.lpdf(0.7, 0.7, kappa);
            assertEquals(0.0, logTotal, 1e-13, "von_mises(0.7, " + kappa + ") integrates to 1");
            assertClose(References.VonMisesLaw.logNormaliser(Math.min(kappa, 1e3)) - Math.min(kappa, 1e3),
                    -VonMises.lpdf(0.7, 0.7, Math.min(kappa, 1e3)) - Math.log(1), 1e-13, "normaliser");
        }
        // large kappa: the density at the mode is sqrt(kappa / (2 pi)) / (1 + 1/(8 kappa) + ...)
        double kappa = 1e8;
        assertClose(0.5 * Math.log(kappa / (2 * Math.PI)) - Math.log1p(1 / (8 * kappa)), VonMises.lpdf(1, 1, kappa), 1e-13,
                "von_mises at its mode for kappa = 1e8");
    }

    /** {lo, width, log(Phi(lo + width) - Phi(lo))} by mpmath at 700 digits. */
    static final double[][] INTERVALS = {
        {-0.3, 1e-12, -28.59495964913307095},
        {5, 1e-9, -34.142204372651083897},
        {-40, 1e-3, -807.8066273147445093},
        {-40, 0.2, -796.62377633778994872},
        {38, 0.5, -726.55721602370045389},
        {-2, 4, -0.046567912292390163548},
        {-1e-8, 2e-8, -18.646472096597092921},
        {7, 20, -27.384307498811075243},
        {-30, 60, -9.8134278542963741191e-198},
        {0, 1e-300, -691.69446643141837795},
        {-1, 1e-300, -692.19446643141837795},
    };

    @Test
    void normalIntervalProbabilitiesAgainstMpmath() {
        for (double[] row : INTERVALS) {
            // 2e-13: log Phi(-30) is about -454 with an absolute error near 1e-16 of that, so its exp
            // carries 5e-14 relative
            assertRelative(row[2], Numerics.logPhiInterval(row[0], row[1]), 2e-13,
                    "log P(" + row[0] + " < Z < " + row[0] + " + " + row[1] + ")");
        }
        assertEquals(Double.NEGATIVE_INFINITY, Numerics.logPhiInterval(1, 0));
        assertTrue(Double.isNaN(Numerics.logPhiInterval(1, -1)));
        assertEquals(0.0, Numerics.logPhiInterval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void languageFunctionsAtExtremeArguments() {
        // log_mix and log_sum_exp far beyond exp's range
        assertClose(1000 + Math.log(0.3 + 0.7 * Math.exp(-1)), Functions.logMix(0.3, 1000, 999), 1e-15, "log_mix large");
        assertClose(-1000 + Math.log(0.3 + 0.7 * Math.exp(-1)), Functions.logMix(0.3, -1000, -1001), 1e-15, "log_mix small");
        assertEquals(-1000.0, Functions.logMix(1.0, -1000, 5), 0, "log_mix at theta = 1");
        assertEquals(5.0, Functions.logMix(0.0, -1000, 5), 0, "log_mix at theta = 0");
        assertEquals(0.0, Functions.logMixD1(0.0, -1000, 5, 5), 0);
        assertTrue(Double.isNaN(Functions.logMix(1.5, 0, 0)));
        double lse = Functions.logSumExp2(1000, 1000);
        assertClose(1000 + Math.log(2), lse, 1e-15, "log_sum_exp(1000, 1000)");
        assertEquals(0.5, Functions.logSumExp2D0(1000, 1000, lse), 0);
        assertEquals(1 / (1 + Math.exp(-1)), Functions.logSumExp2D0(1001, 1000, Functions.logSumExp2(1001, 1000)), 1e-16);
        assertEquals(0.3, Functions.logMixD1(0.3, 1000, 1000, Functions.logMix(0.3, 1000, 1000)), 1e-16);
        assertEquals(-1000.0 + Math.log(2), Functions.logSumExp2(-1000, -1000), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, Functions.logSumExp2(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Functions.logSumExp2D1(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), 0);
        assertEquals(3.0, Functions.logSumExp2(3, Double.NEGATIVE_INFINITY), 0);
        // log_diff_exp and log1m_exp close to 0, where 1 - e^x cancels
        assertClose(Math.log(1e-20), Functions.logDiffExp(0, -1e-20), 1e-15, "log_diff_exp(0, -1e-20)");
        double b = 500 - 1e-10; // the gap 500 - b is exact in double (Sterbenz)
        assertClose(500 + Math.log(-Math.expm1(b - 500)), Functions.logDiffExp(500, b), 1e-15, "log_diff_exp(500, 500 - 1e-10)");
        assertClose(1 / -Math.expm1(b - 500), Functions.logDiffExpD0(500, b, Functions.logDiffExp(500, b)), 1e-12, "its partial");
        assertClose(Math.log(1e-20), Functions.log1mExp(-1e-20), 1e-15, "log1m_exp(-1e-20)");
        assertClose(-Math.exp(-800), Functions.log1mExp(-800), 1e-15, "log1m_exp(-800) keeps its relative precision");
        assertEquals(Double.NEGATIVE_INFINITY, Functions.log1mExp(0));
        assertTrue(Double.isNaN(Functions.log1mExp(1e-10)));
        assertEquals(Double.NEGATIVE_INFINITY, Functions.logDiffExp(2, 2));
        assertTrue(Double.isNaN(Functions.logDiffExp(1, 2)));
        // log_inv_logit_diff far into either tail: the probability of a category far from eta
        assertClose(-800 + Math.log1p(-Math.exp(-1)), Functions.logInvLogitDiff(-800, -801), 1e-13, "log_inv_logit_diff(-800, -801)");
        assertClose(-800 + Math.log1p(-Math.exp(-1)), Functions.logInvLogitDiff(801, 800), 1e-13, "log_inv_logit_diff(801, 800)");
        assertTrue(Double.isFinite(Functions.logInvLogitDiffD0(-800, -801, 0)));
        // Phi keeps its relative precision in the lower tail; inv_Phi inverts it in both tails
        assertClose(Math.exp(CdfTestAsymptotics.logPhiMinus(37)), Functions.Phi(-37), 1e-11, "Phi(-37)");
        for (double x : new double[] {-37, -20, -5, -1e-3, 0, 2, 4}) { // above, Phi(x) rounds to near 1
            double p = Functions.Phi(x);
            assertClose(x, Functions.invPhi(p), x > 3 ? 1e-11 : 1e-14, "inv_Phi(Phi(" + x + "))");
        }
        // the largest probability below 1 is 1 - 2^-53: its quantile is -inv_Phi(2^-53), computed exactly
        assertClose(-Functions.invPhi(0x1p-53), Functions.invPhi(1 - 0x1p-53), 1e-15, "inv_Phi near 1");
        assertClose(-37.047096299361199237, Functions.invPhi(1e-300), 1e-14, "inv_Phi(1e-300) (mpmath)");
        assertEquals(Double.NEGATIVE_INFINITY, Functions.invPhi(0));
        assertEquals(Double.POSITIVE_INFINITY, Functions.invPhi(1));
        assertTrue(Math.abs(Functions.PhiApprox(1.3) - Functions.Phi(1.3)) < 2e-4);
        // lbeta and lchoose with one large argument
        assertClose(LBETA_HALF_1E10, Functions.lbeta(0.5, 1e10), 1e-15, "lbeta(0.5, 1e10)");
        assertClose(Math.log(1e10 * (1e10 - 1) * (1e10 - 2) / 6), Functions.lchoose(1e10, 3), 1e-14, "lchoose(1e10, 3)");
        assertEquals(0.0, Functions.lchoose(7.5, 0), 0);
        assertTrue(Double.isNaN(Functions.lchoose(2, 4)));
    }

    /** log B(1/2, 1e10) by mpmath at 40 digits. */
    static final double LBETA_HALF_1E10 = -10.940560522033028333;

    /** log Phi(-x) by its asymptotic series, for large x. */
    static final class CdfTestAsymptotics {
        static double logPhiMinus(double x) {
            double x2 = x * x;
            double series = 1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2) + 105 / (x2 * x2 * x2 * x2);
            return -0.5 * x2 - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log(series);
        }
    }
}
