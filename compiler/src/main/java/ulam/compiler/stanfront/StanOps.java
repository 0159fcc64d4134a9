package ulam.compiler.stanfront;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import ulam.grammar.StanParser;

/**
 * The expressions of {@link StanInterpreter} (Stan reference manual, "Expressions"; Stan
 * functions reference for the functions): arithmetic with Stan's shapes ({@code +} and {@code -}
 * element-wise or with a scalar, {@code *} a scalar product or the matrix product,
 * {@code .*} and {@code ./} element-wise, {@code /} of two ints their integer division,
 * {@code %}, {@code ^}, {@code '}), comparisons and logic (ints 0 and 1), {@code ?:}, indexing by
 * ints, int arrays and slices, array and row-vector literals, and functions: element-wise
 * {@code exp log sqrt square fabs abs inv inv_logit logit log1p expm1 log1m lgamma tgamma floor
 * ceil round Phi inv_sqrt cos sin tan tanh}, reductions {@code sum mean sd variance max min prod
 * log_sum_exp dot_product dot_self}, sizes {@code size num_elements rows cols}, constructors
 * {@code rep_vector rep_row_vector rep_matrix rep_array to_vector to_row_vector col row
 * cumulative_sum diag_matrix}, and {@code student_t_lccdf}, {@code student_t_lcdf},
 * {@code normal_lcdf}, {@code normal_lccdf} of scalars.
 */
final class StanOps {
    private final StanInterpreter in;

    StanOps(StanInterpreter in) {
        this.in = in;
    }

    StanValue expr(StanParser.ExprContext c) {
        StanValue cond = or(c.cond);
        if (c.yes == null) return cond;
        return in.truth(cond, c.cond) ? expr(c.yes) : expr(c.no);
    }

    private StanValue or(StanParser.OrExprContext c) {
        StanValue acc = and(c.andExpr(0));
        for (int k = 1; k < c.andExpr().size(); k++) {
            if (in.truth(acc, c)) return StanValue.scalar(1, true);
            acc = StanValue.scalar(in.truth(and(c.andExpr(k)), c) ? 1 : 0, true);
        }
        return acc;
    }

    private StanValue and(StanParser.AndExprContext c) {
        StanValue acc = eq(c.eqExpr(0));
        for (int k = 1; k < c.eqExpr().size(); k++) {
            if (!in.truth(acc, c)) return StanValue.scalar(0, true);
            acc = StanValue.scalar(in.truth(eq(c.eqExpr(k)), c) ? 1 : 0, true);
        }
        return acc;
    }

    private StanValue eq(StanParser.EqExprContext c) {
        StanValue acc = cmp(c.cmpExpr(0));
        for (int k = 1; k < c.cmpExpr().size(); k++) {
            boolean equal = scalarOf(acc, c).scalarValue() == scalarOf(cmp(c.cmpExpr(k)), c).scalarValue();
            acc = StanValue.scalar(equal == (c.eqop.get(k - 1).getType() == StanParser.EQEQ) ? 1 : 0, true);
        }
        return acc;
    }

    private StanValue cmp(StanParser.CmpExprContext c) {
        StanValue acc = additive(c.additive(0));
        for (int k = 1; k < c.additive().size(); k++) {
            double a = scalarOf(acc, c).scalarValue();
            double b = scalarOf(additive(c.additive(k)), c).scalarValue();
            boolean r = switch (c.cmpop.get(k - 1).getType()) {
                case StanParser.LT -> a < b;
                case StanParser.LE -> a <= b;
                case StanParser.GT -> a > b;
                default -> a >= b;
            };
            acc = StanValue.scalar(r ? 1 : 0, true);
        }
        return acc;
    }

    private StanValue scalarOf(StanValue x, ParserRuleContext at) {
        if (!x.isScalar()) throw in.error(at, "a comparison of " + x.describe() + "; Stan compares single values", null);
        return x;
    }

    StanValue additive(StanParser.AdditiveContext c) {
        StanValue acc = multiplicative(c.multiplicative(0));
        for (int k = 1; k < c.multiplicative().size(); k++) {
            StanValue r = multiplicative(c.multiplicative(k));
            boolean plus = c.addop.get(k - 1).getType() == StanParser.PLUS;
            acc = elementwise(acc, r, plus ? Double::sum : (a, b) -> a - b, c);
        }
        return acc;
    }

