package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.runtime.Model;
import ulam.tests.support.Fits;

/**
 * Our compiled models against Stan's own log density and autodiff, at two fixed unconstrained
 * points: all zeros (u0) and values evenly spaced from -0.5 to 0.5 (u1).
 *
 * <p>Expected numbers: printed by {@code bench/stan/stan_grad.R} (rstan 2.21.7, Stan's C++) for the
 * equivalent Stan programs of {@code bench/stan/models} on this project's data, 2026-11-22. Stan
 * drops constant terms, so log densities are compared as the difference between the two points;
 * gradients are compared exactly (the first element, which is what the script prints). Equality
 * also confirms that our unconstrained parameters are in Stan's order.
 */
class StanFixedPointTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // model,                      data,                              K,   lp(u1)-lp(u0),  g(u0)[0], g(u1)[0]
        "examples/chimpanzees.ulam,    examples/data/chimpanzees.csv,     34,  -9.2591568,     -0.5,     0.634998211",
        "examples/chimpanzees_nc.ulam, examples/data/chimpanzees.csv,     34,  -3.1462021,     -0.5,     -1.393528873",
        "examples/reedfrogs_spg.ulam,  examples/data/reedfrogs.csv,       53,  17.8483502,     4,        4.280081715",
        "examples/reedfrogs.ulam,      examples/data/reedfrogs.csv,       50,  -41.1290094,    4,        5.584965009",
        "examples/funnel.ulam,         ,                                  2,   0.1463258826,   -1,       -0.2648739873",
        "examples/funnel_nc.ulam,      ,                                  2,   -0.1388888889,  0,        0.05555555556",
        "examples/glmm_100k.ulam,      examples/data/sim_glmm_100k.csv,   504, -9071.8902,     -68,      -45.81291761"})
    void logDensityAndGradientEqualStans(String model, String data, int k, double lpDiff, double g0, double g1) {
        Model m = data == null ? Fits.bind(model) : Fits.bind(model, data);
        assertEquals(k, m.dimension(), "dimension");
        double[] u0 = new double[k];
        double[] u1 = new double[k];
        for (int i = 0; i < k; i++) u1[i] = -0.5 + i / (double) (k - 1);
        double[] g = new double[k];
        double lp0 = m.logDensityGradient(u0, g);
        assertEquals(g0, g[0], 1e-9 * Math.max(1, Math.abs(g0)), "gradient[0] at u0");
        double lp1 = m.logDensityGradient(u1, g);
        assertEquals(g1, g[0], 1e-8 * Math.max(1, Math.abs(g1)), "gradient[0] at u1");
        // Stan printed lp to 7 significant digits beyond the point
        assertEquals(lpDiff, lp1 - lp0, 2e-6 * Math.max(1, Math.abs(lp0)), "lp(u1) - lp(u0)");
    }
}
