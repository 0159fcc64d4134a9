package ulam.runtime.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import ulam.runtime.SourceLocation;

/**
 * Places in a data file, so that an error about the file's text points at it as an error about a
 * model does: {@code file:line:column}, the line, and a caret under the place. The file's lines
 * are split at LF, CRLF and CR. A place in a file read as text (JSON) takes its lines from the
 * text; a place in a file read as a stream (CSV) reads the one line it needs from the file when an
 * error is made, so the file is never held in memory for the sake of its messages.
 */
final class FilePlace {
    private final String file;
    private final String text;      // the whole text, or null for a file read line by line
    private final Path path;
    private final Charset charset;
    private String[] lines;         // split on first use (text only)
    private long cachedLine = -1;   // the last line read from the file
    private byte[] cachedBytes;

    /**
     * @param file the file as named on the command line
     * @param text its content as read (decoded, without a byte order mark)
     */
    FilePlace(String file, String text) {
        this.file = file;
        this.text = text;
        this.path = null;
        this.charset = null;
    }

    private FilePlace(String file, Path path, Charset charset) {
        this.file = file;
        this.text = null;
        this.path = path;
        this.charset = charset;
    }

    /**
     * Places in a file that is read as a stream.
     *
     * @param file    the file as named on the command line
     * @param path    the file, read again for the line of an error
     * @param charset how its bytes are text
     */
    static FilePlace streamed(String file, Path path, Charset charset) {
        return new FilePlace(file, path, charset);
    }

    /**
     * A place on a line.
     *
     * @param line   1-based line, clamped to the file's lines (a place past the end is on the last line)
     * @param column 1-based column, clamped to the line (one past its end is the end of the line)
     * @param length characters to underline
     */
    SourceLocation at(long line, long column, int length) {
        long l;
        String lineText;
        if (text != null) {
            if (lines == null) lines = text.split("\r\n|\r|\n", -1);
            l = Math.max(1, Math.min(line, lines.length));
            lineText = lines[(int) l - 1];
        } else {
            l = readLine(Math.max(1, line));
            lineText = new String(cachedBytes, charset);
        }
        int c = (int) Math.max(1, Math.min(column, lineText.length() + 1));
        return new SourceLocation(file, (int) Math.min(l, Integer.MAX_VALUE), c, length, lineText);
    }

    /**
     * A place given by its byte on a line of a streamed file: the column counts the characters
     * before that byte.
     *
     * @param line       1-based line
     * @param byteColumn 1-based byte of the line
     * @param length     characters to underline
     */
    SourceLocation atByte(long line, long byteColumn, int length) {
        if (text != null) return at(line, byteColumn, length);
        long l = readLine(Math.max(1, line));
        int upto = (int) Math.max(0, Math.min(byteColumn - 1, cachedBytes.length));
        int chars = new String(cachedBytes, 0, upto, charset).length();
        return at(l, chars + 1, length);
    }

    /** A whole line. */
    SourceLocation line(long line) {
        SourceLocation start = at(line, 1, 1);
        return new SourceLocation(file, start.line(), 1, start.lineText().length(), start.lineText());
    }

    /** The place of the character at a 0-based offset of the text (a file read as text). */
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

    /** Reads line {@code wanted} (or the last line, if the file has fewer) into the cache; returns its number. */
    private long readLine(long wanted) {
        if (wanted == cachedLine) return cachedLine;
        long line = 1;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            int b = in.read();
            if (line == 1 && b == 0xEF) {   // a byte order mark is not part of the line
                int b2 = in.read();
                int b3 = in.read();
                if (b2 == 0xBB && b3 == 0xBF) b = in.read();
                else {
                    current.write(b);
                    if (b2 >= 0) current.write(b2);
                    b = b3;
                }
            }
            for (; b >= 0; b = in.read()) {
                if (b == '\n' || b == '\r') {
                    if (line == wanted) break;
                    if (b == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') in.reset();
                    }
                    line++;
                    current.reset();
                    continue;
                }
                if (line == wanted || current.size() < (1 << 20)) current.write(b);
            }
        } catch (IOException e) {
            current.reset();
        }
        cachedLine = line;
        cachedBytes = current.toByteArray();
        return line;
    }
}
