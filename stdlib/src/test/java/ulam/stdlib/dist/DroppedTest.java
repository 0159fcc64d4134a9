package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.ValueType;
import ulam.stdlib.testing.DistributionMethods;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.Seeds;

/**
 * The {@code dropped} methods: the summands of each density that Stan's {@code ~} leaves out
 * (Stan Math's {@code include_summand<propto, ...>}; docs/stan.md, "lp__"). Per distribution of
 * scalars, closed forms for the data/parameter patterns of a prior (outcome a parameter, arguments
 * data), of a likelihood with a parameter location (outcome and scale data) and of a likelihood
 * whose arguments are all parameters; for every mask, that only the operands marked data are read
 * (the others NaN) and that all operands data give the whole log density. The vector
 * distributions at one point each.
 */
class DroppedTest {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** rethinking writes these mixtures with target += (every constant kept): nothing is dropped. */
    private static final Set<String> KEPT = Set.of("zipoisson", "zigampois", "zibinom");

    static double lg(double x) {
        return Gamma.logGamma(x);
    }

    static Stream<Arguments> closedForms() {
        // distribution, mask (bit 0 the outcome, bit j argument j), operands, expected
        return Stream.of(
                Arguments.of("normal", 0b110, new double[] {0.3, 1, 2}, -HALF_LOG_TWO_PI - Math.log(2)),
                Arguments.of("normal", 0b101, new double[] {0.3, 1, 2}, -HALF_LOG_TWO_PI - Math.log(2)),
                Arguments.of("normal", 0b001, new double[] {0.3, 1, 2}, -HALF_LOG_TWO_PI),
                Arguments.of("half_normal", 0b110, new double[] {0.5, 0, 2}, -HALF_LOG_TWO_PI - Math.log(2) + Math.log(2)),
                Arguments.of("half_normal", 0b001, new double[] {0.5, 0, 2}, -HALF_LOG_TWO_PI),
                Arguments.of("cauchy", 0b110, new double[] {0.3, 0, 2.5}, -Math.log(Math.PI) - Math.log(2.5)),
                Arguments.of("cauchy", 0b011, new double[] {0.3, 0, 2.5}, -Math.log(Math.PI)),
                Arguments.of("half_cauchy", 0b110, new double[] {1, 0, 2.5}, -Math.log(Math.PI) - Math.log(2.5) + Math.log(2)),
                Arguments.of("student_t", 0b1110, new double[] {0.3, 3, 0, 2.5},
                        lg(2) - lg(1.5) - 0.5 * Math.log(3) - 0.5 * Math.log(Math.PI) - Math.log(2.5)),
                Arguments.of("student_t", 0b0011, new double[] {0.3, 3, 0, 2.5}, lg(2) - lg(1.5) - 0.5 * Math.log(3) - 0.5 * Math.log(Math.PI)),
                Arguments.of("student_t", 0b0001, new double[] {0.3, 3, 0, 2.5}, -0.5 * Math.log(Math.PI)),
                Arguments.of("lognormal", 0b110, new double[] {1.5, 0, 1.2}, -HALF_LOG_TWO_PI - Math.log(1.2)),
                Arguments.of("lognormal", 0b101, new double[] {1.5, 0, 1.2}, -HALF_LOG_TWO_PI - Math.log(1.2) - Math.log(1.5)),
                Arguments.of("lognormal", 0b001, new double[] {1.5, 0, 1.2}, -HALF_LOG_TWO_PI - Math.log(1.5)),
                Arguments.of("gamma", 0b110, new double[] {1.5, 2, 0.5}, -lg(2) + 2 * Math.log(0.5)),
                Arguments.of("gamma", 0b101, new double[] {1.5, 2, 0.5}, -0.5 * 1.5),
                Arguments.of("gamma", 0b011, new double[] {1.5, 2, 0.5}, -lg(2) + Math.log(1.5)),
                Arguments.of("gamma", 0b001, new double[] {1.5, 2, 0.5}, 0.0),
                Arguments.of("inv_gamma", 0b110, new double[] {1.5, 2, 0.5}, -lg(2) + 2 * Math.log(0.5)),
                Arguments.of("inv_gamma", 0b011, new double[] {1.5, 2, 0.5}, -lg(2) - 3 * Math.log(1.5)),
                Arguments.of("inv_gamma", 0b101, new double[] {1.5, 2, 0.5}, -0.5 / 1.5),
                // gamma2(mean 2, scale 0.5) is gamma(shape 4, rate 2)
                Arguments.of("gamma2", 0b110, new double[] {1.5, 2, 0.5}, -lg(4) + 4 * Math.log(2)),
                Arguments.of("gamma2", 0b101, new double[] {1.5, 2, 0.5}, -2 * 1.5),
                Arguments.of("gamma2", 0b011, new double[] {1.5, 2, 0.5}, 0.0),
                Arguments.of("exponential", 0b10, new double[] {2, 0.5}, Math.log(0.5)),
                Arguments.of("exponential", 0b01, new double[] {2, 0.5}, 0.0),
                Arguments.of("uniform", 0b110, new double[] {0.3, 0, 2}, -Math.log(2)),
                Arguments.of("uniform", 0b001, new double[] {0.3, 0, 2}, 0.0),
                Arguments.of("beta", 0b110, new double[] {0.3, 2, 3}, lg(5) - lg(2) - lg(3)),
                Arguments.of("beta", 0b011, new double[] {0.3, 2, 3}, -lg(2) + Math.log(0.3)),
                Arguments.of("beta", 0b101, new double[] {0.3, 2, 3}, -lg(3) + 2 * Math.log(0.7)),
                // beta2(p 0.4, theta 5) is beta(2, 3)
                Arguments.of("beta2", 0b110, new double[] {0.3, 0.4, 5}, lg(5) - lg(2) - lg(3)),
                Arguments.of("beta2", 0b011, new double[] {0.3, 0.4, 5}, 0.0),
                Arguments.of("bernoulli", 0b01, new double[] {1, 0.3}, 0.0),
                Arguments.of("bernoulli_logit", 0b01, new double[] {1, 0.5}, 0.0),
                Arguments.of("binomial", 0b011, new double[] {3, 10, 0.3}, Math.log(120)),
                Arguments.of("binomial_logit", 0b011, new double[] {3, 10, 0.2}, Math.log(120)),
                Arguments.of("poisson", 0b01, new double[] {4, 2.5}, -Math.log(24)),
                Arguments.of("poisson_log", 0b01, new double[] {4, 0.9}, -Math.log(24)),
                // Stan Math 3.1's (rstan 2.21's) grouping: -log(y!) always
                Arguments.of("neg_binomial_2", 0b001, new double[] {4, 2.5, 3}, -Math.log(24)),
                Arguments.of("neg_binomial_2", 0b101, new double[] {4, 2.5, 3}, -Math.log(24) + 3 * Math.log(3) - lg(3) + lg(7)),
                Arguments.of("neg_binomial_2", 0b011, new double[] {4, 2.5, 3}, -Math.log(24) + 4 * Math.log(2.5)),
                Arguments.of("neg_binomial_2_log", 0b011, new double[] {4, 0.9, 3}, -Math.log(24) + 4 * 0.9),
                Arguments.of("neg_binomial_2_log", 0b101, new double[] {4, 0.9, 3}, -Math.log(24) + 3 * Math.log(3) - lg(3) + lg(7)),
                Arguments.of("beta_binomial", 0b0011, new double[] {3, 10, 2, 3}, Math.log(120)),
                Arguments.of("betabinomial", 0b0011, new double[] {3, 10, 0.4, 5}, Math.log(120)),
                Arguments.of("pareto", 0b110, new double[] {3, 1.5, 2}, Math.log(2) + 2 * Math.log(1.5)),
                Arguments.of("pareto", 0b101, new double[] {3, 1.5, 2}, Math.log(2) - 3 * Math.log(3)),
                Arguments.of("pareto", 0b011, new double[] {3, 1.5, 2}, 0.0),
                Arguments.of("exp_mod_normal", 0b1001, new double[] {0.5, 0, 1, 2}, -Math.log(2) + Math.log(2)),
                Arguments.of("exp_mod_normal", 0b0001, new double[] {0.5, 0, 1, 2}, -Math.log(2)),
                Arguments.of("weibull", 0b110, new double[] {1.5, 2, 3}, Math.log(2) - 2 * Math.log(3)),
                Arguments.of("weibull", 0b011, new double[] {1.5, 2, 3}, Math.log(2) + Math.log(1.5)),
                Arguments.of("weibull", 0b101, new double[] {1.5, 2, 3}, 0.0),
                // I0(2) = 2.2795853023360673 (Abramowitz and Stegun, table 9.8)
                Arguments.of("von_mises", 0b101, new double[] {0.5, 0, 2}, -Math.log(2 * Math.PI) - Math.log(2.2795853023360673)),
                Arguments.of("von_mises", 0b011, new double[] {0.5, 0, 2}, -Math.log(2 * Math.PI)),
                Arguments.of("skew_normal", 0b0101, new double[] {0.5, 0, 2, 1}, -HALF_LOG_TWO_PI - Math.log(2)),
                Arguments.of("skew_normal", 0b0001, new double[] {0.5, 0, 2, 1}, -HALF_LOG_TWO_PI),
                Arguments.of("zipoisson", 0b001, new double[] {0, 0.3, 2}, 0.0),
                Arguments.of("zigampois", 0b0001, new double[] {0, 0.3, 2, 3}, 0.0),
                Arguments.of("zibinom", 0b0101, new double[] {0, 0.3, 10, 0.4}, 0.0));
    }

