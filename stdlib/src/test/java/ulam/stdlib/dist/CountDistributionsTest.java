package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;

import org.apache.commons.math3.distribution.PascalDistribution;
import org.junit.jupiter.api.Test;
import ulam.stdlib.math.Numerics;

/**
 * The count distributions beyond the generic tests: neg_binomial_2 against commons-math3's
 * Pascal distribution where phi is whole, its Poisson limit for large phi (the branch through
 * log B), every mass summing to 1, the beta-binomial parameterisations agreeing, and the
 * zero-inflated forms reducing to their count law at p = 0.
 */
class CountDistributionsTest {

    @Test
    void negBinomial2MatchesPascalForWholePhi() {
        double[] d = new double[3];
        for (int r : new int[] {1, 2, 5, 30, 2000}) { // 2000 takes the log B branch
            for (double mu : new double[] {0.1, 2.5, 40, 1e4}) {
                // Pascal(r, p): failures before the r-th success, p = phi / (mu + phi)
                PascalDistribution pascal = new PascalDistribution(null, r, r / (mu + r));
                for (int y : new int[] {0, 1, 3, 17, 250, 5000}) {
                    String where = "neg_binomial_2(" + y + " | " + mu + ", " + r + ")";
                    assertClose(pascal.logProbability(y), NegBinomial2.lpdf(y, mu, r), 1e-11, where);
                    assertClose(pascal.logProbability(y), NegBinomial2Log.lpdf(y, Math.log(mu), r), 1e-11, where + " (log form)");
                    assertClose(NegBinomial2.lpdf(y, mu, r), NegBinomial2.kernel(y, mu, r, d) + NegBinomial2.constant(y), 1e-13, where);
                }
            }
        }
    }

    /**
     * {phi, mu, y, log neg_binomial_2(y | mu, phi)} by mpmath at 40 digits from log Gamma
     * (loggamma(y + phi) - loggamma(y + 1) - loggamma(phi) + y log(mu / (mu + phi)) + phi log(phi / (mu + phi))):
     * large phi, where the double-precision difference of log Gamma values would lose up to 6 digits.
     */
    static final double[][] LARGE_PHI = {
        {10000.0, 0.5, 0, -0.49998750041665104229},
        {10000.0, 0.5, 1, -1.1931846797266380168},
        {10000.0, 0.5, 6, -11.236922063211698351},
        {10000.0, 0.5, 310, -1682.775179748176821},
        {10000.0, 7, 0, -6.9975511427334192774},
        {10000.0, 7, 1, -5.0523407487923793142},
        {10000.0, 7, 6, -1.9040402660223049595},
        {10000.0, 7, 310, -871.36639568267523856},
        {10000.0, 300, 0, -295.58802241544402733},
        {10000.0, 300, 1, -289.91379874302937067},
        {10000.0, 300, 6, -268.12043186789121285},
        {10000.0, 300, 310, -3.9627506285646716221},
        {1000000.0, 0.5, 0, -0.49999987500004166665},
        {1000000.0, 0.5, 1, -1.1931475555598619761},
        {1000000.0, 0.5, 6, -11.238122170396564443},
        {1000000.0, 0.5, 310, -1687.4527965065521621},
        {1000000.0, 7, 0, -6.9999755001143327331},
        {1000000.0, 7, 1, -5.0540723510345195423},
        {1000000.0, 7, 6, -1.9037928176730545085},
        {1000000.0, 7, 310, -875.84701494338006805},
        {1000000.0, 300, 0, -299.95500899797548588},
        {1000000.0, 300, 1, -294.25152647832828279},
        {1000000.0, 300, 6, -272.31335009212986829},
        {1000000.0, 300, 310, -3.9524435653503543081},
        {1000000000.0, 0.5, 0, -0.49999999987500000004},
        {1000000000.0, 0.5, 1, -1.1931471809349453093},
        {1000000000.0, 0.5, 6, -11.238134283244772878},
        {1000000000.0, 0.5, 310, -1687.5004839510678132},
        {1000000000.0, 7, 0, -6.9999999755000001143},
        {1000000000.0, 7, 1, -5.0540898334446867847},
        {1000000000.0, 7, 6, -1.9037903201782211593},
        {1000000000.0, 7, 310, -875.89271376096263527},
        {1000000000.0, 300, 0, -299.999955000009},
        {1000000000.0, 300, 1, -294.29617282535275394},
        {1000000000.0, 300, 6, -272.35651314908162466},
        {1000000000.0, 300, 310, -3.9523386791824889069},
        {1000000000000.0, 0.5, 0, -0.499999999999875},
        {1000000000000.0, 0.5, 1, -1.1931471805603203094},
        {1000000000000.0, 0.5, 6, -11.238134295357647852},
        {1000000000000.0, 0.5, 310, -1687.5005316434477471},
        {1000000000000.0, 7, 0, -6.9999999999755},
        {1000000000000.0, 7, 1, -5.0540898509271866949},
        {1000000000000.0, 7, 6, -1.9037903176807211644},
        {1000000000000.0, 7, 310, -875.89275946470820159},
        {1000000000000.0, 300, 0, -299.99999995500000001},
        {1000000000000.0, 300, 1, -294.29621748064379895},
        {1000000000000.0, 300, 6, -272.35655632085789465},
        {1000000000000.0, 300, 310, -3.9523385742874977394},
        {1000000000000000.0, 0.5, 0, -0.499999999999999875},
        {1000000000000000.0, 0.5, 1, -1.1931471805599456844},
        {1000000000000000.0, 0.5, 6, -11.238134295369760727},
        {1000000000000000.0, 0.5, 310, -1687.500531691140132},
        {1000000000000000.0, 7, 0, -6.9999999999999755},
        {1000000000000000.0, 7, 1, -5.0540898509446691949},
        {1000000000000000.0, 7, 6, -1.9037903176782236644},
        {1000000000000000.0, 7, 310, -875.89275951041195208},
        {1000000000000000.0, 300, 0, -299.999999999955},
        {1000000000000000.0, 300, 1, -294.29621752529909894},
        {1000000000000000.0, 300, 6, -272.35655636402967964},
        {1000000000000000.0, 300, 310, -3.9523385741826027394}

    };

