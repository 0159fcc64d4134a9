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
        checkPng(KEEP.resolve("trace_1.png"), w, Pages.ROWS * Pages.PANEL_HEIGHT);
        checkPng(KEEP.resolve("trace_2.png"), Pages.COLUMNS * Pages.PANEL_WIDTH / 3 * 2, Pages.PANEL_HEIGHT);
        checkPng(KEEP.resolve("trank_1.png"), w, Pages.ROWS * Pages.PANEL_HEIGHT);
        checkPng(KEEP.resolve("precis.png"), IntervalPlot.WIDTH, 90 + 17 * IntervalPlot.ROW_HEIGHT);
        Document trace = checkSvg(KEEP.resolve("trace_1.svg"), w, Pages.ROWS * Pages.PANEL_HEIGHT);
        String text = trace.getDocumentElement().getTextContent();
        assertTrue(text.contains("x[1]") && text.contains("n_eff = "), "titles and n_eff are drawn");
        checkSvg(KEEP.resolve("trank_2.svg"), Pages.PANEL_WIDTH * 2, Pages.PANEL_HEIGHT);
        checkSvg(KEEP.resolve("precis.svg"), IntervalPlot.WIDTH, 90 + 17 * IntervalPlot.ROW_HEIGHT);
    }

    @Test
    void predictivePlotTakesObservedAndSimulated() throws Exception {
        double[] observed = {1, 4, 2, 8, 5};
        double[][] sim = new double[200][5];
        for (int s = 0; s < sim.length; s++) for (int i = 0; i < 5; i++) sim[s][i] = observed[i] + (s % 7) - 3;
        Pages p = PredictivePlot.page(observed, sim, 0.89, "y");
        List<Path> files = p.write(tmp.resolve("ppc"));
        checkPng(files.get(0), PredictivePlot.WIDTH, PredictivePlot.HEIGHT);
        checkSvg(files.get(1), PredictivePlot.WIDTH, PredictivePlot.HEIGHT);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
        assertEquals(PredictivePlot.WIDTH, img.getWidth());
        assertThrows(IllegalArgumentException.class, () -> PredictivePlot.page(observed, new double[3][4], 0.89, "y"));

        // the mean and the type-7 interval of each case: observed[i] plus offsets (s mod 7) - 3, 29 each
        // of -3..0 and 28 each of 1..3 over the 200 draws, so a mean offset of -6 / 200; the 5.5 % point
        // is at order statistic 1 + 199 * 0.055 = 11.9 (offset -3), the 94.5 % point at 189.1 (offset 3)
        XYIntervalSeriesCollection interval = (XYIntervalSeriesCollection) PredictivePlot.chart(observed, sim, 0.89, "y")
                .getXYPlot().getDataset(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(observed[i] - 6 / 200.0, interval.getYValue(0, i), 1e-12);
            assertEquals(observed[i] - 3, interval.getStartYValue(0, i), 1e-12);
            assertEquals(observed[i] + 3, interval.getEndYValue(0, i), 1e-12);
        }
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
