package ulam.runtime.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import ulam.runtime.diagnostics.RankUniformity;

/**
 * Rank histograms of simulation-based calibration (Talts et al. 2018, "Validating Bayesian
 * inference algorithms with simulation-based calibration", Sec. 4 and Fig. 1): one panel per
 * quantity, the ranks' counts per bin as bars over ranks {@code 0..L}, the expected count as a
 * line and, shaded grey, the central 99% interval of one bin's count under uniformity
 * (Binomial(N, width / (L + 1)) quantiles 0.005 and 0.995; pointwise, so about one bin in a
 * hundred leaves it by chance). A smile (too many extreme ranks) is a posterior too narrow, a
 * frown one too wide, a slope a biased one.
 */
public final class RankHistogramPlot {
    private static final Color BAR = new Color(0x56B4E9);
    private static final Color BAND = new Color(0xDDDDDD);

    private RankHistogramPlot() {
    }

    /**
     * The panel of one quantity.
     *
     * @param name    the quantity's name (panel title)
     * @param test    its test results (counts per bin, expected counts, bin starts, p-values)
     * @param maxRank {@code L}: ranks run from 0 to L
     * @return the chart
     */
    public static JFreeChart panel(String name, RankUniformity.Test test, int maxRank) {
        int bins = test.counts().length;
        int n = 0;
        for (int c : test.counts()) n += c;
        XYIntervalSeries bars = new XYIntervalSeries("ranks");
        for (int b = 0; b < bins; b++) {
            double lo = test.binStarts()[b];
            double hi = b + 1 < bins ? test.binStarts()[b + 1] : maxRank + 1;
            bars.add((lo + hi) / 2, lo, hi, test.counts()[b], test.counts()[b], test.counts()[b]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bars);
        XYBarRenderer r = new XYBarRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(true);
        r.setSeriesPaint(0, BAR);
        r.setSeriesOutlinePaint(0, Color.WHITE);
        NumberAxis x = new NumberAxis("rank");
        x.setRange(0, maxRank + 1);
        NumberAxis y = new NumberAxis(null);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        // the band and the expected count of a bin of average width
        double p = test.expected()[0] / n;
        BinomialDistribution count = new BinomialDistribution(null, n, Math.min(1, p));
        plot.addRangeMarker(new IntervalMarker(count.inverseCumulativeProbability(0.005),
                count.inverseCumulativeProbability(0.995), BAND), Layer.BACKGROUND);
        ValueMarker mean = new ValueMarker(test.expected()[0], Color.GRAY, Style.THIN);
        plot.addRangeMarker(mean, Layer.FOREGROUND);
        String note = String.format(Locale.ROOT, "chi2 p = %s, ECDF p = %s", RankUniformity.formatP(test.chiSquareP()), RankUniformity.formatP(test.ecdfP()));
        return Style.chart(name, plot, note);
    }

    /**
     * The pages of rank histograms.
     *
     * @param names   the quantities' names
     * @param tests   their test results, in the same order
     * @param maxRank {@code L}
     * @return pages of at most 3 x 5 panels
     */
    public static List<Pages> pages(List<String> names, List<RankUniformity.Test> tests, int maxRank) {
        List<JFreeChart> panels = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) panels.add(panel(names.get(k), tests.get(k), maxRank));
        return Pages.paginate(panels);
    }
}
