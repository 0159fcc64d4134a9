package ulam.runtime.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.plot.ValueMarker;
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
 * distribution give flat, overlapping histograms near the expected count. Needs at least two chains.
 */
public final class TrankPlot {
    /** rethinking's default number of bins. */
    public static final int BINS = 30;

    private TrankPlot() {
    }

    /**
     * Rank histograms of draws.
     *
     * @param draws {@code double[chains][]}, the chains' draws (their lengths may differ)
     * @param bins  number of bins (at least 1)
     * @return {@code int[chains][bins]}: how many of each chain's draws have their joint rank in each bin
     */
    public static int[][] histograms(double[][] draws, int bins) {
        int chains = draws.length;
        int total = 0;
        for (double[] d : draws) total += d.length;
        double[] all = new double[total];
        int[] start = new int[chains];
        for (int c = 0, at = 0; c < chains; c++) {
            start[c] = at;
            System.arraycopy(draws[c], 0, all, at, draws[c].length);
            at += draws[c].length;
        }
        double[] ranks = averageRanks(all);
        int[][] h = new int[chains][bins];
        for (int c = 0; c < chains; c++) {
            for (int t = 0; t < draws[c].length; t++) {
                // rank in [1, total] -> bin in [0, bins): equal-width bins over the ranks
                int b = (int) Math.floor((ranks[start[c] + t] - 1) * bins / total);
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
     * The panel of one output: each chain's counts per bin as a step line, drawn over the ranks
     * {@code 1..S} of the S post-warmup draws of all chains (the x axis is the rank, so its ticks
     * read as ranks), the expected count per bin as a dashed grey line, {@code n_eff} at the top
     * right. Draws that are NaN have no rank and are left out (counted in the note); infinite
     * draws rank first or last.
     *
     * @param fit     the fit
     * @param output  index into the manifest's output names
     * @param bins    number of bins
     * @param essBulk bulk ESS to print (NaN prints {@code NA})
     * @return the chart
     */
    public static JFreeChart panel(FitDirectory fit, int output, int bins, double essBulk) {
        int chains = fit.chains().size();
        double[][] draws = new double[chains][];
        int nan = 0;
        for (int c = 0; c < chains; c++) {
            double[] d = new double[fit.drawsPerChain()];
            int k = 0;
            for (int t = 0; t < fit.drawsPerChain(); t++) {
                double v = fit.chains().get(c).values()[t][output];
                if (Double.isNaN(v)) nan++;
                else d[k++] = v;
            }
            draws[c] = Arrays.copyOf(d, k);
        }
        int total = 0;
        for (double[] d : draws) total += d.length;
        XYSeriesCollection data = new XYSeriesCollection();
        XYStepRenderer r = new XYStepRenderer();
        double width = (double) Math.max(1, total) / bins;
        if (total > 0) {
            int[][] h = histograms(draws, bins);
            for (int c = 0; c < chains; c++) {
                XYSeries s = new XYSeries("chain " + fit.chains().get(c).id(), false, true);
                for (int b = 0; b < bins; b++) s.add(b * width, h[c][b], false);
                s.add(bins * width, h[c][bins - 1], false); // close the last step
                data.addSeries(s);
                r.setSeriesPaint(c, Style.chain(fit.chains().get(c).id()));
                r.setSeriesStroke(c, Style.LINE);
            }
        }
        NumberAxis x = new NumberAxis();
        x.setRange(0, Math.max(1, total));
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        if (total > 0) {
            plot.addRangeMarker(new ValueMarker((double) total / chains / bins, Color.GRAY,
                    new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f)));
        }
        Style.axes(plot, "rank (all chains)", "count");
        String note = "n_eff = " + (Double.isNaN(essBulk) ? "NA" : String.format(Locale.ROOT, "%.0f", essBulk))
                + (nan > 0 ? "; " + nan + " NaN draws left out" : "");
        return Style.chart(fit.manifest().outputNames().get(output), plot, note);
    }

    /**
     * The pages of trank plots of some outputs, with the chains' legend.
     *
     * @param fit     the fit
     * @param outputs output indices, in panel order
     * @param essBulk bulk ESS per output index
     * @return pages of at most 3 x 5 panels
     * @throws UlamException if the fit has fewer than two chains (as rethinking: ranks need chains to compare)
     */
    public static List<Pages> pages(FitDirectory fit, List<Integer> outputs, double[] essBulk) {
        if (fit.chains().size() < 2) {
            throw new UlamException("trank plots need more than one chain; " + fit.dir() + " has one", null,
                    "run the model with --chains 4");
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (int o : outputs) panels.add(panel(fit, o, BINS, essBulk[o]));
        List<Pages.Key> legend = new ArrayList<>(Pages.chainKeys(fit.chains().stream().map(c -> c.id()).toList()));
        legend.add(new Pages.Key("expected count", Color.GRAY, false));
        return Pages.paginate(panels, legend);
    }
}
