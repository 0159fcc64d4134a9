package ulam.compiler.cli.fit;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import ulam.runtime.UlamException;

/**
 * A CSV of draws read back: a header, then one row per draw ({@code #} comment lines allowed,
 * quoted names such as {@code "b[1,2]"} allowed), as {@code ulam sim}, {@code link} and
 * {@code draws} write it. Numbers may be {@code nan}, {@code inf}, {@code -inf} (and R's
 * {@code NaN}, {@code Inf}, {@code NA}). The columns {@code .chain}, {@code .iteration} and
 * {@code .draw} are kept like any other.
 *
 * @param columns the header's names
 * @param values  {@code double[rows][columns.size()]}
 */
record DrawsCsv(List<String> columns, double[][] values) {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true).build();

    /** Number of columns (for a simulation: cases). */
    int cases() {
        return columns.size();
    }

    /** The common base name of columns like {@code S[1]} or {@code S.1}, or null. */
    String baseName() {
        String base = null;
        for (String c : columns) {
            int b = c.indexOf('[');
            if (b < 0) b = c.indexOf('.');
            String n = b < 0 ? c : c.substring(0, b);
            if (base == null) base = n;
            else if (!base.equals(n)) return null;
        }
        return base;
    }

    /**
     * Reads a file.
     *
     * @throws UlamException naming the file (and line) if it cannot be read, has no rows, a row of
     *                       the wrong length or a field that is not a number
     */
    static DrawsCsv read(Path file) {
        List<String> cols = null;
        List<double[]> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, FORMAT)) {
            for (CSVRecord rec : p) {
                if (cols == null) {
                    cols = rec.toList();
                    continue;
                }
                if (rec.size() != cols.size()) {
                    throw new UlamException(file + " line " + p.getCurrentLineNumber() + " has " + rec.size() + " fields, not "
                            + cols.size(), null, "give the CSV that ulam sim, link or draws wrote");
                }
                double[] v = new double[rec.size()];
                for (int i = 0; i < v.length; i++) v[i] = number(rec.get(i), file, p.getCurrentLineNumber());
                rows.add(v);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UlamException("cannot read " + file + ": " + e.getMessage(), null, "give the CSV that ulam sim, link or draws wrote");
        }
        if (cols == null || rows.isEmpty()) {
            throw new UlamException(file + " has no draws", null, "give the CSV that ulam sim, link or draws wrote");
        }
        return new DrawsCsv(List.copyOf(cols), rows.toArray(double[][]::new));
    }

    private static double number(String s, Path file, long line) {
        switch (s) {
            case "nan", "NaN", "-nan", "NA" -> {
                return Double.NaN;
            }
            case "inf", "Inf", "+inf", "Infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-Inf", "-Infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new UlamException(file + " line " + line + ": '" + s + "' is not a number", null,
                            "give the CSV that ulam sim, link or draws wrote");
                }
            }
        }
    }
}
