package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;
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

    @Option(names = "--reloo",
            description = "Refit the model once without each observation whose Pareto k is above 0.7 and use its exact elpd (loo's reloo).")
    boolean reloo;

    @Option(names = "--cores", paramLabel = "N", description = "With --reloo: refits at once (default: all processors).")
    Integer cores;

    @Option(names = "--no-r-eff",
            description = "Use r_eff = 1 (independent draws) instead of the relative efficiency estimated from the chains.")
    boolean noReff;

    /** Refits without each bad observation (each its own fold) and replaces its PSIS estimate. */
    private Loo reloo(LoadedFit f, Loo loo, int[] bad, PrintWriter err) {
        int n = f.model().observations();
        int[] folds = new int[n];
        List<Integer> run = new ArrayList<>();
        for (int j = 0; j < bad.length; j++) {
            folds[bad[j]] = j + 1;
            run.add(j + 1);
        }
        var m = f.fit().manifest();
        SamplerConfig config = SamplerConfig.builder().chains(m.chains()).cores(1).warmup(m.warmup()).draws(m.draws())
                .seed(m.seed()).adaptDelta(m.adaptDelta()).maxTreeDepth(m.maxTreedepth())
                .metric("dense_e".equals(m.metric()) ? MetricKind.DENSE : MetricKind.DIAG).build();
        int threads = Math.max(1, Math.min(bad.length, cores != null ? cores : Runtime.getRuntime().availableProcessors()));
        err.printf(Locale.ROOT, "refitting %s %d times without one observation each (Pareto k above 0.7) on %d thread%s%n",
                f.name(), bad.length, threads, threads == 1 ? "" : "s");
        err.flush();
        KfoldRefits.HeldOut held = KfoldRefits.prepare(f).run(folds, run, config, threads, err);
        double[] exact = new double[bad.length];
        for (int j = 0; j < bad.length; j++) exact[j] = held.elpd()[bad[j]];
        if (held.divergences() > 0) {
            err.printf(Locale.ROOT, "warning: the refits had %d divergent transitions in all: their draws may be biased%n", held.divergences());
        }
        return loo.withRefits(bad, exact);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedFit f = LoadedFit.load(fit);
        FitCommands.notes(f, err);
        Loo loo = f.loo(!noReff);
        int[] bad = loo.highK(Loo.K_OK);
        if (reloo && bad.length > 0) loo = reloo(f, loo, bad, err);
        out.printf(Locale.ROOT, "PSIS-LOO of %s (r_eff %s)%s%n", f.name(), noReff ? "= 1" : "from the chains",
                reloo && bad.length > 0 ? String.format(Locale.ROOT, "; %d observation%s with Pareto k above 0.7 refitted without"
                        + " %s (exact elpd_loo)", bad.length, bad.length == 1 ? "" : "s", bad.length == 1 ? "it" : "them") : "");
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
