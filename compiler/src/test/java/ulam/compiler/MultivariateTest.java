package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Multivariate lines beyond the examples: two data outcomes stacked into one multi_normal (book
 * m14.6, an instrumental variable) with per-row means, arrays of vectors, rethinking's
 * dmvnorm2, and their misuse. Log-likelihoods equal commons-math3's multivariate normal;
 * gradients equal finite differences.
 */
class MultivariateTest {

    @TempDir
    static Path dir;

    private static DataSet iv;

    private static final String M14_6 = """
            c(W,E) ~ multi_normal( c(muW,muE) , Rho , Sigma ),
            muW <- aW + bEW*E,
            muE <- aE + bQE*Q,
            c(aW,aE) ~ normal( 0 , 0.2 ),
            c(bEW,bQE) ~ normal( 0 , 0.5 ),
            Rho ~ lkj_corr( 2 ),
            Sigma ~ exponential( 1 )
            """;

    /** The book's simulation (R code 14.23) with a fixed seed, 100 rows. */
    @BeforeAll
    static void simulate() throws IOException {
        Random rng = new Random(73);
        StringBuilder csv = new StringBuilder("W,E,Q\n");
        for (int i = 0; i < 100; i++) {
            double u = rng.nextGaussian();
            int q = 1 + rng.nextInt(4);
            double e = u + q + rng.nextGaussian();
            double w = u + rng.nextGaussian();
            csv.append(w).append(',').append(e / 2).append(',').append(q).append('\n');
        }
        Path f = dir.resolve("iv.csv");
        Files.writeString(f, csv);
        iv = DataSet.read(List.of(f), Map.of());
    }

    @Test
    void stackedOutcomesAreBivariateNormalPerRow() {
        Model m = Models.inline(M14_6, iv);
        assertEquals(4 + 1 + 2, m.dimension(), "aW, aE, bEW, bQE, Rho (1 free value), Sigma[2]");
        Random rng = new Random(2);
        double[] q = new double[m.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = 0.5 * rng.nextGaussian();
        double[] draw = new double[m.outputNames().length];
        m.writeDraw(q, null, draw);
        List<String> names = Arrays.asList(m.outputNames());
        double aW = draw[names.indexOf("aW")], aE = draw[names.indexOf("aE")];
        double bEW = draw[names.indexOf("bEW")], bQE = draw[names.indexOf("bQE")];
        double rho = draw[names.indexOf("Rho[2,1]")];
        double s1 = draw[names.indexOf("Sigma[1]")], s2 = draw[names.indexOf("Sigma[2]")];
        double[][] cov = {{s1 * s1, rho * s1 * s2}, {rho * s1 * s2, s2 * s2}};
        double[] w = iv.reals("W", null), e = iv.reals("E", null), qq = iv.reals("Q", null);
        double[] ll = new double[m.observations()];
        m.logLikelihood(q, ll);
        assertEquals(100, ll.length, "one log-likelihood per row (the pair)");
        for (int i = 0; i < 100; i++) {
            MultivariateNormalDistribution d = new MultivariateNormalDistribution(null,
                    new double[] {aW + bEW * e[i], aE + bQE * qq[i]}, cov);
            assertEquals(Math.log(d.density(new double[] {w[i], e[i]})), ll[i], 1e-9, "row " + i);
        }
        for (int point = 0; point < 3; point++) {
            for (int k = 0; k < q.length; k++) q[k] = 0.5 * rng.nextGaussian();
            double[] g = new double[q.length];
            m.logDensityGradient(q, g);
            for (int k = 0; k < q.length; k++) {
                double fd = Models.finiteDifference(m, q, k);
                assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "d/dq[" + k + "] (" + names.get(k) + ")");
            }
        }
    }