    private StanValue multiplicative(StanParser.MultiplicativeContext c) {
        StanValue acc = unary(c.unary(0));
        for (int k = 1; k < c.unary().size(); k++) {
            StanValue r = unary(c.unary(k));
            Token op = c.mulop.get(k - 1);
            acc = switch (op.getType()) {
                case StanParser.STAR -> times(acc, r, c);
                case StanParser.ELTTIMES -> elementwise(acc, r, (a, b) -> a * b, c);
                case StanParser.SLASH -> acc.isInt() && r.isInt() && acc.isScalar() && r.isScalar()
                        ? StanValue.scalar(intDiv(acc, r, c), true) : divide(acc, r, c);
                case StanParser.ELTDIV -> elementwise(acc, r, (a, b) -> a / b, c);
                case StanParser.INTDIV -> StanValue.scalar(intDiv(acc, r, c), true);
                case StanParser.PERCENT -> {
                    double d = intDiv(acc, r, c);
                    yield StanValue.scalar(acc.scalarValue() - d * r.scalarValue(), true);
                }
                default -> throw in.unsupported(c, "matrix left division '\\' in transformed data");
            };
        }
        return acc;
    }

    private double intDiv(StanValue a, StanValue b, ParserRuleContext at) {
        if (!a.isInt() || !b.isInt() || !a.isScalar() || !b.isScalar()) throw in.error(at, "integer division and % take two ints", null);
        if (b.scalarValue() == 0) throw in.error(at, "integer division by zero", null);
        return (double) ((long) a.scalarValue() / (long) b.scalarValue());
    }

    private StanValue divide(StanValue a, StanValue b, ParserRuleContext at) {
        if (!b.isScalar()) throw in.error(at, "'/' by " + b.describe() + ": divide element-wise with ./", null);
        return elementwise(a, b, (x, y) -> x / y, at);
    }

    /** {@code a * b}: with a scalar, each element; else the matrix product (row vectors and vectors as 1-row and 1-column matrices). */
    private StanValue times(StanValue a, StanValue b, ParserRuleContext at) {
        if (a.isScalar() || b.isScalar()) return elementwise(a, b, (x, y) -> x * y, at);
        if (a.arrayRank() > 0 || b.arrayRank() > 0) throw in.error(at, "'*' of " + a.describe() + " and " + b.describe(), null);
        int ar = a.base().equals("row_vector") ? 1 : a.dims()[0];
        int ac = a.base().equals("matrix") ? a.dims()[1] : a.base().equals("row_vector") ? a.dims()[0] : 1;
        int br = b.base().equals("row_vector") ? 1 : b.dims()[0];
        int bc = b.base().equals("matrix") ? b.dims()[1] : b.base().equals("row_vector") ? b.dims()[0] : 1;
        if (ac != br) throw in.error(at, "'*' of " + a.describe() + " and " + b.describe() + ": the sizes do not match", null);
        double[] out = new double[ar * bc];
        for (int j = 0; j < bc; j++) {
            for (int k = 0; k < ac; k++) {
                double bkj = b.v()[k + j * br];
                for (int i = 0; i < ar; i++) out[i + j * ar] += a.v()[i + k * ar] * bkj;
            }
        }
        if (ar == 1 && bc == 1 && !a.base().equals("matrix") && !b.base().equals("matrix")) return StanValue.scalar(out[0], false);
        if (bc == 1 && !b.base().equals("matrix")) return new StanValue(new int[] {ar}, out, "vector");
        if (ar == 1 && !a.base().equals("matrix")) return new StanValue(new int[] {bc}, out, "row_vector");
        return new StanValue(new int[] {ar, bc}, out, "matrix");
    }

