package ulam.compiler.cli.fit;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import ulam.compiler.cli.Commands;
import ulam.runtime.UlamException;

/**
 * The commands that read a fit folder ({@code ulam run -o DIR}, or {@code fits/<model>-<time>}): {@code precis},
 * {@code draws}, {@code link}, {@code sim}, {@code waic},
 * {@code loo}, {@code compare}, {@code plot}, {@code report}. Register them with
 * {@code subcommands = {..., WaicCommand.class, ...}} or by adding {@link #subcommands()} to the
 * root {@link CommandLine}. Each writes results to the command line's out stream and notes and
 * warnings to its err stream, and throws {@link UlamException} for user errors (printed by the
 * root's execution-exception handler, exit status 1).
 */
public final class FitCommands {
    private FitCommands() {
    }

    /** The command classes, in the order {@code ulam --help} should list them. */
    public static List<Class<?>> subcommands() {
        return List.of(PrecisCommand.class, DrawsCommand.class, ContrastCommand.class, CoeftabCommand.class, LinkCommand.class,
                SimCommand.class, WaicCommand.class, LooCommand.class, CompareCommand.class, KfoldCommand.class,
                PlotCommand.class, ReportCommand.class, GroupCommands.VarCorr.class, GroupCommands.Ranef.class,
                GroupCommands.Coef.class, PosteriorPredictCommand.Predict.class, PosteriorPredictCommand.Epred.class);
    }

    /**
     * Runs one command on its own, as {@code ulam} would (for tests and embedding): user errors
     * are printed with {@link UlamException#format()} and give status 1, internal errors status 2.
     *
     * @param command a new instance of one of {@link #subcommands()}
     * @param args    its arguments
     * @param out     standard output
     * @param err     standard error
     * @return the exit status
     */
    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = Commands.of(command, out, err);
        return cl.execute(args);
    }

    /**
     * Checks {@code --prob} and {@code --depth} as every fit command takes them.
     *
     * @throws UlamException naming the option if prob is not in (0, 1) or depth is not 1, 2 or 3
     */
    static void checkProbAndDepth(double prob, int depth) {
        if (!(prob > 0 && prob < 1)) {
            throw new UlamException("--prob must lie strictly between 0 and 1 (got " + prob + ")", null, "e.g. --prob 0.89");
        }
        if (depth < 1 || depth > 3) {
            throw new UlamException("--depth must be 1, 2 or 3 (got " + depth + ")", null,
                    "1 hides vector and matrix elements, 2 hides matrix elements, 3 shows all");
        }
    }

    /** Prints the fit's notes (a stopped run) to err. */
    static void notes(LoadedFit f, PrintWriter err) {
        for (String n : f.fit().notes()) err.println("note: " + n);
        for (String n : f.model().notes()) err.println(ulam.runtime.Notes.line(n));
    }
}
