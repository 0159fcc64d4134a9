package ulam.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** Colours, fonts and the common look of the panels. */
final class Style {
    private Style() {
    }

    /** Chain colours (colour-blind safe, Okabe-Ito), chain c gets {@code CHAINS[(c - 1) % 8]}. */
    static final Color[] CHAINS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};
    static final Color WARMUP = new Color(0xE6E6E6);
    static final Color GRID = new Color(0xDDDDDD);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    /** Divergent transitions (bayesplot's and rethinking's red). */
    static final Color DIVERGENT = new Color(0xD62728);
    static final BasicStroke THIN = new BasicStroke(0.6f);
    static final BasicStroke LINE = new BasicStroke(1.2f);

    /** The colour of chain {@code c} (1-based). */
    static Color chain(int c) {
        return CHAINS[(c - 1) % CHAINS.length];
    }

    /**
     * Axis titles and tick labels in the panels' fonts (small: pages hold 15 panels).
     *
     * @param plot  the plot whose axes to style
     * @param xName the domain axis title, or null
     * @param yName the range axis title, or null
     */
    static void axes(XYPlot plot, String xName, String yName) {
        plot.getDomainAxis().setLabel(xName);
        plot.getRangeAxis().setLabel(yName);
        for (var a : new org.jfree.chart.axis.ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            a.setLabelFont(AXIS);
            a.setTickLabelFont(TICKS);
        }
    }

    /** Labels are cut to this many characters (JFreeChart's line breaking takes time quadratic in a label's length). */
    static final int LABEL = 80;

    /**
     * A name as a plot shows it: as it is up to {@value #LABEL} characters, else its start and end
     * around an ellipsis, e.g. a 20,000-character parameter name.
     */
    static String label(String name) {
        if (name == null || name.length() <= LABEL) return name;
        int half = (LABEL - 1) / 2;
        return name.substring(0, half) + "\u2026" + name.substring(name.length() - half);
    }

    /** A chart around an XY plot: white, no legend, the title top left, an optional note inside the plot at the top right. */
    static JFreeChart chart(String title, XYPlot plot, String note) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        if (title != null) {
            TextTitle t = new TextTitle(label(title), TITLE);
            t.setHorizontalAlignment(HorizontalAlignment.LEFT);
            t.setPosition(RectangleEdge.TOP);
            chart.addSubtitle(t);
        }
        if (note != null) {
            // inside the plot area, top right (rethinking writes n_eff there)
            TextTitle t = new TextTitle(note, NOTE);
            t.setBackgroundPaint(new Color(255, 255, 255, 200));
            t.setPadding(new RectangleInsets(1, 3, 1, 3));
            plot.addAnnotation(new XYTitleAnnotation(0.995, 0.99, t, RectangleAnchor.TOP_RIGHT));
        }
        return chart;
    }
}
