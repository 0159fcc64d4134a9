package ulam.tests;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.runtime.Model;
import ulam.tests.support.Fits;

/**
 * posteriordb programs the Stan front end reads unchanged thanks to its loop and expression
 * forms (lagged indexes and loops from K + 1 in arK, an accumulating local in an unrolled inner
 * loop, {@code target += log_mix(...)} in low_dim_gauss_mix, {@code log10} in
 * log10earn_height) against rstan's log density and gradient at three fixed unconstrained
 * points, and against central finite differences of our own log density.
 *
 * <p>Programs and data: {@code tests/src/test/resources/stanfront/programs} (README there);
 * expected numbers {@code MODEL_points.csv} beside them, written by
 * {@code bench/stanfront/points.R} (rstan 2.21.7's {@code log_prob} and {@code grad_log_prob}
 * with the Jacobian), compared as {@link StanFrontEndPointsTest#assertAgreesWithRstan} does:
 * {@code lp__} absolutely (constants dropped as Stan's {@code ~} drops them), gradients to
 * relative 1e-8.
 */
class StanProgramsPointsTest {
    static final Path DIR = Path.of("tests/src/test/resources/stanfront/programs");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"arK, arK", "arma11, arma", "low_dim_gauss_mix, low_dim_gauss_mix", "log10earn_height, earnings"})
    void logDensityAndGradientEqualRstans(String model, String data) {
        Model m = Fits.bind(DIR.resolve(model + ".stan").toString(), DIR.resolve(data + ".json").toString());
        StanFrontEndPointsTest.assertAgreesWithRstan(m, DIR.resolve(model + "_points.csv"), model);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"arK, arK", "arma11, arma", "low_dim_gauss_mix, low_dim_gauss_mix", "log10earn_height, earnings"})
    void gradientEqualsFiniteDifferences(String model, String data) {
        Model m = Fits.bind(DIR.resolve(model + ".stan").toString(), DIR.resolve(data + ".json").toString());
        StanFrontEndPointsTest.assertGradientIsFiniteDifferences(m, model);
    }
}
