package ulam.runtime.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;

/**
 * Trace plots as rethinking's {@code traceplot} draws them (language reference 8.8): one panel
 * per parameter element, every chain's draws against iteration overlaid in its own colour, the
 * warmup iterations shaded grey (the fit keeps them), the name as title and
 * {@code n_eff = <bulk ESS>} at the top right; pages of 3 x 5 panels ({@link Pages#paginate}).
 */
public final class TracePlot {
    private TracePlot() {
    }

    /**
     * The panel of one output.
     *
     * @param fit     the fit (all chains, warmup and post-warmup rows read)
     * @param output  index into the manifest's output names
     * @param essBulk bulk ESS to print (NaN prints {@code NA})
     * @return the chart
     */
    public static JFreeChart panel(FitDirectory fit, int output, double essBulk) {
        XYSeriesCollection data = new XYSeriesCollection();
        int warmup = fit.manifest().warmup();
        for (ChainDraws c : fit.chains()) {
            XYSeries s = new XYSeries("chain " + c.id(), false, true);
            for (int t = 0; t < c.warmup(); t++) s.add(t + 1, c.warmupValues()[t][output], false);
            for (int t = 0; t < c.draws(); t++) s.add(warmup + t + 1, c.values()[t][output], false);
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int c = 0; c < fit.chains().size(); c++) {
            Color base = Style.chain(fit.chains().get(c).id());
            r.setSeriesPaint(c, new Color(base.getRed(), base.getGreen(), base.getBlue(), 190));
            r.setSeriesStroke(c, Style.THIN);
        }
        NumberAxis x = new NumberAxis(null);
        x.setAutoRangeIncludesZero(false);
        x.setRange(0.5, fit.manifest().iter() + 0.5);
        NumberAxis y = new NumberAxis(null);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        if (warmup > 0) {
            IntervalMarker m = new IntervalMarker(0.5, warmup + 0.5, Style.WARMUP);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        String note = "n_eff = " + (Double.isNaN(essBulk) ? "NA" : String.format(Locale.ROOT, "%.0f", essBulk));
        return Style.chart(fit.manifest().outputNames().get(output), plot, note);
    }

    /**
     * The pages of trace plots of some outputs.
     *
     * @param fit     the fit
     * @param outputs output indices, in panel order
     * @param essBulk bulk ESS per output index (length = number of outputs)
     * @return pages of at most 3 x 5 panels
     */
    public static List<Pages> pages(FitDirectory fit, List<Integer> outputs, double[] essBulk) {
        List<JFreeChart> panels = new ArrayList<>();
        for (int o : outputs) panels.add(panel(fit, o, essBulk[o]));
        return Pages.paginate(panels);
    }
}
