package ulam.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The uniformity tests of SBC ranks: the chi-square statistic and p-value against a hand
 * computation and commons-math3, the size of both tests on exactly uniform ranks (rejection rate
 * at 0.05 within 4 binomial standard errors), and their power and shape scores on ranks of a
 * biased, a too narrow and a too wide posterior.
 */
class RankUniformityTest {
    private static final int L = 100;

    @Test
    void binsExpectTenRanksEachAndAtLeastFive() {
        assertEquals(20, RankUniformity.bins(200, L));
        assertEquals(5, RankUniformity.bins(50, L));
        assertEquals(4, RankUniformity.bins(20, L));
        assertEquals(2, RankUniformity.bins(12, L));
        assertEquals(5, RankUniformity.bins(1000, 4));   // never more bins than rank values
    }

    @Test
    void chiSquareIsPearsonsOverBinsOfUnequalWidth() {
        // L = 4: ranks 0..4 (5 values) in 2 bins {0, 1} and {2, 3, 4}; 10 ranks expect 4 and 6
        int[] ranks = {0, 0, 1, 0, 2, 3, 4, 4, 0, 1};
        RankUniformity.EcdfNull ecdf = RankUniformity.EcdfNull.simulate(10, 4, 1000, 3);
        RankUniformity.Test t = RankUniformity.test(ranks, 4, 2, ecdf);
        assertArrayEquals(new int[] {6, 4}, t.counts());
        assertArrayEquals(new int[] {0, 2}, t.binStarts());
        assertArrayEquals(new double[] {4, 6}, t.expected(), 1e-12);
        double chi = (6 - 4) * (6 - 4) / 4.0 + (4 - 6) * (4 - 6) / 6.0;
        assertEquals(chi, t.chiSquare(), 1e-12);
        assertEquals(1, t.df());
        assertEquals(1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi), t.chiSquareP(), 1e-12);
        assertEquals((0 + 0 + 1 + 0 + 2 + 3 + 4 + 4 + 0 + 1) / 10.0 / 4, t.meanRank(), 1e-12);
    }

    @Test
    void uniformRanksAreRejectedAtTheNominalRate() {
        int n = 50;
        int reps = 400;
        RankUniformity.EcdfNull ecdf = RankUniformity.EcdfNull.simulate(n, L, 2000, 17);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
        int chiRejects = 0;
        int ecdfRejects = 0;
        int[] ranks = new int[n];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) ranks[i] = rng.nextInt(L + 1);
            RankUniformity.Test t = RankUniformity.test(ranks, L, RankUniformity.bins(n, L), ecdf);
            if (t.chiSquareP() < 0.05) chiRejects++;
            if (t.ecdfP() < 0.05) ecdfRejects++;
        }
        // a test of size 0.05 rejects Binomial(400, 0.05) times: 20 +- 4 sd of 4.36; the ECDF test of a
        // discrete statistic is conservative (size at most 0.05), so only its upper bound is firm
        double sd = Math.sqrt(reps * 0.05 * 0.95);
        assertTrue(Math.abs(chiRejects - 20) <= 4 * sd, "chi-square rejected " + chiRejects + " of " + reps);
        assertTrue(ecdfRejects <= 20 + 4 * sd, "ECDF rejected " + ecdfRejects + " of " + reps);
        assertTrue(ecdfRejects >= 20 - 4 * sd, "ECDF rejected " + ecdfRejects + " of " + reps + ": far too conservative");
    }

    @Test
    void biasedNarrowAndWidePosteriorsAreDetectedAndNamed() {
        int n = 100;
        RankUniformity.EcdfNull ecdf = RankUniformity.EcdfNull.simulate(n, L, 5000, 29);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31L);
        int[] biasedLow = new int[n];    // true values above most draws
        int[] narrow = new int[n];       // true values in the tails
        int[] wide = new int[n];         // true values in the middle
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            biasedLow[i] = (int) Math.floor(Math.cbrt(u) * (L + 1));                 // mean rank 3/4: bias z about 8.7
            narrow[i] = (int) Math.floor((u < 0.5 ? 0.5 * Math.pow(2 * u, 4) : 1 - 0.5 * Math.pow(2 * (1 - u), 4)) * (L + 1)); // 84% outer: tail z 6.8
            wide[i] = (int) Math.floor((0.25 + 0.5 * u) * (L + 1));                  // about 2% outer: tail z -9.6
        }
        RankUniformity.Test b = RankUniformity.test(biasedLow, L, 10, ecdf);
        RankUniformity.Test s = RankUniformity.test(narrow, L, 10, ecdf);
        RankUniformity.Test w = RankUniformity.test(wide, L, 10, ecdf);
        for (RankUniformity.Test t : new RankUniformity.Test[] {b, s, w}) {
            assertTrue(t.chiSquareP() < 1e-3 && t.ecdfP() < 1e-3, "p-values " + t.chiSquareP() + ", " + t.ecdfP());
        }
        assertTrue(b.biasZ() > 4, "bias z " + b.biasZ());   // the score z has sd 1 under each of these shapes
        assertTrue(s.tailZ() > 3 && Math.abs(s.biasZ()) < 4, "tail z " + s.tailZ());
        assertTrue(w.tailZ() < -3 && Math.abs(w.biasZ()) < 4, "tail z " + w.tailZ());
    }

    @Test
    void theSmallestPValueOfTheEcdfTestIsOneOverReplicationsPlusOne() {
        int[] same = new int[40];
        RankUniformity.EcdfNull ecdf = RankUniformity.EcdfNull.simulate(40, L, 1000, 5);
        assertEquals(1 / 1001.0, RankUniformity.test(same, L, 4, ecdf).ecdfP(), 1e-15);
        double gamma = ecdf.gamma(0.05);
        assertTrue(gamma > 0 && gamma < 0.05, "the adjusted pointwise level is below the simultaneous one: " + gamma);
    }
}
