package ulam.runtime.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.output.PrecisTable;

/**
 * The posterior predictive check of rethinking's {@code postcheck} (bayesplot's
 * {@code ppc_intervals}): for every case i (x axis), the observed outcome (filled blue dot)
 * against the simulated outcomes, drawn as their mean (open circle) and the central interval of
 * mass {@code prob} (vertical line); a legend strip says which is which. Observations outside
 * their interval stand out. The simulations are an S x N matrix, e.g. what {@code ulam sim}
 * writes; draws that are not finite are left out of a case's mean and interval.
 */
public final class PredictivePlot {
    /** Width of the page, pixels. */
    public static final int WIDTH = 1000;
    /** Height of the page, pixels (the legend strip included). */
    public static final int HEIGHT = 420;

    private PredictivePlot() {
    }

    /**
     * The chart.
     *
     * @param observed  {@code double[N]} observed outcomes
     * @param simulated {@code double[S][N]} simulated outcomes, one row per draw
     * @param prob      interval mass in (0, 1)
     * @param title     title, e.g. {@code Posterior predictive check: surv}
     * @param name      the outcome's name, the y axis title
     * @return the chart
     * @throws IllegalArgumentException if the shapes disagree, S is 0 or prob is outside (0, 1)
     */
    public static JFreeChart chart(double[] observed, double[][] simulated, double prob, String title, String name) {
        int n = observed.length;
        check(observed, simulated, prob);
        XYIntervalSeries sim = new XYIntervalSeries("simulated");
        double a = (1 - prob) / 2;
        double[] col = new double[simulated.length];
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (double[] row : simulated) if (Double.isFinite(row[i])) col[k++] = row[i];
            if (k == 0) continue;
            double[][] x = {Arrays.copyOf(col, k)};
            double[] interval = Convergence.quantiles(x, a, 1 - a);
            sim.add(i + 1, i + 1, i + 1, Convergence.mean(x), interval[0], interval[1]);
        }
        XYIntervalSeriesCollection simData = new XYIntervalSeriesCollection();
        simData.addSeries(sim);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setErrorPaint(Color.DARK_GRAY);
        r.setErrorStroke(Style.THIN);
        r.setCapLength(0);
        r.setSeriesPaint(0, Color.DARK_GRAY);
        r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesShapesFilled(0, false);
        r.setSeriesLinesVisible(0, false);

        XYSeries obs = new XYSeries("observed", false, true);
        for (int i = 0; i < n; i++) if (Double.isFinite(observed[i])) obs.add(i + 1, observed[i], false);
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
        pr.setSeriesPaint(0, Style.chain(1));
        pr.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));

        NumberAxis x = new NumberAxis();
        x.setRange(0.5, n + 0.5);
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(obs), x, y, pr);
        plot.setDataset(1, simData);
        plot.setRenderer(1, r);
        Style.axes(plot, "case", name);
        return Style.chart(title, plot, null);
    }

    static void check(double[] observed, double[][] simulated, double prob) {
        if (simulated.length == 0) throw new IllegalArgumentException("no simulated draws");
        if (!(prob > 0 && prob < 1)) throw new IllegalArgumentException("prob must lie in (0, 1): " + prob);
        for (double[] row : simulated) {
            if (row.length != observed.length) {
                throw new IllegalArgumentException("simulations have " + row.length + " cases, observations " + observed.length);
            }
        }
    }

    /**
     * The plot as one page, with its legend.
     *
     * @param observed  {@code double[N]}
     * @param simulated {@code double[S][N]}
     * @param prob      interval mass
     * @param title     title
     * @param name      the outcome's name
     * @return the page
     */
    public static Pages page(double[] observed, double[][] simulated, double prob, String title, String name) {
        String interval = PrecisTable.percentLabel((1 - prob) / 2) + " to " + PrecisTable.percentLabel(1 - (1 - prob) / 2);
        List<Pages.Key> legend = List.of(new Pages.Key("observed", Style.chain(1), true),
                new Pages.Key("simulated: mean (circle) and " + interval + " interval", Color.DARK_GRAY, false));
        return new Pages(List.of(chart(observed, simulated, prob, title, name)), 1, WIDTH, HEIGHT - Pages.LEGEND_HEIGHT, legend);
    }
}
