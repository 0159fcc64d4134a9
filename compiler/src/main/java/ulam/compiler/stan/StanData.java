package ulam.compiler.stan;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ulam.compiler.Compiler;
import ulam.compiler.check.Elem;
import ulam.compiler.check.Kind;
import ulam.compiler.check.Loop;
import ulam.compiler.check.Shape;
import ulam.compiler.check.Size;
import ulam.compiler.check.Symbol;
import ulam.compiler.check.TExpr;
import ulam.compiler.ir.Slot;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * The data of a Stan program as Stan JSON. Data columns are read from the data set as the model
 * reads them (text used as an index becomes its factor codes); derived data are taken from the
 * model bound to the data, so they are exactly what {@code ulam run} computes (the IR labels the
 * field of a derived value {@code derived NAME}, or {@code derived NAME (int)} for its whole-number
 * copy); sizes and exported tests on text are computed from those values.
 */
final class StanData {

    private final Compiler.Compiled compiled;
    private final DataSet data;
    private final Model bound;
    private final Map<String, Object> cache = new HashMap<>();

    private StanData(Compiler.Compiled compiled, DataSet data) {
        this.compiled = compiled;
        this.data = data;
        this.bound = compiled.factory().apply(data);   // checks the data as ulam run does
    }

    static String json(StanProgram program, Compiler.Compiled compiled, DataSet data) {
        StanData d = new StanData(compiled, data);
        Map<String, Object> out = new LinkedHashMap<>();
        for (StanSizes.Named n : program.sizes()) out.put(n.name(), d.size(n.representative()));
        for (Map.Entry<Symbol, String> e : program.data().entrySet()) out.put(e.getValue(), d.json(e.getKey()));
        for (StanExpr.Hoisted h : program.hoisted()) out.put(h.name(), d.hoisted(h));
        return write(out);
    }

    // ------------------------------------------------------------------ values

    /** A symbol's values: int/double for a scalar, int[]/double[] (column-major for a matrix). */
    private Object values(Symbol s) {
        boolean asInt = StanExpr.isInt(s);
        return cache.computeIfAbsent(s.name() + (asInt ? "#int" : "#real"), k -> read(s, asInt));
    }

    private Object read(Symbol s, boolean asInt) {
        if (s.kind() == Kind.DATA) {
            if (s.shape().isScalar()) return asInt ? (Object) data.intScalar(s.name(), null) : (Object) data.realScalar(s.name(), null);
            if (asInt) return data.ints(s.name(), null);
            if (s.shape() instanceof Shape.Matrix) return data.realMatrix(s.name(), null);
            return s.allowsMissing() ? data.realsWithMissing(s.name(), null) : data.reals(s.name(), null);
        }
        if (s.kind() != Kind.TRANSFORMED_DATA) throw new IllegalArgumentException(s + " is not data");
        Slot slot = null;
        for (Slot x : compiled.ir().slots()) {
            if (asInt && x.label().equals("derived " + s.name() + " (int)")) slot = x;
            if (slot == null && x.label().equals("derived " + s.name())) slot = x;
        }
        if (slot == null) throw new IllegalStateException("the compiled model has no field for derived data " + s.name());
        try {
            Field f = bound.getClass().getDeclaredField(slot.field());
            f.setAccessible(true);
            Object v = f.get(bound);
            if (asInt && v instanceof double[] reals) {
                int[] ints = new int[reals.length];
                for (int k = 0; k < ints.length; k++) ints[k] = (int) Math.rint(reals[k]);
                return ints;
            }
            if (asInt && v instanceof Double x) return (int) Math.rint(x);
            return v;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read derived data " + s.name() + " from the compiled model", e);
        }
    }

    private static int length(Object v) {
        if (v instanceof int[] a) return a.length;
        if (v instanceof double[] a) return a.length;
        if (v instanceof String[] a) return a.length;
        return 1;
    }

    /** The value of a size for these data. */
    private int size(Size s) {
        if (s instanceof Size.Const c) return c.value();
        if (s instanceof Size.DataScalar d) return ((Number) values(d.symbol())).intValue();
        if (s instanceof Size.Product p) return size(p.left()) * size(p.right());
        if (s instanceof Size.Sum p) return size(p.left()) + size(p.right());
        if (s instanceof Size.Length l) return length(values(l.symbol()));
        if (s instanceof Size.Levels l) {
            int max = 0;
            Object v = values(l.symbol());
            if (v instanceof int[] a) for (int x : a) max = Math.max(max, x);
            else for (double x : (double[]) v) max = Math.max(max, (int) x);
            return max;
        }
        if (s instanceof Size.Dim d) return data.dims(d.symbol().name(), null)[d.index()];
        if (s instanceof Size.Missing m) {
            int n = 0;
            for (double x : (double[]) values(m.symbol())) if (Double.isNaN(x)) n++;
            return n;
        }
        throw new IllegalArgumentException("size " + s);
    }

