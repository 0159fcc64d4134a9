package ulam.runtime.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import ulam.runtime.UlamException;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.sampler.SamplerStat;

/**
 * The pairs plot of rethinking's {@code pairs} and bayesplot's {@code mcmc_pairs}: for k chosen
 * values a k x k grid; on the diagonal the histogram of each value's post-warmup draws (30 bins),
 * below it the scatter plot of each pair (x the column's value, y the row's), post-warmup draws as
 * small grey dots and draws with a divergent transition as red dots on top, above it the
 * correlation of the pair ({@code r = 0.45}, as R's {@code pairs} with a correlation panel).
 * Funnels and strong correlations show in the scatter plots, and divergences cluster where the
 * sampler struggles (the neck of a funnel). Draws that are not finite are left out.
 */
public final class PairsPlot {
    /** Most values in one pairs plot (a 10 x 10 grid). */
    public static final int MAX_VALUES = 10;
    private static final int CELL = 170;
    private static final Color DOT = new Color(0, 0, 0, 40);
    private static final Color BAR = new Color(0x6BAED6);

    private PairsPlot() {
    }

    /**
     * The page.
     *
     * @param fit     the fit
     * @param outputs output indices, 2 to {@value #MAX_VALUES}
     * @return one page of k x k cells (PNG only: {@link Pages#rasterOnly()})
     * @throws UlamException if fewer than 2 or more than {@value #MAX_VALUES} values are chosen
     */
    public static Pages page(FitDirectory fit, List<Integer> outputs) {
        int k = outputs.size();
        if (k < 2 || k > MAX_VALUES) {
            throw new UlamException("--pairs needs 2 to " + MAX_VALUES + " values, got " + k, null,
                    "name them, e.g. --pairs a_bar,sigma or --pairs a[1],a[2],sigma (a vector's name stands for all its elements)");
        }
        int per = fit.drawsPerChain();
        int s = fit.chains().size() * per;
        double[][] v = new double[k][s];
        boolean[] div = new boolean[s];
        int at = 0;
        for (ChainDraws c : fit.chains()) {
            for (int t = 0; t < per; t++, at++) {
                for (int j = 0; j < k; j++) v[j][at] = c.values()[t][outputs.get(j)];
                div[at] = c.stats()[t][SamplerStat.DIVERGENT.index()] != 0;
            }
        }
        List<String> names = outputs.stream().map(o -> fit.manifest().outputNames().get(o)).toList();
        List<JFreeChart> cells = new ArrayList<>();
        for (int row = 0; row < k; row++) {
            for (int col = 0; col < k; col++) {
                if (row == col) cells.add(histogram(names.get(row), v[row]));
                else if (row > col) cells.add(scatter(v[col], v[row], div, col == 0 ? names.get(row) : null,
                        row == k - 1 ? names.get(col) : null));
                else cells.add(correlation(v[col], v[row]));
            }
        }
        int divergent = 0;
        for (boolean d : div) if (d) divergent++;
        List<Pages.Key> legend = List.of(new Pages.Key("draws", Color.GRAY, true),
                new Pages.Key("divergent transitions (" + divergent + ")", Style.DIVERGENT, true));
        return new Pages(cells, k, CELL, CELL, legend).rasterOnly();
    }

    private static JFreeChart histogram(String name, double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : x) {
            if (!Double.isFinite(d)) continue;
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        XYIntervalSeries bars = new XYIntervalSeries(name);
        if (lo < hi) {
            int bins = 30;
            int[] n = new int[bins];
            for (double d : x) if (Double.isFinite(d)) n[Math.min(bins - 1, (int) ((d - lo) / (hi - lo) * bins))]++;
            double w = (hi - lo) / bins;
            for (int b = 0; b < bins; b++) bars.add(lo + (b + 0.5) * w, lo + b * w, lo + (b + 1) * w, n[b], n[b], n[b]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bars);
        XYBarRenderer r = new XYBarRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, BAR);
        NumberAxis xa = new NumberAxis();
        xa.setAutoRangeIncludesZero(false);
        NumberAxis ya = new NumberAxis();
        ya.setTickLabelsVisible(false);
        XYPlot plot = new XYPlot(data, xa, ya, r);
        Style.axes(plot, null, null);
        return Style.chart(name, plot, null);
    }

    private static JFreeChart scatter(double[] x, double[] y, boolean[] div, String yName, String xName) {
        XYSeries all = new XYSeries("draws", false, true);
        XYSeries bad = new XYSeries("divergent", false, true);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            (div[i] ? bad : all).add(x[i], y[i], false);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(all);
        data.addSeries(bad);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, DOT);
        r.setSeriesShape(0, new Ellipse2D.Double(-1.2, -1.2, 2.4, 2.4));
        r.setSeriesPaint(1, Style.DIVERGENT);
        r.setSeriesShape(1, new Ellipse2D.Double(-2, -2, 4, 4));
        NumberAxis xa = new NumberAxis();
        xa.setAutoRangeIncludesZero(false);
        NumberAxis ya = new NumberAxis();
        ya.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, xa, ya, r);
        Style.axes(plot, xName, yName);
        return Style.chart(null, plot, null);
    }

    private static JFreeChart correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            mx += x[i];
            my += y[i];
            n++;
        }
        mx /= Math.max(1, n);
        my /= Math.max(1, n);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        NumberAxis xa = new NumberAxis();
        xa.setRange(0, 1);
        xa.setVisible(false);
        NumberAxis ya = new NumberAxis();
        ya.setRange(0, 1);
        ya.setVisible(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), xa, ya, new XYLineAndShapeRenderer());
        XYTextAnnotation t = new XYTextAnnotation(Double.isNaN(r) ? "r = NA" : String.format(Locale.ROOT, "r = %.2f", r), 0.5, 0.5);
        t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12 + (int) Math.round(10 * (Double.isNaN(r) ? 0 : Math.abs(r)))));
        plot.addAnnotation(t);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return Style.chart(null, plot, null);
    }
}
