package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Truncation {@code y ~ dist(...) T[L, U]} (Stan reference manual, "Truncated distributions") and
 * {@code _lcdf}/{@code _lccdf} calls: pointwise log-likelihoods equal commons-math3's
 * renormalised densities, gradients equal finite differences, and a truncated prior bounds its
 * parameter.
 */
class TruncationTest {

    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());
    private static final String COUNTS = "log(lambda) <- a + b*D\nc(a, b) ~ dnorm(0, 1)\nS <- surv\nD <- density / 10\n";
    private static final String PROPS = "a ~ dnorm(0.5, 1)\ns ~ dexp(1)\nY <- propsurv\n";

    private static void assertGradient(Model m, double[] q) {
        double[] g = new double[q.length];
        m.logDensityGradient(q, g);
        for (int k = 0; k < q.length; k++) {
            double fd = Models.finiteDifference(m, q, k);
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "d/dq[" + k + "]");
        }
    }

    @Test
    void zeroTruncatedAndDoublyTruncatedPoisson() {
        int[] s = FROGS.ints("surv", null);
        int[] n = FROGS.ints("density", null);
        Model lower = Models.inline("S ~ poisson(lambda) T[1, ]\n" + COUNTS, FROGS);
        Model both = Models.inline("S ~ poisson(lambda) T[1, 40]\n" + COUNTS, FROGS);
        double[] q = {1.2, 0.3};
        double[] l1 = new double[lower.observations()];
        double[] l2 = new double[both.observations()];
        lower.logLikelihood(q, l1);
        both.logLikelihood(q, l2);
        for (int i = 0; i < s.length; i++) {
            PoissonDistribution p = new PoissonDistribution(null, Math.exp(1.2 + 0.3 * n[i] / 10.0), 1e-12, 10_000_000);
            double expectLower = p.logProbability(s[i]) - Math.log1p(-p.cumulativeProbability(0));
            double expectBoth = p.logProbability(s[i]) - Math.log(p.cumulativeProbability(40) - p.cumulativeProbability(0));
            assertEquals(expectLower, l1[i], 1e-9 * Math.abs(expectLower), "T[1, ] row " + i);
            assertEquals(expectBoth, l2[i], 1e-9 * Math.abs(expectBoth), "T[1, 40] row " + i);
        }
        assertGradient(lower, q);
        assertGradient(both, new double[] {0.8, 0.5});
    }

    @Test
    void truncatedNormalOnTheUnitInterval() {
        double[] y = FROGS.reals("propsurv", null);
        Model m = Models.inline("Y ~ normal(a, s) T[0, 1]\n" + PROPS, FROGS);
        double[] q = {0.7, Math.log(0.3)};
        double[] ll = new double[m.observations()];
        m.logLikelihood(q, ll);
        NormalDistribution d = new NormalDistribution(null, 0.7, 0.3);
        double norm = Math.log(d.cumulativeProbability(1) - d.cumulativeProbability(0));
        for (int i = 0; i < y.length; i++) assertEquals(d.logDensity(y[i]) - norm, ll[i], 1e-9, "row " + i);
        Random rng = new Random(5);
        for (int point = 0; point < 4; point++) assertGradient(m, new double[] {rng.nextGaussian(), -1 + 0.5 * rng.nextGaussian()});
    }

    @Test
    void lccdfInACustomLineEqualsTheTruncation() {
        Model t = Models.inline("S ~ poisson(lambda) T[1, ]\n" + COUNTS, FROGS);
        Model c = Models.inline("S ~ custom(poisson_lpmf(!Y | lambda) - poisson_lccdf(0 | lambda))\n" + COUNTS, FROGS);
        double[] q = {0.9, 0.2};
        double[] gt = new double[2];
        double[] gc = new double[2];
        assertEquals(t.logDensityGradient(q, gt), c.logDensityGradient(q, gc), 1e-9 * Math.abs(t.logDensity(q)));
        assertEquals(gt[0], gc[0], 1e-9 * Math.abs(gt[0]));
        assertEquals(gt[1], gc[1], 1e-9 * Math.abs(gt[1]));
    }

    @Test
    void aTruncatedPriorBoundsItsParameter() {
        // sigma ~ normal(0, 1) T[0, ] is a half-normal: sigma = exp(q), lp = log(2 phi(sigma)) + q up to a constant
        Model m = Models.inline("real:sigma ~ normal(0, 1) T[0, ]\nY ~ normal(0.5, 1)\nY <- propsurv\n", FROGS);
        double[] q1 = {-0.4};
        double[] q2 = {0.6};
        double expected = (-0.5 * Math.exp(2 * q1[0]) + q1[0]) - (-0.5 * Math.exp(2 * q2[0]) + q2[0]);
        assertEquals(expected, m.logDensity(q1) - m.logDensity(q2), 1e-12);
        assertTrue(Double.isFinite(m.logDensity(new double[] {-30})), "any unconstrained value maps inside the bound");
    }

    @Test
    void misuseIsLocated() {
        UlamException e = org.junit.jupiter.api.Assertions.assertThrows(UlamException.class,
                () -> Models.inline("S ~ binomial(20, p) T[1, ]\nlogit(p) <- a\na ~ dnorm(0, 1)\nS <- surv\n", FROGS));
        assertTrue(e.getMessage().contains("binomial has no distribution function"), e.getMessage());
        assertTrue(e.location() != null && e.location().line() == 1, "located at line 1");
    }
}
