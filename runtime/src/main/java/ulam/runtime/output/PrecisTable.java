package ulam.runtime.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ulam.runtime.diagnostics.VariableSummary;

/**
 * The {@code precis} table of rethinking (language reference 8.1 and A.11): one row per output,
 * columns {@code mean sd 5.5% 94.5% rhat ess_bulk}, the interval labels following {@code prob}
 * ({@code (1 - prob)/2} and {@code 1 - (1 - prob)/2} in percent, as R prints them), numbers with 2
 * decimals and {@code ess_bulk} with 0 ({@link #value}: {@code Inf}/{@code NaN} for values with
 * non-finite draws, scientific notation from 1e15), {@code NA} where a diagnostic is undefined, row names left
 * aligned and every other column right aligned, as R prints a data frame.
 *
 * <p>{@code depth} hides rows as {@code precis} does: depth 1 hides every name containing
 * {@code ]} (vector and matrix elements), depth 2 every name containing a comma (matrix
 * elements), depth 3 shows all; the message saying how many were hidden comes first, worded as
 * rethinking words it. Rows of {@code lp__}, {@code dev} and the pointwise log-likelihood
 * ({@code log_lik...}) are never shown.
 */
public final class PrecisTable {
    private PrecisTable() {
    }

    /**
     * Whether a row of that name belongs in a precis table: not {@code lp__}, {@code dev},
     * {@code log_lik}, {@code log_lik[i]}, {@code log_lik_<outcome>[i]}.
     */
    public static boolean isShown(String name) {
        String base = baseName(name);
        return !(base.equals("lp__") || base.equals("dev") || base.equals("log_lik") || base.startsWith("log_lik_"));
    }

    /**
     * Whether precis hides a row at this depth: depth 1 hides names containing {@code ]} (vector
     * and matrix elements), depth 2 names containing a comma (matrix elements), depth 3 nothing.
     */
    public static boolean hiddenAtDepth(String name, int depth) {
        return depth <= 1 ? name.contains("]") : depth == 2 && name.contains(",");
    }

    /** The base name of an output: {@code a} for {@code a[3]}, the name itself for a scalar. */
    public static String baseName(String name) {
        int b = name.indexOf('[');
        return b < 0 ? name : name.substring(0, b);
    }

    /**
     * Column label of a quantile: {@code 100 p} with up to 15 significant digits and no trailing
     * zeros, then {@code %} (R's {@code paste(p * 100, "%")}), e.g. 0.055 gives {@code 5.5%}.
     */
    public static String percentLabel(double p) {
        BigDecimal bd = new BigDecimal(p * 100).round(new MathContext(15)).stripTrailingZeros();
        return bd.toPlainString() + "%";
    }

    /**
     * The rows of a table with {@code --pars}: all summaries when {@code pars} is empty (the table
     * then hides rows by depth itself), else those {@link OutputSelection#select} names, in the
     * order given (format them with depth 3).
     *
     * @param summaries one per output, in output order
     * @param depth     1, 2 or 3
     * @param pars      names to show, or empty
     * @param model     the model's name, for the error message
     * @return the rows
     * @throws ulam.runtime.UlamException if a name in {@code pars} matches no output
     */
    public static List<VariableSummary> selected(List<VariableSummary> summaries, int depth, List<String> pars, String model) {
        if (pars.isEmpty()) return summaries;
        List<String> names = summaries.stream().map(VariableSummary::name).toList();
        return OutputSelection.select(names, depth, pars, model).stream().map(summaries::get).toList();
    }

    /**
     * Formats the table.
     *
     * @param summaries one summary per output, in output order
     * @param depth     1, 2 or 3 (larger values show everything)
     * @param prob      mass of the interval the summaries were computed with, in (0, 1)
     * @return the hiding message (if any) on its own line, then the table, each line ending in {@code \n}
     * @throws IllegalArgumentException if depth is below 1
     */
    public static String format(List<VariableSummary> summaries, int depth, double prob) {
        return format(summaries, depth, prob, true);
    }