    @ParameterizedTest(name = "{0} mask {1}")
    @MethodSource("closedForms")
    void droppedSummandsAreTheClosedForm(String name, int mask, double[] v, double expected) {
        DistributionMethods m = DistributionMethods.of(Registry.distribution(name).orElseThrow());
        assertEquals(expected, m.dropped(mask, v), 1e-12 * Math.max(1, Math.abs(expected)), name + " mask " + Integer.toBinaryString(mask));
    }

    @Test
    void everyDistributionOfScalarsHasAClosedForm() {
        Set<String> covered = new java.util.HashSet<>();
        closedForms().forEach(a -> covered.add((String) a.get()[0]));
        for (DistributionSpec spec : DistributionMethods.scalarSpecs().toList()) {
            assertTrue(covered.contains(spec.name()), spec.name() + " has no closed-form case of dropped");
        }
    }

    /**
     * At random valid points, for every mask with the int operands data: the result reads only the
     * operands marked data (the others replaced by NaN give the same value), and every operand data
     * gives the whole log density (Stan drops a ~ of data only).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ulam.stdlib.testing.DistributionMethods#scalars")
    void readsOnlyDataOperandsAndAllDataIsTheWholeDensity(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/dropped");
        int n = dist.slots();
        int ints = 0;
        for (int j = 0; j < n; j++) if (dist.type(j) == ValueType.INT) ints |= 1 << j;
        for (int i = 0; i < 20; i++) {
            double[] v = RandomPoints.draw(dist, source);
            for (int mask = 0; mask < 1 << n; mask++) {
                if ((mask & ints) != ints) continue;
                double[] w = v.clone();
                for (int j = 0; j < n; j++) if ((mask & (1 << j)) == 0) w[j] = Double.NaN;
                double full = dist.dropped(mask, v);
                assertTrue(Double.isFinite(full) || mask == (1 << n) - 1, dist + " mask " + Integer.toBinaryString(mask) + " not finite: " + full);
                assertEquals(full, dist.dropped(mask, w), 0.0, dist + " mask " + Integer.toBinaryString(mask) + " reads an operand that is not data");
            }
            double all = dist.dropped((1 << n) - 1, v);
            assertEquals(KEPT.contains(dist.spec.name()) ? 0.0 : dist.lpdf(v), all, 1e-12 * Math.max(1, Math.abs(all)), dist + " all data");
        }
    }

    @Test
    void vectorDistributions() {
        double[] sigma = {2, 0.5, 0.5, 1};                       // det 1.75
        double[] l = {Math.sqrt(2), 0.5 / Math.sqrt(2), 0, Math.sqrt(1 - 0.125)};
        double[] y = {0.3, -0.2};
        double[] mu = {0, 0};
        assertEquals(-Math.log(2 * Math.PI), MultiNormal.dropped(0b001, y, 0, mu, 0, sigma, 0, 2), 1e-12);
        assertEquals(-Math.log(2 * Math.PI) - 0.5 * Math.log(1.75), MultiNormal.dropped(0b101, y, 0, mu, 0, sigma, 0, 2), 1e-12);
        assertEquals(-Math.log(2 * Math.PI) - 0.5 * Math.log(1.75), MultiNormalCholesky.dropped(0b101, y, 0, mu, 0, l, 0, 2), 1e-12);
        assertEquals(MultiNormal.lpdf(y, 0, mu, 0, sigma, 0, 2), MultiNormal.dropped(0b111, y, 0, mu, 0, sigma, 0, 2), 1e-12);
        // lkj_corr(Omega | eta) at the identity is its normalising constant (log det I = 0)
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        assertEquals(LkjCorr.lpdf(identity, 0, 2, 3), LkjCorr.dropped(0b10, identity, 0, 2, 3), 1e-12);
        assertEquals(LkjCorrCholesky.lpdf(identity, 0, 2, 3), LkjCorrCholesky.dropped(0b10, identity, 0, 2, 3), 1e-12);
        assertEquals(0.0, LkjCorr.dropped(0b01, identity, 0, 2, 3), 0.0);
        double[] alpha = {2, 3, 4};
        double[] theta = {0.2, 0.3, 0.5};
        assertEquals(lg(9) - lg(2) - lg(3) - lg(4), Dirichlet.dropped(0b10, theta, 0, alpha, 0, 3), 1e-12);
        assertEquals(0.0, Dirichlet.dropped(0b01, theta, 0, alpha, 0, 3), 0.0);
        assertEquals(Math.log(60), Multinomial.dropped(0b01, new int[] {1, 2, 3}, 0, theta, 0, 3), 1e-12);   // 6! / (1! 2! 3!)
        assertEquals(0.0, Categorical.dropped(0b01, 2, theta, 0, 3), 0.0);
        assertEquals(0.0, CategoricalLogit.dropped(0b01, 2, theta, 0, 3), 0.0);
        assertEquals(0.0, OrderedLogistic.dropped(0b001, 2, 0.3, new double[] {-1, 1}, 0, 2), 0.0);
        assertEquals(OrderedLogistic.lpdf(2, 0.3, new double[] {-1, 1}, 0, 2), OrderedLogistic.dropped(0b111, 2, 0.3, new double[] {-1, 1}, 0, 2), 1e-12);
    }
}
