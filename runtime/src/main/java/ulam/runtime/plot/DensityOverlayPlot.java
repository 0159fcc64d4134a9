package ulam.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The density-overlay posterior predictive check, bayesplot's {@code pp_check} default
 * ({@code ppc_dens_overlay}): the kernel density estimate of the observed outcomes (a thick dark
 * line, "y") over those of {@value #DRAWS} simulated data sets (thin light-blue lines,
 * "y_rep"), each a Gaussian kernel density with R's default bandwidth {@code bw.nrd0}
 * ({@code 0.9 min(sd, IQR / 1.34) n^-1/5}, Silverman's rule, as {@code stats::density}), evaluated
 * at 512 points over the range of all the values. A model that reproduces the data draws the
 * observed curve inside the bundle. Values that are not finite are left out.
 */
public final class DensityOverlayPlot {
    /** Simulated data sets drawn (bayesplot's examples use 50-100). */
    public static final int DRAWS = 50;
    /** Points per curve (stats::density's n). */
    static final int POINTS = 512;
    private static final Color REP = new Color(0x9ECAE1);
    private static final Color OBS = new Color(0x08306B);

    private DensityOverlayPlot() {
    }

    /**
     * R's {@code bw.nrd0} of the values.
     *
     * @param x finite values (at least 2)
     * @return the bandwidth (positive)
     */
    static double bandwidth(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double mean = 0;
        for (double v : s) mean += v;
        mean /= n;
        double ss = 0;
        for (double v : s) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double iqr = quantile(s, 0.75) - quantile(s, 0.25);
        double lo = Math.min(sd, iqr / 1.34);
        if (!(lo > 0)) lo = sd > 0 ? sd : Math.abs(s[0]) > 0 ? Math.abs(s[0]) : 1;
        return 0.9 * lo * Math.pow(n, -0.2);
    }

    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Gaussian kernel density of the values at the grid points.
     *
     * @param x    finite values
     * @param grid points
     * @return the density at each point
     */
    static double[] density(double[] x, double[] grid) {
        double bw = bandwidth(x);
        double[] d = new double[grid.length];
        double c = 1 / (x.length * bw * Math.sqrt(2 * Math.PI));
        for (int g = 0; g < grid.length; g++) {
            double sum = 0;
            for (double v : x) {
                double z = (grid[g] - v) / bw;
                sum += Math.exp(-0.5 * z * z);
            }
            d[g] = c * sum;
        }
        return d;
    }

    private static double[] finite(double[] x) {
        return Arrays.stream(x).filter(Double::isFinite).toArray();
    }

    /**
     * The chart.
     *
     * @param observed  {@code double[N]} observed outcomes
     * @param simulated {@code double[S][N]} simulated outcomes; the first of {@value #DRAWS} rows
     *                  evenly spaced over S are drawn
     * @param title     title
     * @param name      the outcome's name (x axis)
     * @return the chart
     * @throws IllegalArgumentException if the shapes disagree or S is 0
     */
    public static JFreeChart chart(double[] observed, double[][] simulated, String title, String name) {
        PredictivePlot.check(observed, simulated, 0.5);
        double[] obs = finite(observed);
        int k = Math.min(DRAWS, simulated.length);
        List<double[]> reps = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : obs) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (int j = 0; j < k; j++) {
            double[] rep = finite(simulated[(int) ((long) j * simulated.length / k)]);
            if (rep.length < 2) continue;
            reps.add(rep);
            for (double v : rep) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        if (lo < hi) {
            double[] grid = new double[POINTS];
            for (int g = 0; g < POINTS; g++) grid[g] = lo + (hi - lo) * g / (POINTS - 1);
            int series = 0;
            for (double[] rep : reps) {
                data.addSeries(curve("y_rep " + (series + 1), grid, density(rep, grid)));
                r.setSeriesPaint(series, REP);
                r.setSeriesStroke(series, new BasicStroke(0.7f));
                series++;
            }
            if (obs.length >= 2) {
                data.addSeries(curve("y", grid, density(obs, grid)));
                r.setSeriesPaint(series, OBS);
                r.setSeriesStroke(series, new BasicStroke(2.2f));
            }
        }
        NumberAxis x = new NumberAxis();
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis();
        XYPlot plot = new XYPlot(data, x, y, r);
        Style.axes(plot, name, "density");
        return Style.chart(title, plot, null);
    }

    private static XYSeries curve(String key, double[] grid, double[] d) {
        XYSeries s = new XYSeries(key, false, true);
        for (int g = 0; g < grid.length; g++) s.add(grid[g], d[g], false);
        return s;
    }

    /**
     * The plot as one page with its legend.
     *
     * @param observed  {@code double[N]}
     * @param simulated {@code double[S][N]}
     * @param title     title
     * @param name      the outcome's name
     * @return the page
     */
    public static Pages page(double[] observed, double[][] simulated, String title, String name) {
        List<Pages.Key> legend = List.of(new Pages.Key("y (observed)", OBS, false),
                new Pages.Key("y_rep (" + Math.min(DRAWS, simulated.length) + " simulated data sets)", REP, false));
        return new Pages(List.of(chart(observed, simulated, title, name)), 1, 760, 420, legend);
    }
}
