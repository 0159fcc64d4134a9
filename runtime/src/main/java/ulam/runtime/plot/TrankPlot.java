package ulam.runtime.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import ulam.runtime.UlamException;
import ulam.runtime.fit.FitDirectory;

/**
 * Trace-rank ("trank") plots (Vehtari, Gelman, Simpson, Carpenter and Bürkner 2021,
 * "Rank-normalization, folding, and localization: an improved R-hat", Bayesian Analysis 16,
 * Sec. 4.1; rethinking's {@code trankplot}): the post-warmup draws of all chains are ranked
 * jointly (ties get their average rank), and each chain's ranks are counted in {@code bins}
 * equal bins and drawn as a step line in the chain's colour. Chains that sample the same
 * distribution give flat, overlapping histograms. Needs at least two chains.
 */
public final class TrankPlot {
    /** rethinking's default number of bins. */
    public static final int BINS = 30;

    private TrankPlot() {
    }

    /**
     * Rank histograms of draws.
     *
     * @param draws {@code double[chains][draws]}
     * @param bins  number of bins (at least 1)
     * @return {@code int[chains][bins]}: how many of each chain's draws have their joint rank in each bin
     */
    public static int[][] histograms(double[][] draws, int bins) {
        int chains = draws.length;
        int n = draws[0].length;
        int total = chains * n;
        double[] all = new double[total];
        for (int c = 0; c < chains; c++) System.arraycopy(draws[c], 0, all, c * n, n);
        double[] ranks = averageRanks(all);
        int[][] h = new int[chains][bins];
        for (int c = 0; c < chains; c++) {
            for (int t = 0; t < n; t++) {
                // rank in [1, total] -> bin in [0, bins): equal-width bins over the ranks
                int b = (int) Math.floor((ranks[c * n + t] - 1) * bins / total);
                h[c][Math.min(bins - 1, Math.max(0, b))]++;
            }
        }
        return h;
    }

    /** Ranks 1..n with ties given their average rank (R's {@code rank}). */
    static double[] averageRanks(double[] x) {
        int n = x.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Double.compare(x[idx[j + 1]], x[idx[i]]) == 0) j++;
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[idx[k]] = avg;
            i = j + 1;
        }
        return r;
    }

    /**
     * The panel of one output.
     *
     * @param fit    the fit
     * @param output index into the manifest's output names
     * @param bins   number of bins
     * @return the chart
     */
    public static JFreeChart panel(FitDirectory fit, int output, int bins) {
        int chains = fit.chains().size();
        double[][] draws = new double[chains][fit.drawsPerChain()];
        for (int c = 0; c < chains; c++) for (int t = 0; t < fit.drawsPerChain(); t++) draws[c][t] = fit.chains().get(c).values()[t][output];
        int[][] h = histograms(draws, bins);
        XYSeriesCollection data = new XYSeriesCollection();
        XYStepRenderer r = new XYStepRenderer();
        for (int c = 0; c < chains; c++) {
            XYSeries s = new XYSeries("chain " + (c + 1), false, true);
            for (int b = 0; b < bins; b++) s.add(b + 1, h[c][b], false);
            s.add(bins + 1, h[c][bins - 1], false); // close the last step
            data.addSeries(s);
            r.setSeriesPaint(c, Style.chain(fit.chains().get(c).id()));
            r.setSeriesStroke(c, Style.LINE);
        }
        NumberAxis x = new NumberAxis(null);
        x.setRange(1, bins + 1);
        x.setTickLabelsVisible(false);
        NumberAxis y = new NumberAxis(null);
        y.setAutoRangeIncludesZero(true);
        return Style.chart(fit.manifest().outputNames().get(output), new XYPlot(data, x, y, r), null);
    }

    /**
     * The pages of trank plots of some outputs.
     *
     * @param fit     the fit
     * @param outputs output indices, in panel order
     * @return pages of at most 3 x 5 panels
     * @throws UlamException if the fit has fewer than two chains (as rethinking: ranks need chains to compare)
     */
    public static List<Pages> pages(FitDirectory fit, List<Integer> outputs) {
        if (fit.chains().size() < 2) {
            throw new UlamException("trank plots need more than one chain; " + fit.dir() + " has one", null,
                    "run the model with --chains 4");
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (int o : outputs) panels.add(panel(fit, o, BINS));
        return Pages.paginate(panels);
    }
}
