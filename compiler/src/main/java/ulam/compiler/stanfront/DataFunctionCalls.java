package ulam.compiler.stanfront;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import ulam.grammar.StanParser;
import ulam.stdlib.math.Numerics;

/**
 * The Stan functions {@link StanInterpreter} evaluates (Stan functions reference; the list is in
 * {@link StanOps}'s comment). Each checks its arguments' count and shapes; an unknown function
 * is a located "not supported yet" naming it.
 */
final class DataFunctionCalls {
    private DataFunctionCalls() {}

    private static final Map<String, DoubleUnaryOperator> ELEMENTWISE = Map.ofEntries(
            Map.entry("exp", Math::exp), Map.entry("log", Math::log), Map.entry("sqrt", Math::sqrt),
            Map.entry("square", x -> x * x), Map.entry("fabs", Math::abs), Map.entry("abs", Math::abs),
            Map.entry("inv", x -> 1 / x), Map.entry("inv_sqrt", x -> 1 / Math.sqrt(x)), Map.entry("inv_square", x -> 1 / (x * x)),
            Map.entry("inv_logit", x -> 1 / (1 + Math.exp(-x))), Map.entry("logit", x -> Math.log(x / (1 - x))),
            Map.entry("log1p", Math::log1p), Map.entry("expm1", Math::expm1), Map.entry("log1m", x -> Math.log1p(-x)),
            Map.entry("lgamma", Numerics::lgamma), Map.entry("tgamma", x -> Math.exp(Numerics.lgamma(x)) * (x < 0 && Math.floor(-x) % 2 == 0 ? -1 : 1)),
            Map.entry("floor", Math::floor), Map.entry("ceil", Math::ceil), Map.entry("round", Math::rint),
            Map.entry("Phi", x -> Math.exp(ulam.stdlib.dist.Normal.lcdf(x, 0, 1))),
            Map.entry("cos", Math::cos), Map.entry("sin", Math::sin), Map.entry("tan", Math::tan), Map.entry("tanh", Math::tanh),
            Map.entry("log10", Math::log10), Map.entry("log2", x -> Math.log(x) / Math.log(2)), Map.entry("cbrt", Math::cbrt));

