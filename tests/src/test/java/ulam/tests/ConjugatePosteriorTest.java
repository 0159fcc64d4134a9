package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;

/**
 * Posteriors known in closed form. A normal likelihood with known mean 0 and an inverse gamma
 * prior on the variance is conjugate (Gelman et al., Bayesian Data Analysis 3rd ed., section 2.6):
 * sigma2 | y ~ inv_gamma(a + n/2, b + sum(y^2)/2), mean b'/(a'-1), sd mean/sqrt(a'-2).
 */
class ConjugatePosteriorTest {
    @TempDir Path dir;

    @Test
    void inverseGammaVarianceOfANormal() throws IOException {
        double[] y = {1.2, -0.3, 2.5, -1.9, 0.8};
        double a = 3;
        double b = 2;
        StringBuilder csv = new StringBuilder("y\n");
        double ss = 0;
        for (double v : y) {
            csv.append(v).append('\n');
            ss += v * v;
        }
        Files.writeString(dir.resolve("y.csv"), csv);
        Files.writeString(dir.resolve("m.ulam"), """
                y ~ normal(0, sigma)
                sigma <- sqrt(sigma2)
                sigma2 ~ dinvgamma(3, 2)
                """);
        Fit fit = Fits.sample(Fits.bind(dir.resolve("m.ulam").toString(), dir.resolve("y.csv").toString()), 4, 1000, 2500, 20261122L);
        VariableSummary s = VariableSummary.of(fit, 0.89).stream().filter(v -> v.name().equals("sigma2")).findFirst().orElseThrow();
        double shape = a + y.length / 2.0;
        double scale = b + ss / 2;
        double mean = scale / (shape - 1);
        double sd = mean / Math.sqrt(shape - 2);
        assertTrue(s.rhat() < 1.01 && s.essBulk() >= 400, s.toString());
        assertEquals(mean, s.mean(), 4 * s.mcseMean(), "posterior mean of sigma2 " + s);
        assertEquals(1.0, s.sd() / sd, 0.15, "posterior sd of sigma2 " + s);
    }
}
