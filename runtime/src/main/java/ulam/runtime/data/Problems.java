package ulam.runtime.data;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * Finding the rows of a value that break a rule, and saying so in one sentence: "row 7",
 * "row 1 and 251 other rows", "element [2,3]". Shared by {@link DataSet} (values read from files)
 * and {@link Checks} (values computed from them).
 */
final class Problems {
    private Problems() {}

    static final String NA_HELP = "remove those rows or use another column; or impute the missing values: give the"
            + " variable a prior line, e.g. x ~ normal(mu_x, sigma_x), and ulam samples them (docs/language.md, imputation)";

    /** The first offending index and how many there are, or null when none is. */
    static int[] scan(int n, IntPredicate bad) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (bad.test(i)) {
                if (first < 0) first = i;
                count++;
            }
        }
        return first < 0 ? null : new int[] {first, count};
    }

    /**
     * Where element {@code i} (0-based, column-major) of a value of shape {@code dims} is:
     * {@code "row 7"} for a column, {@code "element [2,3]"} for a matrix or array, {@code ""} for a
     * scalar.
     */
    static String place(int[] dims, int i) {
        if (dims.length == 0) return "";
        if (dims.length == 1) return "row " + (i + 1);
        StringBuilder sb = new StringBuilder("element [");
        int rest = i;
        for (int d = 0; d < dims.length; d++) {
            if (d > 0) sb.append(',');
            sb.append(rest % dims[d] + 1);
            rest /= dims[d];
        }
        return sb.append(']').toString();
    }

    /** {@code "1 other row"}, {@code "3 other rows"}, {@code "2 other elements"}. */
    static String others(int count, int[] dims) {
        String unit = dims.length <= 1 ? "row" : "element";
        return count + " other " + unit + (count == 1 ? "" : "s");
    }

    /** {@code "; 3 other rows have the same problem"}, or {@code ""} when {@code count} is 0. */
    static String alsoBad(int count, int[] dims) {
        if (count == 0) return "";
        return "; " + others(count, dims) + (count == 1 ? " has" : " have") + " the same problem";
    }

    /**
     * "{subject} is NA in row 1 and 251 other rows" (or just "is NA" for a scalar).
     *
     * @param hit {@link #scan} result: first offending index and the count
     */
    static UlamException missing(String subject, int[] dims, int[] hit, SourceLocation use) {
        StringBuilder sb = new StringBuilder(subject).append(" is NA");
        if (dims.length > 0) {
            sb.append(dims.length == 1 ? " in " : " at ").append(place(dims, hit[0]));
            if (hit[1] > 1) sb.append(" and ").append(others(hit[1] - 1, dims));
        }
        return new UlamException(sb.toString(), use, NA_HELP);
    }

    /**
     * Converts values the model uses as an index or count to {@code int}.
     *
     * @param values  the values (no NaN expected for data, but NaN is reported like any non-whole value)
     * @param shown   how element {@code i} is shown (its text in the file, or its formatted value)
     * @param subject how the value is named, e.g. {@code column 'actor' (chimpanzees.csv)}
     * @param name    the name the model uses for it
     * @param dims    its shape, for the place of an error
     * @throws UlamException naming the first element that is not a whole number within the range
     *                       of {@code int}, and how many others are not
     */
    static int[] wholeNumbers(double[] values, IntFunction<String> shown, String subject, String name,
                              int[] dims, SourceLocation use) {
        int[] hit = scan(values.length, i -> !NumberText.isInt(values[i]));
        if (hit != null) {
            double v = values[hit[0]];
            String at = place(dims, hit[0]);
            StringBuilder sb = new StringBuilder(subject);
            if (!at.isEmpty()) sb.append(' ').append(at);
            sb.append(" is ").append(shown.apply(hit[0]));
            boolean tooLarge = v == Math.rint(v) && !Double.isInfinite(v);
            if (tooLarge) {
                sb.append(", too large for an integer, but ").append(name)
                        .append(" is used as an index or count");
            } else {
                sb.append(", but ").append(name)
                        .append(" is used as an index or count and must be a whole number");
            }
            sb.append(alsoBad(hit[1] - 1, dims));
            throw new UlamException(sb.toString(), use,
                    "round or recode it (an index takes the values 1, 2, ..., K), "
                            + "or use it only where a real number is expected");
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (int) values[i];
        return out;
    }
}
