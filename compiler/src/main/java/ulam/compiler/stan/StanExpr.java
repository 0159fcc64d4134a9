package ulam.compiler.stan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Expr;
import ulam.compiler.check.Elem;
import ulam.compiler.check.Kind;
import ulam.compiler.check.Loop;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Shape;
import ulam.compiler.check.Size;
import ulam.compiler.check.Symbol;
import ulam.compiler.check.TExpr;
import ulam.compiler.check.TExprs;

/**
 * Writes checked expressions ({@link TExpr}) as Stan expressions, with Stan's operator precedence
 * and as few parentheses as it needs.
 *
 * <p>Element form ({@link #expr}): one element of the value inside the enclosing loops; indices
 * become 1-based ({@code a[A[i]]}, {@code b[T[i], B[i]]}). Vector form ({@link #vector}): the whole
 * loop at once ({@code a[g] + b1 * x1}), or null when Stan cannot say it without a loop.
 *
 * <p>It keeps track of what the data block must declare: the data and derived-data symbols read
 * and the tests on text ({@code pred == "no"}), which Stan cannot compute and which are exported as
 * 0/1 data ({@link Hoisted}). Stan's type rules are followed where they differ from ours: a division
 * of two integers is written {@code 1.0 * a / b}.
 */
final class StanExpr {

    // precedence, loosest first (Stan reference manual, "Operator precedence and associativity")
    static final int TERNARY = 0;
    static final int OR = 1;
    static final int AND = 2;
    static final int EQUALITY = 3;
    static final int COMPARISON = 4;
    static final int ADDITIVE = 5;
    static final int MULTIPLICATIVE = 6;
    static final int ELEMENTWISE = 7;
    static final int PREFIX = 8;
    static final int POWER = 9;
    static final int ATOM = 10;

    /** A written expression: its text, the precedence of its outermost operator, and whether Stan types it {@code int}. */
    record Out(String text, int prec, boolean isInt) {}

    /** What a vector-form expression is in Stan. */
    enum VKind { SCALAR, REALS, INTS }

    /** A vector-form expression. */
    record Vec(String text, int prec, VKind kind) {}

    /**
     * A data-only test Stan cannot compute (it reads text), exported as 0/1 data.
     *
     * @param name Stan name
     * @param test the test
     * @param loop the loop it runs in (one value per iteration), or null for one value
     */
    record Hoisted(String name, TExpr test, Loop loop) {}

    private final ModelSpec spec;
    private final StanNames names;
    private final StanSizes sizes;
    private final StanSyntax syntax;
    private final Set<Symbol> dataUsed = new LinkedHashSet<>();
    private final Set<String> functions = new LinkedHashSet<>();
    private final Map<String, Hoisted> hoisted = new java.util.HashMap<>();
    private final List<Hoisted> hoistedOrder = new ArrayList<>();

    StanExpr(ModelSpec spec, StanNames names, StanSyntax syntax) {
        this.spec = spec;
        this.names = names;
        this.syntax = syntax;
        this.sizes = new StanSizes(spec, names, this::useData);
    }

    /** The sizes of the program. */
    StanSizes sizes() {
        return sizes;
    }

    /** The syntax written. */
    StanSyntax syntax() {
        return syntax;
    }

    /** The model. */
    ModelSpec spec() {
        return spec;
    }

    /** Data and derived-data symbols read so far, in order of first use. */
    List<Symbol> dataUsed() {
        return List.copyOf(dataUsed);
    }

    /** Exported tests, in order of first use. */
    List<Hoisted> hoisted() {
        return List.copyOf(hoistedOrder);
    }

    void useData(Symbol s) {
        if (s.isData()) dataUsed.add(s);
    }

    /** The Stan name of a symbol (recording a data symbol as used). */
    String name(Symbol s) {
        useData(s);
        return names.of(s);
    }

