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
import ulam.runtime.loo.Loo;

/**
 * {@code ulam loo FIT}: PSIS-LOO of a fit ({@link Loo}): elpd_loo, p_loo, looic with their SEs,
 * the Monte Carlo SE, the Pareto k table, warnings listing the observations with high k, and with
 * {@code --pointwise} one row per observation. The relative efficiency of the draws comes from
 * the chains (as rethinking's {@code PSIS} does for a Stan fit) unless {@code --no-r-eff}.
 */
@Command(name = "loo", aliases = "psis", mixinStandardHelpOptions = true, sortOptions = false,
        description = "PSIS-LOO of a fit: elpd_loo, p_loo, looic with SEs, and the Pareto k diagnostics.")
public final class LooCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run -o FIT).")
    Path fit;

    @Option(names = "--pointwise", description = "Also print elpd_loo, p_loo, looic, Pareto k and n_eff of each observation.")
    boolean pointwise;

    @Option(names = "--no-r-eff",
            description = "Use r_eff = 1 (independent draws) instead of the relative efficiency estimated from the chains.")
    boolean noReff;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedFit f = LoadedFit.load(fit);
        FitCommands.notes(f, err);
        Loo loo = f.loo(!noReff);
        out.printf(Locale.ROOT, "PSIS-LOO of %s (r_eff %s)%n", f.name(), noReff ? "= 1" : "from the chains");
        out.print(loo.format());
        if (pointwise) {
            double[] e = loo.pointwiseElpd();
            double[] p = loo.pointwisePenalty();
            double[] k = loo.paretoK();
            double[] n = loo.nEff();
            out.println();
            out.printf(Locale.ROOT, "%6s %10s %8s %10s %8s %8s%n", "obs", "elpd_loo", "p_loo", "looic", "k", "n_eff");
            for (int i = 0; i < e.length; i++) {
                out.printf(Locale.ROOT, "%6d %10.2f %8.2f %10.2f %8.2f %8.0f%n", i + 1, e[i], p[i], -2 * e[i], k[i], n[i]);
            }
        }
        out.flush();
        for (String w : loo.warnings()) err.println("warning: " + w);
        err.flush();
        return 0;
    }
}
