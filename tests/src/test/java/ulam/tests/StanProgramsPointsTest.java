package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * with the Jacobian). Stan's {@code ~} drops constant terms and ours keeps them, so log densities
 * are compared as differences from the first point; gradients to relative 1e-8.
 */
class StanProgramsPointsTest {
    static final Path DIR = Path.of("tests/src/test/resources/stanfront/programs");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"arK, arK", "arma11, arma", "low_dim_gauss_mix, low_dim_gauss_mix", "log10earn_height, earnings"})
    void logDensityAndGradientEqualRstans(String model, String data) throws IOException {
        Model m = Fits.bind(DIR.resolve(model + ".stan").toString(), DIR.resolve(data + ".json").toString());
        List<String> rows = Files.readAllLines(DIR.resolve(model + "_points.csv"));
        double lpFirst = Double.NaN;
        double oursFirst = Double.NaN;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            int k = f.length - 2;
            assertEquals(k, m.dimension(), "dimension");
            double[] u = StanFrontEndPointsTest.point(Integer.parseInt(f[0].replace("\"", "")), k);
            double[] g = new double[k];
            double lp = m.logDensityGradient(u, g);
            double stanLp = Double.parseDouble(f[1]);
            for (int i = 0; i < k; i++) {
                double want = Double.parseDouble(f[i + 2]);
                assertEquals(want, g[i], 1e-8 * Math.max(1, Math.abs(want)), model + " gradient[" + i + "] at point " + f[0]);
            }
            if (Double.isNaN(lpFirst)) {
                lpFirst = stanLp;
                oursFirst = lp;
            } else {
                assertEquals(stanLp - lpFirst, lp - oursFirst, 1e-8 * Math.max(1, Math.abs(stanLp)), model + " lp difference at point " + f[0]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"arK, arK", "arma11, arma", "low_dim_gauss_mix, low_dim_gauss_mix", "log10earn_height, earnings"})
    void gradientEqualsFiniteDifferences(String model, String data) {
        Model m = Fits.bind(DIR.resolve(model + ".stan").toString(), DIR.resolve(data + ".json").toString());
        int k = m.dimension();
        double[] u = StanFrontEndPointsTest.point(2, k);
        double[] g = new double[k];
        m.logDensityGradient(u, g);
        double h = 1e-5;
        for (int i = 0; i < k; i++) {
            double[] up = u.clone();
            double[] dn = u.clone();
            up[i] += h;
            dn[i] -= h;
            double fd = (m.logDensity(up) - m.logDensity(dn)) / (2 * h);
            assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), model + " gradient[" + i + "]");
        }
    }
}