    static StanValue call(StanOps ops, StanParser.CallExprContext c, List<StanValue> a) {
        StanInterpreter in = ops.interpreter();
        String fn = c.fn.getText();
        DoubleUnaryOperator f = ELEMENTWISE.get(fn);
        if (f != null) {
            count(in, c, a, 1);
            StanValue x = a.get(0);
            double[] out = new double[x.size()];
            for (int k = 0; k < out.length; k++) out[k] = f.applyAsDouble(x.v()[k]);
            boolean keepsInt = fn.equals("abs");
            return new StanValue(x.dims().clone(), out, x.isInt() && !keepsInt ? "real" : x.base());
        }
        if (DataDistributions.knows(fn)) return DataDistributions.call(in, c, a);
        switch (fn) {
            case "pi": return StanValue.scalar(Math.PI, false);
            case "e": return StanValue.scalar(Math.E, false);
            case "sqrt2": return StanValue.scalar(Math.sqrt(2), false);
            case "not_a_number": return StanValue.scalar(Double.NaN, false);
            case "positive_infinity": return StanValue.scalar(Double.POSITIVE_INFINITY, false);
            case "negative_infinity": return StanValue.scalar(Double.NEGATIVE_INFINITY, false);
            default: break;
        }
        if (fn.equals("pow")) {
            count(in, c, a, 2);
            return ops.elementwise(a.get(0), a.get(1), Math::pow, c).as(a.get(0).isScalar() && a.get(1).isScalar() ? "real" : shapeOf(a).base());
        }
        if ((fn.equals("max") || fn.equals("min")) && a.size() == 2) {
            boolean max = fn.equals("max");
            StanValue r = ops.elementwise(a.get(0), a.get(1), max ? Math::max : Math::min, c);
            return r;
        }
        switch (fn) {
            case "sum", "mean", "sd", "variance", "max", "min", "prod", "log_sum_exp", "dot_self", "num_elements", "size" -> {
                count(in, c, a, 1);
                return reduce(in, c, fn, a.get(0));
            }
            case "rows", "cols" -> {
                count(in, c, a, 1);
                StanValue x = a.get(0);
                if (x.arrayRank() > 0 || x.isScalar()) throw in.error(c, fn + "() of " + x.describe(), null);
                int n = x.base().equals("matrix") ? x.dims()[fn.equals("rows") ? 0 : 1]
                        : x.base().equals("vector") ? (fn.equals("rows") ? x.dims()[0] : 1) : (fn.equals("rows") ? 1 : x.dims()[0]);
                return StanValue.scalar(n, true);
            }
            case "dot_product" -> {
                count(in, c, a, 2);
                if (a.get(0).size() != a.get(1).size() || a.get(0).typeRank() != 1 || a.get(1).typeRank() != 1) {
                    throw in.error(c, "dot_product() of " + a.get(0).describe() + " and " + a.get(1).describe(), null);
                }
                double s = 0;
                for (int k = 0; k < a.get(0).size(); k++) s += a.get(0).v()[k] * a.get(1).v()[k];
                return StanValue.scalar(s, false);
            }
            case "rep_vector", "rep_row_vector" -> {
                count(in, c, a, 2);
                int n = size(in, c, a.get(1));
                double[] out = new double[n];
                java.util.Arrays.fill(out, scalar(in, c, a.get(0)));
                return new StanValue(new int[] {n}, out, fn.equals("rep_vector") ? "vector" : "row_vector");
            }
            case "rep_matrix" -> {
                if (a.size() == 3) {
                    int r = size(in, c, a.get(1)), cc = size(in, c, a.get(2));
                    double[] out = new double[r * cc];
                    java.util.Arrays.fill(out, scalar(in, c, a.get(0)));
                    return new StanValue(new int[] {r, cc}, out, "matrix");
                }
                count(in, c, a, 2);
                StanValue v = a.get(0);
                int n = size(in, c, a.get(1));
                int m = v.size();
                double[] out = new double[m * n];
                boolean col = v.base().equals("vector");
                for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                    if (col) out[i + j * m] = v.v()[i];
                    else out[j + i * n] = v.v()[i];
                }
                return new StanValue(col ? new int[] {m, n} : new int[] {n, m}, out, "matrix");
            }
            case "rep_array" -> {
                if (a.size() < 2 || a.size() > 4 || !a.get(0).isScalar()) throw in.error(c, "rep_array(x, n...) of a single value", null);
                int[] dims = new int[a.size() - 1];
                int total = 1;
                for (int k = 1; k < a.size(); k++) total *= dims[k - 1] = size(in, c, a.get(k));
                double[] out = new double[total];
                java.util.Arrays.fill(out, a.get(0).scalarValue());
                return new StanValue(dims, out, a.get(0).base());
            }
            case "to_vector", "to_row_vector" -> {
                count(in, c, a, 1);
                StanValue x = a.get(0);
                return new StanValue(new int[] {x.size()}, x.v().clone(), fn.equals("to_vector") ? "vector" : "row_vector");
            }
            case "col", "row" -> {
                count(in, c, a, 2);
                StanValue m = a.get(0);
                if (!m.base().equals("matrix") || m.arrayRank() > 0) throw in.error(c, fn + "() of " + m.describe(), null);
                int k = size(in, c, a.get(1));
                int r = m.dims()[0], cc = m.dims()[1];
                boolean isCol = fn.equals("col");
                if (k < 1 || k > (isCol ? cc : r)) throw in.error(c, fn + "(" + k + ") is out of range for " + m.describe(), null);
                double[] out = new double[isCol ? r : cc];
                for (int i = 0; i < out.length; i++) out[i] = isCol ? m.v()[i + (k - 1) * r] : m.v()[(k - 1) + i * r];
                return new StanValue(new int[] {out.length}, out, isCol ? "vector" : "row_vector");
            }
            case "cumulative_sum" -> {
                count(in, c, a, 1);
                StanValue x = a.get(0);
                if (x.dims().length != 1) throw in.error(c, "cumulative_sum() of " + x.describe(), null);
                double[] out = x.v().clone();
                for (int k = 1; k < out.length; k++) out[k] += out[k - 1];
                return new StanValue(x.dims().clone(), out, x.base());
            }
            case "diag_matrix" -> {
                count(in, c, a, 1);
                StanValue x = a.get(0);
                int n = x.size();
                double[] out = new double[n * n];
                for (int k = 0; k < n; k++) out[k + k * n] = x.v()[k];
                return new StanValue(new int[] {n, n}, out, "matrix");
            }
            case "student_t_lccdf", "student_t_lcdf" -> {
                count(in, c, a, 4);
                double[] s = scalars(in, c, a);
                return StanValue.scalar(fn.endsWith("lccdf") ? ulam.stdlib.dist.StudentTCdf.lccdf(s[0], s[1], s[2], s[3])
                        : ulam.stdlib.dist.StudentTCdf.lcdf(s[0], s[1], s[2], s[3]), false);
            }
            case "normal_lccdf", "normal_lcdf" -> {
                count(in, c, a, 3);
                double[] s = scalars(in, c, a);
                return StanValue.scalar(fn.endsWith("lccdf") ? ulam.stdlib.dist.Normal.lccdf(s[0], s[1], s[2])
                        : ulam.stdlib.dist.Normal.lcdf(s[0], s[1], s[2]), false);
            }
            default -> throw in.unsupported(c, fn + "() in transformed data, or in a condition on data,");
        }
    }

    private static StanValue shapeOf(List<StanValue> a) {
        return a.get(0).isScalar() ? a.get(1) : a.get(0);
    }

    private static StanValue reduce(StanInterpreter in, StanParser.CallExprContext c, String fn, StanValue x) {
        double[] v = x.v();
        int n = v.length;
        switch (fn) {
            case "size" -> {
                if (x.isScalar()) throw in.error(c, "size() of a single value", null);
                return StanValue.scalar(x.dims()[0], true);
            }
            case "num_elements" -> { return StanValue.scalar(n, true); }
            case "sum" -> {
                double s = 0;
                for (double d : v) s += d;
                return StanValue.scalar(s, x.isInt());
            }
            case "prod" -> {
                double s = 1;
                for (double d : v) s *= d;
                return StanValue.scalar(s, x.isInt());
            }
            case "dot_self" -> {
                double s = 0;
                for (double d : v) s += d * d;
                return StanValue.scalar(s, false);
            }
            case "max", "min" -> {
                if (n == 0) throw in.error(c, fn + "() of no elements", null);
                double m = v[0];
                for (double d : v) m = fn.equals("max") ? Math.max(m, d) : Math.min(m, d);
                return StanValue.scalar(m, x.isInt());
            }
            case "log_sum_exp" -> {
                double m = Double.NEGATIVE_INFINITY;
                for (double d : v) m = Math.max(m, d);
                double s = 0;
                for (double d : v) s += Math.exp(d - m);
                return StanValue.scalar(m + Math.log(s), false);
            }
            default -> {
                if (n == 0 || (n < 2 && !fn.equals("mean"))) throw in.error(c, fn + "() of " + n + " element" + (n == 1 ? "" : "s"), null);
                double mean = 0;
                for (double d : v) mean += d;
                mean /= n;
                if (fn.equals("mean")) return StanValue.scalar(mean, false);
                double ss = 0;
                for (double d : v) ss += (d - mean) * (d - mean);
                double var = ss / (n - 1);
                return StanValue.scalar(fn.equals("variance") ? var : Math.sqrt(var), false);
            }
        }
    }

    private static void count(StanInterpreter in, StanParser.CallExprContext c, List<StanValue> a, int n) {
        if (a.size() != n) throw in.error(c, c.fn.getText() + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", here " + a.size(), null);
    }

    private static double scalar(StanInterpreter in, StanParser.CallExprContext c, StanValue x) {
        if (!x.isScalar()) throw in.error(c, c.fn.getText() + "() takes a single value here, not " + x.describe(), null);
        return x.scalarValue();
    }

    private static double[] scalars(StanInterpreter in, StanParser.CallExprContext c, List<StanValue> a) {
        double[] s = new double[a.size()];
        for (int k = 0; k < s.length; k++) s[k] = scalar(in, c, a.get(k));
        return s;
    }

    private static int size(StanInterpreter in, StanParser.CallExprContext c, StanValue x) {
        if (!x.isScalar() || !x.isInt() || x.scalarValue() < 0) throw in.error(c, c.fn.getText() + "() takes a non-negative int size", null);
        return (int) x.scalarValue();
    }
}
