package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tree operations on {@link TExpr}: rewriting bottom-up, substituting a loop counter, walking,
 * showing. Each is a {@link TExpr.Visitor}, so a new kind of expression cannot be forgotten here.
 */
public final class TExprs {
    private TExprs() {}

    /**
     * Rebuilds {@code e} bottom-up, applying {@code f} to every node after its children
     * ({@code f} returns the node itself to keep it).
     */
    public static TExpr map(TExpr e, Function<TExpr, TExpr> f) {
        return f.apply(e.accept(new TExpr.Visitor<TExpr>() {
            @Override public TExpr num(TExpr.Num x) { return x; }
            @Override public TExpr str(TExpr.Str x) { return x; }
            @Override public TExpr loopIndex(TExpr.LoopIndex x) { return x; }
            @Override public TExpr sizeOf(TExpr.SizeOf x) { return x; }
            @Override public TExpr ref(TExpr.Ref x) {
                return x.index() == null ? x : new TExpr.Ref(x.symbol(), map(x.index(), f), x.elem());
            }
            @Override public TExpr call(TExpr.Call x) { return new TExpr.Call(x.function(), mapAll(x.args(), f)); }
            @Override public TExpr arith(TExpr.Arith x) {
                return new TExpr.Arith(x.op(), map(x.left(), f), map(x.right(), f), x.elem());
            }
            @Override public TExpr neg(TExpr.Neg x) { return new TExpr.Neg(map(x.operand(), f), x.elem()); }
            @Override public TExpr logic(TExpr.Logic x) { return new TExpr.Logic(x.op(), map(x.left(), f), map(x.right(), f)); }
            @Override public TExpr not(TExpr.Not x) { return new TExpr.Not(map(x.operand(), f)); }
            @Override public TExpr ifElse(TExpr.IfElse x) {
                return new TExpr.IfElse(map(x.test(), f), map(x.yes(), f), map(x.no(), f), x.elem());
            }
            @Override public TExpr dataCall(TExpr.DataCall x) { return new TExpr.DataCall(x.function(), mapAll(x.args(), f), x.elem()); }
            @Override public TExpr reduce(TExpr.Reduce x) { return new TExpr.Reduce(x.kind(), x.loop(), map(x.body(), f)); }
            @Override public TExpr density(TExpr.Density x) {
                return new TExpr.Density(x.distribution(), map(x.outcome(), f), mapAll(x.args(), f));
            }
            @Override public TExpr slice(TExpr.Slice x) { return new TExpr.Slice(x.symbol(), map(x.offset(), f), x.shape(), x.elem()); }
            @Override public TExpr vDensity(TExpr.VDensity x) {
                return new TExpr.VDensity(x.distribution(), mapAll(x.operands(), f), x.dims());
            }
            @Override public TExpr cdf(TExpr.Cdf x) {
                return new TExpr.Cdf(x.distribution(), x.complement(), map(x.at(), f), mapAll(x.args(), f));
            }
            @Override public TExpr vRng(TExpr.VRng x) { return new TExpr.VRng(x.distribution(), mapAll(x.operands(), f), x.dims()); }
            @Override public TExpr rng(TExpr.Rng x) { return new TExpr.Rng(x.distribution(), mapAll(x.args(), f)); }
        }));
    }

    private static List<TExpr> mapAll(List<TExpr> es, Function<TExpr, TExpr> f) {
        List<TExpr> out = new ArrayList<>(es.size());
        for (TExpr e : es) out.add(map(e, f));
        return out;
    }

    /** {@code e} with every counter of {@code loop} replaced by {@code value}. */
    public static TExpr substitute(TExpr e, Loop loop, TExpr value) {
        return map(e, x -> x instanceof TExpr.LoopIndex l && l.loop() == loop ? value : x);
    }

    /** Visits every node, parents before children. */
    public static void walk(TExpr e, Consumer<TExpr> visit) {
        visit.accept(e);
        for (TExpr c : children(e)) walk(c, visit);
    }

    /** The direct children of a node. */
    public static List<TExpr> children(TExpr e) {
        return e.accept(CHILDREN);
    }

