package ulam.runtime.fit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import ulam.runtime.UlamException;
import ulam.runtime.output.LogLikOutputs;
import ulam.runtime.sampler.SamplerStat;

/**
 * Reads one chain's Stan CSV file as {@link ulam.runtime.output.StanCsvWriter} writes it (CmdStan's
 * layout) with commons-csv: the {@code #} header comments give {@code num_warmup}; the first data
 * line is the column header; then warmup rows, the adaptation comments (step size and inverse
 * metric), sampling rows and the timing trailer. Columns {@code log_lik.1 ... log_lik.N} after the
 * outputs ({@code ulam run --log-lik}) are skipped.
 *
 * <p>A file cut short by a killed run loads: a last line without its line end is dropped, every
 * complete row is kept. A row in the middle with the wrong number of fields, or a field that is
 * not a number ({@code nan}, {@code inf} and {@code -inf} are numbers), is an error naming the
 * file and line.
 */
final class StanCsvReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).build();
    private static final Pattern WARMUP = Pattern.compile("num_warmup\\s*=\\s*(\\d+)");
    private static final Pattern STEP = Pattern.compile("Step size\\s*=\\s*(\\S+)");
    private static final Pattern ELAPSED = Pattern.compile(
            "#\\s*(?:Elapsed Time:)?\\s*([0-9.eE+-]+) seconds \\((Warm-up|Sampling)\\)");

    private StanCsvReader() {
    }

    /**
     * Reads a chain.
     *
     * @param file     the CSV file
     * @param id       the chain's 1-based id
     * @param expected the expected column names (sampler statistics, then Stan names of the outputs)
     * @param sha256   the SHA-256 the fit's manifest records for the file, or null (none recorded)
     * @return the draws
     * @throws UlamException if the file is missing, unreadable or not a regular file, its checksum
     *                       differs from {@code sha256}, its header differs from {@code expected},
     *                       or a complete row is malformed (naming file and line)
     */
    static ChainDraws read(Path file, int id, List<String> expected, String sha256) {
        String text;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new UlamException("the fit's draws file " + file + " is not a regular file", null,
                        "the fit folder is damaged: run the model again with -o");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (sha256 != null && !sha256.equalsIgnoreCase(FitDirectory.sha256(bytes))) throw FitDirectory.changed(file);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UlamException("the fit's draws file " + file + " is missing", null,
                    "the fit folder is incomplete: run the model again with -o");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UlamException("cannot read the draws file " + file + ": " + e.getMessage(), null, null);
        }
        int lastEnd = text.lastIndexOf('\n');
        String complete = lastEnd < 0 ? "" : text.substring(0, lastEnd + 1);

        Matcher wm = WARMUP.matcher(complete);
        int warmup = wm.find() ? Integer.parseInt(wm.group(1)) : 0;
        double warmupSeconds = Double.NaN;
        double samplingSeconds = Double.NaN;
        Matcher em = ELAPSED.matcher(complete);
        while (em.find()) {
            double v = Double.parseDouble(em.group(1));
            if (em.group(2).equals("Warm-up")) warmupSeconds = v;
            else samplingSeconds = v;
        }

        List<double[]> rows = new ArrayList<>();
        String adaptation = null;
        int headerSize = -1;
        int kept = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(complete), FORMAT)) {
            for (CSVRecord r : parser) {
                if (headerSize < 0) {
                    List<String> header = r.toList();
                    // run --log-lik appends log_lik.1..N after the outputs; they are not the manifest's outputs
                    boolean extra = header.size() > expected.size() && header.subList(expected.size(), header.size())
                            .stream().allMatch(LogLikOutputs::isColumn);
                    if (!(extra ? header.subList(0, expected.size()) : header).equals(expected)) {
                        throw new UlamException("the columns of " + file + " do not match the fit's manifest", null,
                                "the file belongs to another model or run; run the model again with -o");
                    }
                    headerSize = header.size();
                    kept = expected.size();
                    continue;
                }
                if (rows.size() == warmup && r.hasComment()) adaptation = r.getComment();
                if (r.size() != headerSize) {
                    throw new UlamException(file + " line " + parser.getCurrentLineNumber() + " has " + r.size()
                            + " fields, not " + headerSize, null, "the draws file is damaged; run the model again");
                }
                double[] row = new double[kept];
                for (int j = 0; j < kept; j++) row[j] = number(r.get(j), file, parser.getCurrentLineNumber());
                rows.add(row);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UlamException("cannot parse the draws file " + file + ": " + e.getMessage(), null, null);
        }
        if (headerSize < 0) {
            throw new UlamException("the draws file " + file + " has no column header", null,
                    "the run stopped before its first draw; run the model again");
        }
        int nw = Math.min(warmup, rows.size());
        int k = SamplerStat.COUNT;
        double[][] wStats = new double[nw][];
        double[][] wValues = new double[nw][];
        double[][] stats = new double[rows.size() - nw][];
        double[][] values = new double[rows.size() - nw][];
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            double[] s = Arrays.copyOfRange(row, 0, k);
            double[] v = Arrays.copyOfRange(row, k, row.length);
            if (i < nw) {
                wStats[i] = s;
                wValues[i] = v;
            } else {
                stats[i - nw] = s;
                values[i - nw] = v;
            }
        }
        double step = Double.NaN;
        double[] metric = new double[0];
        if (adaptation != null) {
            Matcher sm = STEP.matcher(adaptation);
            if (sm.find()) step = number(sm.group(1), file, 0);
            metric = metric(adaptation, file);
        }
        return new ChainDraws(id, file.getFileName().toString(), wStats, wValues, stats, values, step, metric,
                warmupSeconds, samplingSeconds, !Double.isNaN(samplingSeconds));
    }

    /** The inverse metric: the lines after "... inverse mass matrix:" in the adaptation comment. */
    private static double[] metric(String adaptation, Path file) {
        String[] lines = adaptation.split("\n");
        List<Double> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            String t = line.trim();
            if (t.endsWith("inverse mass matrix:")) {
                in = true;
                continue;
            }
            if (!in || t.isEmpty()) continue;
            for (String f : t.split(",")) out.add(number(f.trim(), file, 0));
        }
        double[] m = new double[out.size()];
        for (int i = 0; i < m.length; i++) m[i] = out.get(i);
        return m;
    }

    private static double number(String s, Path file, long line) {
        switch (s) {
            case "nan", "NaN", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "Inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new UlamException(file + (line > 0 ? " line " + line : "") + ": '" + s
                            + "' is not a number", null, "the draws file is damaged; run the model again");
                }
            }
        }
    }
}
