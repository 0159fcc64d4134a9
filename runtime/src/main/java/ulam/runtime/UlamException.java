package ulam.runtime;

/**
 * An error the user can fix: bad model text, bad data, a bad option. It is printed as a short
 * diagnostic (message, {@code file:line:col}, the source line with a caret, and what to do),
 * never as a stack trace, and makes the command exit with status 1.
 */
public class UlamException extends RuntimeException {

    private final SourceLocation location;
    private final String help;

    /**
     * @param message  what is wrong, in one sentence
     * @param location where in the model source (may be null when no line is involved)
     * @param help     what to do about it (may be null)
     */
    public UlamException(String message, SourceLocation location, String help) {
        super(message, null, false, false);
        this.location = location;
        this.help = help;
    }

    public UlamException(String message) {
        this(message, null, null);
    }

    /** Where in the model source, or null. */
    public SourceLocation location() {
        return location;
    }

    /** What to do about it, or null. */
    public String help() {
        return help;
    }

    /** The most characters of a source line a diagnostic shows; a longer line is cut around the caret. */
    static final int SHOWN = 120;

    /**
     * The diagnostic as printed:
     * <pre>
     * error: unknown distribution 'dnrom'
     *   --> model.ulam:3:12
     *    |
     *  3 | a[actor] ~ dnrom(a_bar, sigma_a)
     *    |            ^^^^^
     *    = help: did you mean 'dnorm'?
     * </pre>
     * A line longer than {@value #SHOWN} characters is shown as {@value #SHOWN} of them around the caret.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("error: ").append(getMessage()).append('\n');
        if (location != null) {
            String num = Integer.toString(location.line());
            String pad = " ".repeat(num.length());
            sb.append(pad).append("--> ").append(location).append('\n');
            sb.append(pad).append(" |\n");
            String text = location.lineText().replace('\t', ' ');
            int col = Math.max(1, location.column());
            int len = Math.max(1, Math.min(location.length(), Math.max(1, text.length() - col + 1)));
            // a long line is shown as a window around the caret, cut with "..." at either end
            int from = text.length() <= SHOWN ? 0 : Math.max(0, Math.min(col - 1 - SHOWN / 3, text.length() - SHOWN));
            int to = Math.min(text.length(), from + SHOWN);
            String shown = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
            int caretAt = col - 1 - from + (from > 0 ? 3 : 0);
            len = Math.max(1, Math.min(len, to - (col - 1)));
            sb.append(num).append(" | ").append(shown).append('\n');
            sb.append(pad).append(" | ").append(" ".repeat(Math.max(0, caretAt))).append("^".repeat(len)).append('\n');
        }
        if (help != null && !help.isEmpty()) {
            String pad = location == null ? "" : " ".repeat(Integer.toString(location.line()).length());
            sb.append(pad).append(" = help: ").append(help).append('\n');
        }
        return sb.toString();
    }
}
