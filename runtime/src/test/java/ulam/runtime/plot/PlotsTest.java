package ulam.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.FitFixture;
import ulam.runtime.sampler.TestModels;

/** Every plot of a fit renders to a valid PNG of the expected size and a well-formed SVG. */
class PlotsTest {
    @TempDir
    static Path tmp;
    static FitDirectory fit;

    /** Where the rendered plots stay for a look after the run. */
    static final Path KEEP = Path.of("target", "test-artifacts", "plots");

    @BeforeAll
    static void fit() {
        // 17 outputs: two pages of traces (15 + 2 panels)
        FitFixture.run(d -> new TestModels.StdNormal(17), tmp.resolve("fit"), "--seed", "2", "--chains", "3",
                "--iter", "300");
        fit = FitDirectory.read(tmp.resolve("fit"));
    }

    static void checkPng(Path file, int width, int height) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(img != null, file + " is not an image ImageIO reads");
        assertEquals(width, img.getWidth(), file + " width");
        assertEquals(height, img.getHeight(), file + " height");
        // not blank: something dark (lines, points, text) is drawn
        int dark = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if ((rgb >> 16) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 3 * 110) dark++;
            }
        }
        assertTrue(dark > width, file + " looks blank");
    }

    static Document checkSvg(Path file, int width, int height) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName(), file.toString());
        assertEquals(width, Double.parseDouble(doc.getDocumentElement().getAttribute("width")), file + " width");
        assertEquals(height, Double.parseDouble(doc.getDocumentElement().getAttribute("height")), file + " height");
        return doc;
    }

    @Test
    void everyPlotOfAFitIsAValidImage() throws Exception {
        List<VariableSummary> summaries = VariableSummary.of(fit.toFit(), 0.89);
        List<Integer> outputs = FitPlots.select(fit, 3, List.of());
        assertEquals(17, outputs.size());
        Map<String, Pages> pages = FitPlots.build(fit, summaries, outputs, 0.89, FitPlots.MAX_PANELS);
        assertEquals(List.of("precis", "trace_1", "trace_2", "trank_1", "trank_2"), List.copyOf(pages.keySet()));
        List<Path> files = FitPlots.write(pages, KEEP);
        assertEquals(10, files.size());
        int w = Pages.COLUMNS * Pages.PANEL_WIDTH;
        int legend = Pages.LEGEND_HEIGHT;   // the chains' legend strip
        checkPng(KEEP.resolve("trace_1.png"), w, Pages.ROWS * Pages.PANEL_HEIGHT + legend);
        checkPng(KEEP.resolve("trace_2.png"), Pages.COLUMNS * Pages.PANEL_WIDTH / 3 * 2, Pages.PANEL_HEIGHT + legend);
        checkPng(KEEP.resolve("trank_1.png"), w, Pages.ROWS * Pages.PANEL_HEIGHT + legend);
        checkPng(KEEP.resolve("precis.png"), IntervalPlot.WIDTH, 90 + 17 * IntervalPlot.ROW_HEIGHT);
        Document trace = checkSvg(KEEP.resolve("trace_1.svg"), w, Pages.ROWS * Pages.PANEL_HEIGHT + legend);
        String text = trace.getDocumentElement().getTextContent();
        assertTrue(text.contains("x[1]") && text.contains("n_eff = "), "titles and n_eff are drawn");
        assertTrue(text.contains("chain 1") && text.contains("chain 3") && text.contains("iteration"),
                "the chains' legend and the axis titles are drawn");
        Document trank = checkSvg(KEEP.resolve("trank_2.svg"), Pages.PANEL_WIDTH * 2, Pages.PANEL_HEIGHT + legend);
        String tt = trank.getDocumentElement().getTextContent();
        assertTrue(tt.contains("rank (all chains)") && tt.contains("count") && tt.contains("n_eff = ") && tt.contains("chain 2"), tt);
        checkSvg(KEEP.resolve("precis.svg"), IntervalPlot.WIDTH, 90 + 17 * IntervalPlot.ROW_HEIGHT);
    }

    @Test
    void predictivePlotTakesObservedAndSimulated() throws Exception {
        double[] observed = {1, 4, 2, 8, 5};
        double[][] sim = new double[200][5];
        for (int s = 0; s < sim.length; s++) for (int i = 0; i < 5; i++) sim[s][i] = observed[i] + (s % 7) - 3;
        Pages p = PredictivePlot.page(observed, sim, 0.89, "Posterior predictive check: y", "y");
        List<Path> files = p.write(tmp.resolve("ppc"));
        checkPng(files.get(0), PredictivePlot.WIDTH, PredictivePlot.HEIGHT);
        checkSvg(files.get(1), PredictivePlot.WIDTH, PredictivePlot.HEIGHT);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
        assertEquals(PredictivePlot.WIDTH, img.getWidth());
        assertThrows(IllegalArgumentException.class, () -> PredictivePlot.page(observed, new double[3][4], 0.89, "t", "y"));

        // the mean and the type-7 interval of each case: observed[i] plus offsets (s mod 7) - 3, 29 each
        // of -3..0 and 28 each of 1..3 over the 200 draws, so a mean offset of -6 / 200; the 5.5 % point
        // is at order statistic 1 + 199 * 0.055 = 11.9 (offset -3), the 94.5 % point at 189.1 (offset 3)
        XYIntervalSeriesCollection interval = (XYIntervalSeriesCollection) PredictivePlot.chart(observed, sim, 0.89, "t", "y")
                .getXYPlot().getDataset(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(observed[i] - 6 / 200.0, interval.getYValue(0, i), 1e-12);
            assertEquals(observed[i] - 3, interval.getStartYValue(0, i), 1e-12);
            assertEquals(observed[i] + 3, interval.getEndYValue(0, i), 1e-12);
        }
    }

    @Test
    void densityOverlayUsesRsDefaultBandwidthAndIntegratesToOne() throws Exception {
        // R: bw.nrd0(c(1, 4, 2, 8, 5)) = 0.9 * min(sd = 2.7386, IQR/1.34 = 2.2388) * 5^-0.2 = 1.45984...
        assertEquals(0.9 * Math.min(Math.sqrt(7.5), 3 / 1.34) * Math.pow(5, -0.2),
                DensityOverlayPlot.bandwidth(new double[] {1, 4, 2, 8, 5}), 1e-12);
        double[] grid = new double[2001];
        for (int g = 0; g < grid.length; g++) grid[g] = -20 + 0.02 * g;
        double[] d = DensityOverlayPlot.density(new double[] {1, 4, 2, 8, 5}, grid);
        double area = 0;
        for (double v : d) area += v * 0.02;
        assertEquals(1, area, 1e-6);
        double[] observed = {1, 4, 2, 8, 5};
        double[][] sim = new double[80][5];
        for (int s = 0; s < sim.length; s++) for (int i = 0; i < 5; i++) sim[s][i] = observed[i] + (s % 5) - 2;
        sim[3][2] = Double.NaN;
        sim[4][1] = Double.POSITIVE_INFINITY;
        Pages p = DensityOverlayPlot.page(observed, sim, "Posterior predictive density: y", "y");
        List<Path> files = p.write(KEEP.resolve("ppc_dens"));
        checkPng(files.get(0), 760, 420 + Pages.LEGEND_HEIGHT);
        String text = checkSvg(files.get(1), 760, 420 + Pages.LEGEND_HEIGHT).getDocumentElement().getTextContent();
        assertTrue(text.contains("y_rep (50 simulated data sets)") && text.contains("density"), text);
    }

    @Test
    void pairsPlotIsAGridOfHistogramsScattersAndCorrelations() throws Exception {
        Pages p = PairsPlot.page(fit, List.of(0, 1, 2));
        assertTrue(!p.vector(), "PNG only");
        List<Path> files = p.write(KEEP.resolve("pairs"));
        assertEquals(1, files.size());
        checkPng(files.get(0), 3 * 170, 3 * 170 + Pages.LEGEND_HEIGHT);
        String svg = p.svg();
        assertTrue(svg.contains("r = ") && svg.contains("divergent transitions (0)") && svg.contains("x[3]"), "labels drawn");
        UlamException one = assertThrows(UlamException.class, () -> PairsPlot.page(fit, List.of(0)));
        assertTrue(one.getMessage().contains("--pairs needs 2 to 10 values"), one.getMessage());
    }

    @Test
    void nonFiniteDrawsAreLeftOutOfEveryPlot(@TempDir Path dir) throws Exception {
        // a fit whose draws hold Inf and NaN (as exp(mu*1000) and 0/0 give them): every plot renders
        FitFixture.run(d -> new TestModels.StdNormal(3), dir.resolve("fit"), "--seed", "4", "--chains", "2", "--iter", "200");
        Path csv = dir.resolve("fit").resolve("std_normal_1.csv");
        String sha = FitDirectory.sha256(csv);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        int changed = 0;
        int row = 0;
        for (int i = 0; i < lines.size() && changed < 40; i++) {
            String l = lines.get(i);
            if (l.startsWith("#") || l.startsWith("lp__") || l.isBlank()) continue;
            if (row++ < 100 + 30) continue;   // after the 100 warmup rows
            String[] f = l.split(",");
            f[f.length - 1] = changed % 2 == 0 ? "inf" : "nan";
            f[f.length - 2] = "-inf";
            lines.set(i, String.join(",", f));
            changed++;
        }
        Files.write(csv, lines);
        // the fit's manifest checks every file's SHA-256: record the edited file's
        Path manifest = dir.resolve("fit").resolve("fit.json");
        Files.writeString(manifest, Files.readString(manifest).replace(sha, FitDirectory.sha256(csv)));
        FitDirectory bad = FitDirectory.read(dir.resolve("fit"));
        List<VariableSummary> summaries = VariableSummary.of(bad.toFit(), 0.89);
        Map<String, Pages> pages = FitPlots.build(bad, summaries, FitPlots.select(bad, 3, List.of()), 0.89, 60);
        pages.put("pairs", PairsPlot.page(bad, List.of(0, 1, 2)));
        for (Map.Entry<String, Pages> e : pages.entrySet()) {
            byte[] png = e.getValue().png();
            assertTrue(ImageIO.read(new ByteArrayInputStream(png)) != null, e.getKey());
        }
        String trace = pages.get("trace_1").svg();
        assertTrue(trace.contains("draws not finite, left out"), "the trace note counts them");
        assertTrue(pages.get("precis").svg().contains("(not finite)"), "the precis plot names the rows it cannot draw");
    }

    @Test
    void traceRangeComesFromThePostWarmupDraws() {
        org.jfree.chart.JFreeChart c = TracePlot.panel(fit, 0, 100, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (var ch : fit.chains()) {
            for (int t = 0; t < fit.drawsPerChain(); t++) {
                lo = Math.min(lo, ch.values()[t][0]);
                hi = Math.max(hi, ch.values()[t][0]);
            }
        }
        var range = c.getXYPlot().getRangeAxis().getRange();
        assertEquals(lo - 0.04 * (hi - lo), range.getLowerBound(), 1e-9);
        assertEquals(hi + 0.04 * (hi - lo), range.getUpperBound(), 1e-9);
        var noWarmup = TracePlot.panel(fit, 0, 100, false).getXYPlot().getDomainAxis().getRange();
        assertEquals(fit.manifest().warmup() + 0.5, noWarmup.getLowerBound(), 1e-9);
    }

    @Test
    void trankHistogramsCountEachChainsJointRanks() {
        double[][] draws = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        int[][] h = TrankPlot.histograms(draws, 2);
        assertEquals(List.of(4, 0), List.of(h[0][0], h[0][1]));
        assertEquals(List.of(0, 4), List.of(h[1][0], h[1][1]));
        double[] r = TrankPlot.averageRanks(new double[] {3, 1, 3, 2});
        assertEquals(List.of(3.5, 1.0, 3.5, 2.0), List.of(r[0], r[1], r[2], r[3]));
    }

    @Test
    void selectionFollowsDepthAndNames() throws Exception {
        assertEquals(0, FitPlots.select(fit, 1, List.of()).size(), "depth 1 hides vector elements");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), FitPlots.select(fit, 2, List.of("x")));
        assertEquals(List.of(2), FitPlots.select(fit, 1, List.of("x[3]")));
        UlamException e = assertThrows(UlamException.class, () -> FitPlots.select(fit, 3, List.of("y")));
        assertTrue(e.getMessage().contains("no output named 'y'"), e.getMessage());
        assertTrue(Files.exists(fit.dir().resolve("fit.json")));
    }
}