    /** An element-wise operation, a scalar applying to every element; ints stay ints for + - *. */
    StanValue elementwise(StanValue a, StanValue b, DoubleBinaryOperator f, ParserRuleContext at) {
        boolean isInt = a.isInt() && b.isInt();
        if (a.isScalar() && b.isScalar()) return StanValue.scalar(f.applyAsDouble(a.scalarValue(), b.scalarValue()), isInt);
        if (!a.isScalar() && !b.isScalar() && !a.sameShape(b)) {
            throw in.error(at, "an operation on " + a.describe() + " and " + b.describe() + ": the sizes do not match", null);
        }
        StanValue shape = a.isScalar() ? b : a;
        double[] out = new double[shape.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = f.applyAsDouble(a.isScalar() ? a.scalarValue() : a.v()[k], b.isScalar() ? b.scalarValue() : b.v()[k]);
        }
        String base = shape.base().equals("int") && !isInt ? "real" : shape.base();
        return new StanValue(shape.dims().clone(), out, base);
    }

    /** {@code x op= e} as {@code x = x op e}. */
    StanValue compound(String op, StanValue old, StanValue value, ParserRuleContext at) {
        return switch (op) {
            case "+=" -> elementwise(old, value, Double::sum, at);
            case "-=" -> elementwise(old, value, (a, b) -> a - b, at);
            case "*=" -> times(old, value, at);
            case ".*=" -> elementwise(old, value, (a, b) -> a * b, at);
            case "/=" -> divide(old, value, at);
            default -> elementwise(old, value, (a, b) -> a / b, at);
        };
    }

    private StanValue unary(StanParser.UnaryContext c) {
        if (c.op != null) {
            StanValue x = unary(c.unary());
            return switch (c.op.getType()) {
                case StanParser.MINUS -> map(x, a -> -a, x.isInt());
                case StanParser.BANG -> StanValue.scalar(in.truth(x, c) ? 0 : 1, true);
                default -> x;
            };
        }
        StanParser.PowerContext p = c.power();
        StanValue base = postfix(p.postfix());
        if (p.op == null) return base;
        StanValue e = unary(p.unary());
        StanValue r = elementwise(base, e, Math::pow, p);
        return base.isInt() && e.isInt() ? r.as(r.isScalar() ? "real" : r.base()) : r;
    }

    private StanValue map(StanValue x, DoubleUnaryOperator f, boolean keepInt) {
        double[] out = new double[x.size()];
        for (int k = 0; k < out.length; k++) out[k] = f.applyAsDouble(x.v()[k]);
        return new StanValue(x.dims().clone(), out, x.isInt() && !keepInt ? "real" : x.base());
    }

    private StanValue postfix(StanParser.PostfixContext c) {
        StanValue acc = primary(c.primary());
        String name = StanParse.text(c.primary());
        for (StanParser.PostfixOpContext op : c.postfixOp()) {
            if (op instanceof StanParser.IndexOpContext ix) {
                List<int[]> picks = new ArrayList<>();
                List<Boolean> single = new ArrayList<>();
                in.indices(ix.indexes(), acc, name, picks, single);
                acc = gather(acc, picks, single);
            } else {
                acc = transpose(acc, op);
            }
            name = name + StanParse.text(op);
        }
        return acc;
    }

    private StanValue transpose(StanValue x, ParserRuleContext at) {
        return switch (x.base()) {
            case "vector" -> x.arrayRank() == 0 ? x.as("row_vector") : bad(x, at);
            case "row_vector" -> x.arrayRank() == 0 ? x.as("vector") : bad(x, at);
            case "matrix" -> {
                if (x.arrayRank() > 0) yield bad(x, at);
                int r = x.dims()[0], cc = x.dims()[1];
                double[] out = new double[r * cc];
                for (int i = 0; i < r; i++) for (int j = 0; j < cc; j++) out[j + i * cc] = x.v()[i + j * r];
                yield new StanValue(new int[] {cc, r}, out, "matrix");
            }
            default -> bad(x, at);
        };
    }

    private StanValue bad(StanValue x, ParserRuleContext at) {
        throw in.error(at, "the transpose of " + x.describe(), null);
    }

    /** The elements at the picked positions; a single index drops its dimension. */
    StanValue gather(StanValue x, List<int[]> picks, List<Boolean> single) {
        int n = x.dims().length;
        List<Integer> dims = new ArrayList<>();
        for (int k = 0; k < n; k++) if (!single.get(k)) dims.add(picks.get(k).length);
        int total = 1;
        for (int d : dims) total *= d;
        double[] out = new double[total];
        int[] at = new int[n];
        for (int t = 0; t < total; t++) {
            out[t] = x.v()[offset(x, picks, at)];
            advance(picks, at);
        }
        return new StanValue(dims.stream().mapToInt(Integer::intValue).toArray(), out, baseAfter(x, single));
    }

