package ulam.runtime.output;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.sampler.SamplerStat;

/**
 * A fit's draws as one table, laid out as R's {@code posterior::as_draws_df} lays out a Stan fit:
 * the variables ({@code lp__} first, then the chosen outputs with the model's names, {@code a[1]},
 * {@code b[1,2]}), then {@code .chain} (1-based), {@code .iteration} (1-based within the chain)
 * and {@code .draw} (1-based over all chains, chain by chain). Each chain holds the fit's
 * {@link FitDirectory#drawsPerChain()} post-warmup draws, after its warmup draws when they are
 * asked for (then {@code .iteration} counts from the first warmup iteration).
 *
 * <p>CSV: a header line, then one line per draw, numbers as in Stan CSV files
 * ({@link CsvNumbers}: shortest exact decimal, {@code nan}, {@code inf}, {@code -inf}, which R's
 * {@code read.csv} and pandas read). JSON: an array with one object per draw, keys in column order,
 * non-finite numbers as the strings {@code "NaN"}, {@code "Inf"} and {@code "-Inf"} (as R's
 * {@code jsonlite::toJSON(na = "string")} writes them: JSON has no such numbers).
 *
 * @param variables column names before {@code .chain}
 * @param values    {@code double[rows][variables.size()]}
 * @param chain     {@code int[rows]}
 * @param iteration {@code int[rows]}
 */
public record DrawsTable(List<String> variables, double[][] values, int[] chain, int[] iteration) {

    /**
     * The table of a fit.
     *
     * @param fit     the fit
     * @param outputs output indices to write, in order (after {@code lp__})
     * @param warmup  whether to include each chain's warmup draws
     * @return the table
     */
    public static DrawsTable of(FitDirectory fit, List<Integer> outputs, boolean warmup) {
        List<String> vars = new ArrayList<>();
        vars.add(SamplerStat.LP.column());
        for (int o : outputs) vars.add(fit.manifest().outputNames().get(o));
        int per = fit.drawsPerChain();
        List<double[]> rows = new ArrayList<>();
        List<Integer> ch = new ArrayList<>();
        List<Integer> it = new ArrayList<>();
        for (ChainDraws c : fit.chains()) {
            int k = 0;
            if (warmup) {
                for (int t = 0; t < c.warmup(); t++) {
                    rows.add(row(c.warmupStats()[t], c.warmupValues()[t], outputs));
                    ch.add(c.id());
                    it.add(++k);
                }
            }
            for (int t = 0; t < per; t++) {
                rows.add(row(c.stats()[t], c.values()[t], outputs));
                ch.add(c.id());
                it.add(++k);
            }
        }
        return new DrawsTable(List.copyOf(vars), rows.toArray(double[][]::new), ch.stream().mapToInt(Integer::intValue).toArray(),
                it.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double[] row(double[] stats, double[] values, List<Integer> outputs) {
        double[] r = new double[outputs.size() + 1];
        r[0] = stats[SamplerStat.LP.index()];
        for (int j = 0; j < outputs.size(); j++) r[j + 1] = values[outputs.get(j)];
        return r;
    }

    /** Number of draws (rows). */
    public int rows() {
        return values.length;
    }

    /**
     * Writes the table as CSV.
     *
     * @param w where to write (not closed)
     * @throws IOException if writing fails
     */
    public void writeCsv(Writer w) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String v : variables) sb.append(quoteCsv(v)).append(',');
        sb.append(".chain,.iteration,.draw\n");
        w.write(sb.toString());
        for (int r = 0; r < values.length; r++) {
            sb.setLength(0);
            for (double v : values[r]) {
                CsvNumbers.append(sb, v);
                sb.append(',');
            }
            sb.append(chain[r]).append(',').append(iteration[r]).append(',').append(r + 1).append('\n');
            w.write(sb.toString());
        }
    }

    /**
     * Writes the table as a JSON array of objects.
     *
     * @param w where to write (not closed)
     * @throws IOException if writing fails
     */
    public void writeJson(Writer w) throws IOException {
        StringBuilder sb = new StringBuilder();
        w.write("[\n");
        for (int r = 0; r < values.length; r++) {
            sb.setLength(0);
            sb.append("  {");
            for (int j = 0; j < variables.size(); j++) {
                jsonString(sb, variables.get(j));
                sb.append(": ");
                double v = values[r][j];
                if (Double.isNaN(v)) sb.append("\"NaN\"");
                else if (Double.isInfinite(v)) sb.append(v > 0 ? "\"Inf\"" : "\"-Inf\"");
                else CsvNumbers.append(sb, v);
                sb.append(", ");
            }
            sb.append("\".chain\": ").append(chain[r]).append(", \".iteration\": ").append(iteration[r])
                    .append(", \".draw\": ").append(r + 1).append('}').append(r + 1 < values.length ? ",\n" : "\n");
            w.write(sb.toString());
        }
        w.write("]\n");
    }

    private static String quoteCsv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('"');
    }
}
