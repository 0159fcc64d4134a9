package ulam.compiler.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import ulam.runtime.UlamException;
import ulam.runtime.cli.CommandErrors;
import ulam.runtime.cli.RunCommand;

/**
 * How every {@code ulam} command line prints: results to {@code out}, diagnostics to {@code err};
 * a user error ({@link UlamException}, or a bad command line: {@link CommandErrors}) prints as a
 * located diagnostic with exit status 1, anything else as an internal error with status 2 and a
 * hint to report it (never a stack trace).
 */
public final class Commands {
    private Commands() {
    }

    /**
     * A command line for {@code command} writing to the given streams.
     *
     * @param command     a picocli command object
     * @param out         standard output
     * @param err         standard error
     * @param subcommands command classes to add (before the streams are set, so they write to them too)
     */
    public static CommandLine of(Object command, PrintStream out, PrintStream err, Class<?>... subcommands) {
        CommandLine cl = new CommandLine(command);
        for (Class<?> c : subcommands) cl.addSubcommand(c);
        cl.setOut(new PrintWriter(out, true));
        PrintWriter errWriter = new PrintWriter(err, true);
        cl.setErr(errWriter);
        CommandErrors.install(cl, errWriter);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof UlamException u) {
                err.print(u.format());
                err.flush();
                return 1;
            }
            err.println("internal error: " + ex + "; " + RunCommand.REPORT_HINT);
            return 2;
        });
        return cl;
    }
}
