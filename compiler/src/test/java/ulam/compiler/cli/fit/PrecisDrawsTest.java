package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.fit.FitDirectory;

/**
 * {@code ulam precis} and {@code ulam draws} on a real fit (reed frogs m13.2), {@code run}'s
 * default fit folder and {@code --no-save}, and a fit whose generated quantities overflow
 * ({@code exp(mu*1000)}) or are undefined ({@code 0/0}): the table shows {@code Inf}/{@code NaN},
 * huge finite values in scientific notation, and every command warns.
 */
class PrecisDrawsTest {
    /** Reed frogs m13.2 (varying intercepts), the text FitCommandsTest fits. */
    static final String M13_2 = FitCommandsTest.M13_2;
    static final String BIG = """
            y ~ normal(mu, 1)
            mu ~ normal(0, 1)
            gq> big <- exp(mu*1000)
            gq> huge <- exp(300 + mu)
            gq> ratio <- 0/(mu-mu)
            """;

    @TempDir
    static Path tmp;
    static Path fit;
    static String runOut;

    @BeforeAll
    static void fit() throws Exception {
        Path model = tmp.resolve("m13_2.ulam");
        Files.writeString(model, M13_2);
        fit = tmp.resolve("m13_2");
        String[] r = Cli.run("run", model.toString(), "--data", "../examples/data/reedfrogs.csv", "--seed", "5", "--iter", "400",
                "--quiet", "--output-dir", fit.toString(), "--depth", "2");
        assertEquals("0", r[0], r[2]);
        runOut = r[1];
    }

    @Test
    void precisRepeatsTheRunsTable() {
        String[] r = Cli.run("precis", fit.toString(), "--depth", "2");
        assertEquals("0", r[0], r[2]);
        assertTrue(runOut.contains(r[1]), "run printed:\n" + runOut + "\nprecis printed:\n" + r[1]);
        assertTrue(r[1].matches("(?s) +mean +sd +5\\.5% +94\\.5% +rhat +ess_bulk\na\\[1\\] .*"), r[1]);
        String[] s = Cli.run("summary", fit.toString());
        assertEquals("0", s[0], s[2]);
        assertTrue(s[1].startsWith("48 vector or matrix parameters hidden."), s[1]);
        assertTrue(s[1].contains("\na_bar ") && s[1].contains("\nsigma "), s[1]);
    }

    @Test
    void precisParsInTheOrderGiven() {
        String[] r = Cli.run("precis", fit.toString(), "--pars", "sigma,a_bar,a[3]", "--prob", "0.5");
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertTrue(lines.get(0).contains("25%") && lines.get(0).contains("75%"), lines.get(0));
        assertEquals(List.of("sigma", "a_bar", "a[3]"), lines.subList(1, 4).stream().map(l -> l.split(" +")[0]).toList());
        String[] vec = Cli.run("precis", fit.toString(), "--pars", "a");
        assertEquals(49, vec[1].lines().count(), "a[1]..a[48] whatever the depth:\n" + vec[1]);
    }