    /** Whether Stan declares the symbol with {@code int} elements. */
    static boolean isInt(Symbol s) {
        if (s.kind() == Kind.PARAMETER) return false;
        if (s.kind() == Kind.TRANSFORMED_DATA) return s.elem() == Elem.INT || s.views().contains(Elem.INT);
        return s.elem() == Elem.INT;
    }

    // ------------------------------------------------------------------ element form

    /** The text of one element of {@code e}. */
    String text(TExpr e, Scope sc) {
        return expr(e, sc).text();
    }

    /** One element of {@code e} in scope {@code sc}. */
    Out expr(TExpr e, Scope sc) {
        return e.accept(new TExpr.Visitor<Out>() {
            @Override public Out num(TExpr.Num n) { return number(n.value(), n.elem()); }
            @Override public Out str(TExpr.Str s) { throw new StanUnsupported("text outside a comparison"); }
            @Override public Out loopIndex(TExpr.LoopIndex l) { return new Out(flatPosition(l.loop(), sc) + " - 1", ADDITIVE, true); }
            @Override public Out sizeOf(TExpr.SizeOf s) { return size(s.size()); }
            @Override public Out ref(TExpr.Ref r) { return StanExpr.this.ref(r, sc); }
            @Override public Out call(TExpr.Call c) { return StanExpr.this.call(c, sc); }
            @Override public Out arith(TExpr.Arith a) { return StanExpr.this.arith(a, sc); }
            @Override public Out neg(TExpr.Neg n) { return negate(expr(n.operand(), sc)); }
            @Override public Out logic(TExpr.Logic l) { return StanExpr.this.logic(l, sc); }
            @Override public Out not(TExpr.Not n) {
                Out o = expr(n.operand(), sc);
                return new Out("!" + wrap(o, o.prec() < PREFIX), PREFIX, true);
            }
            @Override public Out ifElse(TExpr.IfElse f) {
                Out t = expr(f.test(), sc);
                Out y = expr(f.yes(), sc);
                Out n = expr(f.no(), sc);
                return new Out(wrap(t, t.prec() <= TERNARY) + " ? " + wrap(y, y.prec() <= TERNARY) + " : " + n.text(), TERNARY,
                        y.isInt() && n.isInt());
            }
            @Override public Out dataCall(TExpr.DataCall d) { return StanExpr.this.dataCall(d); }
            @Override public Out reduce(TExpr.Reduce r) { return StanExpr.this.reduce(r, sc); }
            @Override public Out density(TExpr.Density d) { return StanExpr.this.density(d, sc); }
            @Override public Out slice(TExpr.Slice s) { return StanExpr.this.slice(s, sc); }
            @Override public Out vDensity(TExpr.VDensity v) { return vdensity(v, sc); }
            @Override public Out cdf(TExpr.Cdf c) { throw new StanUnsupported("the expression " + c.getClass().getSimpleName()); }
            @Override public Out vRng(TExpr.VRng r) {
                String f = StanFunctions.vectorName(r.distribution());
                if (!StanFunctions.exists(f + "_rng")) throw new StanUnsupported(f + "_rng");
                return new Out(f + "_rng(" + args(r.operands(), sc) + ")", ATOM, r.elem() == Elem.INT);
            }
            @Override public Out rng(TExpr.Rng r) {
                StanFunctions.Form f = use(StanFunctions.rng(r));
                return new Out(f.name() + "_rng(" + args(f.args(), sc) + ")", ATOM, f.intOutcome());
            }
        });
    }

    /** The full log density of {@code d} ({@code normal_lpdf(y | mu, sigma)}, constants kept), as an expression. */
    Out density(TExpr.Density d, Scope sc) {
        StanFunctions.Form f = use(StanFunctions.density(d));
        String y = text(d.outcome(), sc);
        String a = args(f.args(), sc);
        String lpdf = f.name() + f.suffix() + "(" + y + " | " + a + ")";
        if (!f.truncated()) return new Out(lpdf, ATOM, false);
        return new Out(lpdf + " - " + f.name() + "_lccdf(0 | " + a + ")", ADDITIVE, false);
    }

