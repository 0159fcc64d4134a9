package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;

/**
 * {@code ulam run --log-lik}: the Stan CSV files end with {@code log_lik.1 ... log_lik.N}, whose
 * values are the fit's pointwise log-likelihood as {@code ulam loo} computes it from the saved
 * draws (to 1e-12); the fit still loads (its manifest lists the model's outputs); the header
 * starts with CmdStan's {@code stan_version_*} lines and says {@code prior_only}. Bad use is a clear
 * error: {@code --log-lik} on a model without a likelihood, or with {@code --no-save}.
 */
class LogLikColumnsTest {
    /** Reed frogs m13.1 (no pooling), the text FitCommandsTest fits. */
    static final String M13_1 = FitCommandsTest.M13_1;

    @TempDir
    Path tmp;

    @Test
    void logLikColumnsHoldThePointwiseLogLikelihood() throws Exception {
        Path fit = Cli.fit(tmp, "m13_1", M13_1, Path.of("../examples/data/reedfrogs.csv"), "--seed", "2", "--iter", "300",
                "--chains", "2", "--log-lik");
        List<String> lines = Files.readAllLines(fit.resolve("m13_1_1.csv"));
        assertEquals("# stan_version_major = 2", lines.get(0));
        assertTrue(lines.get(1).startsWith("# stan_version_minor = ") && lines.get(2).startsWith("# stan_version_patch = "));
        assertTrue(lines.contains("# prior_only = 0"), lines.subList(0, 8).toString());
        String header = lines.stream().filter(l -> l.startsWith("lp__")).findFirst().orElseThrow();
        List<String> cols = List.of(header.split(","));
        int first = cols.indexOf("log_lik.1");
        assertEquals(cols.size() - 48, first, "48 log_lik columns after the outputs: " + header);
        assertEquals("log_lik.48", cols.get(cols.size() - 1));

        LoadedFit f = LoadedFit.load(fit);
        double[][] ll = f.logLik();
        // the post-warmup rows of chain 1, in order
        List<String> rows = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("lp__")).toList().subList(150, 300);
        for (int s = 0; s < rows.size(); s += 37) {
            String[] v = rows.get(s).split(",");
            for (int i = 0; i < 48; i++) assertEquals(ll[s][i], Double.parseDouble(v[first + i]), 1e-12, "draw " + s + " obs " + i);
        }
        assertEquals(48, f.fit().manifest().outputNames().size(), "the manifest lists the model's outputs only");
    }

    @Test
    void priorOnlyIsInTheHeader() throws Exception {
        Path fit = Cli.fit(tmp, "m13_1p", M13_1, Path.of("../examples/data/reedfrogs.csv"), "--seed", "2", "--iter", "100",
                "--chains", "1", "--prior-only");
        assertTrue(Files.readAllLines(fit.resolve("m13_1p_1.csv")).contains("# prior_only = 1"));
    }

    @Test
    void logLikWithoutALikelihoodOrWithoutSavingIsAnError() throws Exception {
        Path prior = tmp.resolve("prior.ulam");
        Files.writeString(prior, "x ~ normal(0, 1)\n");
        String[] r = Cli.run("run", prior.toString(), "--log-lik", "--output-dir", tmp.resolve("p").toString(), "--quiet");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--log-lik: the model prior has no likelihood"), r[2]);
        Path model = tmp.resolve("m.ulam");
        Files.writeString(model, M13_1);
        r = Cli.run("run", model.toString(), "--data", "../examples/data/reedfrogs.csv", "--log-lik", "--no-save", "--quiet");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--no-save keeps none"), r[2]);
    }
}
