package ulam.runtime.data;

/**
 * Numbers as they are written in data files: which texts are missing values, which are numbers,
 * and how a number is shown back to the user.
 */
final class NumberText {
    private NumberText() {}

    /** Whether a field means "missing": {@code null}, empty, {@code NA} or {@code NaN} (surrounding blanks ignored). */
    static boolean isMissing(String s) {
        if (s == null) return true;
        String t = s.strip();
        return t.isEmpty() || t.equals("NA") || t.equals("NaN");
    }

    /**
     * The value of a number written in decimal ({@code 12}, {@code -0.5}, {@code .5}, {@code 1e-3},
     * {@code +2.}) or as an infinity ({@code Inf}, {@code -Inf}, {@code Infinity}); surrounding
     * blanks are ignored.
     *
     * @return the value, or {@code NaN} if the text is not such a number (Java-only forms such as
     *         {@code 0x1p3} or {@code 1d} are not numbers here)
     */
    static double parse(String s) {
        String t = s.strip();
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        String rest = t.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int digits = 0;
        while (i < n && isDigit(t.charAt(i))) { i++; digits++; }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return Double.NaN;
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(t.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) return Double.NaN;
        }
        if (i != n) return Double.NaN;
        return Double.parseDouble(t);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code v} is a whole number that fits in an {@code int}. */
    static boolean isInt(double v) {
        return v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    /** A computed number as the user would write it: {@code 3}, {@code 1.5}, {@code NaN}, {@code 1.0E20}. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
