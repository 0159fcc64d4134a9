package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * Simplex parameters with categorical and multinomial outcomes (a matrix of counts, one row per
 * observation): pointwise log-likelihoods equal the probability mass written out, and gradients
 * (through the simplex transform and the Dirichlet prior) equal finite differences.
 */
class CategoriesTest {

    @TempDir
    Path dir;

    private static void assertGradient(Model m, Random rng) {
        for (int point = 0; point < 3; point++) {
            double[] q = new double[m.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = rng.nextGaussian();
            double[] g = new double[q.length];
            m.logDensityGradient(q, g);
            for (int k = 0; k < q.length; k++) {
                double fd = Models.finiteDifference(m, q, k);
                assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "d/dq[" + k + "]");
            }
        }
    }

    private static double[] theta(Model m, double[] q) {
        double[] draw = new double[m.outputNames().length];
        m.writeDraw(q, org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(1L), draw);
        List<String> names = Arrays.asList(m.outputNames());
        return new double[] {draw[names.indexOf("theta[1]")], draw[names.indexOf("theta[2]")], draw[names.indexOf("theta[3]")]};
    }

    @Test
    void multinomialRowsOfACountMatrix() throws IOException {
        Random rng = new Random(3);
        int[][] y = new int[30][3];
        StringBuilder json = new StringBuilder("{\"Y\": [");
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < 3; k++) y[i][k] = rng.nextInt(8);
            json.append(i == 0 ? "" : ",").append(Arrays.toString(y[i]));
        }
        Path f = dir.resolve("counts.json");
        Files.writeString(f, json.append("]}").toString());
        DataSet data = DataSet.read(List.of(f), Map.of());
        Model m = Models.inline("Y ~ multinomial(theta)\nsimplex[3]: theta ~ dirichlet(alpha)\nvector[3]: alpha <- rep_vector(2, 3)\n", data);
        assertEquals(2, m.dimension(), "a simplex[3] has 2 free values");
        double[] q = {0.3, -0.4};
        double[] t = theta(m, q);
        assertEquals(1.0, t[0] + t[1] + t[2], 1e-12);
        double[] ll = new double[m.observations()];
        m.logLikelihood(q, ll);
        assertEquals(30, ll.length);
        for (int i = 0; i < y.length; i++) {
            int n = y[i][0] + y[i][1] + y[i][2];
            double expected = Gamma.logGamma(n + 1);
            for (int k = 0; k < 3; k++) expected += -Gamma.logGamma(y[i][k] + 1) + y[i][k] * Math.log(t[k]);
            assertEquals(expected, ll[i], 1e-10, "row " + i);
        }
        assertGradient(m, rng);
    }

    /**
     * gq> draws with vector arguments and vector outcomes: categorical_rng(theta) falls in each
     * category with probability theta (within 4 binomial standard errors over 20,000 draws), and
     * dirichlet_rng(alpha) has the Dirichlet's mean and sd (within 4 standard errors).
     */
    @Test
    void vectorDrawsInGeneratedQuantities() throws IOException {
        Path f = dir.resolve("one.csv");
        Files.writeString(f, "y\n1\n2\n3\n");
        DataSet data = DataSet.read(List.of(f), Map.of());
        Model m = Models.inline("y ~ categorical(theta)\nsimplex[3]: theta ~ dirichlet(alpha)\nvector[3]: alpha <- c(1, 2, 5)\n"
                + "gq> k <- categorical_rng(theta)\ngq> vector[3]:d <- dirichlet_rng(alpha)\n", data);
        List<String> names = Arrays.asList(m.outputNames());
        double[] q = {0.4, -0.3};
        double[] t = theta(m, q);
        org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int n = 20_000;
        double[] count = new double[3];
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        double[] draw = new double[names.size()];
        for (int i = 0; i < n; i++) {
            m.writeDraw(q, rng, draw);
            count[(int) draw[names.indexOf("k[1]")] - 1]++;
            for (int j = 0; j < 3; j++) {
                double x = draw[names.indexOf("d[" + (j + 1) + "]")];
                sum[j] += x;
                sumSq[j] += x * x;
            }
        }
        double[] alpha = {1, 2, 5};
        for (int j = 0; j < 3; j++) {
            assertEquals(t[j], count[j] / n, 4 * Math.sqrt(t[j] * (1 - t[j]) / n), "categorical_rng frequency of " + (j + 1));
            double mean = alpha[j] / 8;
            double sd = Math.sqrt(alpha[j] * (8 - alpha[j]) / (64.0 * 9));
            assertEquals(mean, sum[j] / n, 4 * sd / Math.sqrt(n), "dirichlet_rng mean " + (j + 1));
            assertEquals(sd, Math.sqrt(sumSq[j] / n - Math.pow(sum[j] / n, 2)), 0.03 * sd, "dirichlet_rng sd " + (j + 1));
        }
    }

    @Test
    void categoricalWithASimplex() throws IOException {
        Random rng = new Random(5);
        int[] y = new int[50];
        StringBuilder csv = new StringBuilder("y\n");
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 + rng.nextInt(3);
            csv.append(y[i]).append('\n');
        }
        Path f = dir.resolve("cat.csv");
        Files.writeString(f, csv);
        DataSet data = DataSet.read(List.of(f), Map.of());
        Model m = Models.inline("y ~ categorical(theta)\nsimplex[3]: theta ~ dirichlet(alpha)\nvector[3]: alpha <- rep_vector(2, 3)\n", data);
        double[] q = {-0.2, 0.5};
        double[] t = theta(m, q);
        double[] ll = new double[m.observations()];
        m.logLikelihood(q, ll);
        for (int i = 0; i < y.length; i++) assertEquals(Math.log(t[y[i] - 1]), ll[i], 1e-12, "row " + i);
        assertGradient(m, rng);
        Model logit = Models.inline("y ~ categorical_logit(beta)\nvector[3]: beta ~ normal(0, 1)\n", data);
        double[] b = {0.3, -0.1, 0.7};
        double[] l2 = new double[logit.observations()];
        logit.logLikelihood(b, l2);
        double lse = Math.log(Math.exp(0.3) + Math.exp(-0.1) + Math.exp(0.7));
        for (int i = 0; i < y.length; i++) assertEquals(b[y[i] - 1] - lse, l2[i], 1e-12, "row " + i);
        assertGradient(logit, rng);
    }
}