    /** A declared symbol as JSON: a number, an array, or rows of a matrix. */
    private Object json(Symbol s) {
        Object v = values(s);
        if (s.shape() instanceof Shape.Matrix m) {
            int rows = size(m.rows());
            int cols = size(m.cols());
            Object[] out = new Object[rows];
            for (int r = 0; r < rows; r++) {
                if (v instanceof int[] a) {
                    int[] row = new int[cols];
                    for (int c = 0; c < cols; c++) row[c] = a[r + c * rows];
                    out[r] = row;
                } else {
                    double[] a = (double[]) v;
                    double[] row = new double[cols];
                    for (int c = 0; c < cols; c++) row[c] = a[r + c * rows];
                    out[r] = row;
                }
            }
            return out;
        }
        return v;
    }

    // ------------------------------------------------------------------ tests on text

    private Object hoisted(StanExpr.Hoisted h) {
        if (h.loop() == null) return truth(eval(h.test(), Map.of()));
        int n = size(h.loop().count());
        int[] out = new int[n];
        for (int k = 0; k < n; k++) out[k] = truth(eval(h.test(), Map.of(h.loop(), k)));
        return out;
    }

    private static int truth(Object v) {
        return ((Number) v).doubleValue() != 0 ? 1 : 0;
    }

    /** Evaluates a data-only expression: a number (as a Double) or text. */
    private Object eval(TExpr e, Map<Loop, Integer> counters) {
        if (e instanceof TExpr.Num n) return n.value();
        if (e instanceof TExpr.Str s) return s.value();
        if (e instanceof TExpr.LoopIndex l) return (double) counters.get(l.loop());
        if (e instanceof TExpr.SizeOf s) return (double) size(s.size());
        if (e instanceof TExpr.Ref r) {
            Symbol s = r.symbol();
            Object v = r.elem() == Elem.STRING
                    ? cache.computeIfAbsent(s.name() + "#text", k -> data.strings(s.name(), null)) : values(s);
            if (r.index() == null) return v instanceof Number x ? x.doubleValue() : v;
            int k = (int) (double) (Double) eval(r.index(), counters);
            if (v instanceof int[] a) return (double) a[k];
            if (v instanceof double[] a) return a[k];
            return ((String[]) v)[k];
        }
        if (e instanceof TExpr.Arith a) {
            double x = (Double) eval(a.left(), counters);
            double y = (Double) eval(a.right(), counters);
            return switch (a.op()) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case POW -> Math.pow(x, y);
            };
        }
        if (e instanceof TExpr.Neg n) return -(Double) eval(n.operand(), counters);
        if (e instanceof TExpr.Not n) return truth(eval(n.operand(), counters)) == 0 ? 1.0 : 0.0;
        if (e instanceof TExpr.IfElse f) {
            return truth(eval(f.test(), counters)) != 0 ? eval(f.yes(), counters) : eval(f.no(), counters);
        }
        if (e instanceof TExpr.Logic l) {
            Object x = eval(l.left(), counters);
            Object y = eval(l.right(), counters);
            boolean b = switch (l.op()) {
                case EQ -> x.equals(y);
                case NE -> !x.equals(y);
                case LT -> (Double) x < (Double) y;
                case LE -> (Double) x <= (Double) y;
                case GT -> (Double) x > (Double) y;
                case GE -> (Double) x >= (Double) y;
                case AND -> truth(x) != 0 && truth(y) != 0;
                case OR -> truth(x) != 0 || truth(y) != 0;
                default -> throw new StanUnsupported("the operator " + l.op().symbol + " in a test on text");
            };
            return b ? 1.0 : 0.0;
        }
        throw new StanUnsupported("this expression in a test on text");
    }

    // ------------------------------------------------------------------ JSON

    private static String write(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sb.append(first ? "\n  " : ",\n  ").append('"').append(e.getKey()).append("\": ");
            value(sb, e.getValue());
            first = false;
        }
        return sb.append(first ? "}\n" : "\n}\n").toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v instanceof Integer i) {
            sb.append(i);
        } else if (v instanceof Double d) {
            sb.append(number(d));
        } else if (v instanceof int[] a) {
            sb.append('[');
            for (int k = 0; k < a.length; k++) sb.append(k > 0 ? ", " : "").append(a[k]);
            sb.append(']');
        } else if (v instanceof double[] a) {
            sb.append('[');
            for (int k = 0; k < a.length; k++) sb.append(k > 0 ? ", " : "").append(number(a[k]));
            sb.append(']');
        } else if (v instanceof Object[] rows) {
            sb.append('[');
            for (int k = 0; k < rows.length; k++) {
                if (k > 0) sb.append(", ");
                value(sb, rows[k]);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v + " as Stan data");
        }
    }

    /** A real as JSON; NaN (a missing value the program does not read) as 0. */
    private static String number(double d) {
        if (Double.isNaN(d)) return "0";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
