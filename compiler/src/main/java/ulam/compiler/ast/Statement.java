package ulam.compiler.ast;

import java.util.List;

/**
 * One line of the model: {@code [tag>] [type[dims]:] target [| condition] op rhs [T[lower, upper]]}.
 *
 * @param tag        the block tag ({@code gq}, {@code save}, {@code transpars}, {@code transdata}; on a
 *                   {@code ~} line {@link #KEEP_CONSTANTS}), or null
 * @param tagSpan    where the tag is written, or null
 * @param type       an explicit type ({@code vector[N]:}), or null
 * @param target     the left-hand side
 * @param condition  the condition of {@code y | cond ~ ...}, or null
 * @param op         {@code ~}, {@code <-} or {@code <<-}
 * @param rhs        the right side: a distribution call for {@code ~}, an expression otherwise
 * @param truncation {@code T[L, U]} after a distribution, or null
 * @param span       the whole line (first line of it)
 */
public record Statement(String tag, Span tagSpan, TypeDecl type, Target target, Expr condition, Op op,
                        Expr rhs, Truncation truncation, Span span) {

    /**
     * The tag of a {@code ~} line that keeps every constant of its density in {@code lp__}, as
     * Stan's {@code target += dist_lpdf(y | ...)} does (without it a {@code ~} line drops the
     * summands that depend on no parameter, as Stan's {@code ~}: docs/stan.md, "lp__"). The log
     * density and its gradient are the same either way.
     */
    public static final String KEEP_CONSTANTS = "target";

    /** The three statement forms. */
    public enum Op {
        SAMPLE("~"), ASSIGN("<-"), ASSIGN_VECTOR("<<-");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** An explicit type {@code vector[N]:}, {@code matrix[R, C]:}, {@code real[1]:}, ... */
    public record TypeDecl(String name, List<Expr> dims, Span span) {}

    /** {@code T[lower, upper]}; either bound may be null. */
    public record Truncation(Expr lower, Expr upper, Span span) {}

    /** The left-hand side of a line. */
    public sealed interface Target {
        Span span();

        /** {@code x} or {@code x[i, j]} ({@code index} is empty when there are no brackets). */
        record Symbol(Expr.Name name, List<Expr> index, Span span) implements Target {}

        /** {@code x[[k]]}: one element of a vector. */
        record Element(Expr.Name name, Expr element, Span span) implements Target {}

        /** {@code logit(p)}: a link function applied to a local. */
        record Link(String link, Span linkSpan, Expr.Name name, Span span) implements Target {}

        /** {@code c(a, b)} or {@code c(a, b)[g]}. */
        record Stack(List<Expr.Name> names, List<Expr> index, Span span) implements Target {}
    }
}
