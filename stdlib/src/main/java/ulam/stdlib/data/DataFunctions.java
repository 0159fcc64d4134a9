package ulam.stdlib.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Functions of whole data columns, evaluated once at data-load time for transformed data
 * (language reference A.3). Inputs are not modified; every method returns a new array or a
 * scalar. Missing values are not handled here: the data loader reports NA in a used column
 * before these run, and a NaN in a real column propagates.
 */
public final class DataFunctions {
    private DataFunctions() {}

    /**
     * The arithmetic mean of a real column, missing values (NaN) left out as R's
     * {@code mean(x, na.rm = TRUE)} does (a column with NA only reaches here on its way to
     * imputation: elsewhere NA is an error when the data are read).
     *
     * @return the mean; NaN for a column with no present value
     */
    public static double mean(double[] x) {
        double m = 0.0;
        int n = 0;
        for (double v : x) {
            if (Double.isNaN(v)) continue;
            n++;
            m += (v - m) / n; // running mean: no overflow for large values
        }
        return n == 0 ? Double.NaN : m;
    }

    /**
     * The sample standard deviation (denominator n - 1, as R's {@code sd}), by a two-pass sum of
     * squared deviations from the mean; missing values (NaN) left out.
     *
     * @return the standard deviation; NaN for fewer than two values
     */
    public static double sd(double[] x) {
        double m = mean(x);
        double ss = 0.0;
        int n = 0;
        for (double v : x) {
            if (Double.isNaN(v)) continue;   // missing values left out, as R's sd(x, na.rm = TRUE)
            double dev = v - m;
            ss += dev * dev;
            n++;
        }
        return n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
    }

    /**
     * Centres a column at its mean and divides by its sample standard deviation (rethinking's
     * {@code standardize}, i.e. R's {@code scale}): (x - mean(x)) / sd(x).
     *
     * @return the standardised column, same length; all NaN when sd is 0 or undefined
     *         (n &lt; 2), as in R
     */
    public static double[] standardize(double[] x) {
        double m = mean(x);
        double s = sd(x);
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - m) / s;
        }
        return z;
    }

    /**
     * Recodes an integer column as a contiguous index 1..K, K the number of distinct values, the
     * smallest value becoming 1 (rethinking's {@code coerce_index}).
     *
     * @return the codes, same length
     */
    public static int[] asIndex(int[] x) {
        int[] levels = Arrays.stream(x).distinct().sorted().toArray();
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            codes[i] = Arrays.binarySearch(levels, x[i]) + 1;
        }
        return codes;
    }

    /**
     * Recodes a real column as an index 1..K over its sorted distinct values.
     *
     * @return the codes, same length
     * @throws IllegalArgumentException if a value is NaN (missing values must be handled first)
     */
    public static int[] asIndex(double[] x) {
        double[] levels = Arrays.stream(x).distinct().sorted().toArray();
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new IllegalArgumentException("as_index: value " + (i + 1) + " is missing (NaN)");
            }
            codes[i] = Arrays.binarySearch(levels, x[i]) + 1;
        }
        return codes;
    }

    /**
     * Recodes a string column as an index 1..K over its distinct values in sorted order (as R's
     * {@code factor} levels; here by {@link String#compareTo}, i.e. code-point order, which for
     * plain ASCII differs from R's locale collation only in the placement of upper versus lower
     * case).
     *
     * @return the codes, same length
     * @throws IllegalArgumentException if a value is null
     */
    public static int[] asIndex(String[] x) {
        TreeSet<String> sorted = new TreeSet<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null) {
                throw new IllegalArgumentException("as_index: value " + (i + 1) + " is missing");
            }
            sorted.add(x[i]);
        }
        Map<String, Integer> code = new HashMap<>();
        for (String level : sorted) {
            code.put(level, code.size() + 1);
        }
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            codes[i] = code.get(x[i]);
        }
        return codes;
    }

    /** The longest sequence {@link #seq} makes (10 million values; 1:2e9 would need 8 GB). */
    public static final int MAX_SEQ = 10_000_000;

    /**
     * The integer sequence from:to of R: from, from + 1, ..., to when from &lt;= to, and
     * descending from, from - 1, ..., to otherwise (so 3:1 is 3, 2, 1).
     *
     * @return |to - from| + 1 values
     * @throws IllegalArgumentException if that is more than {@link #MAX_SEQ} (the model's
     *                                  constructor reports it at the line)
     */
    public static int[] seq(int from, int to) {
        int step = from <= to ? 1 : -1;
        long length = Math.abs((long) to - from) + 1;
        if (length > MAX_SEQ) {
            throw new IllegalArgumentException("the sequence " + from + ":" + to + " would have " + length
                    + " values, more than " + MAX_SEQ);
        }
        int n = (int) length;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = from + i * step;
        }
        return s;
    }

    /** The number of values in a real column. */
    public static int length(double[] x) {
        return x.length;
    }

    /** The number of values in an integer column. */
    public static int length(int[] x) {
        return x.length;
    }

    /** The number of values in a string column. */
    public static int length(String[] x) {
        return x.length;
    }
}
