package ulam.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Convergence} against properties with known answers and R's {@code qnorm}; the comparison
 * with R's posterior package on fixed draws is {@link PosteriorAgreementTest}.
 */
class ConvergenceTest {

    @Test
    void normalQuantileMatchesR() {
        // R 4.2.2: cat(sprintf("%.17g", qnorm(p)), sep = ", ")
        double[] p = { 1e-300, 9.9999999999999995e-21, 1e-10, 1.0000000000000001e-05, 0.001, 0.024250000000000001, 0.050000000000000003, 0.10000000000000001, 0.29999999999999999, 0.42499999999999999, 0.5, 0.50000009999999995, 0.59999999999999998, 0.90000000000000002, 0.92500000000000004, 0.97499999999999998, 0.999, 0.99999999989999999 };
        double[] qnorm = { -37.047096299361201, -9.2623400897984052, -6.3613409024040557, -4.2648907939228256, -3.0902323061678132, -1.9729610513118845, -1.6448536269514726, -1.2815515655446008, -0.52440051270804067, -0.18911842627279249, 0, 2.5066282733116488e-07, 0.25334710313579978, 1.2815515655446008, 1.4395314709384559, 1.9599639845400536, 3.0902323061678132, 6.3613408896974208 };
        for (int i = 0; i < p.length; i++) {
            assertEquals(qnorm[i], NormalQuantile.quantile(p[i]), 2e-15 * Math.max(1, Math.abs(qnorm[i])), "p=" + p[i]);
        }
        assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.quantile(1));
        assertTrue(Double.isNaN(NormalQuantile.quantile(1.5)));
    }

    @Test
    void identicalChainsGiveRhatOne() {
        double[] base = ar1(new double[1][4000], 0.0, 7)[0];
        double[][] x = {base, base.clone(), base.clone(), base.clone()};
        assertEquals(1.0, Convergence.rhat(x), 0.005);
    }

    @Test
    void shiftedChainsGiveLargeRhat() {
        double[][] x = ar1(new double[4][1000], 0.0, 11);
        for (int i = 0; i < 1000; i++) {
            x[2][i] += 3;
            x[3][i] += 3;
        }
        assertTrue(Convergence.rhat(x) > 1.5, "rhat " + Convergence.rhat(x));
        // one chain stuck at a different scale: bulk R-hat misses it, the folded (tail) R-hat sees it
        double[][] y = ar1(new double[4][1000], 0.0, 12);
        for (int i = 0; i < 1000; i++) y[3][i] *= 3;
        assertTrue(Convergence.rhat(y) > 1.1, "scale rhat " + Convergence.rhat(y));
    }

    @Test
    void ar1EssMatchesTheory() {
        // AR(1) with coefficient phi: integrated autocorrelation time (1 + phi) / (1 - phi)
        double phi = 0.5;
        double[][] x = ar1(new double[4][5000], phi, 3);
        double theory = 4 * 5000 * (1 - phi) / (1 + phi);
        double ess = Convergence.essMean(x);
        assertEquals(theory, ess, 0.1 * theory, "ess_mean");
        assertEquals(theory, Convergence.essBulk(x), 0.1 * theory, "ess_bulk");
        // antithetic chains are more efficient than independent draws
        double[][] y = ar1(new double[4][5000], -0.5, 4);
        double theoryNeg = 4 * 5000 * (1 + 0.5) / (1 - 0.5);
        assertEquals(theoryNeg, Convergence.essMean(y), 0.15 * theoryNeg, "antithetic ess_mean");
    }

    @Test
    void splitDropsTheMiddleDrawOfOddChains() {
        double[][] x = {{1, 2, 3, 4, 5}};
        double[][] s = Convergence.splitChains(x);
        assertEquals(2, s.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2}, s[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {4, 5}, s[1]);
    }

    @Test
    void ranksAverageTies() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2.5, 1, 2.5, 4},
                Convergence.averageRanks(new double[] {3, 1, 3, 7}));
    }

    @Test
    void quantileType7HandChecked() {
        double[][] x = {{4, 1}, {3, 2}};
        // sorted 1 2 3 4; p = 0.1: h = 1 + 3 * 0.1 = 1.3 -> 1 + 0.3 * (2 - 1)
        assertEquals(1.3, Convergence.quantile(x, 0.1), 1e-15);
        assertEquals(2.5, Convergence.quantile(x, 0.5), 1e-15);
        assertEquals(4, Convergence.quantile(x, 1), 0);
    }

    @Test
    void fftAutocovarianceEqualsDirectSums() {
        double[] y = ar1(new double[1][37], 0.3, 5)[0];
        double[] fft = new double[y.length];
        Fft.autocorrelationSums(y, fft);
        for (int t = 0; t < y.length; t++) {
            double direct = 0;
            for (int i = 0; i + t < y.length; i++) direct += y[i] * y[i + t];
            assertEquals(direct, fft[t], 1e-12);
        }
    }

    /** Fills x[c] with stationary AR(1) chains of coefficient phi from a seeded stream. */
    static double[][] ar1(double[][] x, double phi, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        for (double[] chain : x) {
            chain[0] = normal.sample() / Math.sqrt(1 - phi * phi);
            for (int i = 1; i < chain.length; i++) chain[i] = phi * chain[i - 1] + normal.sample();
        }
        return x;
    }
}
