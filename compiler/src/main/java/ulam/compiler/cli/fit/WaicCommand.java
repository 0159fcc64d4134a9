package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.loo.Waic;

/**
 * {@code ulam waic FIT}: rethinking's WAIC of a fit (language reference 8.5) from the pointwise
 * log-likelihood of its saved draws: {@code WAIC lppd penalty std_err}, and with
 * {@code --pointwise} one row per observation.
 */
@Command(name = "waic", mixinStandardHelpOptions = true, sortOptions = false,
        description = "WAIC of a fit (rethinking's WAIC): WAIC, lppd, penalty (pWAIC) and std_err.")
public final class WaicCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run -o FIT).")
    Path fit;

    @Option(names = "--pointwise", description = "Also print lppd, penalty and WAIC of each observation.")
    boolean pointwise;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedFit f = LoadedFit.load(fit);
        FitCommands.notes(f, err);
        Waic w = f.waic();
        out.printf(Locale.ROOT, "WAIC of %s: %d draws, %d observations%n", f.name(), f.logLik().length,
                w.observations());
        String table = w.format();
        String warning = w.warning();
        out.print(warning == null ? table : table.substring(0, table.indexOf("warning: ")));
        if (pointwise) {
            double[] l = w.pointwiseLppd();
            double[] p = w.pointwisePenalty();
            double[] c = w.pointwiseWaic();
            out.println();
            out.printf(Locale.ROOT, "%6s %10s %10s %10s%n", "obs", "lppd", "penalty", "WAIC");
            for (int i = 0; i < l.length; i++) {
                out.printf(Locale.ROOT, "%6d %10.2f %10.2f %10.2f%n", i + 1, l[i], p[i], c[i]);
            }
        }
        out.flush();
        if (warning != null) err.println("warning: " + warning);
        err.flush();
        return 0;
    }
}
