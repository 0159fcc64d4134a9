package ulam.compiler.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The prior-draw program ({@code CompileMode.PRIOR_DRAWS}): parameters drawn top-down from their
 * prior lines and outcomes from the likelihood given those draws, checked by moments whose
 * sampling distribution is known (every tolerance is 4 standard errors of the mean of n
 * independent draws); models whose prior cannot be drawn so are refused at their line.
 */
class PriorSimulatorTest {
    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());
    private static final int N = 4000;

    private static PriorSimulator simulator(String text, DataSet data) {
        Source source = new Source("test.ulam", text);
        Model posterior = Compiler.compile(source, Compiler.schema(data)).factory().apply(data);
        return PriorSimulator.compile(source, data, Arrays.copyOf(posterior.outputNames(), posterior.parameterOutputs()));
    }

    /** Asserts that {@code x} has mean {@code mean} and variance {@code var}, each within 4 standard errors. */
    private static void assertMoments(double[] x, double mean, double var, double fourthCentral, String what) {
        int n = x.length;
        double m = Arrays.stream(x).average().orElseThrow();
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        assertEquals(mean, m, 4 * Math.sqrt(var / n), what + ": mean");
        // the variance of (x - mean)^2 is mu4 - var^2
        assertEquals(var, ss / n, 4 * Math.sqrt((fourthCentral - var * var) / n), what + ": variance");
    }

    @Test
    void aHierarchyIsDrawnTopDownAndTheOutcomesFromTheDrawnValues() {
        PriorSimulator sim = simulator(Source.read(Path.of("../examples/reedfrogs.ulam")).text(), FROGS);   // book m13.2
        assertEquals(List.of("S"), sim.outcomes());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        int[] n = FROGS.ints("density", null);
        double[] aBar = new double[N];
        double[] sigma = new double[N];
        double[] z = new double[N * 48];
        double[] residual = new double[N * 48];
        for (int s = 0; s < N; s++) {
            PriorSimulator.Draw d = sim.draw(rng);
            assertEquals(50, d.parameters().length);
            aBar[s] = d.parameters()[48];
            sigma[s] = d.parameters()[49];
            double[] y = d.outcomes().get("S");
            assertEquals(48, y.length);
            for (int j = 0; j < 48; j++) {
                double a = d.parameters()[j];
                z[s * 48 + j] = (a - aBar[s]) / sigma[s];
                double p = 1 / (1 + Math.exp(-a));
                double sd = Math.sqrt(n[j] * p * (1 - p));
                assertTrue(y[j] == Math.rint(y[j]) && y[j] >= 0 && y[j] <= n[j], "S[" + (j + 1) + "] = " + y[j]);
                residual[s * 48 + j] = sd > 0 ? (y[j] - n[j] * p) / sd : 0;
            }
        }
        assertMoments(aBar, 0, 2.25, 3 * 2.25 * 2.25, "a_bar ~ normal(0, 1.5)");
        assertMoments(sigma, 1, 1, 9, "sigma ~ exponential(1)");
        assertMoments(z, 0, 1, 3, "(a[j] - a_bar) / sigma ~ normal(0, 1)");
        // given the intercepts, (S - N p) / sqrt(N p (1 - p)) has mean 0 and variance 1 and the rows are
        // independent: the mean of all has standard error 1 / sqrt(count). Counts drawn from p = 0.5 (the
        // parameter vector the program was given, not the drawn intercepts) would be far off.
        assertEquals(0, Arrays.stream(residual).average().orElseThrow(), 4 * Math.sqrt(1.0 / residual.length),
                "simulated counts are centred on N p of the drawn intercepts");
    }

    @Test
    void aPriorThatReadsALocalOfAnotherDrawFollowsIt() {
        PriorSimulator sim = simulator("""
                y ~ normal(mu + a[g], 1)
                a[g] ~ normal(0, sigma_a)
                sigma_a <- exp(log_sigma)
                log_sigma ~ normal(0, 0.5)
                mu ~ normal(10, 1)
                """, data());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        double[] z = new double[N * 3];
        double[] e = new double[N * 6];
        for (int s = 0; s < N; s++) {
            PriorSimulator.Draw d = sim.draw(rng);
            double[] p = d.parameters();   // a[1..3], log_sigma, mu
            for (int j = 0; j < 3; j++) z[s * 3 + j] = p[j] / Math.exp(p[3]);
            double[] y = d.outcomes().get("y");
            int[] g = {1, 1, 2, 2, 3, 3};
            for (int i = 0; i < 6; i++) e[s * 6 + i] = y[i] - p[4] - p[g[i] - 1];
        }
        assertMoments(z, 0, 1, 3, "a[j] / exp(log_sigma) ~ normal(0, 1)");
        assertMoments(e, 0, 1, 3, "y - mu - a[g] ~ normal(0, 1)");
    }

    private static DataSet data() {
        java.nio.file.Path f;
        try {
            f = java.nio.file.Files.createTempFile("groups", ".csv");
            java.nio.file.Files.writeString(f, "g,y\n1,0\n1,0\n2,0\n2,0\n3,0\n3,0\n");
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
        return DataSet.read(List.of(f), Map.of());
    }

    @Test
    void priorsThatCannotBeDrawnTopDownAreRefusedAtTheirLine() {
        UlamException twice = assertThrows(UlamException.class, () -> simulator(
                "y ~ normal(mu, 1)\nmu ~ normal(0, 1)\nmu ~ normal(1, 1)\n", data()));
        assertTrue(twice.getMessage().contains("'mu' has 2 prior lines"), twice.getMessage());
        assertEquals(2, twice.location().line());
        UlamException circle = assertThrows(UlamException.class, () -> simulator(
                "y ~ normal(a, 1)\na ~ normal(b, 1)\nb ~ normal(a, 1)\n", data()));
        assertTrue(circle.getMessage().contains("in a circle"), circle.getMessage());
        UlamException truncated = assertThrows(UlamException.class, () -> simulator(
                "y ~ normal(mu, s)\nmu ~ normal(0, 1)\ns ~ normal(mu, 1) T[0, ]\n", data()));
        assertTrue(truncated.getMessage().contains("truncated prior whose arguments are parameters"), truncated.getMessage());
        assertEquals(3, truncated.location().line());
    }
}
