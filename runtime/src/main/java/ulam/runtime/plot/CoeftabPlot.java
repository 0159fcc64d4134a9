package ulam.runtime.plot;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
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
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.output.PrecisTable;

/**
 * rethinking's {@code plot(coeftab(m1, m2, ...))}: for each parameter, one row per model with the
 * posterior mean (dot) and the {@code prob} interval (line) in the model's colour, the rows of one
 * parameter together under its name, so the same parameter can be compared across models; a
 * legend names the models. A parameter a model lacks leaves its row empty.
 */
public final class CoeftabPlot {
    private CoeftabPlot() {
    }

    /**
     * The page.
     *
     * @param parameters the parameters, top to bottom
     * @param models     the models' names
     * @param cells      {@code cells.get(m).get(p)}: model m's summary of parameter p, or null
     * @param prob       the intervals' mass (for the axis title)
     * @return the page
     */
    public static Pages page(List<String> parameters, List<String> models, List<List<VariableSummary>> cells, double prob) {
        int rows = parameters.size() * (models.size() + 1);
        String[] labels = new String[rows];
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawYError(false);
        r.setErrorPaint(null);
        r.setErrorStroke(Style.LINE);
        r.setCapLength(0);
        for (int m = 0; m < models.size(); m++) {
            XYIntervalSeries s = new XYIntervalSeries(models.get(m));
            for (int p = 0; p < parameters.size(); p++) {
                int row = rows - 1 - (p * (models.size() + 1) + 1 + m);   // first parameter at the top, its name first
                labels[row] = "  " + models.get(m);
                VariableSummary v = cells.get(m).get(p);
                if (v == null || !Double.isFinite(v.mean()) || !Double.isFinite(v.lower()) || !Double.isFinite(v.upper())) continue;
                s.add(v.mean(), v.lower(), v.upper(), row, row, row);
            }
            data.addSeries(s);
            r.setSeriesPaint(m, Style.chain(m + 1));
            r.setSeriesShape(m, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            r.setSeriesLinesVisible(m, false);
        }
        for (int p = 0; p < parameters.size(); p++) labels[rows - 1 - p * (models.size() + 1)] = parameters.get(p);
        NumberAxis x = new NumberAxis("Value (mean and " + PrecisTable.percentLabel((1 - prob) / 2) + " to "
                + PrecisTable.percentLabel(1 - (1 - prob) / 2) + " interval)");
        x.setAutoRangeIncludesZero(false);
        SymbolAxis y = new SymbolAxis(null, labels);
        y.setGridBandsVisible(false);
        y.setRange(-0.7, rows - 0.3);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.addDomainMarker(new ValueMarker(0, java.awt.Color.GRAY, Style.THIN));
        Style.axes(plot, x.getLabel(), null);
        JFreeChart chart = Style.chart(null, plot, null);
        List<Pages.Key> legend = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) legend.add(new Pages.Key(models.get(m), Style.chain(m + 1), true));
        return new Pages(List.of(chart), 1, IntervalPlot.WIDTH, 70 + 16 * rows, legend);
    }
}
