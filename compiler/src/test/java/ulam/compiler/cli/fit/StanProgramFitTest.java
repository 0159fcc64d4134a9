package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;

/**
 * A fit of a Stan program keeps the program ({@code DIR/<model>.stan}), so the fit commands
 * recompile it with its transformed data (the saved alist alone lacks them); a GLM likelihood,
 * one term for all rows, makes WAIC and PSIS-LOO refuse instead of counting one observation.
 */
class StanProgramFitTest {
    @TempDir
    Path tmp;

    /** Centred outcomes computed in a transformed-data loop (run by the front end's interpreter). */
    static final String CENTRED = """
            data { int N; vector[N] y; }
            transformed data {
              vector[N] yc;
              for (n in 1:N) yc[n] = y[n] - mean(y);
            }
            parameters { real<lower=0> sigma; }
            model { sigma ~ exponential(1); yc ~ normal(0, sigma); }
            """;

    static final String GLM = """
            data { int N; int K; matrix[N, K] X; vector[N] y; }
            parameters { real a; vector[K] b; real<lower=0> sigma; }
            model { a ~ normal(0, 5); b ~ normal(0, 1); sigma ~ exponential(1); target += normal_id_glm_lpdf(y | X, a, b, sigma); }
            """;

    private Path fit(String name, String program, String data) throws Exception {
        Path file = tmp.resolve(name + ".stan");
        Files.writeString(file, program);
        Path json = tmp.resolve(name + ".json");
        Files.writeString(json, data);
        Path dir = tmp.resolve(name);
        String[] r = Cli.run("run", file.toString(), "--data", json.toString(), "--quiet", "--iter", "400",
                "--warmup", "200", "--seed", "5", "-o", dir.toString());
        assertEquals("0", r[0], r[2]);
        return dir;
    }

    @Test
    void looOfAStanProgramRecompilesItsTransformedData() throws Exception {
        Path dir = fit("centred", CENTRED, "{\"N\": 6, \"y\": [10.1, 11.3, 9.2, 10.8, 12.0, 9.6]}");
        assertTrue(Files.isRegularFile(dir.resolve("centred.stan")), "the fit keeps the Stan program");
        assertEquals(CENTRED, Files.readString(dir.resolve("centred.stan")));
        String[] r = Cli.run("loo", dir.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("by 6 log-likelihood matrix"), r[1]);
        String[] w = Cli.run("waic", dir.toString());
        assertEquals("0", w[0], w[2]);
        assertTrue(w[1].contains("6 observations"), w[1]);
    }

    @Test
    void looRefusesAGlmLikelihoodThatIsOneTermForAllRows() throws Exception {
        Path dir = fit("glm", GLM, "{\"N\": 4, \"K\": 1, \"X\": [[0.1], [0.5], [-0.3], [1.2]], \"y\": [1.0, 1.4, 0.2, 2.1]}");
        String[] r = Cli.run("loo", dir.toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[2].contains("WAIC and PSIS-LOO need the log-likelihood of each observation, but the likelihood"
                + " of y (normal_id_glm) is one term for all its rows"), r[2]);
        assertTrue(!r[2].contains("Exception"), r[2]);
    }
}
