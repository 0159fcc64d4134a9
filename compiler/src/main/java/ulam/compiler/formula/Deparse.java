package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * R expressions back to text as R's {@code deparse} writes them (the labels R gives terms and
 * design-matrix columns: {@code log(population)}, {@code I(x^2)}, {@code factor(period)}):
 * spaces around binary operators except {@code ^} and {@code :}, none after a unary minus,
 * {@code name = value} arguments joined by {@code ", "}.
 */
final class Deparse {
    private Deparse() {}

    /** The expression as R deparses it. */
    static String of(RExpr e) {
        if (e instanceof RExpr.Num n) return n.text();
        if (e instanceof RExpr.Str s) return "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (e instanceof RExpr.Sym s) return s.name();
        if (e instanceof RExpr.Paren p) return "(" + of(p.inner()) + ")";
        if (e instanceof RExpr.Unary u) return u.op() + of(u.operand());
        if (e instanceof RExpr.Binary b) {
            return switch (b.op()) {
                case "^", ":", "$", "@" -> of(b.left()) + b.op() + of(b.right());
                default -> of(b.left()) + " " + b.op() + " " + of(b.right());
            };
        }
        if (e instanceof RExpr.Call c) {
            List<String> args = new ArrayList<>();
            for (RExpr.Arg a : c.args()) {
                String v = a.value() == null ? "" : of(a.value());
                args.add(a.name() == null ? v : a.name() + " = " + v);
            }
            return (c.function() == null ? "(...)" : c.function()) + "(" + String.join(", ", args) + ")";
        }
        return ((RExpr.Other) e).what();
    }
}
