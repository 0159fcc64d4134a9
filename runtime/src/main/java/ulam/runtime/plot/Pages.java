package ulam.runtime.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
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

    private final List<JFreeChart> panels;
    private final int columns;
    private final int width;
    private final int height;

    /**
     * A page.
     *
     * @param panels  the charts, filled row by row
     * @param columns panels per row
     * @param panelW  panel width, pixels
     * @param panelH  panel height, pixels
     */
    public Pages(List<JFreeChart> panels, int columns, int panelW, int panelH) {
        this.panels = List.copyOf(panels);
        this.columns = Math.max(1, Math.min(columns, panels.size()));
        int rows = (panels.size() + this.columns - 1) / this.columns;
        this.width = this.columns * panelW;
        this.height = Math.max(1, rows) * panelH;
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
        List<Pages> out = new ArrayList<>();
        int per = COLUMNS * ROWS;
        for (int i = 0; i < panels.size(); i += per) {
            out.add(new Pages(panels.subList(i, Math.min(panels.size(), i + per)), COLUMNS, PANEL_WIDTH, PANEL_HEIGHT));
        }
        return out;
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int panelW = width / columns;
        int rows = (panels.size() + columns - 1) / columns;
        int panelH = height / Math.max(1, rows);
        for (int i = 0; i < panels.size(); i++) {
            int r = i / columns;
            int c = i % columns;
            panels.get(i).draw(g, new Rectangle2D.Double(c * panelW, r * panelH, panelW, panelH));
        }
    }

    /** The page as a PNG image. */
    public byte[] png() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
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
     * Writes {@code base.png} and {@code base.svg}.
     *
     * @param base the path without extension
     * @return the two files written
     * @throws UlamException if a file cannot be written
     */
    public List<Path> write(Path base) {
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        try {
            if (base.getParent() != null) Files.createDirectories(base.getParent());
            Files.write(png, png());
            Files.writeString(svg, svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UlamException("cannot write the plot " + png + ": " + e.getMessage(), null,
                    "check that the output folder is writable");
        }
        return List.of(png, svg);
    }
}
