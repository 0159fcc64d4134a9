package ulam.compiler.check;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Statement;
import ulam.stdlib.Registry;

/**
 * Questions about the parsed model that every room of the {@link Checker} asks: the names in an
 * expression, the index and the names on the left of a line, whether a line is a
 * {@code custom(...)}/{@code mixture(...)} escape, and the nearest name for "did you mean".
 * Stateless.
 */
final class Syntax {

    private Syntax() {
    }

    /** The index written on the left ({@code a[g]}), empty for none and for element targets {@code v[[k]]}. */
    static List<Expr> indexOf(Statement.Target t) {
        if (t instanceof Statement.Target.Symbol s) return s.index();
        if (t instanceof Statement.Target.Stack s) return s.index();
        return List.of();
    }

    /** The names on the left of a line: one, or the stacked names of {@code c(a, b)[g]}. */
    static List<Expr.Name> targetNames(Statement.Target t) {
        if (t instanceof Statement.Target.Symbol s) return List.of(s.name());
        if (t instanceof Statement.Target.Stack s) return s.names();
        if (t instanceof Statement.Target.Element e) return List.of(e.name());
        return List.of(((Statement.Target.Link) t).name());
    }

    /** {@code !Y}: the outcome of a {@code custom(...)} line (language reference 2.11), never a name of the model. */
    static boolean isPlaceholder(Expr.Unary u) {
        return u.op() == Expr.UnaryOp.NOT && u.operand() instanceof Expr.Name n && n.name().equals("Y");
    }

    /** Names in an expression: {@code value} for names used as values, {@code index} for names inside brackets. */
    static void names(Expr e, Consumer<Expr.Name> value, Consumer<Expr.Name> index) {
        if (e instanceof Expr.Name n) {
            value.accept(n);
        } else if (e instanceof Expr.Index ix) {
            names(ix.target(), value, index);
            for (Expr i : ix.indices()) names(i, x -> {
                value.accept(x);
                index.accept(x);
            }, index);
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) names(a, value, index);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), value, index);
            names(b.right(), value, index);
        } else if (e instanceof Expr.Unary u) {
            if (isPlaceholder(u)) return;
            names(u.operand(), value, index);
        } else if (e instanceof Expr.Member m) {
            names(m.target(), value, index);
        } else if (e instanceof Expr.Lambda l) {
            // the function's parameters are its own names, not the model's
            java.util.Set<String> own = new java.util.HashSet<>();
            for (Expr.Name p : l.params()) own.add(p.name());
            names(l.body(), n -> {
                if (!own.contains(n.name())) value.accept(n);
            }, n -> {
                if (!own.contains(n.name())) index.accept(n);
            });
        }
    }

    /** Every expression inside {@code e}, {@code e} first (pre-order), through every kind of node. */
    static void walk(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        if (e instanceof Expr.Index ix) {
            walk(ix.target(), visit);
            for (Expr i : ix.indices()) walk(i, visit);
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) walk(a, visit);
        } else if (e instanceof Expr.Binary b) {
            walk(b.left(), visit);
            walk(b.right(), visit);
        } else if (e instanceof Expr.Unary u) {
            walk(u.operand(), visit);
        } else if (e instanceof Expr.Member m) {
            walk(m.target(), visit);
            walk(m.key(), visit);
        } else if (e instanceof Expr.Lambda l) {
            walk(l.body(), visit);
        }
    }

    /** {@code custom(expr)} and {@code mixture(theta, d1(..), d2(..))}: log densities written as expressions. */
    static boolean isEscape(Expr.Call call) {
        return List.of("custom", "dcustom", "mixture", "dmixture").contains(call.function());
    }

    /** The nearest candidate by edit distance, if close enough to be a likely typo. */
    static String nearest(String word, List<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = Registry.editDistance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, word.length() / 3) ? best : null;
    }
}