    /**
     * Formats the table, with or without the sampler's columns {@code rhat ess_bulk} (without
     * them for independent draws of an approximation, as rethinking prints {@code precis} of a
     * {@code quap} fit: {@code mean sd 5.5% 94.5%}).
     *
     * @param diagnostics whether to show {@code rhat} and {@code ess_bulk}
     * @see #format(List, int, double)
     */
    public static String format(List<VariableSummary> summaries, int depth, double prob, boolean diagnostics) {
        return format(summaries, depth, prob, diagnostics, 2);
    }

    /**
     * Formats the table with {@code digits} decimals for mean, sd and the interval (precis's
     * {@code digits}; 2 by default).
     *
     * @param digits decimals, 0 to 15
     * @see #format(List, int, double, boolean)
     */
    public static String format(List<VariableSummary> summaries, int depth, double prob, boolean diagnostics, int digits) {
        if (digits < 0 || digits > 15) throw new IllegalArgumentException("digits must be 0..15: " + digits);
        if (depth < 1) throw new IllegalArgumentException("depth must be at least 1: " + depth);
        List<VariableSummary> rows = new ArrayList<>();
        int hidden = 0;
        for (VariableSummary s : summaries) {
            if (!isShown(s.name())) continue;
            if (hiddenAtDepth(s.name(), depth)) hidden++;
            else rows.add(s);
        }
        StringBuilder sb = new StringBuilder();
        if (hidden > 0) {
            if (depth == 1) sb.append(hidden).append(" vector or matrix parameters hidden. Use --depth 2 to show them.\n");
            else sb.append(hidden).append(" matrix parameters hidden. Use --depth 3 to show them.\n");
        }
        if (rows.isEmpty()) return sb.toString();

        double a = (1 - prob) / 2;
        String[] headers = {"", "mean", "sd", percentLabel(a), percentLabel(1 - a), "rhat", "ess_bulk"};
        int columns = diagnostics ? headers.length : 5;
        headers = java.util.Arrays.copyOf(headers, columns);
        String[][] cells = new String[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            VariableSummary s = rows.get(r);
            cells[r] = java.util.Arrays.copyOf(new String[] {s.name(), value(s.mean(), digits), value(s.sd(), digits),
                    value(s.lower(), digits), value(s.upper(), digits), fixed(s.rhat(), 2), fixed(s.essBulk(), 0)}, columns);
        }
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (String[] row : cells) width[c] = Math.max(width[c], row[c].length());
        }
        appendRow(sb, headers, width);
        for (String[] row : cells) appendRow(sb, row, width);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
        sb.append(cells[0]).append(" ".repeat(width[0] - cells[0].length()));
        for (int c = 1; c < cells.length; c++) {
            sb.append(' ').append(" ".repeat(width[c] - cells[c].length())).append(cells[c]);
        }
        sb.append('\n');
    }

    /**
     * A posterior value (mean, sd, quantile) as R prints it: {@code NaN}, {@code Inf},
     * {@code -Inf} for non-finite values (a draw that is NaN makes the mean NaN); magnitudes of
     * 1e15 and above in scientific notation with 3 significant digits ({@code 1.97e+217}, never a
     * 200-digit number); else {@link #fixed}.
     *
     * @param v        the value
     * @param decimals decimals of a fixed-point number
     * @return its text
     */
    public static String value(double v, int decimals) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        if (Math.abs(v) >= 1e15) return String.format(Locale.ROOT, "%.2e", v);
        return fixed(v, decimals);
    }

    /**
     * Fixed decimals as R shows a rounded number: {@code NA} for NaN, {@code Inf}/{@code -Inf},
     * no minus sign on a number that rounds to zero.
     */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return "NA";
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.startsWith("-") && s.chars().allMatch(ch -> ch == '-' || ch == '0' || ch == '.')) s = s.substring(1);
        return s;
    }
}