    @Test
    void precisBadUseIsAClearError() {
        String[] r = Cli.run("precis", fit.toString(), "--pars", "sigma,alpha");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--pars alpha: the fit of m13_2 has no output named 'alpha'") && r[2].contains("a, a_bar, sigma"), r[2]);
        assertEquals("1", Cli.run("precis", fit.toString(), "--depth", "4")[0]);
        String[] missing = Cli.run("precis", tmp.resolve("nothing").toString());
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("does not exist"), missing[2]);
    }

    @Test
    void drawsCsvIsPosteriorsDrawsDf() throws Exception {
        String[] r = Cli.run("draws", fit.toString());
        assertEquals("0", r[0], r[2]);
        Path csv = fit.resolve("draws.csv");
        assertTrue(r[1].contains("800 draws x 51 variables"), r[1]);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(801, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals("lp__", header.get(0));
        assertEquals("a[1]", header.get(1));
        assertEquals(List.of(".chain", ".iteration", ".draw"), header.subList(header.size() - 3, header.size()));
        FitDirectory f = FitDirectory.read(fit);
        double[][] draws = f.draws();
        int sigma = header.indexOf("sigma");
        for (int s : new int[] {0, 199, 200, 799}) {
            String[] v = lines.get(s + 1).split(",");
            assertEquals(draws[s][f.indexOf("sigma")], Double.parseDouble(v[sigma]), 0, "draw " + s);
            assertEquals(s / 200 + 1, Integer.parseInt(v[v.length - 3]), ".chain");
            assertEquals(s % 200 + 1, Integer.parseInt(v[v.length - 2]), ".iteration");
            assertEquals(s + 1, Integer.parseInt(v[v.length - 1]), ".draw");
        }
    }

    @Test
    void drawsJsonWarmupAndPars() throws Exception {
        Path json = tmp.resolve("d.json");
        String[] r = Cli.run("draws", fit.toString(), "--format", "json", "--pars", "sigma,a_bar", "--warmup", "-o", json.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(1600, rows.size(), "400 iterations of 4 chains, warmup included");
        List<String> keys = Stream.of(rows.get(0).fieldNames()).flatMap(it -> {
            java.util.List<String> l = new java.util.ArrayList<>();
            it.forEachRemaining(l::add);
            return l.stream();
        }).toList();
        assertEquals(List.of("lp__", "sigma", "a_bar", ".chain", ".iteration", ".draw"), keys);
        assertEquals(400, rows.get(399).get(".iteration").asInt());
        assertEquals(2, rows.get(400).get(".chain").asInt());
        assertEquals("1", Cli.run("draws", fit.toString(), "--format", "xml")[0]);
    }

    @Test
    void runKeepsItsFitInTheDefaultFolderUnlessNoSave() throws Exception {
        Path base = tmp.resolve("fits");
        String old = System.getProperty("ulam.fits.dir");
        System.setProperty("ulam.fits.dir", base.toString());
        try {
            Path model = tmp.resolve("tiny.ulam");
            Files.writeString(model, "x ~ normal(0, 1)\n");
            String[] r = Cli.run("run", model.toString(), "--iter", "100", "--chains", "1", "--quiet", "--seed", "1");
            assertEquals("0", r[0], r[2]);
            List<Path> made;
            try (Stream<Path> s = Files.list(base)) {
                made = s.toList();
            }
            assertEquals(1, made.size());
            assertTrue(made.get(0).getFileName().toString().matches("tiny-\\d{8}-\\d{6}"), made.toString());
            assertTrue(r[1].contains("Fit saved in " + made.get(0)), r[1]);
            assertEquals("0", Cli.run("precis", made.get(0).toString())[0]);
            String[] n = Cli.run("run", model.toString(), "--iter", "100", "--chains", "1", "--quiet", "--no-save");
            assertEquals("0", n[0], n[2]);
            assertFalse(n[1].contains("Fit saved"), n[1]);
            try (Stream<Path> s = Files.list(base)) {
                assertEquals(1, s.count(), "--no-save leaves no folder");
            }
            Path quap = tmp.resolve("tinyq.ulam");
            Files.writeString(quap, "m <- quap(alist(x ~ dnorm(0, 1)))\n");
            String[] q = Cli.run("run", quap.toString(), "--seed", "1");
            assertEquals("0", q[0], q[2]);
            Path qfit;
            try (Stream<Path> s = Files.list(base)) {
                qfit = s.filter(p -> p.getFileName().toString().startsWith("tinyq-")).findFirst().orElseThrow();
            }
            assertTrue(q[1].contains("Fit saved in " + qfit), "run on a quap(...) model keeps its fit too: " + q[1]);
            assertEquals("0", Cli.run("precis", qfit.toString())[0]);
            String[] qn = Cli.run("run", quap.toString(), "--seed", "1", "--no-save");
            assertFalse(qn[1].contains("Fit saved"), qn[1]);
            String[] both = Cli.run("run", model.toString(), "--no-save", "--output-dir", tmp.resolve("x").toString());
            assertEquals("1", both[0]);
            assertTrue(both[2].contains("--no-save and -o contradict each other"), both[2]);
        } finally {
            if (old == null) System.clearProperty("ulam.fits.dir");
            else System.setProperty("ulam.fits.dir", old);
        }
    }

    @Test
    void nonFiniteDrawsAreShownAndWarnedAbout() throws Exception {
        Path model = tmp.resolve("big.ulam");
        Files.writeString(model, BIG);
        Path data = tmp.resolve("big.csv");
        Files.writeString(data, "y\n0.1\n0.5\n-0.3\n1.2\n");
        Path big = tmp.resolve("big");
        String[] r = Cli.run("run", model.toString(), "--data", data.toString(), "--seed", "1", "--iter", "400", "--quiet",
                "--output-dir", big.toString());
        assertEquals("0", r[0], r[2]);
        String[] p = Cli.run("precis", big.toString());
        assertEquals("0", p[0], p[2]);
        assertTrue(p[1].matches("(?s).*\nbig +Inf +NaN +0\\.00 +Inf .*"), p[1]);
        assertTrue(p[1].matches("(?s).*\nhuge +\\d\\.\\d\\de\\+130 .*"), "huge values in scientific notation:\n" + p[1]);
        assertTrue(p[1].matches("(?s).*\nratio +NaN +NaN +NaN +NaN +NA +NA\n.*"), p[1]);
        for (String err : new String[] {r[2], p[2]}) {
            assertTrue(err.contains("warning: big has ") && err.contains(" infinite draws and ratio 800 NaN (of 800)"), err);
        }
        assertTrue(p[1].lines().allMatch(l -> l.length() < 80), "no 200-digit numbers:\n" + p[1]);
        // plot and report draw the fit, leaving the non-finite draws out, and warn
        String[] plot = Cli.run("plot", big.toString());
        assertEquals("0", plot[0], plot[2]);
        assertTrue(plot[2].contains("warning: big has "), plot[2]);
        String[] report = Cli.run("report", big.toString());
        assertEquals("0", report[0], report[2]);
        String html = Files.readString(big.resolve("report.html"));
        assertTrue(html.contains("big has ") && html.contains(">Inf<") && html.contains(">NaN<"), "report shows Inf/NaN and warns");
        // link on a draw whose parameter is NaN (an edited draws file): predictions NaN, no crash
        Path csv = big.resolve("big_1.csv");
        String sha = ulam.runtime.fit.FitDirectory.sha256(csv);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        int row = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#") || l.startsWith("lp__") || l.isBlank()) continue;
            if (row++ == 250) {
                String[] f = l.split(",");
                f[7] = "nan";   // mu
                lines.set(i, String.join(",", f));
            }
        }
        Files.write(csv, lines);
        Path manifest = big.resolve("fit.json");   // the manifest checks each file's SHA-256
        Files.writeString(manifest, Files.readString(manifest).replace(sha, ulam.runtime.fit.FitDirectory.sha256(csv)));
        String[] sim = Cli.run("sim", big.toString());
        assertEquals("0", sim[0], sim[2]);
        assertTrue(sim[2].contains("warning: 1 of 800 draws has a parameter that is not finite"), sim[2]);
    }

    @Test
    void reportHighlightsBadRhatAndGivesTheNonCentringHint() throws Exception {
        Path funnel = tmp.resolve("funnel");
        String[] r = Cli.run("run", "../examples/funnel.ulam", "--seed", "1", "--iter", "300", "--quiet", "--output-dir", funnel.toString());
        assertEquals("0", r[0], r[2]);
        String[] rep = Cli.run("report", funnel.toString());
        assertEquals("0", rep[0], rep[2]);
        String html = Files.readString(funnel.resolve("report.html"));
        assertTrue(html.contains("<tr class=\"bad\""), "a row with R-hat above 1.01 is highlighted");
        assertTrue(html.contains("<p class=\"hint\">Hint: line ") && html.contains("z_x ~ normal(0, 1)"), "the non-centring hint");
        assertTrue(html.contains("divergent transition"), "divergences are in the legend of the traces");
    }
}
