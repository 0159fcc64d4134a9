package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** Tree operations on {@link TExpr}: rewriting bottom-up, substituting a loop counter, walking. */
public final class TExprs {
    private TExprs() {}

    /**
     * Rebuilds {@code e} bottom-up, applying {@code f} to every node after its children
     * ({@code f} returns the node itself to keep it).
     */
    public static TExpr map(TExpr e, Function<TExpr, TExpr> f) {
        TExpr r = e;
        if (e instanceof TExpr.Ref x) {
            r = x.index() == null ? x : new TExpr.Ref(x.symbol(), map(x.index(), f), x.elem());
        } else if (e instanceof TExpr.Call x) {
            r = new TExpr.Call(x.function(), mapAll(x.args(), f));
        } else if (e instanceof TExpr.DataCall x) {
            r = new TExpr.DataCall(x.function(), mapAll(x.args(), f), x.elem());
        } else if (e instanceof TExpr.Arith x) {
            r = new TExpr.Arith(x.op(), map(x.left(), f), map(x.right(), f), x.elem());
        } else if (e instanceof TExpr.Neg x) {
            r = new TExpr.Neg(map(x.operand(), f), x.elem());
        } else if (e instanceof TExpr.Logic x) {
            r = new TExpr.Logic(x.op(), map(x.left(), f), map(x.right(), f));
        } else if (e instanceof TExpr.Not x) {
            r = new TExpr.Not(map(x.operand(), f));
        } else if (e instanceof TExpr.IfElse x) {
            r = new TExpr.IfElse(map(x.test(), f), map(x.yes(), f), map(x.no(), f), x.elem());
        } else if (e instanceof TExpr.Reduce x) {
            r = new TExpr.Reduce(x.kind(), x.loop(), map(x.body(), f));
        } else if (e instanceof TExpr.Density x) {
            r = new TExpr.Density(x.distribution(), map(x.outcome(), f), mapAll(x.args(), f));
        } else if (e instanceof TExpr.Rng x) {
            r = new TExpr.Rng(x.distribution(), mapAll(x.args(), f));
        } else if (e instanceof TExpr.Cdf x) {
            r = new TExpr.Cdf(x.distribution(), x.complement(), map(x.at(), f), mapAll(x.args(), f));
        } else if (e instanceof TExpr.Slice x) {
            r = new TExpr.Slice(x.symbol(), map(x.offset(), f), x.shape(), x.elem());
        } else if (e instanceof TExpr.VRng x) {
            r = new TExpr.VRng(x.distribution(), mapAll(x.operands(), f), x.dims());
        } else if (e instanceof TExpr.VDensity x) {
            r = new TExpr.VDensity(x.distribution(), mapAll(x.operands(), f), x.dims());
        }
        return f.apply(r);
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
        if (e instanceof TExpr.Ref x) return x.index() == null ? List.of() : List.of(x.index());
        if (e instanceof TExpr.Call x) return x.args();
        if (e instanceof TExpr.DataCall x) return x.args();
        if (e instanceof TExpr.Arith x) return List.of(x.left(), x.right());
        if (e instanceof TExpr.Neg x) return List.of(x.operand());
        if (e instanceof TExpr.Logic x) return List.of(x.left(), x.right());
        if (e instanceof TExpr.Not x) return List.of(x.operand());
        if (e instanceof TExpr.IfElse x) return List.of(x.test(), x.yes(), x.no());
        if (e instanceof TExpr.Reduce x) return List.of(x.body());
        if (e instanceof TExpr.Density x) {
            List<TExpr> all = new ArrayList<>();
            all.add(x.outcome());
            all.addAll(x.args());
            return all;
        }
        if (e instanceof TExpr.Rng x) return x.args();
        if (e instanceof TExpr.Slice x) return List.of(x.offset());
        if (e instanceof TExpr.Cdf x) {
            List<TExpr> all = new ArrayList<>();
            all.add(x.at());
            all.addAll(x.args());
            return all;
        }
        if (e instanceof TExpr.VDensity x) return x.operands();
        if (e instanceof TExpr.VRng x) return x.operands();
        return List.of();
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
        if (e instanceof TExpr.Num n) return n.elem() == Elem.REAL ? trim(n.value()) : Long.toString((long) n.value());
        if (e instanceof TExpr.Str s) return "\"" + s.value() + "\"";
        if (e instanceof TExpr.LoopIndex l) return l.loop().name();
        if (e instanceof TExpr.SizeOf s) return s.size().toString();
        if (e instanceof TExpr.Ref r) return r.symbol().name() + (r.index() == null ? "" : "[" + show(r.index()) + "]");
        if (e instanceof TExpr.Call c) return c.function().name() + "(" + join(c.args()) + ")";
        if (e instanceof TExpr.DataCall c) return c.function().name() + "(" + join(c.args()) + ")";
        if (e instanceof TExpr.Arith a) return "(" + show(a.left()) + " " + a.op().symbol + " " + show(a.right()) + ")";
        if (e instanceof TExpr.Neg n) return "-" + show(n.operand());
        if (e instanceof TExpr.Logic l) return "(" + show(l.left()) + " " + l.op().symbol + " " + show(l.right()) + ")";
        if (e instanceof TExpr.Not n) return "!" + show(n.operand());
        if (e instanceof TExpr.IfElse i) return "ifelse(" + show(i.test()) + ", " + show(i.yes()) + ", " + show(i.no()) + ")";
        if (e instanceof TExpr.Reduce r) return r.kind().name().toLowerCase() + "(" + show(r.body()) + " for " + r.loop() + ")";
        if (e instanceof TExpr.Density d) return d.distribution().name() + "(" + show(d.outcome()) + " | " + join(d.args()) + ")";
        if (e instanceof TExpr.Cdf c) {
            return c.distribution().name() + (c.complement() ? "_lccdf(" : "_lcdf(") + show(c.at()) + " | " + join(c.args()) + ")";
        }
        if (e instanceof TExpr.Slice x) return x.symbol().name() + (x.offset() instanceof TExpr.Num n && n.value() == 0 ? "" : "[" + show(x.offset()) + ":]");
        if (e instanceof TExpr.VDensity d) {
            return d.distribution().name() + "(" + show(d.operands().get(0)) + " | " + join(d.operands().subList(1, d.operands().size())) + ")";
        }
        if (e instanceof TExpr.VRng v) return v.distribution().name() + "_rng(" + join(v.operands()) + ")";
        TExpr.Rng g = (TExpr.Rng) e;
        return g.distribution().name() + "_rng(" + join(g.args()) + ")";
    }

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