    @Test
    void negBinomial2StaysAccurateAsPhiGrowsTowardsPoisson() {
        double[] d = new double[3];
        for (double[] row : LARGE_PHI) {
            double phi = row[0];
            double mu = row[1];
            int y = (int) row[2];
            String where = "phi = " + phi + ", mu = " + mu + ", y = " + y;
            // the terms of a count's log mass (y log mu, mu, log y!) cancel: allow 1e-15 of their size
            double scale = 1e-15 * (Math.abs(row[3]) + y * Math.abs(Math.log(mu)) + mu + Numerics.logFactorial(y));
            assertEquals(row[3], NegBinomial2.lpdf(y, mu, phi), scale, where);
            // the log form also rounds eta - log(phi), an absolute error of about 1e-16 |log phi| in log(mu / phi)
            double logScale = scale + 1e-15 * (mu + y) * Math.log(phi);
            assertEquals(row[3], NegBinomial2Log.lpdf(y, Math.log(mu), phi), logScale, where + " (log form)");
            if (phi < 1e6) {
                continue;
            }
            NegBinomial2.kernel(y, mu, phi, d);
            double poissonGradient = y / mu - 1; // the Poisson limit of d/dmu
            assertEquals(poissonGradient, d[1], 1e-3 * Math.max(1, Math.abs(poissonGradient)), where + " d/dmu");
            assertTrue(Math.abs(d[2]) < 1e-2, where + " d/dphi vanishes: " + d[2]);
        }
        // no visible seam where the log Gamma difference switches to log B
        double below = NegBinomial2.lpdf(12, 3.0, Math.nextDown(NegBinomial2.LARGE_PHI));
        double above = NegBinomial2.lpdf(12, 3.0, Math.nextUp(NegBinomial2.LARGE_PHI));
        assertEquals(below, above, 1e-12);
    }

    /** sum_y exp(lpdf(y)) over 0..limit. */
    static double total(java.util.function.IntToDoubleFunction lpdf, int limit) {
        double sum = 0;
        for (int y = 0; y <= limit; y++) {
            sum += Math.exp(lpdf.applyAsDouble(y));
        }
        return sum;
    }

