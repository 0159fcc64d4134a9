package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.ValueType;
import ulam.stdlib.math.Numerics;
import ulam.stdlib.testing.DistributionMethods;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.Seeds;

/**
 * Invalid arguments give NaN and outcomes outside the support give -inf, from lpdf and kernel
 * alike, without throwing; rng rejects invalid arguments with IllegalArgumentException; the
 * logit and log parameterisations stay finite and accurate at extreme linear predictors.
 */
class EdgeCaseTest {

    static Stream<DistributionMethods> distributions() {
        return DistributionMethods.scalars();
    }

    /** Distributions whose UNIT argument must be strictly inside (0, 1). */
    static final java.util.Set<String> OPEN_UNIT = java.util.Set.of("beta2", "betabinomial");

    /** Values that make an argument of each kind invalid. */
    static double[] invalidValues(DistributionSpec.Arg arg, String distribution) {
        if (arg.type() == ValueType.INT) {
            return new double[] {-1};
        }
        switch (arg.support()) {
            case POSITIVE:
                return distribution.equals("poisson") // a Poisson rate of 0 is valid (all mass at 0)
                        ? new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}
                        : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY};
            case UNIT:
                return OPEN_UNIT.contains(distribution) // a mean of 0 or 1 makes a beta shape 0
                        ? new double[] {0, 1, -0.1, 1.1, Double.NaN}
                        : new double[] {-0.1, 1.1, Double.NaN, Double.POSITIVE_INFINITY};
            default:
                return new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void invalidArgumentsGiveNaNAndRngRejectsThem(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/invalid");
        double[] d = new double[dist.slots()];
        for (int trial = 0; trial < 5; trial++) {
            double[] valid = RandomPoints.draw(dist, source);
            for (int j = 1; j < dist.slots(); j++) {
                for (double bad : invalidValues(dist.spec.args().get(j - 1), dist.spec.name())) {
                    double[] v = valid.clone();
                    v[j] = bad;
                    String where = dist + " with " + dist.spec.args().get(j - 1).name() + " = " + bad;
                    assertTrue(Double.isNaN(dist.lpdf(v)), where + ": lpdf " + dist.lpdf(v));
                    assertTrue(Double.isNaN(dist.kernel(v, d)), where + ": kernel");
                    assertThrows(IllegalArgumentException.class, () -> dist.rng(source, v), where + ": rng");
                }
            }
        }
        if (dist.spec.outcomeSupport() == ulam.stdlib.Support.ARG_BOUNDS) {
            double[] v = RandomPoints.draw(dist, source);
            v[dist.spec.lowerArg() + 1] = v[dist.spec.upperArg() + 1] + 1; // lower above upper
            assertTrue(Double.isNaN(dist.lpdf(v)), dist + ": reversed bounds");
            assertThrows(IllegalArgumentException.class, () -> dist.rng(source, v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void outcomesOutsideTheSupportGiveMinusInfinity(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/support");
        double[] d = new double[dist.slots()];
        double[] v = RandomPoints.draw(dist, source);
        for (double y : outside(dist, v)) {
            v[0] = y;
            assertEquals(Double.NEGATIVE_INFINITY, dist.lpdf(v), dist + " lpdf at y = " + y);
            assertEquals(Double.NEGATIVE_INFINITY, dist.kernel(v, d), dist + " kernel at y = " + y);
        }
    }

    /** Outcomes outside the support of the distribution at the point v. */
    static double[] outside(DistributionMethods dist, double[] v) {
        DistributionSpec spec = dist.spec;
        if (spec.outcome() == ValueType.INT) {
            boolean bernoulli = spec.name().startsWith("bernoulli");
            int trials = -1; // slot of the number of trials (the first int argument), if any
            for (int j = 1; j < dist.slots() && trials < 0; j++) {
                if (dist.type(j) == ValueType.INT) {
                    trials = j;
                }
            }
            return bernoulli ? new double[] {-1, 2} : trials > 0 ? new double[] {-1, v[trials] + 1} : new double[] {-1, -5};
        }
        switch (spec.outcomeSupport()) {
            case POSITIVE:
                return new double[] {-1e-300, -1, Double.NEGATIVE_INFINITY};
            case UNIT:
                return new double[] {-0.1, 1.1};
            case ARG_BOUNDS:
                return new double[] {Math.nextDown(v[spec.lowerArg() + 1]), Math.nextUp(v[spec.upperArg() + 1])};
            default:
                return new double[0];
        }
    }

    @Test
    void logitParameterisationsAreFiniteAndAccurateAtExtremeLogits() {
        double[] d = new double[3];
        for (double alpha : new double[] {-745, -700, -40, 40, 700, 745}) {
            for (int y = 0; y <= 1; y++) {
                double lp = BernoulliLogit.lpdf(y, alpha);
                assertTrue(Double.isFinite(lp) && lp <= 0, "bernoulli_logit(" + y + " | " + alpha + ") = " + lp);
                assertEquals(lp, BernoulliLogit.kernel(y, alpha, d));
                assertTrue(Double.isFinite(d[1]), "bernoulli_logit derivative");
                double expected = y == 1 ? -Numerics.log1pExp(-alpha) : -Numerics.log1pExp(alpha);
                assertClose(expected, lp, 1e-15, "bernoulli_logit(" + y + " | " + alpha + ")");
            }
            for (int y : new int[] {0, 3, 10}) {
                double lp = BinomialLogit.lpdf(y, 10, alpha);
                assertTrue(Double.isFinite(lp), "binomial_logit(" + y + " | 10, " + alpha + ") = " + lp);
                BinomialLogit.kernel(y, 10, alpha, d);
                assertTrue(Double.isFinite(d[2]), "binomial_logit derivative");
                assertClose(Numerics.logChoose(10, y) - y * Numerics.log1pExp(-alpha)
                        - (10 - y) * Numerics.log1pExp(alpha), lp, 1e-15, "binomial_logit(" + y + " | " + alpha + ")");
            }
        }
        assertEquals(-700.0, BernoulliLogit.lpdf(1, -700), 1e-12);
        assertEquals(-Math.exp(-700), BinomialLogit.kernel(0, 1, -700, d), 1e-15 * Math.exp(-700),
                "log(1 - inv_logit(-700)) keeps its relative precision");
        assertTrue(Double.isFinite(PoissonLog.lpdf(3, -700)));
        assertTrue(Double.isFinite(PoissonLog.lpdf(3, 700)));
    }

    @Test
    void binomialDrawsWithAVanishingRareOutcomeDoNotFail() {
        // commons-rng's table sampler throws for N min(p, 1 - p) below about 5e-10
        for (double alpha : new double[] {-25, -40, 25, 40}) {
            int y = BinomialLogit.rng(Seeds.source("rare " + alpha), 10, alpha);
            assertEquals(alpha < 0 ? 0 : 10, y, "binomial_logit_rng(10, " + alpha + ")");
        }
        assertEquals(0, Binomial.rng(Seeds.source("rare p"), 3, 1e-12));
    }

    @Test
    void boundaryOutcomesAndDegenerateProbabilities() {
        double[] d = new double[3];
        assertEquals(0.0, Bernoulli.lpdf(1, 1.0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, Bernoulli.lpdf(1, 0.0));
        assertEquals(0.0, Binomial.lpdf(0, 5, 0.0), 0);
        assertEquals(0.0, Binomial.lpdf(5, 5, 1.0), 0);
        assertEquals(0.0, Binomial.kernel(0, 5, 0.0, d), 0);
        assertEquals(Double.NEGATIVE_INFINITY, Binomial.lpdf(1, 5, 0.0));
        assertEquals(0.0, Poisson.lpdf(0, 0.0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, Poisson.lpdf(2, 0.0));
        assertEquals(0, Poisson.rng(Seeds.source("p0"), 0.0));
        assertEquals(Math.log(2.0), Gamma.lpdf(0.0, 1.0, 2.0), 1e-15, "gamma at y = 0 with shape 1");
        assertEquals(Double.POSITIVE_INFINITY, Gamma.lpdf(0.0, 0.5, 2.0));
        assertEquals(Double.NEGATIVE_INFINITY, Gamma.lpdf(0.0, 2.0, 2.0));
        assertEquals(0.0, Beta.lpdf(0.0, 1.0, 1.0), 1e-15, "beta(1, 1) is uniform, also at 0");
        assertEquals(Double.NEGATIVE_INFINITY, LogNormal.lpdf(0.0, 0, 1));
        assertEquals(Normal.lpdf(0.5, 0, 1) + Math.log(2), HalfNormal.lpdf(0.5, 0, 1), 1e-15, "half_normal = +log 2 at mu = 0");
        assertEquals(Cauchy.lpdf(0.5, 0, 1) + Math.log(2), HalfCauchy.lpdf(0.5, 0, 1), 1e-15, "half_cauchy = +log 2 at mu = 0");
        assertTrue(Double.isFinite(HalfNormal.lpdf(0.1, -40, 1)), "half_normal far into the truncated tail");
        assertTrue(Double.isFinite(HalfCauchy.lpdf(0.1, -1e6, 1)), "half_cauchy far into the truncated tail");
        assertTrue(HalfNormal.rng(Seeds.source("hn"), -40, 1) >= 0);
    }

    @Test
    void nothingThrowsOnAnyCombinationOfSpecialValues() {
        double[] specials = {0, -0.0, 1, -1, 0.5, 1e-300, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
        distributions().forEach(dist -> {
            double[] d = new double[dist.slots()];
            int[] index = new int[dist.slots()];
            int combinations = (int) Math.pow(specials.length, dist.slots());
            for (int c = 0; c < combinations; c++) {
                double[] v = new double[dist.slots()];
                int rest = c;
                for (int j = 0; j < v.length; j++) {
                    index[j] = rest % specials.length;
                    rest /= specials.length;
                    v[j] = dist.type(j) == ValueType.INT ? (int) Math.max(-3, Math.min(40, specials[index[j]])) : specials[index[j]];
                }
                try {
                    dist.lpdf(v);
                    dist.kernel(v, d);
                    dist.constant(v);
                } catch (RuntimeException e) {
                    throw new AssertionError(dist + " threw at " + Arrays.toString(v), e);
                }
            }
        });
    }
}
