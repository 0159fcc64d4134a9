package ulam.compiler.ast;

/**
 * A span of model source text: 1-based line and column of its first character, and its length
 * in characters (clipped to its first line when shown).
 */
public record Span(int line, int column, int length) {

    /** The span from the start of {@code a} to the end of {@code b} when both are on one line; else {@code a}. */
    public static Span cover(Span a, Span b) {
        if (a.line != b.line || b.column < a.column) return a;
        return new Span(a.line, a.column, b.column + b.length - a.column);
    }
}
