package ulam.compiler.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The data a formula is expanded with, as R's {@code model.frame} would see them: which
 * columns hold text (factors), their levels, numeric values. Every read names the formula's
 * text that needs it, so a missing column or an NA is an error at that place of the formula.
 * Also R's summaries that brms and rstanarm compute from the data ({@code median},
 * {@code mad}, {@code round}, {@code sd}), with R's definitions.
 */
final class FormulaData {
    private final DataSet data;
    private final Source source;

    FormulaData(DataSet data, Source source) {
        this.data = data;
        this.source = source;
    }

    /** Whether the data have that column (a name as written, {@code kcal.per.g}, or normalised). */
    boolean has(String name) {
        return data.has(name);
    }

    /** Every (normalised) column name. */
    List<String> names() {
        return data.names();
    }

    /**
     * Whether the column holds text: a factor for the formula (as R reads a column of words).
     *
     * @throws UlamException at {@code at} if there is no such column
     */
    boolean isText(String name, Span at) {
        return data.kind(name, source.at(at)) == DataSet.Kind.STRING;
    }

    /** The column's numbers; an error at {@code at} if absent, text or NA. */
    double[] reals(String name, Span at) {
        return data.reals(name, source.at(at));
    }

    /** The column as text; an error at {@code at} if absent or NA. */
    String[] strings(String name, Span at) {
        return data.strings(name, source.at(at));
    }

    /** A text column's levels in R's factor order (level k is index code k); an error at {@code at} if absent or NA. */
    List<String> textLevels(String name, Span at) {
        return data.levels(name, source.at(at));
    }

    /** Number of rows of a column. */
    int rows(String name, Span at) {
        return data.length(name, source.at(at));
    }

    // ---------------------------------------------------------------- R's summaries

    /** R's {@code median}: the middle value, or the mean of the two middle values. */
    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** R's {@code mad}: 1.4826 times the median absolute deviation from the median. */
    static double mad(double[] x) {
        double m = median(x);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = Math.abs(x[i] - m);
        return 1.4826 * median(d);
    }

    /** R's {@code mean}. */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        double m = s / x.length;
        double r = 0;   // R refines the mean with a second pass
        for (double v : x) r += v - m;
        return m + r / x.length;
    }

    /** R's {@code sd}: denominator n - 1. */
    static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    /**
     * R's {@code round(x, digits)} as R 4 computes it (fround.c): of the two decimals
     * {@code floor(x 10^d) / 10^d} and {@code ceil(x 10^d) / 10^d}, the one nearer to x, the
     * distances computed in double precision; a tie goes to the even last digit; negative x
     * are rounded as {@code -round(-x)}. So {@code round(2.45, 1)} is 2.5, {@code round(0.15, 1)}
     * 0.1 and {@code round(-0.05, 1)} 0, as in R.
     */
    static double round(double x, int digits) {
        if (!Double.isFinite(x)) return x;
        if (x < 0) return -round(-x, digits);
        double p10 = Math.pow(10, digits);
        double x10 = p10 * x;
        double i10 = Math.floor(x10);
        double xd = i10 / p10;
        double xu = Math.ceil(x10) / p10;
        double du = xu - x;
        double dd = x - xd;
        return du < dd || (du == dd && i10 % 2 == 1) ? xu : xd;
    }

    /**
     * A number as R's {@code as.character} writes it: 15 significant digits, fixed or scientific
     * notation, whichever is shorter (fixed on a tie): {@code 2}, {@code 0.5}, {@code 1e-04},
     * {@code 1e+05}.
     */
    static String format(double x) {
        if (x == 0) return "0";
        BigDecimal d = new BigDecimal(x).round(new MathContext(15)).stripTrailingZeros();
        String fixed = d.toPlainString();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sci = (x < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
        return fixed.length() <= sci.length() ? fixed : sci;
    }

    /** A number for the alist text: exact (Java's shortest representation that reads back to the same double). */
    static String literal(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }

    /** The sorted distinct values of a numeric column, as R's {@code levels(factor(x))} orders them. */
    static double[] distinct(double[] x) {
        return Arrays.stream(x).distinct().sorted().toArray();
    }

    /** Labels of numeric levels, as R writes them. */
    static List<String> labels(double[] levels) {
        List<String> out = new ArrayList<>();
        for (double v : levels) out.add(format(v));
        return out;
    }
}
