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

    /** Exact powers of ten, 10^0 .. 10^22 (each a double without rounding). */
    private static final double[] POW10 = new double[23];
    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /**
     * {@link #parse(String)} of the ASCII text in {@code b[s..e)} (no blanks around it), without
     * making a string for the common numbers: a mantissa below 2^53 and a decimal exponent within
     * 10^22 are computed as one exactly rounded multiplication or division of
     * two exact doubles (Clinger's fast path, as Java's own parser takes it), so the value equals
     * {@link Double#parseDouble}'s; other numbers go to {@link Double#parseDouble}.
     *
     * @return the value, or NaN if the text is not a number by {@link #parse(String)}'s rules
     */
    static double parse(byte[] b, int s, int e) {
        int i = s;
        boolean negative = false;
        if (i < e && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        boolean dropped = false;   // digits beyond what a long holds: not the fast path
        int scale = 0;
        int start = i;
        int d;
        while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
            if (mantissa < MANTISSA_LIMIT) mantissa = mantissa * 10 + d;
            else {
                dropped = true;
                scale++;
            }
            i++;
        }
        int digits = i - start;
        if (i < e && b[i] == '.') {
            int from = ++i;
            while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
                if (mantissa < MANTISSA_LIMIT) {
                    mantissa = mantissa * 10 + d;
                    scale--;
                } else {
                    dropped = true;
                }
                i++;
            }
            digits += i - from;
        }
        if (digits == 0) return slow(b, s, e);
        int exponent = 0;
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int from = i;
            while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
                if (exponent < 100_000) exponent = exponent * 10 + d;
                i++;
            }
            if (i == from) return Double.NaN;
            if (negativeExponent) exponent = -exponent;
        }
        if (i != e) return Double.NaN;
        int power = scale + exponent;
        double v;
        if (mantissa == 0 && !dropped) {
            v = 0;
        } else if (!dropped && mantissa < (1L << 53) && power >= -22 && power <= 22) {
            v = power >= 0 ? mantissa * POW10[power] : mantissa / POW10[-power];
        } else {
            return Double.parseDouble(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return negative ? -v : v;
    }

    /** Below this a mantissa takes one more digit without overflowing a long. */
    private static final long MANTISSA_LIMIT = 100_000_000_000_000_000L;

    /** A text that is not a plain decimal: an infinity, or not a number. */
    private static double slow(byte[] b, int s, int e) {
        if (e - s > 9) return Double.NaN;
        return parse(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
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
