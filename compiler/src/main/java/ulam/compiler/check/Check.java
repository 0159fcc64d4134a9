package ulam.compiler.check;

import ulam.compiler.ast.Span;

/**
 * A check on the data that the bound model must pass before sampling, found while checking the
 * model: an index within the size of what it indexes, two vectors used row by row of the same
 * length, a text compared with a column that occurs in it.
 */
public sealed interface Check {

    /** Dispatches on the kind of check: a new kind fails to compile until every visitor handles it. */
    <R> R accept(Visitor<R> v);

    /** One method per kind of {@link Check}. */
    interface Visitor<R> {
        R indexRange(IndexRange c);
        R literalRange(LiteralRange c);
        R sameLength(SameLength c);
        R sameSize(SameSize c);
        R textLevel(TextLevel c);
    }

    /** Every value of {@code index} (integer data) lies in 1..{@code bound}. */
    record IndexRange(Symbol index, Size bound, Symbol indexed, Span span) implements Check {
        @Override public <R> R accept(Visitor<R> v) { return v.indexRange(this); }
    }

    /** A literal index lies in 1..{@code bound}. */
    record LiteralRange(int value, Size bound, Symbol indexed, Span span) implements Check {
        @Override public <R> R accept(Visitor<R> v) { return v.literalRange(this); }
    }

    /** {@code length(vector) == count}: a vector used row by row in a loop of {@code count} rows. */
    record SameLength(Symbol vector, Size count, Symbol other, Span span) implements Check {
        @Override public <R> R accept(Visitor<R> v) { return v.sameLength(this); }
    }

    /** Two sizes are equal (shapes combined element by element). */
    record SameSize(Size expected, Size actual, String what, Span span) implements Check {
        @Override public <R> R accept(Visitor<R> v) { return v.sameSize(this); }
    }

    /** A text compared with a column ({@code grp == "a"}) occurs in it. */
    record TextLevel(Symbol column, String text, Span span) implements Check {
        @Override public <R> R accept(Visitor<R> v) { return v.textLevel(this); }
    }

    /** Calls {@code out} with every symbol whose values the check reads: the index or vector, and the symbols of its sizes. */
    default void uses(java.util.function.Consumer<Symbol> out) {
        accept(new Visitor<Void>() {
            @Override
            public Void indexRange(IndexRange r) {
                out.accept(r.index());
                r.bound().symbols(out);
                return null;
            }

            @Override
            public Void literalRange(LiteralRange r) {
                r.bound().symbols(out);
                return null;
            }

            @Override
            public Void sameLength(SameLength r) {
                out.accept(r.vector());
                r.count().symbols(out);
                return null;
            }

            @Override
            public Void textLevel(TextLevel r) {
                out.accept(r.column());
                return null;
            }

            @Override
            public Void sameSize(SameSize r) {
                r.expected().symbols(out);
                r.actual().symbols(out);
                return null;
            }
        });
    }
}