    @Test
    void arrayOfVectorsEqualsStackedVectors() throws IOException {
        DataSet cafes = DataSet.read(List.of(Path.of("../examples/data/cafes.csv")), Map.of());
        String tail = "a ~ normal(5,2)\nb ~ normal(-1,0.5)\nsigma_cafe ~ exponential(1)\nsigma ~ exponential(1)\nRho ~ lkj_corr(2)\n";
        Model stacked = Models.inline("wait ~ normal(mu, sigma)\nmu <- a_cafe[cafe] + b_cafe[cafe]*afternoon\n"
                + "c(a_cafe,b_cafe)[cafe] ~ multi_normal(c(a,b), Rho, sigma_cafe)\n" + tail, cafes);
        Model array = Models.inline("wait ~ normal(mu, sigma)\nmu <- v[cafe,1] + v[cafe,2]*afternoon\n"
                + "vector[2]:v[cafe] ~ multi_normal(c(a,b), Rho, sigma_cafe)\n" + tail, cafes);
        Model mvnorm2 = Models.inline("wait ~ normal(mu, sigma)\nmu <- v[cafe,1] + v[cafe,2]*afternoon\n"
                + "vector[2]:v[cafe] ~ dmvnorm2(c(a,b), sigma_cafe, Rho)\n" + tail, cafes);
        assertEquals(stacked.dimension(), array.dimension());
        Random rng = new Random(4);
        for (int point = 0; point < 3; point++) {
            double[] q = new double[stacked.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = 0.5 * rng.nextGaussian();
            double[] g1 = new double[q.length];
            double[] g2 = new double[q.length];
            double[] g3 = new double[q.length];
            double lp = stacked.logDensityGradient(q, g1);
            assertEquals(lp, array.logDensityGradient(q, g2), 1e-9 * Math.abs(lp));
            assertEquals(lp, mvnorm2.logDensityGradient(q, g3), 1e-9 * Math.abs(lp));
            for (int k = 0; k < q.length; k++) {
                assertEquals(g1[k], g2[k], 1e-9 * Math.max(1, Math.abs(g1[k])));
                assertEquals(g1[k], g3[k], 1e-9 * Math.max(1, Math.abs(g1[k])));
            }
        }
    }

    /**
     * {@code ulam check} shows what the macros and the three-argument multi_normal became: the
     * covariance {@code quad_form_diag(Rho, sigma)}, the stacked parameters as {@code append_col},
     * and {@code compose_noncentered}'s transposed product.
     */
    @Test
    void checkShowsTheLoweredMacros() {
        String[] cafes = ulam.compiler.testing.Cli.run("check", "../examples/cafes.ulam", "--data", "../examples/data/cafes.csv");
        assertEquals("0", cafes[0], cafes[2]);
        assertTrue(cafes[1].contains("<- quad_form_diag(Rho, sigma_cafe)"), cafes[1]);
        assertTrue(cafes[1].contains("<- append_col(a_cafe, b_cafe)"), cafes[1]);
        assertTrue(cafes[1].contains("one term per level (max(cafe))"), cafes[1]);
        String[] slopes = ulam.compiler.testing.Cli.run("check", "../examples/chimpanzees_slopes.ulam", "--data",
                "../examples/data/chimpanzees.csv");
        assertEquals("0", slopes[0], slopes[2]);
        assertTrue(slopes[1].contains("<- diag_pre_multiply(sigma_actor, L_Rho_actor)"), slopes[1]);
        assertTrue(slopes[1].contains("alpha matrix[max(actor),4] <- t(#"), slopes[1]);
        assertTrue(slopes[1].contains("Rho_actor matrix[4,4] <- multiply_lower_tri_self_transpose(L_Rho_actor)"), slopes[1]);
    }

    private static void assertError(String text, DataSet data, int line, String phrase) {
        UlamException e = assertThrows(UlamException.class, () -> Models.inline(text, data));
        assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in: " + e.getMessage());
        assertTrue(e.location() != null && e.location().line() == line, "located at line " + line + ": " + e.getMessage());
        ulam.compiler.testing.GoldenErrors.assertGolden(MultivariateTest.class, phrase, text, e);
    }

    @Test
    void misuseIsLocated() throws IOException {
        DataSet cafes = DataSet.read(List.of(Path.of("../examples/data/cafes.csv")), Map.of());
        // a matrix where a vector is needed
        assertError("vector[2]:v ~ multi_normal(R, R)\ncorr_matrix[2]:R ~ lkj_corr(2)\n", cafes, 1, "must be a vector[K], not a matrix");
        // stacking with mismatched sizes: three stacked parameters, a mean of two
        assertError("c(a,b,c)[cafe] ~ multi_normal(c(m1,m2), Rho, s)\nc(m1,m2) ~ normal(0,1)\ns ~ exponential(1)\n"
                + "Rho ~ lkj_corr(2)\n", cafes, 1, "differ: 3 and 2");
        // wrong argument count
        assertError("vector[2]:v ~ dmvnorm2(c(0,0), s)\ns ~ exponential(1)\n", cafes, 1, "dmvnorm2 takes 3 arguments");
        // an unknown macro
        assertError("transpars> matrix[2,2]:B <- compose_centred(s, L, z)\nvector[2]:s ~ exponential(1)\n"
                + "cholesky_factor_corr[2]:L ~ lkj_corr_cholesky(2)\nmatrix[2,2]:z ~ normal(0, 1)\n", cafes, 1, "compose_centred");
        // a single value for a matrix argument
        assertError("vector[2]:v ~ multi_normal(c(0,0), 1)\n", cafes, 1, "is a matrix[K,K], not a single value");
    }
}
