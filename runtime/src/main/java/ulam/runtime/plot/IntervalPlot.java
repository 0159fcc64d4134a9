package ulam.runtime.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import ulam.runtime.diagnostics.SamplerDiagnostics;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.output.PrecisTable;

/**
 * The precis interval plot ({@code plot(precis(fit))}, language reference 8.1): one row per
 * parameter, top to bottom in table order, a dot at the posterior mean and a line over the
 * percentile interval of mass {@code prob} (5.5% to 94.5% by default), with a vertical line at 0.
 * Rows whose R-hat is above {@link SamplerDiagnostics#RHAT_THRESHOLD} are drawn in red (filled
 * dots); rows whose mean or interval is not finite are named {@code (not finite)} and not drawn.
 */
public final class IntervalPlot {
    /** Height of one row, pixels. */
    public static final int ROW_HEIGHT = 22;
    /** Width of the page, pixels. */
    public static final int WIDTH = 760;

    private IntervalPlot() {
    }

    /**
     * The chart.
     *
     * @param rows summaries to show, in table order (their interval is the one drawn)
     * @param prob the mass of the intervals, for the axis label
     * @return the chart
     */
    public static JFreeChart chart(List<VariableSummary> rows, double prob) {
        XYIntervalSeries s = new XYIntervalSeries("precis");
        XYIntervalSeries bad = new XYIntervalSeries("R-hat above " + SamplerDiagnostics.RHAT_THRESHOLD);
        int n = rows.size();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            VariableSummary v = rows.get(n - 1 - i); // first row at the top
            boolean finite = Double.isFinite(v.mean()) && Double.isFinite(v.lower()) && Double.isFinite(v.upper());
            names[i] = finite ? Style.label(v.name()) : Style.label(v.name()) + " (not finite)";
            if (!finite) continue;
            (v.rhat() > SamplerDiagnostics.RHAT_THRESHOLD ? bad : s).add(v.mean(), v.lower(), v.upper(), i, i, i);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(s);
        data.addSeries(bad);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawYError(false);
        r.setDrawXError(true);
        r.setErrorPaint(null);   // each interval in its series' colour
        r.setErrorStroke(Style.LINE);
        r.setCapLength(0);
        r.setSeriesPaint(0, Color.BLACK);
        r.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        r.setSeriesShapesFilled(0, false);
        r.setSeriesLinesVisible(0, false);
        r.setSeriesPaint(1, Style.DIVERGENT);
        r.setSeriesShape(1, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        r.setSeriesShapesFilled(1, true);
        r.setSeriesLinesVisible(1, false);
        NumberAxis x = new NumberAxis("Value (mean and " + PrecisTable.percentLabel((1 - prob) / 2) + " to "
                + PrecisTable.percentLabel(1 - (1 - prob) / 2) + " interval)");
        x.setAutoRangeIncludesZero(false);
        SymbolAxis y = new SymbolAxis(null, names);
        y.setGridBandsVisible(false);
        y.setRange(-0.7, n - 0.3);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.addDomainMarker(new ValueMarker(0, Color.GRAY, Style.THIN));
        return Style.chart(null, plot, null);
    }

    /**
     * The plot as one page, sized to the number of rows.
     *
     * @param rows summaries to show
     * @param prob interval mass
     * @return the page
     */
    public static Pages page(List<VariableSummary> rows, double prob) {
        return new Pages(List.of(chart(rows, prob)), 1, WIDTH, 90 + ROW_HEIGHT * Math.max(1, rows.size()));
    }
}
