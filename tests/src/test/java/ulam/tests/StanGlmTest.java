package ulam.tests;

import org.junit.jupiter.api.Test;
import ulam.runtime.Model;
import ulam.tests.support.Fits;

/**
 * Stan's {@code normal_id_glm(X, alpha, beta, sigma)} read by the Stan front end is the same model
 * as {@code normal(alpha + X * beta, sigma)}: equal gradients and log density differences at three
 * fixed points ({@link StanFrontEndPointsTest#assertSameDensity}). Fixture:
 * tests/src/test/resources/stanfront/glm (30 rows simulated from y = 1 + X (-1, 0, 1) + N(0, 0.5)).
 */
class StanGlmTest {
    static final String DIR = "tests/src/test/resources/stanfront/glm/";

    @Test
    void normalIdGlmIsTheNormalLinearModel() {
        Model glm = Fits.bind(DIR + "normal_id_glm.stan", DIR + "data.json");
        Model normal = Fits.bind(DIR + "normal.stan", DIR + "data.json");
        StanFrontEndPointsTest.assertSameDensity(normal, glm, "normal_id_glm");
    }
}
