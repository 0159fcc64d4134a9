package ulam.runtime.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import ulam.runtime.UlamException;

/**
 * A page of chart panels in a grid, rendered by JFreeChart into PNG (Java2D) and SVG (JFreeSVG).
 * The same drawing code makes both files, so they show the same picture.
 */
public final class Pages {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** Panels per row of a page of small multiples (rethinking's traceplot: 3). */
    public static final int COLUMNS = 3;
    /** Rows per page (rethinking's traceplot: 5). */
    public static final int ROWS = 5;
    /** Width of one panel in pixels. */
    public static final int PANEL_WIDTH = 420;
    /** Height of one panel in pixels. */
    public static final int PANEL_HEIGHT = 250;

    /** Height of the legend strip at the top of a page that has one, pixels. */
    public static final int LEGEND_HEIGHT = 24;

    /**
     * One entry of a page's legend: a short line (or, for a point, a dot) in its colour and a label.
     *
     * @param label the text, e.g. {@code chain 1}
     * @param color its colour
     * @param point a dot instead of a line (e.g. divergent transitions)
     */
    public record Key(String label, Color color, boolean point) {
    }

    private final List<JFreeChart> panels;
    private final int columns;
    private final int width;
    private final int height;
    private final List<Key> legend;
    private boolean vector = true;

    /**
     * A page.
     *
     * @param panels  the charts, filled row by row
     * @param columns panels per row
     * @param panelW  panel width, pixels
     * @param panelH  panel height, pixels
     */
    public Pages(List<JFreeChart> panels, int columns, int panelW, int panelH) {
        this(panels, columns, panelW, panelH, List.of());
    }

    /**
     * A page with a legend strip of {@link #LEGEND_HEIGHT} pixels above the panels (one legend for
     * all panels, as bayesplot draws one for a grid of facets).
     *
     * @param panels  the charts, filled row by row
     * @param columns panels per row
     * @param panelW  panel width, pixels
     * @param panelH  panel height, pixels
     * @param legend  the legend's entries, left to right (empty: no strip)
     */
    public Pages(List<JFreeChart> panels, int columns, int panelW, int panelH, List<Key> legend) {
        this.panels = List.copyOf(panels);
        this.columns = Math.max(1, Math.min(columns, panels.size()));
        int rows = (panels.size() + this.columns - 1) / this.columns;
        this.legend = List.copyOf(legend);
        this.width = this.columns * panelW;
        this.height = Math.max(1, rows) * panelH + (legend.isEmpty() ? 0 : LEGEND_HEIGHT);
    }

    /**
     * Makes {@link #write} leave out the SVG file: for pages of many thousand points (the pairs
     * plot's scatter of every draw would be a 25 MB SVG), whose PNG is the useful picture.
     *
     * @return this page
     */
    public Pages rasterOnly() {
        vector = false;
        return this;
    }

    /** Whether {@link #write} writes an SVG file beside the PNG. */
    public boolean vector() {
        return vector;
    }

    /** Page width in pixels. */
    public int width() {
        return width;
    }

    /** Page height in pixels. */
    public int height() {
        return height;
    }

    /** Splits panels into pages of {@link #COLUMNS} x {@link #ROWS} standard-size panels. */
    public static List<Pages> paginate(List<JFreeChart> panels) {
        return paginate(panels, List.of());
    }

    /** As {@link #paginate(List)}, each page with the same legend strip. */
    public static List<Pages> paginate(List<JFreeChart> panels, List<Key> legend) {
        List<Pages> out = new ArrayList<>();
        int per = COLUMNS * ROWS;
        for (int i = 0; i < panels.size(); i += per) {
            out.add(new Pages(panels.subList(i, Math.min(panels.size(), i + per)), COLUMNS, PANEL_WIDTH, PANEL_HEIGHT, legend));
        }
        return out;
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = legend.isEmpty() ? 0 : LEGEND_HEIGHT;
        if (!legend.isEmpty()) drawLegend(g);
        int panelW = width / columns;
        int rows = (panels.size() + columns - 1) / columns;
        int panelH = (height - top) / Math.max(1, rows);
        for (int i = 0; i < panels.size(); i++) {
            int r = i / columns;
            int c = i % columns;
            panels.get(i).draw(g, new Rectangle2D.Double(c * panelW, top + r * panelH, panelW, panelH));
        }
    }

    private void drawLegend(Graphics2D g) {
        g.setFont(Style.AXIS);
        java.awt.FontMetrics fm = g.getFontMetrics();
        int x = 10;
        int y = LEGEND_HEIGHT / 2;
        for (Key k : legend) {
            g.setColor(k.color());
            if (k.point()) {
                g.fillOval(x + 6, y - 4, 8, 8);
            } else {
                g.setStroke(new java.awt.BasicStroke(2.5f));
                g.drawLine(x, y, x + 20, y);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(k.label(), x + 25, y + fm.getAscent() / 2 - 1);
            x += 25 + fm.stringWidth(k.label()) + 18;
        }
    }

    /** The legend entries for chains {@code 1..chains} in their colours. */
    static List<Key> chainKeys(List<Integer> chainIds) {
        List<Key> keys = new ArrayList<>();
        for (int c : chainIds) keys.add(new Key("chain " + c, Style.chain(c), false));
        return keys;
    }

    /** The page as a PNG image (a palette of at most 256 colours, {@link IndexedPng}). */
    public byte[] png() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        return IndexedPng.encode(img);
    }

    /** The page as an SVG document (UTF-8 text, with the XML declaration). */
    public String svg() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        draw(g);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement();
    }

    /** The page as an inline {@code <svg>} element (no XML declaration), for an HTML page. */
    public String svgElement() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        draw(g);
        return g.getSVGElement();
    }

    /**
     * Writes {@code base.png} and (unless {@link #rasterOnly()}) {@code base.svg}.
     *
     * @param base the path without extension
     * @return the files written
     * @throws UlamException if a file cannot be written
     */
    public List<Path> write(Path base) {
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        try {
            if (base.getParent() != null) Files.createDirectories(base.getParent());
            Files.write(png, png());
            if (vector) Files.writeString(svg, svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UlamException("cannot write the plot " + png + ": " + e.getMessage(), null,
                    "check that the output folder is writable");
        }
        return vector ? List.of(png, svg) : List.of(png);
    }
}
