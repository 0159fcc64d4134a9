package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ulam.runtime.Model;
import ulam.tests.support.Fits;

/**
 * The Stan front end's examples ({@code examples/stan}, the pooling lecture's programs on the
 * Bangladesh data) against rstan's own log density and gradient of the same programs, at three
 * fixed unconstrained points, and against central finite differences of our own log density.
 *
 * <p>Expected numbers: {@code tests/src/test/resources/stanfront/reference/MODEL_points.csv},
 * written by {@code bench/stanfront/fit_references.R} (rstan 2.21.7's {@code log_prob} and
 * {@code grad_log_prob} with the Jacobian). Our {@code lp__} ({@link Model#lp(double)}: the log
 * density less the summands Stan's {@code ~} leaves out) equals rstan's {@code log_prob} itself,
 * relative 1e-8; gradients exactly (relative 1e-8). Equal gradients also confirm that our unconstrained parameters are in the
 * program's declaration order, as Stan's.
 */
class StanFrontEndPointsTest {
    static final Path REF = Path.of("tests/src/test/resources/stanfront/reference");
    static final String DATA = "examples/stan/bangladesh.json";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"complete_pooling", "no_pooling", "hierarchical", "hierarchical_nc"})
    void logDensityAndGradientEqualRstans(String model) throws IOException {
        Model m = Fits.bind("examples/stan/" + model + ".stan", DATA);
        assertAgreesWithRstan(m, REF.resolve(model + "_points.csv"), model);
    }

    /**
     * Our log density and gradient against rstan's at the points of a points file (written by
     * bench/stanfront/fit_references.R or posteriordb_points.R: header {@code point,lp,g1..gK},
     * one row per point of {@link #point}): gradients equal (relative 1e-8), and lp__ (constants
     * dropped as Stan's {@code ~} drops them, {@code Model.lp}) equal to rstan's (relative 1e-8).
     *
     * @throws AssertionError at the first disagreement, with the numbers
     */
    static void assertAgreesWithRstan(Model m, Path csv, String what) {
        List<String> rows;
        try {
            rows = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            int k = f.length - 2;
            assertEquals(k, m.dimension(), what + " dimension");
            double[] u = point(Integer.parseInt(f[0].replace("\"", "")), k);
            double[] g = new double[k];
            double lp = m.logDensityGradient(u, g);
            double stanLp = Double.parseDouble(f[1]);
            for (int i = 0; i < k; i++) {
                double want = Double.parseDouble(f[i + 2]);
                assertEquals(want, g[i], 1e-8 * Math.max(1, Math.abs(want)), what + " gradient[" + i + "] at point " + f[0]);
            }
            assertEquals(stanLp, m.lp(lp), 1e-8 * Math.max(1, Math.abs(stanLp)), what + " lp__ at point " + f[0]);
        }
    }

    /**
     * {@link #assertAgreesWithRstan} as a verdict: {@code agrees at N points}, or {@code differs: }
     * and the first disagreement's message.
     */
    static String agreement(Model m, Path csv, String what) {
        try {
            assertAgreesWithRstan(m, csv, what);
        } catch (AssertionError e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            return "differs: " + (nl < 0 ? msg : msg.substring(0, nl));
        }
        try {
            return "agrees at " + (Files.readAllLines(csv).size() - 1) + " points";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"complete_pooling", "no_pooling", "hierarchical", "hierarchical_nc"})
    void gradientEqualsFiniteDifferences(String model) {
        assertGradientIsFiniteDifferences(Fits.bind("examples/stan/" + model + ".stan", DATA), model);
    }

    /** The gradient at {@link #point}(2) equals central finite differences (step 1e-5) to 1e-5 relative. */
    static void assertGradientIsFiniteDifferences(Model m, String what) {
        int k = m.dimension();
        double[] u = point(2, k);
        double[] g = new double[k];
        m.logDensityGradient(u, g);
        double h = 1e-5;
        for (int i = 0; i < k; i++) {
            double[] up = u.clone();
            double[] dn = u.clone();
            up[i] += h;
            dn[i] -= h;
            double fd = (m.logDensity(up) - m.logDensity(dn)) / (2 * h);
            assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), what + " gradient[" + i + "]");
        }
    }

    /**
     * Two compilations of one model have the same gradient (relative 1e-8), the same log density up
     * to a constant (differences from the first point, relative 1e-8) and the same {@code lp__}
     * ({@link Model#lp(double)}) at the three fixed points of {@link #point}.
     */
    static void assertSameDensity(Model expected, Model actual, String what) {
        assertSameDensity(expected, actual, what, true);
    }

    /**
     * As {@link #assertSameDensity(Model, Model, String)}; {@code lp__} compared only when
     * {@code lp} (false when one writes with {@code target +=} what the other writes with {@code ~}).
     */
    static void assertSameDensity(Model expected, Model actual, String what, boolean lp) {
        int k = expected.dimension();
        assertEquals(k, actual.dimension(), what + " dimension");
        double[] ge = new double[k];
        double[] ga = new double[k];
        double base = Double.NaN;
        for (int p = 1; p <= 3; p++) {
            double[] u = point(p, k);
            double le = expected.logDensityGradient(u, ge);
            double la = actual.logDensityGradient(u, ga);
            for (int i = 0; i < k; i++) assertEquals(ge[i], ga[i], 1e-8 * Math.max(1, Math.abs(ge[i])), what + " gradient[" + i + "] at point " + p);
            if (p == 1) base = le - la;
            else assertEquals(base, le - la, 1e-8 * Math.max(1, Math.abs(le)), what + " lp difference at point " + p);
            if (lp) assertEquals(expected.lp(le), actual.lp(la), 1e-8 * Math.max(1, Math.abs(le)), what + " lp__ at point " + p);
        }
    }

    /** The fixed points of the R script: 1 all zeros, 2 from -0.5 to 0.5, 3 from 0.3 to -0.2, evenly spaced. */
    static double[] point(int which, int k) {
        double[] u = new double[k];
        for (int i = 0; i < k; i++) {
            double t = k == 1 ? 0 : i / (double) (k - 1);
            u[i] = switch (which) {
                case 1 -> 0;
                case 2 -> -0.5 + t;
                default -> 0.3 - 0.5 * t;
            };
        }
        return u;
    }
}