    /** Records a form the program must define in its functions block; returns it. */
    StanFunctions.Form use(StanFunctions.Form f) {
        if (f.userDefined()) functions.add(f.name());
        return f;
    }

    /** Records a function the program must define in its functions block ({@code cov_GPL2}). */
    void useFunction(String name) {
        functions.add(name);
    }

    /** The families the functions block defines, in order of first use. */
    List<String> functions() {
        return List.copyOf(functions);
    }

    /** The full log density of a distribution with vector operands ({@code ordered_logistic_lpmf(y | eta, c)}). */
    Out vdensity(TExpr.VDensity v, Scope sc) {
        String f = StanFunctions.vectorName(v.distribution());
        boolean intOutcome = v.distribution().outcome() == ulam.stdlib.ValueType.INT;
        String suffix = intOutcome ? "_lpmf" : "_lpdf";
        if (!StanFunctions.exists(f + suffix)) throw new StanUnsupported("the distribution " + v.distribution().name());
        List<TExpr> ops = v.operands();
        return new Out(f + suffix + "(" + text(ops.get(0), sc) + " | " + args(ops.subList(1, ops.size()), sc) + ")", ATOM,
                false);
    }

    /**
     * {@code y ~ dist(args);} for a distribution with vector operands whose outcome is a whole
     * variable (Stan's {@code ~}, which drops the constants as the alist's {@code ~} does:
     * docs/stan.md, "lp__"), or null for another outcome (written with {@code target +=}).
     */
    String vsample(TExpr.VDensity v, Scope sc) {
        List<TExpr> ops = v.operands();
        String y = text(ops.get(0), sc);
        if (!y.matches("[A-Za-z][A-Za-z0-9_]*")) return null;
        vdensity(v, sc);   // the unsupported distributions are said as such
        return y + " ~ " + StanFunctions.vectorName(v.distribution()) + "(" + args(ops.subList(1, ops.size()), sc) + ");";
    }

    /**
     * {@code y ~ ordered_logistic(eta, c)} for a whole loop, or null when an operand needs the loop
     * (only ordered_logistic, whose Stan form takes an array of outcomes and a vector of eta).
     */
    String vectorised(TExpr.VDensity v, Loop loop, Scope sc) {
        String f = StanFunctions.vectorName(v.distribution());
        if (!f.equals("ordered_logistic")) return null;
        List<TExpr> ops = v.operands();
        Vec y = vector(ops.get(0), loop, null, sc);
        Vec eta = vector(ops.get(1), loop, null, sc);
        if (y == null || y.kind() != VKind.INTS || eta == null || eta.kind() != VKind.REALS) return null;
        if (mentions(ops.get(2), loop)) return null;
        return y.text() + " ~ " + f + "(" + eta.text() + ", " + text(ops.get(2), sc) + ");";
    }

    /** A vector or matrix operand: the whole symbol, or a segment / column of it. */
    private Out slice(TExpr.Slice s, Scope sc) {
        Symbol sym = s.symbol();
        String n = name(sym);
        boolean atStart = s.offset() instanceof TExpr.Num z && z.value() == 0;
        if (atStart && sizes.same(sym.shape().count(), s.shape().count())) return new Out(n, ATOM, false);
        if (sym.shape() instanceof Shape.Vector && s.shape() instanceof Shape.Vector part) {
            return new Out("segment(" + n + ", " + index1(s.offset(), sc) + ", " + sizeText(part.length()) + ")", ATOM, false);
        }
        if (sym.shape() instanceof Shape.Matrix m && s.shape() instanceof Shape.Vector part && sizes.same(m.rows(), part.length())) {
            // column k: the offset is (k - 1) * rows
            if (atStart) return new Out("col(" + n + ", 1)", ATOM, false);
            if (s.offset() instanceof TExpr.Arith mul && mul.op() == TExpr.Op.MUL && rowsFactor(mul.right(), m.rows())) {
                return new Out("col(" + n + ", " + index1(mul.left(), sc) + ")", ATOM, false);
            }
        }
        throw new StanUnsupported("this part of a vector or matrix as an operand");
    }

