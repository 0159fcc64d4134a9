package ulam.runtime.output;

/**
 * How numbers are written in Stan CSV files. CmdStan writes 6 significant digits by default; we
 * write the shortest decimal that parses back to the same double ({@link Double#toString}), so a
 * reader recovers every draw bit for bit. Whole numbers of magnitude below 2^53 are written
 * without a fraction ({@code 3}, not {@code 3.0}), the exponent marker is lower case
 * ({@code 1.5e-8}), and non-finite values are written as Stan does: {@code nan}, {@code inf},
 * {@code -inf} (R, Python and pandas read all of these).
 */
public final class CsvNumbers {
    private static final double WHOLE_LIMIT = 9007199254740992.0; // 2^53

    private CsvNumbers() {
    }

    /**
     * @param v any double
     * @return its text in a Stan CSV file
     */
    public static String format(double v) {
        if (Double.isNaN(v)) return "nan";
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        if (v == Math.rint(v) && Math.abs(v) < WHOLE_LIMIT) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) return "-0";
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) return s;
        // 1.5E-8 -> 1.5e-8 ; 1.0E10 -> 1e10
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }

    /**
     * Appends {@link #format(double)} of v.
     *
     * @param sb where to append
     * @param v  the number
     */
    public static void append(StringBuilder sb, double v) {
        sb.append(format(v));
    }
}