    /** Writes {@code value}'s elements at the picked positions of {@code x} (same order as {@link #gather}). */
    void scatter(StanValue x, List<int[]> picks, StanValue value) {
        int[] at = new int[x.dims().length];
        for (int t = 0; t < value.size(); t++) {
            x.v()[offset(x, picks, at)] = value.v()[t];
            advance(picks, at);
        }
    }

    private static int offset(StanValue x, List<int[]> picks, int[] at) {
        int off = 0;
        int stride = 1;
        for (int k = 0; k < at.length; k++) {
            off += (picks.get(k)[at[k]] - 1) * stride;
            stride *= x.dims()[k];
        }
        return off;
    }

    private static void advance(List<int[]> picks, int[] at) {
        for (int k = 0; k < at.length; k++) {
            if (++at[k] < picks.get(k).length) return;
            at[k] = 0;
        }
    }

    /** The type of an indexed value: the array indices go first; then a matrix's row or column, a vector's elements. */
    private static String baseAfter(StanValue x, List<Boolean> single) {
        int a = x.arrayRank();
        String base = x.base();
        if (base.equals("int") || base.equals("real")) return base;
        if (base.equals("matrix")) {
            boolean row = single.get(a);
            boolean col = single.get(a + 1);
            return row && col ? "real" : row ? "row_vector" : col ? "vector" : "matrix";
        }
        return single.get(a) ? "real" : base;
    }

    // ------------------------------------------------------------ primaries and functions

    private StanValue primary(StanParser.PrimaryContext c) {
        if (c instanceof StanParser.NumberExprContext n) {
            String t = n.NUMBER().getText();
            boolean isInt = t.matches("[0-9]+");
            return StanValue.scalar(Double.parseDouble(t), isInt);
        }
        if (c instanceof StanParser.ParenExprContext p) return expr(p.expr());
        if (c instanceof StanParser.NameExprContext n) return in.lookup(n);
        if (c instanceof StanParser.CallExprContext call) return DataFunctionCalls.call(this, call, args(call));
        if (c instanceof StanParser.ArrayExprContext a) return stack(a.exprList(), false, a);
        if (c instanceof StanParser.RowVectorExprContext r) return stack(r.exprList(), true, r);
        throw in.unsupported(c, "'" + StanParse.text(c) + "' in transformed data");
    }

    private List<StanValue> args(StanParser.CallExprContext c) {
        List<StanValue> out = new ArrayList<>();
        if (c.first != null) out.add(expr(c.first));
        if (c.exprList() != null) for (StanParser.ExprContext e : c.exprList().expr()) out.add(expr(e));
        return out;
    }

    /** {@code {a, b}}: an array of equal values; {@code [a, b]}: a row vector of scalars (or a matrix of row vectors). */
    private StanValue stack(StanParser.ExprListContext l, boolean row, ParserRuleContext at) {
        List<StanValue> parts = new ArrayList<>();
        for (StanParser.ExprContext e : l.expr()) parts.add(expr(e));
        StanValue first = parts.get(0);
        boolean isInt = true;
        for (StanValue p : parts) {
            if (!p.sameShape(first)) throw in.error(at, "the elements of a literal must have the same sizes", null);
            isInt &= p.isInt();
        }
        int m = parts.size();
        int each = first.size();
        double[] out = new double[m * each];
        for (int i = 0; i < m; i++) for (int k = 0; k < each; k++) out[i + k * m] = parts.get(i).v()[k];
        int[] dims = new int[first.dims().length + 1];
        dims[0] = m;
        System.arraycopy(first.dims(), 0, dims, 1, first.dims().length);
        if (row) {
            if (first.isScalar()) return new StanValue(dims, out, "row_vector");
            if (first.base().equals("row_vector") && first.arrayRank() == 0) return new StanValue(dims, out, "matrix");
            throw in.error(at, "[...] takes scalars or row vectors", null);
        }
        String base = first.isScalar() ? (isInt ? "int" : "real") : first.base();
        return new StanValue(dims, out, base);
    }

    StanInterpreter interpreter() {
        return in;
    }
}
