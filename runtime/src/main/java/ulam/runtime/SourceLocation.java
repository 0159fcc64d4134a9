package ulam.runtime;

/**
 * A place in a model source file, for error messages: 1-based line and column, the text of that
 * line, and the length of the span to underline.
 *
 * @param file       file name as the user gave it (e.g. {@code examples/chimpanzees.ulam})
 * @param line       1-based line number
 * @param column     1-based column of the first character
 * @param length     number of characters to underline (at least 1)
 * @param lineText   the full text of that line, without its line terminator
 */
public record SourceLocation(String file, int line, int column, int length, String lineText) {

    public SourceLocation {
        if (length < 1) length = 1;
        if (lineText == null) lineText = "";
    }

    /** {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
