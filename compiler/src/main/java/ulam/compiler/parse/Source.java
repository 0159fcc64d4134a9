package ulam.compiler.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ulam.compiler.ast.Span;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * A model source file: its name as the user gave it, its text, and its lines, so that any
 * {@link Span} becomes a {@link SourceLocation} with the line's text for error messages.
 */
public final class Source {
    private final String file;
    private final String text;
    private final String[] lines;

    /**
     * @param file file name for messages ({@code examples/chimpanzees.ulam})
     * @param text the whole source text
     */
    public Source(String file, String text) {
        this.file = file;
        this.text = text;
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    /** The largest model file read, in bytes: a model of 20,000 lines is about 0.5 MB. */
    public static final long MAX_BYTES = 16L << 20;

    /**
     * Reads a file as UTF-8.
     *
     * @throws UlamException if it cannot be read, is not a regular file (a folder, a pipe, a
     *                       device such as /dev/zero) or is larger than {@link #MAX_BYTES}
     */
    public static Source read(Path path) {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UlamException("model file " + path + " is not a regular file ("
                    + (Files.isDirectory(path) ? "it is a folder" : "it is a device or a pipe") + ")", null,
                    "give a .ulam text file");
        }
        try {
            if (Files.exists(path) && Files.size(path) > MAX_BYTES) {
                throw new UlamException(String.format(java.util.Locale.ROOT, "model file %s has %.1f MB; a model file holds"
                        + " at most %d MB", path, Files.size(path) / 1e6, MAX_BYTES >> 20), null,
                        "a model file is the text of an alist (a model of 20,000 lines is about 0.5 MB); data go in --data files");
            }
            return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UlamException("cannot read model file " + path + ": " + reason(e), null,
                    "check the path; a model file is a .ulam text file");
        } catch (UncheckedIOException e) {
            throw new UlamException("cannot read model file " + path + ": it is not UTF-8 text", null, null);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.charset.MalformedInputException) return "it is not UTF-8 text";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** File name for messages. */
    public String file() {
        return file;
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** Text of a 1-based line (empty past the end). */
    public String line(int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    /**
     * The location of a span, with its line's text. Spans count characters as ANTLR does, in
     * code points; a location counts them as Java does, in UTF-16 chars (a character outside
     * the Basic Multilingual Plane, such as an emoji in a string, is two), so that the caret
     * stands under the right character.
     */
    public SourceLocation at(Span span) {
        if (span == null) return null;
        String text = line(span.line());
        int start = chars(text, span.column() - 1);
        int end = chars(text, span.column() - 1 + span.length());
        return new SourceLocation(file, span.line(), start + 1, end - start, text);
    }

    /** The UTF-16 index of code point {@code points} of a line (counted on past its end). */
    private static int chars(String text, int points) {
        int n = text.codePointCount(0, text.length());
        return points >= n ? text.length() + points - n : text.offsetByCodePoints(0, Math.max(0, points));
    }

    /** A user error at a span. */
    public UlamException error(Span span, String message, String help) {
        return new UlamException(message, at(span), help);
    }
}
