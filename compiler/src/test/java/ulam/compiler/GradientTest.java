package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.testing.Examples;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;

/**
 * Every example model's ({@link Examples}) generated gradient equals central finite differences of its generated
 * log density (relative error at most 1e-6) at several random points, and both methods agree on
 * the log density.
 */
class GradientTest {

    static Stream<Arguments> examples() {
        return Examples.all().map(e -> Arguments.of(e.model(), e.data().toArray(String[]::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void gradientEqualsFiniteDifferences(String model, String[] data) {
        Model m = Models.example(model, data);
        Random rng = new Random(42);
        int checked = 0;
        for (int point = 0; point < 4; point++) {
            double[] q = new double[m.dimension()];
            // kline_gp's lambda = a*P^b/g with populations up to 275,000: far from 0, |lp| ~ 1e10 and
            // finite differences lose their digits, so it is checked near the typical set's centre
            double half = model.equals("kline_gp.ulam") ? 0.25 : 2;
            for (int k = 0; k < q.length; k++) q[k] = -half + 2 * half * rng.nextDouble();
            double[] g = new double[q.length];
            double lp = m.logDensityGradient(q, g);
            assertEquals(m.logDensity(q), lp, 1e-12 * Math.abs(lp), "log density, both methods");
            assertTrue(Double.isFinite(lp), "finite log density");
            int stride = Math.max(1, q.length / 40);   // at most ~40 coordinates of a large model per point
            for (int k = point % stride; k < q.length; k += stride) {
                double fd = Models.finiteDifference(m, q, k);
                double err = Math.abs(g[k] - fd) / Math.max(1.0, Math.abs(fd));
                assertTrue(err <= 1e-6, model + ": d/dq[" + k + "] (" + m.outputNames()[k] + ") gradient " + g[k]
                        + " vs finite difference " + fd);
                checked++;
            }
        }
        assertTrue(checked >= Math.min(4 * m.dimension(), 40), "coordinates checked: " + checked);
    }
}
