package ulam.compiler.cli.fit;

import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import ulam.runtime.UlamException;

/**
 * An expression of a contrast, {@code ulam contrast FIT 'b[1,2] - b[1,1]'}: numbers, the names of
 * outputs ({@code sigma}, {@code a[3]}, {@code b[1,2]}, or a draws table's column such as
 * {@code p[17]}), {@code + - * / ^}, parentheses, unary minus and the functions {@code exp},
 * {@code log}, {@code inv_logit}, {@code logit}, {@code sqrt}, {@code abs}, with R's precedence
 * ({@code ^} binds tighter than unary minus, which binds tighter than {@code * /}). Evaluated once
 * per draw.
 */
final class ContrastExpression {
    private final String text;
    private final Node root;

    private ContrastExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** A parsed expression node; {@code eval} reads column values from a row. */
    private interface Node {
        double eval(double[] row);
    }

    /**
     * Parses an expression.
     *
     * @param text   the expression as the user wrote it
     * @param column the column of a name, or -1 when there is none
     * @param names  the names there are, for the error message
     * @return the expression
     * @throws UlamException for a syntax error (showing the expression with a caret) or an unknown name
     */
    static ContrastExpression parse(String text, ToIntFunction<String> column, List<String> names) {
        Parser p = new Parser(text, column, names);
        Node n = p.sum();
        p.skipSpace();
        if (p.at < text.length()) throw p.error("unexpected '" + text.charAt(p.at) + "'");
        return new ContrastExpression(text, n);
    }

    /** The expression as written. */
    String text() {
        return text;
    }

    /**
     * Evaluates the expression on one draw.
     *
     * @param row the draw's values, indexed by the columns the names were resolved to
     * @return its value
     */
    double eval(double[] row) {
        return root.eval(row);
    }

    private static final class Parser {
        final String s;
        final ToIntFunction<String> column;
        final List<String> names;
        int at;

        Parser(String s, ToIntFunction<String> column, List<String> names) {
            this.s = s;
            this.column = column;
            this.names = names;
        }

        UlamException error(String what) {
            return new UlamException("cannot read the contrast '" + s + "': " + what + "\n  " + s + "\n  " + " ".repeat(Math.min(at, s.length())) + "^",
                    null, "write it with output names, numbers, + - * / ^, parentheses and exp, log, inv_logit, logit, sqrt,"
                    + " abs, e.g. 'b[1,2] - b[1,1]' or 'inv_logit(a[1]) - inv_logit(a[2])'");
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
        }

        boolean eat(char c) {
            skipSpace();
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        Node sum() {
            Node left = product();
            while (true) {
                if (eat('+')) {
                    Node a = left;
                    Node b = product();
                    left = r -> a.eval(r) + b.eval(r);
                } else if (eat('-')) {
                    Node a = left;
                    Node b = product();
                    left = r -> a.eval(r) - b.eval(r);
                } else {
                    return left;
                }
            }
        }

        Node product() {
            Node left = unary();
            while (true) {
                if (eat('*')) {
                    Node a = left;
                    Node b = unary();
                    left = r -> a.eval(r) * b.eval(r);
                } else if (eat('/')) {
                    Node a = left;
                    Node b = unary();
                    left = r -> a.eval(r) / b.eval(r);
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            if (eat('-')) {
                Node a = unary();
                return r -> -a.eval(r);
            }
            if (eat('+')) return unary();
            return power();
        }

        Node power() {
            Node base = atom();
            if (eat('^')) {
                Node e = unary();   // right-associative, as R: 2^-1 and 2^3^2
                return r -> Math.pow(base.eval(r), e.eval(r));
            }
            return base;
        }

        Node atom() {
            skipSpace();
            if (at >= s.length()) throw error("the expression ends too early");
            char c = s.charAt(at);
            if (eat('(')) {
                Node n = sum();
                if (!eat(')')) throw error("a ')' is missing");
                return n;
            }
            if (Character.isDigit(c) || c == '.' && at + 1 < s.length() && Character.isDigit(s.charAt(at + 1))) {
                int start = at;
                while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.')) at++;
                if (at < s.length() && (s.charAt(at) == 'e' || s.charAt(at) == 'E')) {
                    at++;
                    if (at < s.length() && (s.charAt(at) == '-' || s.charAt(at) == '+')) at++;
                    while (at < s.length() && Character.isDigit(s.charAt(at))) at++;
                }
                double v;
                try {
                    v = Double.parseDouble(s.substring(start, at));
                } catch (NumberFormatException e) {
                    at = start;
                    throw error("not a number");
                }
                return r -> v;
            }
            if (Character.isLetter(c) || c == '_' || c == '.') {
                int start = at;
                while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '.')) at++;
                String name = s.substring(start, at);
                skipSpace();
                if (at < s.length() && s.charAt(at) == '(') {
                    at++;
                    Node arg = sum();
                    if (!eat(')')) throw error("a ')' is missing");
                    return function(name, arg, start);
                }
                if (at < s.length() && s.charAt(at) == '[') {
                    int close = s.indexOf(']', at);
                    if (close < 0) throw error("a ']' is missing");
                    name = name + "[" + s.substring(at + 1, close).replace(" ", "") + "]";
                    at = close + 1;
                }
                int col = column.applyAsInt(name);
                if (col < 0) {
                    at = start;
                    throw new UlamException("the contrast '" + s + "' names '" + name + "', which is not an output", null,
                            "the outputs are: " + String.join(", ", names.stream().map(ulam.runtime.output.PrecisTable::baseName)
                                    .distinct().toList()) + " (with their indices, e.g. a[1], b[1,2])");
                }
                return r -> r[col];
            }
            throw error("unexpected '" + c + "'");
        }

        Node function(String name, Node a, int start) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "exp" -> r -> Math.exp(a.eval(r));
                case "log" -> r -> Math.log(a.eval(r));
                case "sqrt" -> r -> Math.sqrt(a.eval(r));
                case "abs" -> r -> Math.abs(a.eval(r));
                case "inv_logit" -> r -> 1 / (1 + Math.exp(-a.eval(r)));
                case "logit" -> r -> {
                    double p = a.eval(r);
                    return Math.log(p / (1 - p));
                };
                default -> {
                    at = start;
                    throw error("unknown function " + name + "()");
                }
            };
        }
    }
}
