package ulam.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.FitFixture;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.Waic;
import ulam.runtime.plot.FitPlots;
import ulam.runtime.sampler.TestModels;

/**
 * The HTML report of a fit with divergent transitions: its content, and that it opens in headless
 * Chromium without errors (skipped when /usr/bin/chromium is absent; CI installs it). The page and
 * Chromium's screenshot are kept in target/test-artifacts.
 */
class HtmlReportTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path ARTIFACTS = Path.of("target", "test-artifacts").toAbsolutePath();

    @TempDir
    static Path tmp;
    static Path report;
    static String html;

    @BeforeAll
    static void write() throws IOException {
        // the centred funnel diverges: the report must say so
        FitFixture.run(d -> new TestModels.Funnel(3), tmp.resolve("fit"), "--seed", "1", "--chains", "2", "--iter",
                "400", "--adapt-delta", "0.8");
        FitDirectory fit = FitDirectory.read(tmp.resolve("fit"));
        double[][] ll = new double[fit.totalDraws()][5];
        double[][] draws = fit.draws();
        for (int s = 0; s < ll.length; s++) {
            for (int i = 0; i < 5; i++) ll[s][i] = -0.5 * Math.pow(i - draws[s][1], 2) - 0.9189385332046727;
        }
        report = ARTIFACTS.resolve("report.html");
        HtmlReport.write(fit, new HtmlReport.Options(0.89, 2, FitPlots.MAX_PANELS, Waic.of(ll), Loo.of(ll)), report);
        html = Files.readString(report);
    }

    @Test
    void theReportHoldsTableDiagnosticsPlotsAndSettings() {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<h1>funnel</h1>"));
        assertTrue(html.contains("<th>5.5%</th><th>94.5%</th><th>rhat</th><th>ess_bulk</th>"), "precis header");
        assertTrue(html.matches("(?s).*<tr( class=\"bad\"[^>]*)?><td>v</td>.*"), "precis row of v");
        assertTrue(html.contains("transitions after warmup ended with a divergence"), "divergence warning");
        assertTrue(html.contains("<td>E-BFMI</td>") || html.contains("<th>E-BFMI</th>"));
        assertTrue(html.contains("<td>elpd_loo</td>") && html.contains("<td>WAIC</td>"), "criteria");
        assertTrue(html.contains("<figure id=\"precis\">\n<svg"), "precis plot inline SVG");
        assertTrue(html.contains("<figure id=\"trace_1\">\n<img") && html.contains("data:image/png;base64,"), "traces");
        assertTrue(html.contains("<figure id=\"trank_1\">"), "tranks");
        assertTrue(html.contains("# test model funnel"), "source");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http://") && html.contains("src=\"http"), "no external resources");
    }

    private static List<String> chromium(Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--enable-logging=stderr",
                "--v=0"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(err));
        }
        return List.of(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theReportOpensInHeadlessChromiumWithoutErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install chromium)");
        String url = report.toUri().toString();
        List<String> dom = chromium(Files.createTempDirectory(tmp, "profile"), "--dump-dom", url);
        assertTrue(dom.get(0).contains("Posterior summary") && dom.get(0).contains("<figure id=\"trank_1\">"),
                "the DOM Chromium loaded: " + dom.get(0).substring(0, Math.min(500, dom.get(0).length())) + "\n" + dom.get(1));
        Path shot = ARTIFACTS.resolve("report.png");
        Files.deleteIfExists(shot);
        List<String> run = chromium(Files.createTempDirectory(tmp, "profile"), "--screenshot=" + shot,
                "--window-size=1280,2000", "--hide-scrollbars", url);
        for (String log : List.of(dom.get(1), run.get(1))) {
            assertFalse(log.contains("Uncaught"), log);
            assertFalse(log.contains("ERROR:CONSOLE"), log);
            assertFalse(log.contains("Failed to load resource"), log);
        }
        BufferedImage img = ImageIO.read(shot.toFile());
        assertTrue(img != null, "chromium wrote no screenshot: " + run.get(1));
        assertEquals(1280, img.getWidth());
        assertEquals(2000, img.getHeight());
    }
}