    @Test
    void everyMassSumsToOne() {
        assertEquals(1.0, total(y -> NegBinomial2.lpdf(y, 3.5, 0.7), 5000), 1e-12);
        assertEquals(1.0, total(y -> NegBinomial2Log.lpdf(y, 1.2, 4), 5000), 1e-12);
        assertEquals(1.0, total(y -> BetaBinomial.lpdf(y, 25, 0.4, 2.2), 25), 1e-13);
        assertEquals(1.0, total(y -> BetaBinomial2.lpdf(y, 25, 0.3, 8), 25), 1e-13);
        assertEquals(1.0, total(y -> ZiPoisson.lpdf(y, 0.35, 6), 200), 1e-13);
        assertEquals(1.0, total(y -> ZiGammaPoisson.lpdf(y, 0.2, 5, 1.5), 5000), 1e-12);
        assertEquals(1.0, total(y -> ZiBinomial.lpdf(y, 0.45, 12, 0.6), 12), 1e-13);
    }

    @Test
    void parameterisationsAgreeAndZeroInflationVanishesAtPZero() {
        for (int y = 0; y <= 20; y++) {
            assertClose(BetaBinomial.lpdf(y, 20, 0.3 * 7, 0.7 * 7), BetaBinomial2.lpdf(y, 20, 0.3, 7), 1e-14, "betabinomial = beta_binomial");
            assertClose(Poisson.lpdf(y, 4.5), ZiPoisson.lpdf(y, 0, 4.5), 1e-14, "zipoisson at p = 0");
            assertClose(NegBinomial2.lpdf(y, 4.5, 2), ZiGammaPoisson.lpdf(y, 0, 4.5, 2), 1e-14, "zigampois at p = 0");
            assertClose(Binomial.lpdf(y, 20, 0.4), ZiBinomial.lpdf(y, 0, 20, 0.4), 1e-14, "zibinom at p = 0");
        }
        // all mass at zero at p = 1
        assertEquals(0.0, ZiPoisson.lpdf(0, 1, 4.5), 0);
        assertEquals(Double.NEGATIVE_INFINITY, ZiPoisson.lpdf(3, 1, 4.5));
        assertEquals(0.0, ZiBinomial.lpdf(0, 1, 9, 0.5), 0);
        // the zero of a zero-inflated law far from zero is still finite
        assertClose(Math.log(0.3), ZiPoisson.lpdf(0, 0.3, 5000), 1e-14, "zipoisson(0 | 0.3, 5000)");
        assertClose(Numerics.log1m(0.3) - 5000, ZiPoisson.lpdf(0, 0.0 + 0.3 * 0, 5000) + Numerics.log1m(0.3), 1e-14, "p = 0, lambda = 5000");
        double[] d = new double[4];
        ZiPoisson.kernel(0, 0.0, 900, d);
        assertTrue(Double.isInfinite(d[1]) || d[1] > 1e300, "d/dp at p = 0 far from zero is e^lambda: " + d[1]);
    }

    @Test
    void binomialDrawsWithAVanishingRareOutcome() {
        var source = ulam.stdlib.testing.Seeds.source("rare");
        for (double p : new double[] {1e-17, 1e-300, 1 - 1e-12, 1e-11}) {
            for (int n : new int[] {1, 20, 70000}) {
                int draw = Draws.binomial(source, n, p);
                assertTrue(draw >= 0 && draw <= n, "binomial(" + n + ", " + p + ") drew " + draw);
            }
        }
        // the inversion branch is exact: binomial(2, 1e-7) with N p below the threshold... draw many
        int ones = 0;
        for (int i = 0; i < 2_000_000; i++) {
            ones += Draws.binomial(source, 1, 4e-7);
        }
        assertTrue(ones >= 0 && ones <= 6, "about 0.8 successes expected in 2e6 draws at p = 4e-7, got " + ones);
        assertEquals(5, ZiBinomial.rng(source, 0, 5, 1.0));
        assertEquals(0, BetaBinomial.rng(source, 0, 1, 1));
    }
}
