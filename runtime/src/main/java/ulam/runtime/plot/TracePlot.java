package ulam.runtime.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
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
import ulam.runtime.sampler.SamplerStat;

/**
 * Trace plots as rethinking's {@code traceplot} and bayesplot's {@code mcmc_trace} draw them
 * (language reference 8.8): one panel per parameter element, every chain's draws against
 * iteration overlaid in its own colour (a legend strip names the chains), the name as title,
 * {@code n_eff = <bulk ESS>} at the top right and axis titles {@code iteration} and
 * {@code value}. The warmup iterations are shaded grey when shown ({@code warmup}), but the y range
 * comes from the post-warmup draws, so the first warmup transients do not flatten the picture.
 * Post-warmup iterations with a divergent transition are marked by red ticks at the bottom
 * (bayesplot's rug). Draws that are not finite ({@code Inf}, {@code NaN}) are left out (a gap in
 * the line) and counted in the note. Pages of 3 x 5 panels ({@link Pages#paginate}).
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
     * @param warmup  whether to draw the warmup iterations (shaded)
     * @return the chart
     */
    public static JFreeChart panel(FitDirectory fit, int output, double essBulk, boolean warmup) {
        XYSeriesCollection data = new XYSeriesCollection();
        int nWarmup = fit.manifest().warmup();
        int per = fit.drawsPerChain();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int nonFinite = 0;
        XYSeries divergent = new XYSeries("divergent", false, true);
        for (ChainDraws c : fit.chains()) {
            XYSeries s = new XYSeries("chain " + c.id(), false, true);
            if (warmup) {
                for (int t = 0; t < c.warmup(); t++) s.add(t + 1, finite(c.warmupValues()[t][output]), false);
            }
            for (int t = 0; t < per; t++) {
                double v = c.values()[t][output];
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                } else {
                    nonFinite++;
                }
                s.add(nWarmup + t + 1, finite(v), false);
                if (c.stats()[t][SamplerStat.DIVERGENT.index()] != 0) divergent.add(nWarmup + t + 1, 0, false);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int c = 0; c < fit.chains().size(); c++) {
            Color base = Style.chain(fit.chains().get(c).id());
            r.setSeriesPaint(c, new Color(base.getRed(), base.getGreen(), base.getBlue(), 190));
            r.setSeriesStroke(c, Style.THIN);
        }
        NumberAxis x = new NumberAxis();
        x.setAutoRangeIncludesZero(false);
        x.setRange(warmup ? 0.5 : nWarmup + 0.5, nWarmup + per + 0.5);
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(false);
        if (lo <= hi) {
            double pad = hi > lo ? 0.04 * (hi - lo) : Math.max(1e-3, Math.abs(lo) * 0.05);
            y.setRange(lo - pad, hi + pad);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        if (warmup && nWarmup > 0) plot.addDomainMarker(new IntervalMarker(0.5, nWarmup + 0.5, Style.WARMUP), Layer.BACKGROUND);
        if (!divergent.isEmpty() && lo <= hi) {
            // red ticks along the bottom edge of the plot
            double base = y.getLowerBound();
            XYSeries ticks = new XYSeries("divergent", false, true);
            for (int i = 0; i < divergent.getItemCount(); i++) ticks.add(divergent.getX(i), base, false);
            XYLineAndShapeRenderer rr = new XYLineAndShapeRenderer(false, true);
            rr.setSeriesPaint(0, Style.DIVERGENT);
            rr.setSeriesShape(0, new Rectangle2D.Double(-0.75, -8, 1.5, 8));
            plot.setDataset(1, new XYSeriesCollection(ticks));
            plot.setRenderer(1, rr);
        }
        Style.axes(plot, "iteration", "value");
        String note = "n_eff = " + (Double.isNaN(essBulk) ? "NA" : String.format(Locale.ROOT, "%.0f", essBulk))
                + (nonFinite > 0 ? "; " + nonFinite + " draws not finite, left out" : "")
                + (divergent.isEmpty() ? "" : "; " + divergent.getItemCount() + " divergent");
        return Style.chart(fit.manifest().outputNames().get(output), plot, note);
    }

    /** A value to plot, or null (a gap) when it is not finite. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * The pages of trace plots of some outputs, each with the legend of the chains (and of the
     * divergent transitions when there are some).
     *
     * @param fit     the fit
     * @param outputs output indices, in panel order
     * @param essBulk bulk ESS per output index (length = number of outputs)
     * @param warmup  whether to draw the warmup iterations
     * @return pages of at most 3 x 5 panels
     */
    public static List<Pages> pages(FitDirectory fit, List<Integer> outputs, double[] essBulk, boolean warmup) {
        List<JFreeChart> panels = new ArrayList<>();
        for (int o : outputs) panels.add(panel(fit, o, essBulk[o], warmup));
        List<Pages.Key> legend = new ArrayList<>(Pages.chainKeys(fit.chains().stream().map(ChainDraws::id).toList()));
        boolean anyDivergent = fit.chains().stream().anyMatch(c -> {
            for (int t = 0; t < fit.drawsPerChain(); t++) if (c.stats()[t][SamplerStat.DIVERGENT.index()] != 0) return true;
            return false;
        });
        if (anyDivergent) legend.add(new Pages.Key("divergent transition", Style.DIVERGENT, false));
        if (warmup && fit.manifest().warmup() > 0) legend.add(new Pages.Key("warmup (shaded)", Style.WARMUP.darker(), false));
        return Pages.paginate(panels, legend);
    }
}
