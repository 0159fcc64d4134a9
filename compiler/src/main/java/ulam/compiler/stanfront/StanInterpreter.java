package ulam.compiler.stanfront;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import ulam.compiler.parse.Source;
import ulam.grammar.StanParser;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Runs Stan statements on data (Stan reference manual, "Statements"): the transformed data block,
 * once, when the data are bound, as Stan runs it, and conditions and constants that depend on
 * data only ({@code if (!prior_only)}). Declarations with sizes (elements NaN until assigned),
 * assignment to a whole variable, an element or a slice ({@code Xc[:, i - 1] = ...}) with
 * {@code =} and the compound operators, {@code for}, {@code while}, {@code if}/{@code else},
 * {@code break}, {@code continue}, blocks, {@code print} (ignored) and {@code reject} (an error);
 * expressions over ints, reals, vectors, row vectors, matrices and arrays of them
 * ({@link StanOps}). Every error is located at its statement or expression (an index out of
 * range, sizes that do not match, a function it does not know, an element left without a value).
 */
final class StanInterpreter {

    private final Source source;
    private final Map<String, Decl> scope;
    private final DataSet data;
    private final Deque<Map<String, StanValue>> frames = new ArrayDeque<>();
    private final Map<String, StanValue> globals = new LinkedHashMap<>();
    private final Map<String, StanValue> dataValues = new HashMap<>();
    private final StanOps ops;
    private final Map<String, StanValue> given = new HashMap<>();
    private org.apache.commons.rng.UniformRandomProvider rng;

    /**
     * @param scope the program's declarations (the data block's are read from {@code data})
     * @param data  the data
     */
    StanInterpreter(Source source, Map<String, Decl> scope, DataSet data) {
        this.source = source;
        this.scope = scope;
        this.data = data;
        this.ops = new StanOps(this);
    }

    /**
     * Gives a variable of another block its value for the statements run next (a parameter, a
     * transformed parameter or a transformed datum, when generated quantities are run on a draw).
     */
    void give(String name, StanValue value) {
        given.put(name, value);
    }

    /** The random stream {@code _rng} functions draw from (generated quantities), or null where they are refused. */
    void rng(org.apache.commons.rng.UniformRandomProvider r) {
        rng = r;
    }

    /** The random stream of {@link #rng(org.apache.commons.rng.UniformRandomProvider)}, or null. */
    org.apache.commons.rng.UniformRandomProvider rng() {
        return rng;
    }

    /** The values of the block's top-level variables, in declaration order. */
    Map<String, StanValue> results() {
        return globals;
    }

    private static final class Jump extends RuntimeException {
        final boolean isBreak;

