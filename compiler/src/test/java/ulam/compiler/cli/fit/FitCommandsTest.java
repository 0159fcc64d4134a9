package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.loo.Compare;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.Waic;

/**
 * The fit commands on real fits made by {@code ulam run --output-dir}: the reed frogs with a
 * varying intercept per tank (m13.2), its no-pooling sibling (m13.1), and m13.2 on half of the
 * tanks. Commands run as the {@code ulam} command line would, through {@link FitCommands#execute}.
 */
class FitCommandsTest {
    static final String M13_1 = """
            S ~ dbinom(N, p)
            logit(p) <- a[tank]
            a[tank] ~ dnorm(0, 1.5)
            S <- surv
            N <- density
            tank <- 1:length(surv)
            """;
    static final String M13_2 = """
            S ~ dbinom(N, p)
            logit(p) <- a[tank]
            a[tank] ~ dnorm(a_bar, sigma)
            a_bar ~ dnorm(0, 1.5)
            sigma ~ dexp(1)
            S <- surv
            N <- density
            tank <- 1:length(surv)
            """;

    @TempDir
    static Path tmp;
    static Path fit1;
    static Path fit2;
    static Path fitHalf;
    static LoadedFit loaded1;
    static LoadedFit loaded2;

    /** The fits loaded once for the library-side checks (each command loads its own). */
    static synchronized LoadedFit loaded(Path fit) {
        if (loaded1 == null) {
            loaded1 = LoadedFit.load(fit1);
            loaded2 = LoadedFit.load(fit2);
        }
        return fit.equals(fit1) ? loaded1 : loaded2;
    }

    static String[] ran(String... args) {
        return Cli.run(args);
    }

    static Path fit(String name, String model, Path data) throws Exception {
        return Cli.fit(tmp, name, model, data, "--seed", "11", "--iter", "600");
    }

    @BeforeAll
    static void fits() throws Exception {
        Path frogs = Path.of("../examples/data/reedfrogs.csv");
        fit1 = fit("m13_1", M13_1, frogs);
        fit2 = fit("m13_2", M13_2, frogs);
        List<String> lines = Files.readAllLines(frogs);
        Path half = tmp.resolve("half.csv");
        Files.write(half, lines.subList(0, 25));
        fitHalf = fit("m13_2half", M13_2, half);
    }

