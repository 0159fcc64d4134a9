package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulam.runtime.Model;
import ulam.tests.support.Fits;
import ulam.tests.support.PosteriordbPrograms;

/**
 * User-defined functions against rstan: posteriordb's {@code mcycle_gp-accel_gp} (brms's
 * approximate GP: {@code gpa} calling {@code spd_cov_exp_quad}, an {@code if} on
 * {@code rows(lscale)}, a loop filling {@code out[m]}, {@code dims(x)}, an array of vectors)
 * with its functions unchanged and only its transformed parameters and {@code sigma[n] =
 * exp(sigma[n])} written another way (stanfront/accel_gp_rewritten.stan: the front end does not
 * lower those yet). Its parameters are the original's, so rstan 2.21's log density and gradient
 * of the original at three points (bench/stanfront/posteriordb_points.R) must be ours, gradients
 * and {@code lp__} to 1e-8 (rstan's gradient is NaN in lscale and sdgp at two points, where
 * the spectral density underflows to 0 under a square root: ours must be NaN there too).
 */
class StanFunctionsPointsTest {

    @Test
    void accelGpsFunctionsInlinedAgreeWithRstan() {
        Path dir = PosteriordbPrograms.dir("mcycle_gp-accel_gp");
        Model m = Fits.bind("tests/src/test/resources/stanfront/accel_gp_rewritten.stan", dir.resolve("data.json").toString());
        List<String> rows;
        try {
            rows = Files.readAllLines(dir.resolve("rstan_points.csv"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(4, rows.size(), "three points");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            int k = f.length - 2;
            assertEquals(k, m.dimension(), "dimension");
            double[] u = StanFrontEndPointsTest.point(Integer.parseInt(f[0]), k);
            double[] g = new double[k];
            double lp = m.lp(m.logDensityGradient(u, g));
            double want = Double.parseDouble(f[1]);
            assertEquals(want, lp, 1e-8 * Math.max(1, Math.abs(want)), "lp__ at point " + f[0]);
            for (int i = 0; i < k; i++) {
                double w = Double.parseDouble(f[i + 2]);
                // rstan's NaN: d sqrt(spd)/d lscale where spd underflows to 0 (0 * inf); ours must be NaN there too
                if (Double.isNaN(w)) assertTrue(Double.isNaN(g[i]), "gradient[" + i + "] at point " + f[0] + ": rstan NaN, ours " + g[i]);
                else assertEquals(w, g[i], 1e-8 * Math.max(1, Math.abs(w)), "gradient[" + i + "] at point " + f[0]);
            }
        }
    }
}
