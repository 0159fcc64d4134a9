package ulam.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;

/**
 * {@code ulam sbc} on the command line: the table and verdict, the files of {@code --output-dir},
 * results that depend on the seed and not on {@code --cores}, and clear errors (exit status 1,
 * no stack trace) for models and data it cannot calibrate. The statistics of SBC itself are
 * tested in the tests module (SbcTest).
 */
class SbcCommandTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll
    static void files() throws Exception {
        model = tmp.resolve("heights.ulam");
        Files.writeString(model, "h ~ normal(mu, sigma)\nmu ~ normal(150, 10)\nsigma ~ exponential(0.1)\n");
        data = tmp.resolve("heights.csv");
        Files.writeString(data, "h\n151.8\n139.7\n136.5\n156.8\n145.4\n163.8\n149.2\n168.9\n");
    }

    private static String[] sbc(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sbc", model.toString(), "--data", data.toString(), "--sims", "20",
                "--draws-per-sim", "20", "--thin", "2", "--warmup", "100", "--quiet"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void printsTheTableAndWritesRanksTruthSummaryAndHistograms() throws Exception {
        Path out = tmp.resolve("sbc1");
        String[] r = sbc("--seed", "3", "--cores", "2", "--output-dir", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Simulation-based calibration of heights: 20 simulations, 20 draws each (ranks 0..20)"), r[1]);
        for (String q : List.of("mu", "sigma", "lp__", "log_lik")) assertTrue(r[1].contains("\n" + q + " "), r[1]);
        assertTrue(r[1].contains("PASSED") || r[1].contains("FAILED"), r[1]);
        assertTrue(r[1].contains("Bonferroni over 4 quantities and 2 tests"), r[1]);
        List<String> ranks = Files.readAllLines(out.resolve("ranks.csv"));
        assertEquals(21, ranks.size());
        assertEquals("sim,mu,sigma,lp__,log_lik,divergent,rejected,min_ess", ranks.get(0));
        for (String line : ranks.subList(1, ranks.size())) {
            String[] f = line.split(",");
            for (int k = 1; k <= 4; k++) {
                int rank = Integer.parseInt(f[k]);
                assertTrue(rank >= 0 && rank <= 20, line);
            }
        }
        List<String> truth = Files.readAllLines(out.resolve("truth.csv"));
        assertEquals(21, truth.size());
        for (String line : truth.subList(1, truth.size())) assertTrue(Double.parseDouble(line.split(",")[2]) > 0, "sigma > 0: " + line);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("quantity,chi2,df,chi2_p,ecdf_p,mean_rank,bias_z,tail_z,verdict", summary.get(0));
        assertEquals(5, summary.size());
        assertTrue(ImageIO.read(out.resolve("ranks_1.png").toFile()) != null);
        assertTrue(Files.readString(out.resolve("ranks_1.svg")).contains("<svg"));
        assertTrue(r[2].contains("wrote 5 files to " + out), r[2]);
    }

    @Test
    void resultsDependOnTheSeedAloneNotOnTheCores() throws Exception {
        Path one = tmp.resolve("cores1");
        Path two = tmp.resolve("cores2");
        Path other = tmp.resolve("seed9");
        assertEquals("0", sbc("--seed", "8", "--cores", "1", "--output-dir", one.toString())[0]);
        assertEquals("0", sbc("--seed", "8", "--cores", "2", "--output-dir", two.toString())[0]);
        assertEquals("0", sbc("--seed", "9", "--cores", "2", "--output-dir", other.toString())[0]);
        assertEquals(Files.readString(one.resolve("ranks.csv")), Files.readString(two.resolve("ranks.csv")));
        assertEquals(Files.readString(one.resolve("truth.csv")), Files.readString(two.resolve("truth.csv")));
        assertFalse(Files.readString(one.resolve("truth.csv")).equals(Files.readString(other.resolve("truth.csv"))));
    }

    @Test
    void badInputGetsClearErrors() throws Exception {
        String[] noData = Cli.run("sbc", model.toString(), "--quiet");
        assertEquals("1", noData[0]);
        assertTrue(noData[2].contains("error: sbc needs the data the model is fitted to") && noData[2].contains("--data FILE"),
                noData[2]);
        String[] few = Cli.run("sbc", model.toString(), "--data", data.toString(), "--sims", "5");
        assertEquals("1", few[0]);
        assertTrue(few[2].contains("--sims must be at least 10 (got 5)"), few[2]);
        String[] alpha = sbc("--alpha", "2");
        assertEquals("1", alpha[0]);
        assertTrue(alpha[2].contains("--alpha must lie strictly between 0 and 1"), alpha[2]);

        Path twice = tmp.resolve("twice.ulam");
        Files.writeString(twice, "h ~ normal(mu, 5)\nmu ~ normal(150, 10)\nmu ~ normal(140, 10)\n");
        String[] t = Cli.run("sbc", twice.toString(), "--data", data.toString(), "--quiet");
        assertEquals("1", t[0]);
        assertTrue(t[2].contains("'mu' has 2 prior lines: sbc cannot draw it from its prior") && t[2].contains("twice.ulam:2"), t[2]);

        Path computed = tmp.resolve("computed.ulam");
        Files.writeString(computed, "y ~ normal(mu, 5)\ny <- h - 100\nmu ~ normal(50, 10)\n");
        String[] c = Cli.run("sbc", computed.toString(), "--data", data.toString(), "--quiet");
        assertEquals("1", c[0]);
        assertTrue(c[2].contains("sbc replaces the outcome 'y' by simulated values, but it is computed by this line")
                && c[2].contains("computed.ulam:2"), c[2]);

        Path gaps = tmp.resolve("gaps.csv");
        Files.writeString(gaps, "h\n151.8\nNA\n136.5\n");
        String[] na = Cli.run("sbc", model.toString(), "--data", gaps.toString(), "--quiet");
        assertEquals("1", na[0]);
        assertTrue(na[2].contains("sbc cannot draw the prior of a model with imputed values ('h') yet"), na[2]);
        for (String[] e : List.of(noData, few, alpha, t, c, na)) assertFalse(e[2].contains("\tat "), e[2]);
    }

    @Test
    void anOutcomeCopiedFromAColumnIsReplacedInThatColumn() throws Exception {
        Path copy = tmp.resolve("copy.ulam");
        Files.writeString(copy, "y ~ normal(mu, sigma)\ny <- h\nmu ~ normal(150, 10)\nsigma ~ exponential(0.1)\n");
        String[] r = Cli.run("sbc", copy.toString(), "--data", data.toString(), "--sims", "10", "--draws-per-sim", "10",
                "--thin", "1", "--warmup", "50", "--quiet");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\nmu "), r[1]);
    }
}