    static String[] cmd(Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FitCommands.execute(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theLogLikelihoodOfSavedDrawsIsTheBinomialOfEachTank() throws Exception {
        LoadedFit f = loaded(fit2);
        double[][] ll = f.logLik();
        FitDirectory d = f.fit();
        assertEquals(1200, ll.length);
        assertEquals(48, ll[0].length);
        List<String> rows = Files.readAllLines(Path.of("../examples/data/reedfrogs.csv"));
        double[][] draws = d.draws();
        for (int s : new int[] {0, 777, 1199}) {
            for (int i : new int[] {0, 20, 47}) {
                String[] row = rows.get(i + 1).split(";");
                int n = Integer.parseInt(row[0]);
                int y = Integer.parseInt(row[3]);
                double a = draws[s][d.indexOf("a[" + (i + 1) + "]")];
                double p = 1 / (1 + Math.exp(-a));
                assertEquals(new BinomialDistribution(null, n, p).logProbability(y), ll[s][i], 1e-9,
                        "draw " + s + " tank " + (i + 1));
            }
        }
    }

    @Test
    void waicPrintsRethinkingsTable() {
        String[] r = cmd(new WaicCommand(), fit2.toString(), "--pointwise");
        assertEquals("0", r[0], r[2]);
        Waic w = loaded(fit2).waic();
        List<String> lines = r[1].lines().toList();
        assertEquals("WAIC of m13_2: 1200 draws, 48 observations", lines.get(0));
        assertTrue(lines.get(1).matches(" +WAIC +lppd +penalty +std_err"), lines.get(1));
        assertTrue(lines.get(2).startsWith("1 " + String.format(java.util.Locale.ROOT, "%.2f", w.waic())), r[1]);
        assertTrue(r[1].contains("   obs       lppd    penalty       WAIC"), r[1]);
        // m13.2 on reed frogs: WAIC near the book's 200 (R code 13.4), a penalty near 20
        assertTrue(w.waic() > 190 && w.waic() < 215, "WAIC " + w.waic());
        assertTrue(w.penalty() > 15 && w.penalty() < 27, "pWAIC " + w.penalty());
    }

    @Test
    void looPrintsEstimatesAndTheKTable() {
        String[] r = cmd(new LooCommand(), fit2.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("PSIS-LOO of m13_2 (r_eff from the chains)\nComputed from 1200 by 48 log-likelihood matrix\n"),
                r[1]);
        assertTrue(r[1].contains("elpd_loo ") && r[1].contains("p_loo ") && r[1].contains("looic "), r[1]);
        assertTrue(r[1].contains("Monte Carlo SE of elpd_loo is"), r[1]);
        String[] r1 = cmd(new LooCommand(), fit2.toString(), "--no-r-eff", "--pointwise");
        assertEquals("0", r1[0], r1[2]);
        assertTrue(r1[1].contains("(r_eff = 1)") && r1[1].contains("    48 "), r1[1]);
    }

    @Test
    void compareRanksThePartiallyPooledModelFirst() {
        String[] r = cmd(new CompareCommand(), fit1.toString(), fit2.toString(), "--dse");
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertTrue(lines.get(0).matches(" +WAIC +SE +dWAIC +dSE +pWAIC +weight"), lines.get(0));
        assertTrue(lines.get(1).startsWith("m13_2 "), r[1]);
        assertTrue(lines.get(2).startsWith("m13_1 "), r[1]);
        assertTrue(r[1].contains("dSE, pairwise:"), r[1]);
        // the same numbers as the library gives on the same fits
        Compare c = Compare.waic(List.of("m13_1", "m13_2"),
                List.of(loaded(fit1).waic(), loaded(fit2).waic()));
        assertEquals(c.format(), String.join("\n", lines.subList(0, 3)) + "\n");
        assertTrue(c.rows().get(1).delta() > c.rows().get(1).dSe(), "m13.1 is worse by more than one dSE: " + c.format());

        String[] p = cmd(new CompareCommand(), fit2.toString(), fit1.toString(), "--func", "PSIS");
        assertEquals("0", p[0], p[2]);
        assertTrue(p[1].lines().findFirst().orElseThrow().matches(" +PSIS +SE +dPSIS +dSE +pPSIS +weight"), p[1]);
        Loo l2 = loaded(fit2).loo(true);
        assertTrue(p[1].contains(String.format(java.util.Locale.ROOT, "m13_2 %.1f", l2.looic())), p[1]);
    }

    @Test
    void compareRefusesDifferentObservations() {
        String[] r = cmd(new CompareCommand(), fit2.toString(), fitHalf.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: the models have different numbers of observations (m13_2: 48, m13_2half: 24)"),
                r[2]);
        assertTrue(r[2].contains("= help: "), r[2]);
    }

    @Test
    void aFolderThatIsNotAFitIsAClearError() throws Exception {
        for (Object c : new Object[] {new WaicCommand(), new LooCommand(), new PlotCommand(), new ReportCommand()}) {
            String[] r = cmd(c, tmp.toString());
            assertEquals("1", r[0], c.getClass().getSimpleName());
            assertTrue(r[2].startsWith("error: " + tmp + " is not a fit folder: it has no fit.json\n"), r[2]);
        }
        String[] r = cmd(new CompareCommand(), fit2.toString(), tmp.resolve("nope").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("nope does not exist"), r[2]);
    }

    @Test
    void aFitFromAnotherModelVersionIsRefused() throws Exception {
        Path copy = tmp.resolve("other_version");
        Files.createDirectories(copy.resolve("data"));
        try (var files = Files.walk(fit2)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) Files.copy(p, copy.resolve(fit2.relativize(p).toString()));
        }
        // the model as a later version compiles it: one more parameter, and the manifest's hash updated to match
        String edited = M13_2.replace("a[tank] ~ dnorm(a_bar, sigma)", "a[tank] ~ dnorm(a_bar + b, sigma)\nb ~ dnorm(0, 1)");
        Files.writeString(copy.resolve("m13_2.ulam"), edited);
        Path manifest = copy.resolve("fit.json");
        String json = Files.readString(manifest).replace(FitDirectory.sha256(M13_2), FitDirectory.sha256(edited));
        Files.writeString(manifest, json);
        String[] r = cmd(new WaicCommand(), copy.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: the fit " + copy + " comes from another version of model 'm13_2'"), r[2]);
        // and an edited source without the manifest's hash is caught before compiling
        Files.writeString(manifest, json.replace(FitDirectory.sha256(edited), FitDirectory.sha256(M13_2)));
        r = cmd(new LooCommand(), copy.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("m13_2.ulam was changed after the run"), r[2]);
    }

    @Test
    void plotWritesEveryPlotAndThePredictiveCheck() throws Exception {
        // simulated outcomes as ulam sim writes them: draws x cases, header S[1], S[2], ...
        StringBuilder sim = new StringBuilder();
        for (int i = 1; i <= 48; i++) sim.append(i > 1 ? "," : "").append("S[").append(i).append(']');
        sim.append('\n');
        java.util.Random rng = new java.util.Random(3);
        for (int s = 0; s < 100; s++) {
            for (int i = 0; i < 48; i++) sim.append(i > 0 ? "," : "").append(5 + rng.nextInt(20));
            sim.append('\n');
        }
        Path simFile = tmp.resolve("sim.csv");
        Files.writeString(simFile, sim.toString());
        Path out = tmp.resolve("plots2");
        // S <- surv: the simulations of S are compared with the column surv without --observed
        String[] derived = cmd(new PlotCommand(), fit2.toString(), "--output-dir", out.toString(), "--sim",
                simFile.toString());
        assertEquals("0", derived[0], derived[2]);
        assertTrue(derived[1].startsWith("Wrote 4 files to " + out + ": ppc.png/.svg, ppc_dens.png/.svg"), derived[1]);
        assertTrue(Files.readString(out.resolve("ppc.svg")).contains("Posterior predictive check: surv"));
        // --sim draws only the predictive checks; without it the fit's plots
        String[] r = cmd(new PlotCommand(), fit2.toString(), "--output-dir", out.toString(), "--max-panels", "6", "--depth", "3");
        assertEquals("0", r[0], r[2]);
        // 50 values (48 a[i], a_bar, sigma) in the precis plot; 6 panels: a trace and a trank page
        for (String name : List.of("precis", "trace_1", "trank_1", "ppc", "ppc_dens")) {
            assertTrue(ImageIO.read(out.resolve(name + ".png").toFile()) != null, name);
            assertTrue(Files.readString(out.resolve(name + ".svg")).contains("<svg"), name);
        }
        assertTrue(r[1].startsWith("Wrote 6 files to " + out), r[1]);
        assertTrue(r[2].contains("show the first 6 of 50 values"), r[2]);
        String[] pairs = cmd(new PlotCommand(), fit2.toString(), "--output-dir", out.toString(), "--pairs", "a_bar,sigma,a[1]");
        assertEquals("0", pairs[0], pairs[2]);
        assertTrue(pairs[1].startsWith("Wrote 1 files to " + out + ": pairs.png"), pairs[1]);
        String[] many = cmd(new PlotCommand(), fit2.toString(), "--output-dir", out.toString(), "--pairs", "a");
        assertEquals("1", many[0]);
        assertTrue(many[2].contains("--pairs needs 2 to 10 values, got 48"), many[2]);
        String[] bad = cmd(new PlotCommand(), fit2.toString(), "--output-dir", out.toString(), "--sim",
                simFile.toString(), "--observed", "nothing");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("no column 'nothing'"), bad[2]);
    }

    @Test
    void reportWritesOnePage() throws Exception {
        Path file = tmp.resolve("r/report.html");
        String[] r = cmd(new ReportCommand(), fit2.toString(), "-o", file.toString(), "--max-panels", "3", "--depth", "2");
        assertEquals("0", r[0], r[2]);
        String html = Files.readString(file);
        assertTrue(html.contains("<h1>m13_2</h1>") && html.contains("<td>elpd_loo</td>") && html.contains("<td>a_bar</td>"),
                "report content");
        assertTrue(html.contains("show the 3 of 50 values with the smallest bulk ESS"), "capped panels are said");
        assertTrue(html.contains("<figure id=\"ppc\">") && html.contains("<figure id=\"ppc_dens\">")
                && html.contains("Posterior predictive check: surv"), "the predictive checks");
        assertTrue(Files.size(file) < 1_500_000, "report size " + Files.size(file));
        String[] noPpc = cmd(new ReportCommand(), fit2.toString(), "-o", file.toString(), "--no-ppc", "--no-criteria");
        assertEquals("0", noPpc[0], noPpc[2]);
        assertTrue(!Files.readString(file).contains("<figure id=\"ppc\">"));
    }

    @Test
    void subcommandsAreListedForMain() {
        assertEquals(List.of("precis", "draws", "contrast", "coeftab", "link", "sim", "waic", "loo", "compare", "kfold", "plot",
                "report", "varcorr", "ranef", "coef", "posterior_predict", "posterior_epred"), FitCommands.subcommands().stream()
                .map(c -> c.getAnnotation(picocli.CommandLine.Command.class).name()).toList());
    }
}
