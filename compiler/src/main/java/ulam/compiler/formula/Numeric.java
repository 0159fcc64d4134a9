package ulam.compiler.formula;

import java.util.Set;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * Numeric R expressions of a formula ({@code log(population)}, {@code I(x^2)},
 * {@code size - incidence}, a prior's {@code 1/2}): their value per row, computed from the
 * data (for the centring means and scales brms and rstanarm compute), and the same expression
 * in the ulam language, which the alist computes as derived data.
 */
final class Numeric {
    private Numeric() {}

    /** Functions of one argument, the same in R and in the alist (plus log2, log10 and I, rewritten). */
    private static final Set<String> FUNCTIONS = Set.of("log", "exp", "sqrt", "log1p", "abs", "log2", "log10", "I");

    /** An R name as the alist spells it: every character that is not a letter, digit or '_' becomes '_' (language reference A.2). */
    static String name(String r) {
        StringBuilder sb = new StringBuilder(r.length());
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (sb.length() > 0 && Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
        return sb.toString();
    }

    /**
     * The expression in the alist language.
     *
     * @throws UlamException for a part that is not a number, column, arithmetic or supported function
     */
    static String ulam(Source source, RExpr e) {
        return ulam(source, e, Numeric::name, Set.of());
    }

    /**
     * The expression in the alist language, names mapped by {@code names} (a non-linear formula's
     * parameters become the locals of their linear predictors) and {@code extra} functions of the
     * alist allowed besides the usual ones ({@code inv_logit} in a non-linear formula).
     */
    static String ulam(Source source, RExpr e, java.util.function.UnaryOperator<String> names, Set<String> extra) {
        if (e instanceof RExpr.Num n) return FormulaData.literal(n.value());
        if (e instanceof RExpr.Sym s) return names.apply(s.name());
        if (e instanceof RExpr.Paren p) return "(" + ulam(source, p.inner(), names, extra) + ")";
        if (e instanceof RExpr.Unary u && u.op().equals("-")) return "-" + ulam(source, u.operand(), names, extra);
        if (e instanceof RExpr.Binary b && Set.of("+", "-", "*", "/", "^").contains(b.op())) {
            return ulam(source, b.left(), names, extra) + " " + b.op() + " " + ulam(source, b.right(), names, extra);
        }
        if (e instanceof RExpr.Call c && c.function() != null && (FUNCTIONS.contains(c.function()) || extra.contains(c.function()))
                && c.args().size() == 1 && c.args().get(0).value() != null) {
            String x = ulam(source, c.args().get(0).value(), names, extra);
            return switch (c.function()) {
                case "I" -> "(" + x + ")";
                case "log2" -> "(log(" + x + ") / log(2))";
                case "log10" -> "(log(" + x + ") / log(10))";
                default -> c.function() + "(" + x + ")";
            };
        }
        throw source.error(e.span(), "this expression is not supported in a formula yet",
                "use numbers, columns, + - * / ^ and log(), exp(), sqrt(), log1p(), abs(), log2(), log10(), I()");
    }

    /**
     * The expression's value at every row of the data.
     *
     * @param rows the number of rows (a constant is repeated)
     * @throws UlamException for an unsupported part, a column that is absent, text or NA
     */
    static double[] values(Source source, RExpr e, FormulaData data, int rows) {
        if (e instanceof RExpr.Num n) return fill(rows, n.value());
        if (e instanceof RExpr.Sym s) {
            if (data.isText(s.name(), s.span())) {
                throw source.error(s.span(), "'" + s.name() + "' holds text, so it is not a number here",
                        "a text column is a factor: use it as a term of its own (y ~ " + s.name() + "), not inside arithmetic");
            }
            return data.reals(s.name(), s.span());
        }
        if (e instanceof RExpr.Paren p) return values(source, p.inner(), data, rows);
        if (e instanceof RExpr.Unary u && u.op().equals("-")) {
            double[] x = values(source, u.operand(), data, rows);
            for (int i = 0; i < x.length; i++) x[i] = -x[i];
            return x;
        }
        if (e instanceof RExpr.Binary b && Set.of("+", "-", "*", "/", "^").contains(b.op())) {
            double[] x = values(source, b.left(), data, rows);
            double[] y = values(source, b.right(), data, rows);
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (b.op()) {
                    case "+" -> x[i] + y[i];
                    case "-" -> x[i] - y[i];
                    case "*" -> x[i] * y[i];
                    case "/" -> x[i] / y[i];
                    default -> Math.pow(x[i], y[i]);
                };
            }
            return x;
        }
        if (e instanceof RExpr.Call c && c.function() != null && FUNCTIONS.contains(c.function()) && c.args().size() == 1
                && c.args().get(0).value() != null) {
            double[] x = values(source, c.args().get(0).value(), data, rows);
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (c.function()) {
                    case "log" -> Math.log(x[i]);
                    case "exp" -> Math.exp(x[i]);
                    case "sqrt" -> Math.sqrt(x[i]);
                    case "log1p" -> Math.log1p(x[i]);
                    case "abs" -> Math.abs(x[i]);
                    case "log2" -> Math.log(x[i]) / Math.log(2);
                    case "log10" -> Math.log10(x[i]);
                    default -> x[i];
                };
                if (Double.isNaN(x[i])) {
                    throw source.error(c.span(), Deparse.of(c) + " is not a number at row " + (i + 1),
                            "check the values of the column (log and sqrt need positive values)");
                }
            }
            return x;
        }
        ulam(source, e);   // throws the located "not supported" error
        throw new IllegalStateException("unreachable");
    }

    /**
     * The value of an expression of numbers alone (a prior's arguments).
     *
     * @throws UlamException if it uses a column or an unsupported function
     */
    static double constant(Source source, RExpr e) {
        RExpr s = RExpr.strip(e);
        if (s instanceof RExpr.Num n) return n.value();
        if (s instanceof RExpr.Sym sym && (sym.name().equals("Inf") || sym.name().equals("NA"))) {
            throw source.error(sym.span(), "'" + sym.name() + "' is not a usable prior argument", "give a finite number");
        }
        if (s instanceof RExpr.Unary u && u.op().equals("-")) return -constant(source, u.operand());
        if (s instanceof RExpr.Binary b && Set.of("+", "-", "*", "/", "^").contains(b.op())) {
            double x = constant(source, b.left());
            double y = constant(source, b.right());
            return switch (b.op()) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / y;
                default -> Math.pow(x, y);
            };
        }
        if (s instanceof RExpr.Call c && c.function() != null && c.args().size() == 1 && c.args().get(0).value() != null
                && Set.of("log", "exp", "sqrt").contains(c.function())) {
            double x = constant(source, c.args().get(0).value());
            return switch (c.function()) {
                case "log" -> Math.log(x);
                case "exp" -> Math.exp(x);
                default -> Math.sqrt(x);
            };
        }
        throw source.error(s.span(), "a prior's arguments are numbers here", "write the number, e.g. normal(0, 2.5)");
    }

    private static double[] fill(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }
}
