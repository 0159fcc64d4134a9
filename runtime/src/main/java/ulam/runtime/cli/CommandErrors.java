package ulam.runtime.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import ulam.runtime.UlamException;
import ulam.stdlib.Registry;

/**
 * The command-line convention of {@code ulam} and of a model jar alike (docs/cli.md, "Exit
 * status"): a mistake on the command line (an unknown command or option, a value that is not a
 * number, a missing argument) is a user error, printed as one short diagnostic with exit status
 * 1, never picocli's usage text with status 2; running out of memory is a user error too, with
 * the way to raise the heap. Status 2 is left for internal errors.
 */
public final class CommandErrors {
    /** The exit status of every user error. */
    public static final int USER_ERROR = 1;
    /** The exit status of an internal error (a bug of ulam). */
    public static final int INTERNAL_ERROR = 2;

    private CommandErrors() {
    }

    /**
     * Installs the convention on a picocli command line: a {@link CommandLine.ParameterException}
     * prints as {@code error: ...} with a help line naming {@code COMMAND --help} (and the nearest
     * command or option for a misspelled one), exit status 1.
     *
     * @param cl  the root command line (its subcommands inherit the handler when added before)
     * @param err where diagnostics go
     * @return {@code cl}
     */
    public static CommandLine install(CommandLine cl, PrintWriter err) {
        cl.setParameterExceptionHandler((ex, args) -> {
            err.print(usageError(ex).format());
            err.flush();
            return USER_ERROR;
        });
        return cl;
    }

    /**
     * A bad command line as a user error: picocli's message, and as help the nearest valid word
     * when one is close ({@code did you mean 'run'?}) and where the options are listed.
     *
     * @param ex what picocli refused
     * @return the error to print
     */
    public static UlamException usageError(CommandLine.ParameterException ex) {
        CommandLine where = ex.getCommandLine();
        String command = where == null ? "ulam" : where.getCommandSpec().qualifiedName();
        StringBuilder help = new StringBuilder();
        boolean hasSubcommands = where != null && !where.getSubcommands().isEmpty();
        if (hasSubcommands && ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            String word = u.getUnmatched().get(0);
            java.util.List<String> close = new java.util.ArrayList<>();
            for (String name : where.getSubcommands().keySet()) {
                if (Registry.editDistance(word.toLowerCase(java.util.Locale.ROOT), name) <= Math.max(1, word.length() / 3)) close.add(name);
            }
            if (!close.isEmpty()) help.append("did you mean '").append(String.join("' or '", close)).append("'? ");
            help.append("'").append(command).append(" --help' lists the commands");
            return new UlamException("unknown command '" + word + "'", null, help.toString());
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                help.append("did you mean '").append(String.join("' or '", suggestions.subList(0,
                        Math.min(3, suggestions.size())))).append("'? ");
            }
        }
        help.append(hasSubcommands ? "'" + command + " --help' lists the commands"
                : "'" + command + " --help' lists the options");
        String message = ex.getMessage() == null ? "bad command line" : ex.getMessage().strip();
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);   // "Unknown option" -> "unknown option"
        }
        return new UlamException(message, null, help.toString());
    }

    /**
     * The error printed when the Java virtual machine runs out of memory: what to do, for the
     * launcher {@code ./ulam} ({@code ULAM_JAVA_OPTS}) and for {@code java -jar}.
     *
     * @param jar how the program was started, e.g. {@code java -jar MODEL.jar}, or null for {@code ulam}
     * @return the error to print
     */
    public static UlamException outOfMemory(String jar) {
        long max = Runtime.getRuntime().maxMemory();
        String now = max == Long.MAX_VALUE ? "" : String.format(java.util.Locale.ROOT, " (it may use %.1f GB now)", max / 1e9);
        String how = jar == null
                ? "give it more memory, e.g. ULAM_JAVA_OPTS=-Xmx8g ./ulam ... (or java -Xmx8g -jar ulam.jar ...),"
                : "give it more memory, e.g. java -Xmx8g " + jar.replaceFirst("^java ", "") + " ...,";
        return new UlamException("the Java virtual machine ran out of memory" + now, null,
                how + " or use fewer chains, iterations or data rows");
    }
}
