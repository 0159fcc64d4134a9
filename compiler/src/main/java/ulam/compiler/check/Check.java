package ulam.compiler.check;

import ulam.compiler.ast.Span;

/**
 * A check on the data that the bound model must pass before sampling, found while checking the
 * model: an index within the size of what it indexes, two vectors used row by row of the same
 * length, a text compared with a column that occurs in it.
 */
public sealed interface Check {

    /** Every value of {@code index} (integer data) lies in 1..{@code bound}. */
    record IndexRange(Symbol index, Size bound, Symbol indexed, Span span) implements Check {}

    /** A literal index lies in 1..{@code bound}. */
    record LiteralRange(int value, Size bound, Symbol indexed, Span span) implements Check {}

    /** {@code length(vector) == count}: a vector used row by row in a loop of {@code count} rows. */
    record SameLength(Symbol vector, Size count, Symbol other, Span span) implements Check {}

    /** Two sizes are equal (shapes combined element by element). */
    record SameSize(Size expected, Size actual, String what, Span span) implements Check {}

    /** A text compared with a column ({@code grp == "a"}) occurs in it. */
    record TextLevel(Symbol column, String text, Span span) implements Check {}

    /** Calls {@code out} with every symbol whose values the check reads: the index or vector, and the symbols of its sizes. */
    default void uses(java.util.function.Consumer<Symbol> out) {
        if (this instanceof IndexRange r) {
            out.accept(r.index());
            r.bound().symbols(out);
        } else if (this instanceof LiteralRange r) {
            r.bound().symbols(out);
        } else if (this instanceof SameLength r) {
            out.accept(r.vector());
            r.count().symbols(out);
        } else if (this instanceof TextLevel r) {
            out.accept(r.column());
        } else if (this instanceof SameSize r) {
            r.expected().symbols(out);
            r.actual().symbols(out);
        }
    }
}
