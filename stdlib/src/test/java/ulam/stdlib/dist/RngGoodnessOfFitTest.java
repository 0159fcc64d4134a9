package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.AbstractIntegerDistribution;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.ValueType;
import ulam.stdlib.testing.DistributionMethods;
import ulam.stdlib.testing.References;
import ulam.stdlib.testing.Seeds;

/**
 * Every {@code rng} against its law, with a fixed seed: a Kolmogorov-Smirnov test against the
 * commons-math3 distribution function (continuous) or a chi-square test on binned counts
 * (discrete) must not reject at level {@link #ALPHA}; and to show that the test has power, the
 * same draws deliberately shifted (by a quarter of the sample interquartile range, at least 1 for
 * counts) must be rejected.
 */
class RngGoodnessOfFitTest {
    static final int DRAWS = 4000;
    static final double ALPHA = 1e-3;

    /** Argument sets per distribution (v[0] unused), chosen to reach every branch of the samplers. */
    static final Map<String, double[][]> CASES = Map.ofEntries(
            Map.entry("normal", new double[][] {{0, 0, 1}, {0, -2.5, 0.3}}),
            Map.entry("half_normal", new double[][] {{0, 0, 1}, {0, 1.5, 0.7}, {0, -2, 0.5}}),
            Map.entry("cauchy", new double[][] {{0, 0, 1}, {0, 3, 0.2}}),
            Map.entry("half_cauchy", new double[][] {{0, 0, 1}, {0, -3, 1}, {0, 2, 0.5}}),
            Map.entry("student_t", new double[][] {{0, 1.5, 0, 1}, {0, 10, 2, 0.5}}),
            Map.entry("lognormal", new double[][] {{0, 0, 1}, {0, 1, 0.3}}),
            Map.entry("gamma", new double[][] {{0, 0.3, 2}, {0, 5, 0.5}}),
            Map.entry("gamma2", new double[][] {{0, 0.5, 2}, {0, 4, 0.3}}),
            Map.entry("inv_gamma", new double[][] {{0, 3, 2}, {0, 0.8, 1.5}}),
            Map.entry("exponential", new double[][] {{0, 0.5}, {0, 4}}),
            Map.entry("uniform", new double[][] {{0, -1, 2}, {0, 10, 10.5}}),
            Map.entry("beta", new double[][] {{0, 0.5, 0.5}, {0, 2, 5}}),
            Map.entry("beta2", new double[][] {{0, 0.3, 2}, {0, 0.8, 20}}),
            Map.entry("bernoulli", new double[][] {{0, 0.3}, {0, 0.95}}),
            Map.entry("bernoulli_logit", new double[][] {{0, -3}, {0, 0.7}}),
            Map.entry("binomial", new double[][] {{0, 10, 0.3}, {0, 1000, 0.02}, {0, 50, 0.9}, {0, 100000, 0.3}}),
            Map.entry("binomial_logit", new double[][] {{0, 20, -1}, {0, 5, 2}}),
            Map.entry("poisson", new double[][] {{0, 0.5}, {0, 12}, {0, 1e4}}),
            Map.entry("poisson_log", new double[][] {{0, -1}, {0, 3}}),
            Map.entry("neg_binomial_2", new double[][] {{0, 3, 0.5}, {0, 20, 5}, {0, 0.7, 30}}),
            Map.entry("neg_binomial_2_log", new double[][] {{0, 1, 2}, {0, -1, 0.8}}),
            Map.entry("beta_binomial", new double[][] {{0, 10, 0.5, 0.5}, {0, 40, 3, 8}}),
            Map.entry("betabinomial", new double[][] {{0, 20, 0.3, 2}, {0, 50, 0.7, 30}}),
            Map.entry("zipoisson", new double[][] {{0, 0.3, 4}, {0, 0.1, 15}}),
            Map.entry("zigampois", new double[][] {{0, 0.4, 5, 2}, {0, 0.1, 10, 20}}),
            Map.entry("zibinom", new double[][] {{0, 0.3, 20, 0.4}, {0, 0.6, 8, 0.8}}),
            Map.entry("pareto", new double[][] {{0, 1, 3}, {0, 0.2, 0.8}}),
            Map.entry("exp_mod_normal", new double[][] {{0, 0, 1, 0.5}, {0, 2, 0.3, 5}}),
            Map.entry("weibull", new double[][] {{0, 0.7, 2}, {0, 3, 0.5}}),
            Map.entry("von_mises", new double[][] {{0, 0.5, 2}, {0, -1, 30}, {0, 2, 0.01}, {0, 0, 1e-9}}),
            Map.entry("skew_normal", new double[][] {{0, 0, 1, 4}, {0, 1, 2, -2}, {0, -1, 0.5, 0}}));

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (DistributionSpec spec : DistributionMethods.scalarSpecs().toList()) {
            for (double[] v : CASES.getOrDefault(spec.name(), new double[0][])) {
                all.add(Arguments.of(DistributionMethods.of(spec), v));
            }
        }
        return all.stream();
    }

    @Test
    void everyDistributionHasCases() {
        for (DistributionSpec spec : DistributionMethods.scalarSpecs().toList()) {
            assertTrue(CASES.containsKey(spec.name()), spec.name() + " has no goodness-of-fit case");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void drawsFollowTheLawAndAShiftedSamplerIsRejected(DistributionMethods dist, double[] v) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + Arrays.toString(v));
        double[] draws = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = dist.rng(source, v);
        }
        String label = dist + " " + Arrays.toString(Arrays.copyOfRange(v, 1, v.length));
        double[] shifted;
        double p;
        double pShifted;
        if (dist.spec.outcome() == ValueType.INT) {
            AbstractIntegerDistribution law = References.DISCRETE.get(dist.spec.name()).apply(v);
            double shift = Math.max(1, Math.round(0.25 * interquartileRange(draws)));
            shifted = Arrays.stream(draws).map(x -> x + shift).toArray();
            p = chiSquarePValue(law, draws);
            pShifted = chiSquarePValue(law, shifted);
        } else {
            AbstractRealDistribution law = References.CONTINUOUS.get(dist.spec.name()).apply(v);
            double shift = 0.25 * interquartileRange(draws);
            shifted = Arrays.stream(draws).map(x -> x + shift).toArray();
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
            p = ks.kolmogorovSmirnovTest(law, draws);
            pShifted = ks.kolmogorovSmirnovTest(law, shifted);
        }
        assertTrue(p > ALPHA, label + ": draws rejected, p = " + p);
        assertTrue(pShifted < ALPHA, label + ": shifted draws not rejected, p = " + pShifted);
    }

    static double interquartileRange(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted[3 * sorted.length / 4] - sorted[sorted.length / 4];
    }

    /**
     * Chi-square test of integer draws against a law: consecutive values are merged into bins of
     * expected count at least 5, the first bin open to the left and the last to the right.
     */
    static double chiSquarePValue(AbstractIntegerDistribution law, double[] draws) {
        int n = draws.length;
        int lo = law.inverseCumulativeProbability(1e-9);
        int hi = law.inverseCumulativeProbability(1 - 1e-9);
        List<Integer> binEnds = new ArrayList<>();
        double accumulated = 0;
        for (int k = lo; k <= hi; k++) {
            accumulated += n * law.probability(k);
            if (accumulated >= 5) {
                binEnds.add(k);
                accumulated = 0;
            }
        }
        if (binEnds.isEmpty() || binEnds.get(binEnds.size() - 1) != hi) {
            if (!binEnds.isEmpty() && accumulated < 5) {
                binEnds.remove(binEnds.size() - 1); // merge the thin remainder into the last bin
            }
            binEnds.add(hi);
        }
        int bins = binEnds.size();
        double[] expected = new double[bins];
        long[] observed = new long[bins];
        double previousCdf = 0;
        for (int b = 0; b < bins; b++) {
            double cdf = b == bins - 1 ? 1.0 : law.cumulativeProbability(binEnds.get(b));
            expected[b] = n * (cdf - previousCdf);
            previousCdf = cdf;
        }
        int[] ends = binEnds.stream().mapToInt(Integer::intValue).toArray();
        for (double x : draws) {
            int b = Arrays.binarySearch(ends, (int) x);
            observed[Math.min(b >= 0 ? b : -b - 1, bins - 1)]++;
        }
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }
}
