package ulam.runtime;

/**
 * The notes a model and its data carry ({@link Model#notes()}, compile-time notes): plain notes
 * print as {@code note: ...}; a note that begins with {@link #WARNING} is a warning (something
 * that is probably a mistake, yet not certainly one: a model that reads none of its data's
 * columns, a text level that never occurs) and prints as it is.
 */
public final class Notes {
    private Notes() {
    }

    /** The beginning of a note that is a warning. */
    public static final String WARNING = "warning: ";

    /** A warning note with this text. */
    public static String warning(String text) {
        return WARNING + text;
    }

    /** Whether a note is a warning. */
    public static boolean isWarning(String note) {
        return note.startsWith(WARNING);
    }

    /** The line that prints a note: {@code note: ...}, or the warning as it is. */
    public static String line(String note) {
        return isWarning(note) ? note : "note: " + note;
    }
}
