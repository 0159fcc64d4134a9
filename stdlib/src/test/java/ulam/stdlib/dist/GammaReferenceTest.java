package ulam.stdlib.dist;

import static ulam.stdlib.testing.Close.assertClose;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.Seeds;

/**
 * The gamma densities against commons-math3's {@link GammaDistribution} itself, in the bulk of
 * the distribution (y between 0.01 and 10 times the mean), where that implementation is accurate;
 * {@link DensityTest} covers the tails with a closed-form reference (see
 * {@code References.LOG_DENSITY_OVERRIDES}).
 */
class GammaReferenceTest {
    @Test
    void gammaAndGamma2MatchCommonsMath() {
        UniformRandomProvider source = Seeds.source("gamma-bulk");
        for (int i = 0; i < 500; i++) {
            double shape = Math.exp(RandomPoints.uniform(source, -1, 2));
            double rate = Math.exp(RandomPoints.uniform(source, -1.5, 1.5));
            double y = shape / rate * Math.exp(RandomPoints.uniform(source, -4.6, 2.3));
            GammaDistribution reference = new GammaDistribution(null, shape, 1 / rate);
            assertClose(reference.logDensity(y), Gamma.lpdf(y, shape, rate), 1e-10, "gamma");
            assertClose(reference.logDensity(y), Gamma2.lpdf(y, shape / rate, 1 / rate), 1e-10, "gamma2");
        }
    }
}
