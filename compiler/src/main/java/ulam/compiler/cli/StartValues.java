package ulam.compiler.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The start values of a {@code quap(..., start=list(a=1, b=rep(0, 3)))} call: R expressions
 * evaluated on the data (numbers, arithmetic, {@code c}, {@code rep}, {@code seq_len}, data columns
 * by name or as R's {@code d$column}, and
 * {@code mean sd median min max sum length nrow ncol log exp sqrt abs} of data columns), each a
 * parameter's value on its own scale. The parameters without one start where the sampler would:
 * uniform in (-R, R) on the unconstrained scale, from the seed. rethinking draws those from the
 * priors instead; the mode found is the same for the book's models, whose log density has one
 * maximum.
 */
final class StartValues {
    private StartValues() {
    }

    /**
     * The {@code start=} entries of the model's wrapper, evaluated.
     *
     * @param program the parsed model
     * @param source  its source, for located errors
     * @param data    the data (may be empty)
     * @return parameter name to its values, in the order written; empty without {@code start=}
     * @throws UlamException located at the expression that cannot be evaluated
     */
    static Map<String, double[]> read(Program program, Source source, DataSet data) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Program.Option o : program.options()) {
            if (!"start".equals(o.name())) continue;
            if (!(o.value() instanceof Expr.Call c) || !c.function().equals("list")) {
                throw source.error(o.span(), "start= must be a list(name = value, ...)",
                        "e.g. start=list(mu=150, sigma=5)");
            }
            for (int k = 0; k < c.args().size(); k++) {
                String name = c.argNames().get(k);
                if (name == null) {
                    throw source.error(c.args().get(k).span(), "a start value needs a parameter name",
                            "write name = value, e.g. start=list(mu=150)");
                }
                out.put(name.replaceAll("[^A-Za-z0-9_]", "_"), new Evaluator(source, data).eval(c.args().get(k)));
            }
        }
        return out;
    }

    /**
     * The unconstrained start point: random (uniform in (-radius, radius), as the sampler's
     * initial values) where no start value is given, the start values elsewhere.
     *
     * @param model  the bound model
     * @param start  parameter name to values on the parameter's own scale ({@link #read})
     * @param radius the radius of the random part
     * @param seed   the seed of the random part
     * @param notes  receives a note per start value that names no parameter
     * @return {@code double[model.dimension()]}
     * @throws UlamException if a start value has the wrong length or lies outside its parameter's support
     */
    static double[] initialPoint(Model model, Map<String, double[]> start, double radius, long seed, List<String> notes) {
        int d = model.dimension();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        double[] q = new double[d];
        for (int i = 0; i < d; i++) q[i] = radius * (2 * rng.nextDouble() - 1);
        if (start.isEmpty()) return q;
        String[] names = model.outputNames();
        int p = model.parameterOutputs();
        double[] out = new double[names.length];
        model.writeDraw(q, rng, out);
        double[] x = Arrays.copyOf(out, p);
        for (Map.Entry<String, double[]> e : start.entrySet()) {
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                String n = names[i];
                if (n.equals(e.getKey()) || n.startsWith(e.getKey() + "[")) slots.add(i);
            }
            if (slots.isEmpty()) {
                notes.add("the start value of '" + e.getKey() + "' is ignored: it is not a parameter of the model");
                continue;
            }
            double[] v = e.getValue();
            if (v.length != 1 && v.length != slots.size()) {
                throw new UlamException(String.format(Locale.ROOT, "the start value of '%s' has %d values, but the"
                        + " parameter has %d", e.getKey(), v.length, slots.size()), null,
                        "give one value, or one per element (e.g. rep(0, " + slots.size() + "))");
            }
            for (int k = 0; k < slots.size(); k++) x[slots.get(k)] = v.length == 1 ? v[0] : v[k];
        }
        try {
            model.unconstrain(x, q);
        } catch (IllegalArgumentException e) {
            throw new UlamException("a start value lies outside its parameter's support: " + e.getMessage(), null,
                    "change the start=list(...) value (e.g. a standard deviation must be positive)");
        }
        return q;
    }

    /** Evaluates one start expression to a vector. */
    private record Evaluator(Source source, DataSet data) {
        double[] eval(Expr e) {
            if (e instanceof Expr.Num n) return new double[] {n.value()};
            if (e instanceof Expr.Unary u) {
                double[] v = eval(u.operand());
                if (u.op() == Expr.UnaryOp.NEG) for (int i = 0; i < v.length; i++) v[i] = -v[i];
                else if (u.op() == Expr.UnaryOp.NOT) throw unsupported(e);
                return v;
            }
            if (e instanceof Expr.Binary b) return binary(b);
            if (e instanceof Expr.Name n) {
                if (data.has(n.name())) {
                    double[] v = data.reals(n.name(), null);
                    return v.clone();
                }
                throw source.error(n.span(), "'" + n.written() + "' in a start value is not in the data",
                        "start values may use numbers and data columns, e.g. start=list(mu=mean(height))");
            }
            if (e instanceof Expr.Call c) return call(c);
            if (e instanceof Expr.Member m && m.key() instanceof Expr.Str key) {
                // R's d2$height: the column height of the data frame d2, which --data gives
                String column = key.value().replaceAll("[^A-Za-z0-9_]", "_");
                if (data.has(column)) return data.reals(column, null).clone();
                throw source.error(m.span(), "'" + key.value() + "' in a start value is not a column of the data",
                        "start values may use numbers and data columns, e.g. start=list(mu=mean(d$height))");
            }
            throw unsupported(e);
        }

        private double[] binary(Expr.Binary b) {
            double[] l = eval(b.left());
            double[] r = eval(b.right());
            if (b.op() == Expr.BinaryOp.RANGE) {
                int from = (int) l[0];
                int to = (int) r[0];
                double[] v = new double[Math.abs(to - from) + 1];
                for (int i = 0; i < v.length; i++) v[i] = from + (to >= from ? i : -i);
                return v;
            }
            int n = Math.max(l.length, r.length);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double a = l[i % l.length];
                double c = r[i % r.length];
                v[i] = switch (b.op()) {
                    case ADD -> a + c;
                    case SUB -> a - c;
                    case MUL -> a * c;
                    case DIV -> a / c;
                    case POW -> Math.pow(a, c);
                    default -> throw unsupported(b);
                };
            }
            return v;
        }

        private double[] call(Expr.Call c) {
            List<double[]> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(eval(a));
            switch (c.function()) {
                case "c" -> {
                    int n = 0;
                    for (double[] a : args) n += a.length;
                    double[] v = new double[n];
                    int k = 0;
                    for (double[] a : args) for (double x : a) v[k++] = x;
                    return v;
                }
                case "rep", "rep_len" -> {
                    if (args.size() != 2) throw unsupported(c);
                    double[] x = args.get(0);
                    int times = (int) args.get(1)[0];
                    int n = c.function().equals("rep") ? x.length * times : times;
                    double[] v = new double[Math.max(0, n)];
                    for (int i = 0; i < v.length; i++) v[i] = x[i % x.length];
                    return v;
                }
                case "seq_len" -> {
                    double[] v = new double[(int) one(c, args)];
                    for (int i = 0; i < v.length; i++) v[i] = i + 1;
                    return v;
                }
                case "length" -> {
                    return new double[] {arg(c, args).length};
                }
                case "nrow", "ncol" -> {
                    if (!(c.args().get(0) instanceof Expr.Name n) || !data.has(n.name())) throw unsupported(c);
                    int[] dims = data.dims(n.name(), null);
                    int r = dims.length == 0 ? 1 : dims[0];
                    int k = dims.length < 2 ? 1 : dims[1];
                    return new double[] {c.function().equals("nrow") ? r : k};
                }
                case "mean", "sd", "median", "min", "max", "sum" -> {
                    double[] x = finite(arg(c, args));
                    return new double[] {summary(c.function(), x)};
                }
                case "log", "exp", "sqrt", "abs" -> {
                    double[] x = arg(c, args);
                    double[] v = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        v[i] = switch (c.function()) {
                            case "log" -> Math.log(x[i]);
                            case "exp" -> Math.exp(x[i]);
                            case "sqrt" -> Math.sqrt(x[i]);
                            default -> Math.abs(x[i]);
                        };
                    }
                    return v;
                }
                default -> throw unsupported(c);
            }
        }

        private double[] arg(Expr.Call c, List<double[]> args) {
            if (args.size() != 1) throw unsupported(c);
            return args.get(0);
        }

        private double one(Expr.Call c, List<double[]> args) {
            return arg(c, args)[0];
        }

        private static double[] finite(double[] x) {
            return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        }

        private static double summary(String f, double[] x) {
            int n = x.length;
            if (n == 0) return Double.NaN;
            double sum = 0;
            for (double v : x) sum += v;
            double mean = sum / n;
            return switch (f) {
                case "mean" -> mean;
                case "sum" -> sum;
                case "min" -> Arrays.stream(x).min().getAsDouble();
                case "max" -> Arrays.stream(x).max().getAsDouble();
                case "median" -> {
                    double[] s = x.clone();
                    Arrays.sort(s);
                    yield n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
                }
                default -> {
                    double ss = 0;
                    for (double v : x) ss += (v - mean) * (v - mean);
                    yield n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
                }
            };
        }

        private UlamException unsupported(Expr e) {
            return source.error(e.span(), "this start value cannot be computed here",
                    "start values may use numbers, c(), rep(), seq_len(), arithmetic, and mean, sd, median, min,"
                            + " max, sum, length, nrow, ncol, log, exp, sqrt, abs of data columns");
        }
    }
}
