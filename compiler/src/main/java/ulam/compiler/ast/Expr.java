package ulam.compiler.ast;

import java.util.List;

/**
 * An expression of the language as written, before any resolution: the right side of a line,
 * an argument, an index. Immutable; every node knows its {@link Span}.
 */
public sealed interface Expr {

    /** Where it is written. */
    Span span();

    /** A numeric literal; {@code integer} when written without a decimal point or exponent ({@code 2}, {@code 2L}). */
    record Num(double value, boolean integer, Span span) implements Expr {}

    /** A string literal ({@code "no"}). */
    record Str(String value, Span span) implements Expr {}

    /**
     * A name: a data column, parameter, local, or {@code TRUE}/{@code FALSE}. {@code name} is
     * normalised (every character that is not a letter, digit or {@code _} becomes {@code _},
     * so {@code kcal.per.g} is {@code kcal_per_g}); {@code written} is the text as typed.
     */
    record Name(String name, String written, Span span) implements Expr {}

    /**
     * A call {@code f(a, b)}. {@code argNames} holds each argument's name for {@code name = value}
     * arguments (null entries for positional ones); {@code conditional} is true for the Stan form
     * {@code f(y | a, b)}, whose first argument is the outcome.
     */
    record Call(String function, Span functionSpan, List<Expr> args, List<String> argNames,
                boolean conditional, Span span) implements Expr {}

    /** Indexing {@code x[i, j]}; an index is {@link Empty} for {@code x[, j]} and {@link All} for {@code x[i, :]}. */
    record Index(Expr target, List<Expr> indices, Span span) implements Expr {}

    /** A binary operation. */
    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

    /** A unary operation. */
    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

    /**
     * R's selection of a list element or data-frame column, {@code d$height} or {@code d[["height"]]}
     * ({@code key} is then a {@link Str}), or {@code x[[k]]}: R expressions of the wrapper's arguments
     * ({@code data=list(R=d$response)}, {@code start=list(mu=mean(d2$height))}). A model line cannot
     * use it (the checker says so, located).
     */
    record Member(Expr target, Expr key, Span span) implements Expr {}

    /**
     * R's {@code function(i) body}, as in {@code sapply(1:N, function(i) sum(B[i,]*w))}: the checker
     * accepts it as the function of {@code sapply} over the rows and nowhere else.
     */
    record Lambda(List<Name> params, Expr body, Span span) implements Expr {}

    /** An omitted index, as in {@code x[, 1]}. */
    record Empty(Span span) implements Expr {}

    /** The whole range {@code :} as an index, as in {@code y[i, :]}. */
    record All(Span span) implements Expr {}

    /** Binary operators, with their R spelling. */
    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^"), RANGE(":"), MATMUL("%*%"),
        EQ("=="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">="), AND("&&"), OR("||");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public boolean isComparison() {
            return this == EQ || this == NE || this == LT || this == GT || this == LE || this == GE;
        }
    }

    /** Unary operators. */
    enum UnaryOp { NEG, PLUS, NOT }
}