    private boolean rowsFactor(TExpr e, Size rows) {
        if (e instanceof TExpr.SizeOf so) return sizes.same(so.size(), rows);
        return e instanceof TExpr.Num k && rows instanceof Size.Const c && k.value() == c.value();
    }

    /** Comma-separated arguments. */
    String args(List<TExpr> args, Scope sc) {
        StringBuilder sb = new StringBuilder();
        for (TExpr a : args) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(text(a, sc));
        }
        return sb.toString();
    }

    private static Out number(double v, Elem elem) {
        String t;
        boolean isInt = elem != Elem.REAL;
        if (isInt) {
            t = Long.toString((long) v);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            t = (long) v + ".0";
        } else {
            t = Double.toString(v);
        }
        return new Out(t, t.startsWith("-") ? PREFIX : ATOM, isInt);
    }

    /** A literal bound or size as Stan writes it in a declaration ({@code 0}, not {@code 0.0}). */
    String bound(TExpr e, Scope sc) {
        if (e instanceof TExpr.Num n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15) {
            return Long.toString((long) n.value());
        }
        return text(e, sc);
    }

    private Out size(Size s) {
        String t = sizes.text(s);
        int prec = s instanceof Size.Sum ? ADDITIVE : s instanceof Size.Product ? MULTIPLICATIVE : ATOM;
        return new Out(t, prec, true);
    }

    /** The Stan text of a size. */
    String sizeText(Size s) {
        return sizes.text(s);
    }

    /** The 1-based flat position of the current iteration of {@code loop}: {@code i}, or {@code i + (j - 1) * R}. */
    String position(Loop loop, Scope sc) {
        return flatPosition(loop, sc);
    }

    private String flatPosition(Loop loop, Scope sc) {
        Scope.LoopVar v = sc.var(loop);
        if (v == null) throw new IllegalStateException("loop " + loop + " has no counter here");
        if (!v.twoD()) return v.var();
        return v.var() + " + (" + v.colVar() + " - 1) * " + factor(v.rows());
    }

    private String factor(Size s) {
        Out o = size(s);
        return wrap(o, o.prec() < MULTIPLICATIVE);
    }

    /** The 1-based text of a 0-based position. */
    private String index1(TExpr zero, Scope sc) {
        if (zero instanceof TExpr.Num n) return Long.toString((long) n.value() + 1);
        if (zero instanceof TExpr.Arith a && a.op() == TExpr.Op.SUB && isOne(a.right())) return text(a.left(), sc);
        if (zero instanceof TExpr.LoopIndex l) return flatPosition(l.loop(), sc);
        Out o = expr(zero, sc);
        return wrap(o, o.prec() < ADDITIVE) + " + 1";
    }

    private static boolean isOne(TExpr e) {
        return e instanceof TExpr.Num n && n.value() == 1;
    }

    private Out ref(TExpr.Ref r, Scope sc) {
        Symbol s = r.symbol();
        if (r.elem() == Elem.STRING) throw new StanUnsupported("text outside a comparison");
        String n = name(s);
        boolean isInt = isInt(s);
        if (r.index() == null || s.shape().isScalar()) return new Out(n, ATOM, isInt);
        if (s.shape() instanceof Shape.Matrix) {
            TExpr[] rc = matrixIndex(r.index());
            if (rc != null) return new Out(n + "[" + text(rc[0], sc) + ", " + text(rc[1], sc) + "]", ATOM, isInt);
            if (r.index() instanceof TExpr.LoopIndex l && sc.var(l.loop()) != null && sc.var(l.loop()).twoD()) {
                Scope.LoopVar v = sc.var(l.loop());
                return new Out(n + "[" + v.var() + ", " + v.colVar() + "]", ATOM, isInt);
            }
            return new Out("to_vector(" + n + ")[" + index1(r.index(), sc) + "]", ATOM, isInt);
        }
        return new Out(n + "[" + index1(r.index(), sc) + "]", ATOM, isInt);
    }

    /**
     * The 1-based row and column of a matrix element at the flat position the checker writes for
     * {@code m[r, c]}: {@code (r - 1) + (c - 1) * rows}; null for any other position.
     */
    private static TExpr[] matrixIndex(TExpr flat) {
        if (flat instanceof TExpr.Arith add && add.op() == TExpr.Op.ADD
                && add.left() instanceof TExpr.Arith r && r.op() == TExpr.Op.SUB && isOne(r.right())
                && add.right() instanceof TExpr.Arith mul && mul.op() == TExpr.Op.MUL && mul.right() instanceof TExpr.SizeOf
                && mul.left() instanceof TExpr.Arith c && c.op() == TExpr.Op.SUB && isOne(c.right())) {
            return new TExpr[] {r.left(), c.left()};
        }
        return null;
    }

    private Out call(TExpr.Call c, Scope sc) {
        String f = c.function().name();
        List<Out> args = new ArrayList<>();
        for (TExpr a : c.args()) args.add(expr(a, sc));
        switch (f) {
            case "cloglog" -> {
                return new Out("log(-log1m(" + args.get(0).text() + "))", ATOM, false);
            }
            case "abs" -> {
                boolean fabs = syntax == StanSyntax.STAN_2_21 && !args.get(0).isInt();
                return new Out((fabs ? "fabs(" : "abs(") + args.get(0).text() + ")", ATOM, args.get(0).isInt());
            }
            case "log_sum_exp2" -> f = "log_sum_exp";
            default -> { }
        }
        if (!StanFunctions.exists(f)) throw new StanUnsupported("the function " + c.function().name());
        StringBuilder sb = new StringBuilder(f).append('(');
        for (int k = 0; k < args.size(); k++) sb.append(k > 0 ? ", " : "").append(args.get(k).text());
        return new Out(sb.append(')').toString(), ATOM, false);
    }

    private Out arith(TExpr.Arith a, Scope sc) {
        if (a.op() == TExpr.Op.ADD && a.left() instanceof TExpr.LoopIndex l && isOne(a.right())) {
            String p = flatPosition(l.loop(), sc);   // the row i, written i in the model
            return new Out(p, p.contains(" ") ? ADDITIVE : ATOM, true);
        }
        Out l = expr(a.left(), sc);
        Out r = expr(a.right(), sc);
        return switch (a.op()) {
            case ADD -> binary(l, "+", ADDITIVE, r, l.isInt() && r.isInt());
            case SUB -> binary(l, "-", ADDITIVE, r, l.isInt() && r.isInt());
            case MUL -> binary(l, "*", MULTIPLICATIVE, r, l.isInt() && r.isInt());
            case DIV -> {
                if (l.isInt() && r.isInt()) l = new Out("1.0 * " + wrap(l, l.prec() < MULTIPLICATIVE), MULTIPLICATIVE, false);
                yield binary(l, "/", MULTIPLICATIVE, r, false);
            }
            case POW -> new Out(wrap(l, l.prec() <= POWER) + " ^ " + wrap(r, r.prec() < POWER), POWER, false);
        };
    }

    /** A left-associative binary operation. */
    private static Out binary(Out l, String op, int prec, Out r, boolean isInt) {
        return new Out(wrap(l, l.prec() < prec) + " " + op + " " + wrap(r, r.prec() <= prec), prec, isInt);
    }

    private static Out negate(Out o) {
        boolean paren = o.prec() < PREFIX || o.text().startsWith("-");
        return new Out("-" + wrap(o, paren), PREFIX, o.isInt());
    }

    private static String wrap(Out o, boolean paren) {
        return paren ? "(" + o.text() + ")" : o.text();
    }

    private Out logic(TExpr.Logic l, Scope sc) {
        if (l.left().elem() == Elem.STRING || l.right().elem() == Elem.STRING) return hoist(l, sc);
        Out a = expr(l.left(), sc);
        Out b = expr(l.right(), sc);
        Expr.BinaryOp op = l.op();
        int prec = switch (op) {
            case AND -> AND;
            case OR -> OR;
            case EQ, NE -> EQUALITY;
            default -> COMPARISON;
        };
        return binary(a, op.symbol, prec, b, true);
    }

    /** A test on text: exported as 0/1 data, one value per iteration of the loop it runs in. */
    private Out hoist(TExpr.Logic test, Scope sc) {
        Set<Loop> loops = new LinkedHashSet<>();
        TExprs.walk(test, x -> {
            if (x instanceof TExpr.LoopIndex li) loops.add(li.loop());
        });
        if (loops.size() > 1) throw new StanUnsupported("a test on text inside nested loops");
        Loop loop = loops.isEmpty() ? null : loops.iterator().next();
        // the same test over loops of the same size is the same data (a local inlined in two lines)
        String key = TExprs.show(test) + (loop == null ? "" : " over " + sizes.text(loop.count()));
        Hoisted h = hoisted.get(key);
        if (h == null) {
            h = new Hoisted(names.fresh(hoistName(test, sc)), test, loop);
            hoisted.put(key, h);
            hoistedOrder.add(h);
        }
        if (loop == null) return new Out(h.name(), ATOM, true);
        Scope.LoopVar v = sc.var(loop);
        if (v == null || v.twoD()) throw new StanUnsupported("a test on text inside a loop over a matrix");
        return new Out(h.name() + "[" + v.var() + "]", ATOM, true);
    }

    /** {@code pred_is_no} for {@code pred == "no"}, {@code pred_not_no} for {@code !=}; else {@code label_test}. */
    private static String hoistName(TExpr.Logic test, Scope sc) {
        TExpr a = test.left();
        TExpr b = test.right();
        if (b instanceof TExpr.Ref && a instanceof TExpr.Str) {
            TExpr t = a;
            a = b;
            b = t;
        }
        if ((test.op() == Expr.BinaryOp.EQ || test.op() == Expr.BinaryOp.NE) && a instanceof TExpr.Ref r && b instanceof TExpr.Str s) {
            String value = s.value().replaceAll("[^A-Za-z0-9_]", "_");
            return r.symbol().name() + (test.op() == Expr.BinaryOp.EQ ? "_is_" : "_not_") + (value.isEmpty() ? "empty" : value);
        }
        return sc.label() + "_test";
    }

    private Out dataCall(TExpr.DataCall d) {
        String f = d.function().name();
        if (d.args().size() != 1 || !(d.args().get(0) instanceof TExpr.Ref r) || r.index() != null || r.symbol().shape().isScalar()) {
            throw new StanUnsupported("the data function " + f + " here");
        }
        String x = name(r.symbol());
        return switch (f) {
            case "length" -> new Out("num_elements(" + x + ")", ATOM, true);
            case "mean", "sd" -> new Out(f + "(" + (isInt(r.symbol()) ? "to_vector(" + x + ")" : x) + ")", ATOM, false);
            default -> throw new StanUnsupported("the data function " + f + " in the model");
        };
    }

    private Out reduce(TExpr.Reduce r, Scope sc) {
        String f = r.kind() == TExpr.Reduction.SUM ? "sum" : "mean";
        Vec v = vector(r.body(), r.loop(), null, sc);
        if (v == null || v.kind() != VKind.REALS) throw new StanUnsupported(f + "(...) of this expression");
        return new Out(f + "(" + v.text() + ")", ATOM, false);
    }

    // ------------------------------------------------------------------ vector form

    /** Whether {@code e} reads the counter of {@code loop}. */
    static boolean mentions(TExpr e, Loop loop) {
        return !TExprs.all(e, x -> !(x instanceof TExpr.LoopIndex l && l.loop() == loop));
    }

    /**
     * The whole of {@code e} over {@code loop} as one Stan expression, or null when that needs a loop.
     *
     * @param target for an assignment, the shape assigned (a matrix stays a matrix); null for a
     *               sampling statement, where a matrix is read as {@code to_vector(m)}
     */
    Vec vector(TExpr e, Loop loop, Shape target, Scope sc) {
        if (!mentions(e, loop)) {
            Out o = expr(e, sc);
            return new Vec(o.text(), o.prec(), VKind.SCALAR);
        }
        if (e instanceof TExpr.Ref r && r.elem() != Elem.STRING) {
            Symbol s = r.symbol();
            if (s.shape().isScalar()) return null;
            VKind kind = isInt(s) ? VKind.INTS : VKind.REALS;
            if (r.index() instanceof TExpr.LoopIndex li && li.loop() == loop) {
                if (!sizes.same(s.shape().count(), loop.count())) return null;
                boolean matrix = s.shape() instanceof Shape.Matrix;
                if (target == null) {
                    if (matrix && kind == VKind.INTS) return null;   // Stan has no to_vector of an int array
                    return new Vec(matrix ? "to_vector(" + name(s) + ")" : name(s), ATOM, kind);
                }
                return matrix == target instanceof Shape.Matrix ? new Vec(name(s), ATOM, kind) : null;
            }
            if (!(s.shape() instanceof Shape.Vector) || target instanceof Shape.Matrix) return null;
            if (r.index() instanceof TExpr.Arith a && a.op() == TExpr.Op.SUB && isOne(a.right())
                    && a.left() instanceof TExpr.Ref g && g.index() instanceof TExpr.LoopIndex gi && gi.loop() == loop
                    && g.symbol().shape() instanceof Shape.Vector && sizes.same(g.symbol().shape().count(), loop.count())) {
                return new Vec(name(s) + "[" + name(g.symbol()) + "]", ATOM, kind);   // multi-indexing: a[g]
            }
            return null;
        }
        if (e instanceof TExpr.Arith a) {
            if (a.op() == TExpr.Op.POW) return null;
            Vec l = vector(a.left(), loop, target, sc);
            Vec r = vector(a.right(), loop, target, sc);
            if (l == null || r == null || l.kind() == VKind.INTS || r.kind() == VKind.INTS) return null;
            boolean both = l.kind() == VKind.REALS && r.kind() == VKind.REALS;
            String op = a.op().symbol;
            int prec = a.op() == TExpr.Op.ADD || a.op() == TExpr.Op.SUB ? ADDITIVE : MULTIPLICATIVE;
            if ((a.op() == TExpr.Op.MUL && both) || (a.op() == TExpr.Op.DIV && r.kind() == VKind.REALS)) {
                op = "." + op;
                prec = ELEMENTWISE;
            }
            Out lo = new Out(l.text(), l.prec(), false);
            Out ro = new Out(r.text(), r.prec(), false);
            Out o = binary(lo, op, prec, ro, false);
            return new Vec(o.text(), o.prec(), VKind.REALS);
        }
        if (e instanceof TExpr.Neg n) {
            Vec v = vector(n.operand(), loop, target, sc);
            if (v == null || v.kind() != VKind.REALS) return null;
            Out o = negate(new Out(v.text(), v.prec(), false));
            return new Vec(o.text(), o.prec(), VKind.REALS);
        }
        if (e instanceof TExpr.Call c && c.args().size() == 1 && StanFunctions.vectorised(c.function().name())) {
            Vec v = vector(c.args().get(0), loop, target, sc);
            if (v == null || v.kind() != VKind.REALS) return null;
            return new Vec(c.function().name() + "(" + v.text() + ")", ATOM, VKind.REALS);
        }
        return null;
    }
}
