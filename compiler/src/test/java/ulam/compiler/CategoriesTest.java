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
        m.writeDraw(q, null, draw);
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
