package ulam.compiler.formula;

import java.util.List;
import ulam.compiler.ast.Span;

/**
 * An R expression of a model call file, as written: the formula front end's syntax tree
 * (built by {@link RParser} from the grammar {@code Formula.g4}). Immutable; every node knows
 * its {@link Span} in the file, for located errors.
 */
sealed interface RExpr {

    /** Where it is written. */
    Span span();

    /** A number as written ({@code 2.5}, {@code 3L}). */
    record Num(double value, String text, Span span) implements RExpr {}

    /** A string literal, unescaped. */
    record Str(String value, Span span) implements RExpr {}

    /** A name ({@code Days}, {@code kcal.per.g}, a backquoted name without its quotes, {@code TRUE}, {@code NULL}). */
    record Sym(String name, Span span) implements RExpr {}

    /**
     * A call {@code f(a, name = b)}; {@code function} is the called name with any namespace
     * dropped ({@code brms::brm} is {@code brm}), or null when the callee is not a name.
     */
    record Call(String function, Span functionSpan, List<Arg> args, Span span) implements RExpr {

        /** The argument of that name, or null. */
        Arg named(String name) {
            for (Arg a : args) if (name.equals(a.name())) return a;
            return null;
        }

        /** The arguments without a name, in order. */
        List<Arg> positional() {
            return args.stream().filter(a -> a.name() == null).toList();
        }
    }

    /** One argument: {@code name} is null when positional; {@code value} is null for an empty argument ({@code x[, 1]}). */
    record Arg(String name, RExpr value, Span span) {}

    /**
     * A binary operation with R's spelling of the operator: {@code + - * / ^ : %in% | || ~ <- = ==}
     * and so on; {@code $} and {@code @} with a {@link Sym} on the right.
     */
    record Binary(String op, RExpr left, RExpr right, Span span) implements RExpr {}

    /** A unary operation: {@code -}, {@code +}, {@code !}, or {@code ~} (a one-sided formula). */
    record Unary(String op, RExpr operand, Span span) implements RExpr {}

    /** Parentheses, kept as R keeps them (they matter when a term is printed: {@code I((x + 1)^2)}). */
    record Paren(RExpr inner, Span span) implements RExpr {}

    /** Anything else R allows that a model call never needs (blocks, functions, indexing): kept only as a span. */
    record Other(String what, Span span) implements RExpr {}

    /** The call's function name if {@code e} is a call of a name, else null. */
    static String callName(RExpr e) {
        return e instanceof Call c ? c.function() : null;
    }

    /** {@code e} without enclosing parentheses. */
    static RExpr strip(RExpr e) {
        while (e instanceof Paren p) e = p.inner();
        return e;
    }
}