    private static final TExpr.Visitor<List<TExpr>> CHILDREN = new TExpr.Visitor<>() {
        @Override public List<TExpr> num(TExpr.Num x) { return List.of(); }
        @Override public List<TExpr> str(TExpr.Str x) { return List.of(); }
        @Override public List<TExpr> loopIndex(TExpr.LoopIndex x) { return List.of(); }
        @Override public List<TExpr> sizeOf(TExpr.SizeOf x) { return List.of(); }
        @Override public List<TExpr> ref(TExpr.Ref x) { return x.index() == null ? List.of() : List.of(x.index()); }
        @Override public List<TExpr> call(TExpr.Call x) { return x.args(); }
        @Override public List<TExpr> arith(TExpr.Arith x) { return List.of(x.left(), x.right()); }
        @Override public List<TExpr> neg(TExpr.Neg x) { return List.of(x.operand()); }
        @Override public List<TExpr> logic(TExpr.Logic x) { return List.of(x.left(), x.right()); }
        @Override public List<TExpr> not(TExpr.Not x) { return List.of(x.operand()); }
        @Override public List<TExpr> ifElse(TExpr.IfElse x) { return List.of(x.test(), x.yes(), x.no()); }
        @Override public List<TExpr> dataCall(TExpr.DataCall x) { return x.args(); }
        @Override public List<TExpr> reduce(TExpr.Reduce x) { return List.of(x.body()); }
        @Override public List<TExpr> density(TExpr.Density x) { return prepend(x.outcome(), x.args()); }
        @Override public List<TExpr> slice(TExpr.Slice x) { return List.of(x.offset()); }
        @Override public List<TExpr> vDensity(TExpr.VDensity x) { return x.operands(); }
        @Override public List<TExpr> cdf(TExpr.Cdf x) { return prepend(x.at(), x.args()); }
        @Override public List<TExpr> vRng(TExpr.VRng x) { return x.operands(); }
        @Override public List<TExpr> rng(TExpr.Rng x) { return x.args(); }
    };

    private static List<TExpr> prepend(TExpr first, List<TExpr> rest) {
        List<TExpr> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Whether every node satisfies {@code p}. */
    public static boolean all(TExpr e, Predicate<TExpr> p) {
        boolean[] ok = {true};
        walk(e, x -> {
            if (!p.test(x)) ok[0] = false;
        });
        return ok[0];
    }

    /** A readable rendering, for {@code ulam check} and test messages. */
    public static String show(TExpr e) {
        return e.accept(SHOW);
    }

    private static final TExpr.Visitor<String> SHOW = new TExpr.Visitor<>() {
        @Override public String num(TExpr.Num n) { return n.elem() == Elem.REAL ? trim(n.value()) : Long.toString((long) n.value()); }
        @Override public String str(TExpr.Str s) { return "\"" + s.value() + "\""; }
        @Override public String loopIndex(TExpr.LoopIndex l) { return l.loop().name(); }
        @Override public String sizeOf(TExpr.SizeOf s) { return s.size().toString(); }
        @Override public String ref(TExpr.Ref r) { return r.symbol().name() + (r.index() == null ? "" : "[" + show(r.index()) + "]"); }
        @Override public String call(TExpr.Call c) { return c.function().name() + "(" + join(c.args()) + ")"; }
        @Override public String arith(TExpr.Arith a) { return "(" + show(a.left()) + " " + a.op().symbol + " " + show(a.right()) + ")"; }
        @Override public String neg(TExpr.Neg n) { return "-" + show(n.operand()); }
        @Override public String logic(TExpr.Logic l) { return "(" + show(l.left()) + " " + l.op().symbol + " " + show(l.right()) + ")"; }
        @Override public String not(TExpr.Not n) { return "!" + show(n.operand()); }
        @Override public String ifElse(TExpr.IfElse i) {
            return "ifelse(" + show(i.test()) + ", " + show(i.yes()) + ", " + show(i.no()) + ")";
        }
        @Override public String dataCall(TExpr.DataCall c) { return c.function().name() + "(" + join(c.args()) + ")"; }
        @Override public String reduce(TExpr.Reduce r) {
            return r.kind().name().toLowerCase() + "(" + show(r.body()) + " for " + r.loop() + ")";
        }
        @Override public String density(TExpr.Density d) {
            return d.distribution().name() + "(" + show(d.outcome()) + " | " + join(d.args()) + ")";
        }
        @Override public String slice(TExpr.Slice x) {
            return x.symbol().name() + (x.offset() instanceof TExpr.Num n && n.value() == 0 ? "" : "[" + show(x.offset()) + ":]");
        }
        @Override public String vDensity(TExpr.VDensity d) {
            return d.distribution().name() + "(" + show(d.operands().get(0)) + " | " + join(d.operands().subList(1, d.operands().size())) + ")";
        }
        @Override public String cdf(TExpr.Cdf c) {
            return c.distribution().name() + (c.complement() ? "_lccdf(" : "_lcdf(") + show(c.at()) + " | " + join(c.args()) + ")";
        }
        @Override public String vRng(TExpr.VRng v) { return v.distribution().name() + "_rng(" + join(v.operands()) + ")"; }
        @Override public String rng(TExpr.Rng g) { return g.distribution().name() + "_rng(" + join(g.args()) + ")"; }
    };

    private static String join(List<TExpr> es) {
        StringBuilder sb = new StringBuilder();
        for (TExpr e : es) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(show(e));
        }
        return sb.toString();
    }

    private static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v) + ".0";
        return Double.toString(v);
    }
}
