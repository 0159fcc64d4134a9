package ulam.runtime.data;

import ulam.runtime.SourceLocation;

/**
 * Places in a data file, so that an error about the file's text points at it as an error about a
 * model does: {@code file:line:column}, the line, and a caret under the place.
 */
final class FilePlace {
    private final String file;
    private final String text;
    private String[] lines;   // split on first use

    /**
     * @param file the file as named on the command line
     * @param text its content as read (decoded, without a byte order mark)
     */
    FilePlace(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * A place on a line.
     *
     * @param line   1-based line, clamped to the file's lines (a place past the end is on the last line)
     * @param column 1-based column, clamped to the line (one past its end is the end of the line)
     * @param length characters to underline
     */
    SourceLocation at(long line, long column, int length) {
        if (lines == null) lines = text.split("\r\n|\r|\n", -1);
        int l = (int) Math.max(1, Math.min(line, lines.length));
        String lineText = lines[l - 1];
        int c = (int) Math.max(1, Math.min(column, lineText.length() + 1));
        return new SourceLocation(file, l, c, length, lineText);
    }

    /** A whole line. */
    SourceLocation line(long line) {
        SourceLocation start = at(line, 1, 1);
        return new SourceLocation(file, start.line(), 1, start.lineText().length(), start.lineText());
    }

    /** The place of the character at a 0-based offset of the text. */
    SourceLocation offset(long offset, int length) {
        int end = (int) Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || (ch == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return at(line, end - lineStart + 1, length);
    }
}