        Jump(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    /**
     * Runs a block's items; its top-level declarations become {@link #results}, and every element
     * of them must have a value at the end.
     *
     * @throws UlamException located, for any error in the statements or the data they read
     */
    void runBlock(List<StanParser.BlockItemContext> items) {
        run(items);
        for (Map.Entry<String, StanValue> e : globals.entrySet()) {
            StanValue x = e.getValue();
            for (int k = 0; k < x.size(); k++) {
                if (Double.isNaN(x.v()[k])) {
                    throw source.error(scope.get(e.getKey()).span(), "transformed data: " + e.getKey() + element(x, k)
                            + " is never given a value (or is NaN)", "assign every element in the transformed data block");
                }
            }
            checkBounds(scope.get(e.getKey()), x);
        }
    }

    /**
     * Runs a block's items without the checks of {@link #runBlock} at the end (generated
     * quantities: an element never assigned is NaN in the draw, as in Stan's output).
     */
    void run(List<StanParser.BlockItemContext> items) {
        globals.clear();
        for (StanParser.BlockItemContext i : items) item(i, true);
    }

    private void checkBounds(Decl d, StanValue x) {
        StanParser.TypeContext t = d.ctx().type();
        if (t.bounds() == null) return;
        for (StanParser.BoundContext b : t.bounds().bound()) {
            String key = b.name.getText();
            if (!key.equals("lower") && !key.equals("upper")) continue;
            StanValue bound = eval(b.additive());
            for (int k = 0; k < x.size(); k++) {
                double lim = bound.isScalar() ? bound.scalarValue() : bound.v()[k];
                if (key.equals("lower") ? x.v()[k] < lim : x.v()[k] > lim) {
                    throw source.error(d.span(), "transformed data: " + d.name() + element(x, k) + " = " + x.v()[k] + " is "
                            + (key.equals("lower") ? "below its lower" : "above its upper") + " bound " + lim, null);
                }
            }
        }
    }

    /** The 1-based subscript of the k-th element (column-major), "" for a scalar. */
    static String element(StanValue x, int k) {
        if (x.isScalar()) return "";
        StringBuilder sb = new StringBuilder("[");
        int r = k;
        for (int j = 0; j < x.dims().length; j++) {
            sb.append(j > 0 ? ", " : "").append(r % x.dims()[j] + 1);
            r /= x.dims()[j];
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------ statements

    private void item(StanParser.BlockItemContext i, boolean top) {
        if (i.varDecl() != null) declare(i.varDecl(), top);
        else statement(i.statement());
    }

    private void declare(StanParser.VarDeclContext v, boolean top) {
        StanValue x = shape(v);
        String name = v.name.getText();
        if (v.value != null) x = convert(eval(v.value), x, v.value, name);
        if (top && frames.isEmpty()) globals.put(name, x);
        else frames.peek().put(name, x);
    }

    /** A declared variable before it is given a value: its sizes (evaluated now), its type, every element NaN. */
    StanValue shape(StanParser.VarDeclContext v) {
        List<Integer> dims = new ArrayList<>();
        StanParser.ExprListContext ad = v.arrayDims != null ? v.arrayDims : v.oldDims;
        if (ad != null) for (StanParser.ExprContext e : ad.expr()) dims.add(sizeOf(e));
        StanParser.TypeContext t = v.type();
        String kind = t.kind.getText();
        String base = switch (kind) {
            case "int", "real", "vector", "row_vector", "matrix" -> kind;
            case "simplex", "ordered", "positive_ordered", "unit_vector", "sum_to_zero_vector" -> "vector";
            case "complex" -> throw unsupported(t, "complex numbers");
            default -> "matrix";
        };
        if (t.size != null) {
            int n = sizeOf(t.size);
            dims.add(n);
            if (base.equals("matrix")) dims.add(n);
        }
        if (t.rows != null) dims.add(sizeOf(t.rows));
        if (t.cols != null) dims.add(sizeOf(t.cols));
        else if (t.rows != null && kind.equals("cholesky_factor_cov")) dims.add(dims.get(dims.size() - 1));
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        return StanValue.undefined(d, base);
    }

    /** A declared size: a non-negative int. */
    private int sizeOf(StanParser.ExprContext e) {
        StanValue s = eval(e);
        if (!s.isScalar() || !s.isInt() || s.scalarValue() < 0) {
            throw error(e, "a size must be a non-negative int, but this is " + (s.isScalar() ? Double.toString(s.scalarValue()) : s.describe()), null);
        }
        return (int) s.scalarValue();
    }

    /** A value assigned to a variable of the shape of {@code target}: the same sizes, an int made real. */
    private StanValue convert(StanValue value, StanValue target, ParserRuleContext at, String name) {
        if (target.isInt() && !value.isInt()) throw error(at, "'" + name + "' is an int, and this value is real", "round it (to_int) or declare it real");
        if (!target.sameShape(value)) {
            throw error(at, "'" + name + "' is " + target.describe() + ", and this value is " + value.describe(), null);
        }
        return new StanValue(target.dims(), value.v().clone(), target.base());
    }

    void statement(StanParser.StatementContext s) {
        if (s instanceof StanParser.AssignStatementContext a) assign(a);
        else if (s instanceof StanParser.ForStatementContext f) loop(f);
        else if (s instanceof StanParser.WhileStatementContext w) {
            while (truth(eval(w.expr()), w.expr())) {
                try {
                    scoped(w.statement());
                } catch (Jump j) {
                    if (j.isBreak) break;
                }
            }
        } else if (s instanceof StanParser.IfStatementContext i) {
            if (truth(eval(i.cond), i.cond)) scoped(i.then);
            else if (i.otherwise != null) scoped(i.otherwise);
        } else if (s instanceof StanParser.BlockStatementContext b) {
            frames.push(new HashMap<>());
            try {
                for (StanParser.BlockItemContext i : b.blockItem()) item(i, false);
            } finally {
                frames.pop();
            }
        } else if (s instanceof StanParser.ProfileStatementContext p) {
            for (StanParser.BlockItemContext i : p.blockItem()) item(i, false);
        } else if (s instanceof StanParser.JumpStatementContext j) {
            throw new Jump(j.kw.getType() == StanParser.BREAK);
        } else if (s instanceof StanParser.EmptyStatementContext) {
            // nothing
        } else if (s instanceof StanParser.PrintStatementContext p && p.fn.getType() == StanParser.PRINT) {
            // print() is ignored
        } else if (s instanceof StanParser.PrintStatementContext p) {
            throw error(p, "transformed data: " + p.fn.getText() + "(" + StanParse.text(p).replaceFirst("^[a-z_]+\\s*\\(", "").replaceFirst("\\)\\s*;$", "")
                    + ") was reached with these data", "check the data against the program's requirements");
        } else {
            throw unsupported(s, "this statement in transformed data");
        }
    }

    private void scoped(StanParser.StatementContext s) {
        frames.push(new HashMap<>());
        try {
            statement(s);
        } finally {
            frames.pop();
        }
    }

    private void loop(StanParser.ForStatementContext f) {
        StanValue lo = eval(f.lo);
        StanValue hi = eval(f.hi);
        if (!lo.isScalar() || !lo.isInt() || !hi.isScalar() || !hi.isInt()) throw error(f.lo, "a loop's bounds must be ints", null);
        String var = f.var.getText();
        for (long k = (long) lo.scalarValue(); k <= (long) hi.scalarValue(); k++) {
            Map<String, StanValue> frame = new HashMap<>();
            frame.put(var, StanValue.scalar(k, true));
            frames.push(frame);
            try {
                statement(f.statement());
            } catch (Jump j) {
                if (j.isBreak) break;
            } finally {
                frames.pop();
            }
        }
    }

    private void assign(StanParser.AssignStatementContext a) {
        StanParser.LvalueContext lv = a.lvalue();
        String name = lv.ID().getText();
        Map<String, StanValue> owner = owner(name);
        if (owner == null) {
            if (scope.containsKey(name)) throw error(lv, "'" + name + "' cannot be assigned in transformed data (it is declared in another block)", null);
            throw error(lv, "'" + name + "' is not declared", null);
        }
        StanValue target = owner.get(name);
        String op = a.op.getText();
        StanValue value = eval(a.expr());
        if (lv.indexes().isEmpty()) {
            if (!op.equals("=") && !op.equals("<-")) value = ops.compound(op, target, value, a);
            owner.put(name, convert(value, target, a.expr(), name));
            return;
        }
        if (lv.indexes().size() > 1) throw unsupported(lv, "a second [ ] on the left of an assignment (write x[i, j])");
        List<int[]> picks = new ArrayList<>();
        List<Boolean> single = new ArrayList<>();
        indices(lv.indexes(0), target, name, picks, single);
        StanValue old = ops.gather(target, picks, single);
        if (!op.equals("=") && !op.equals("<-")) value = ops.compound(op, old, value, a);
        if (old.isInt() && !value.isInt()) throw error(a.expr(), "'" + name + "' holds ints, and this value is real", null);
        if (!java.util.Arrays.equals(old.dims(), value.dims())) {
            throw error(a.expr(), "'" + StanParse.text(lv) + "' is " + old.describe() + ", and this value is " + value.describe(), null);
        }
        ops.scatter(target, picks, value);
    }

    private Map<String, StanValue> owner(String name) {
        for (Map<String, StanValue> f : frames) if (f.containsKey(name)) return f;
        return globals.containsKey(name) ? globals : null;
    }

    /** The positions an index list picks along each of {@code x}'s indices (all for those not given), checked against the sizes. */
    void indices(StanParser.IndexesContext ix, StanValue x, String name, List<int[]> picks, List<Boolean> single) {
        List<StanParser.IndexContext> idx = ix.index();
        if (idx.size() > x.dims().length) {
            throw error(ix, "'" + name + "' is " + x.describe() + ", which takes at most " + x.dims().length + " indices", null);
        }
        for (int k = 0; k < x.dims().length; k++) {
            int n = x.dims()[k];
            if (k >= idx.size()) {
                picks.add(range(1, n));
                single.add(false);
                continue;
            }
            StanParser.IndexContext i = idx.get(k);
            int[] p;
            boolean one = false;
            if (i instanceof StanParser.SingleIndexContext s) {
                StanValue e = eval(s.expr());
                if (!e.isInt() || e.typeRank() > 0 || e.arrayRank() > 1) throw error(s, "an index must be an int or an array of ints", null);
                p = new int[e.size()];
                for (int j = 0; j < p.length; j++) p[j] = (int) e.v()[j];
                one = e.isScalar();
            } else if (i instanceof StanParser.RangeIndexContext r) {
                p = range(intOf(r.lo), intOf(r.hi));
            } else if (i instanceof StanParser.FromIndexContext r) {
                p = range(intOf(r.lo), n);
            } else if (i instanceof StanParser.ToIndexContext r) {
                p = range(1, intOf(r.hi));
            } else {
                p = range(1, n);
            }
            for (int j : p) {
                if (j < 1 || j > n) {
                    throw error(i, "index " + j + " is out of range for '" + name + "' (" + x.describe() + ": 1 to " + n + " along index " + (k + 1) + ")", null);
                }
            }
            picks.add(p);
            single.add(one);
        }
    }

    private int intOf(StanParser.ExprContext e) {
        StanValue v = eval(e);
        if (!v.isScalar() || !v.isInt()) throw error(e, "an index must be an int", null);
        return (int) v.scalarValue();
    }

    private static int[] range(int lo, int hi) {
        int[] p = new int[Math.max(0, hi - lo + 1)];
        for (int j = 0; j < p.length; j++) p[j] = lo + j;
        return p;
    }

    boolean truth(StanValue c, ParserRuleContext at) {
        if (!c.isScalar()) throw error(at, "a condition must be a single int or real, but this is " + c.describe(), null);
        return c.scalarValue() != 0;
    }

    // ------------------------------------------------------------ expressions

    /** The value of an expression, located errors. */
    StanValue eval(StanParser.ExprContext e) {
        return ops.expr(e);
    }

    StanValue eval(StanParser.AdditiveContext e) {
        return ops.additive(e);
    }

    /** The value a name has: a local, a transformed datum, or the data's. */
    StanValue lookup(StanParser.NameExprContext n) {
        String name = n.ID().getText();
        Map<String, StanValue> f = owner(name);
        if (f != null) return f.get(name);
        StanValue g = given.get(name);
        if (g != null) return g;
        Decl d = scope.get(name);
        if (d == null) throw error(n, "'" + name + "' is not declared", null);
        if (d.block() != Decl.Block.DATA) {
            throw error(n, "'" + name + "' is declared in " + (d.block() == Decl.Block.TRANSFORMED_DATA ? "transformed data" : "a later block")
                    + " and has no value here", "the transformed data and conditions on data read the data and what transformed data computed before");
        }
        return dataValues.computeIfAbsent(name, k -> fromData(d));
    }

    private StanValue fromData(Decl d) {
        int[] dims = data.dims(d.name(), null);
        int rank = d.dims().size();
        String base = d.isInt() ? "int" : d.base().equals("row_vector") ? "row_vector" : StanValue.typeRank(typeBase(d)) == 0 ? "real" : typeBase(d);
        double[] v = data.realsWithMissing(d.name(), null);
        if (dims.length != rank) {   // a size-1 value read as a scalar, or the like: take the declared sizes
            int[] want = new int[rank];
            for (int k = 0; k < rank; k++) {
                Integer n = DataChecks.size(d.dims().get(k), data);
                want[k] = n == null ? (k == 0 ? v.length : 1) : n;
            }
            dims = want;
        }
        return new StanValue(dims, v, base);
    }

    private static String typeBase(Decl d) {
        return switch (d.base()) {
            case "int", "real" -> d.base();
            case "vector", "simplex", "ordered", "positive_ordered", "unit_vector" -> "vector";
            case "row_vector" -> "row_vector";
            default -> "matrix";
        };
    }

    UlamException error(ParserRuleContext c, String message, String help) {
        return source.error(StanParse.span(c), message, help);
    }

    UlamException unsupported(ParserRuleContext c, String what) {
        return source.error(StanParse.span(c), what + " is not supported yet by the Stan front end", null);
    }
}
