package ulam.compiler.cli.fit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.FitManifest;
import ulam.runtime.loo.KFold;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;

/**
 * {@code ulam kfold FIT --k 10}: K-fold cross-validation as brms's {@code kfold} ({@link KFold}):
 * the model is fitted K more times, each time with one fold of the observations left out of the
 * likelihood ({@link KfoldRefits}), with the fit's sampler settings; folds run in parallel on
 * {@code --cores} threads (the result does not depend on it). Folds are random and balanced, by
 * group ({@code --group g}: every row of a group in one fold) or given ({@code --folds FILE}).
 * Prints elpd_kfold, p_kfold and kfoldic with SEs and writes {@code FIT/kfold.csv} (each
 * observation's fold and elpd), which {@code ulam compare --func kfold} reads.
 */
@Command(name = "kfold", mixinStandardHelpOptions = true, sortOptions = false,
        description = "K-fold cross-validation of a fit (brms's kfold): the model refitted K times without one fold; elpd_kfold and SE.")
public final class KfoldCommand implements Callable<Integer> {
    /** The file a fit's K-fold result is kept in. */
    static final String FILE = "kfold.csv";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder.")
    Path fit;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "Number of folds (default: 10).")
    int k;

    @Option(names = "--group", paramLabel = "COLUMN",
            description = "Fold by the values of this data column: all rows of a group are left out together.")
    String group;

    @Option(names = "--folds", paramLabel = "FILE",
            description = "The fold (1..K) of each observation, one per line after a header (e.g. written by R's loo::kfold_split_random).")
    Path foldsFile;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the folds and the refits (default: the fit's seed).")
    Long seed;

    @Option(names = "--cores", paramLabel = "N", description = "Refits run on this many threads (default: all processors).")
    Integer cores;

    @Option(names = "--iter", paramLabel = "N", description = "Iterations per chain of each refit (default: the fit's).")
    Integer iter;

    @Option(names = "--chains", paramLabel = "N", description = "Chains of each refit (default: the fit's).")
    Integer chains;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (group != null && foldsFile != null) throw new UlamException("--group and --folds both choose the folds", null, "give one of them");
        LoadedFit loaded = LoadedFit.load(fit);
        FitDirectory f = loaded.fit();
        FitCommands.notes(loaded, err);
        int n = loaded.model().observations();
        if (n == 0) throw new UlamException("the model " + f.manifest().model() + " has no likelihood to cross-validate", null, null);
        long base = seed != null ? seed : f.manifest().seed();
        int[] folds = folds(f, n, base);
        int kk = Arrays.stream(folds).max().orElse(0);
        KfoldRefits refits = KfoldRefits.prepare(loaded);
        SamplerConfig config = config(f.manifest(), base);
        int threads = Math.max(1, Math.min(kk, cores != null ? cores : Runtime.getRuntime().availableProcessors()));
        err.printf(Locale.ROOT, "refitting %s %d times (%d chains of %d warmup + %d draws each) on %d thread%s%n",
                f.manifest().model(), kk, config.chains(), config.warmup(), config.draws(), threads, threads == 1 ? "" : "s");
        err.flush();
        List<Integer> all = new ArrayList<>();
        for (int fold = 1; fold <= kk; fold++) all.add(fold);
        KfoldRefits.HeldOut held = refits.run(folds, all, config, threads, err);
        double[] elpd = held.elpd();
        KFold result = KFold.of(kk, folds, elpd, KFold.lpd(loaded.logLik()));
        out.printf(Locale.ROOT, "K-fold cross-validation of %s%n", f.manifest().model());
        out.print(result.format());
        Path file = fit.resolve(FILE);
        write(result, file, group != null ? "group " + group : foldsFile != null ? "file " + foldsFile : "random", base);
        out.println("Pointwise results written to " + file + " (ulam compare --func kfold reads them)");
        out.flush();
        int div = held.divergences();
        if (div > 0) {
            err.printf(Locale.ROOT, "warning: the refits had %d divergent transitions in all: their draws may be biased;"
                    + " the fit's warnings apply to the refits too%n", div);
        }
        err.flush();
        return 0;
    }

    private int[] folds(FitDirectory f, int n, long base) {
        if (foldsFile != null) {
            DrawsCsv t = DrawsCsv.read(foldsFile);
            double[][] v = t.values();
            if (v.length != n) {
                throw new UlamException(foldsFile + " gives " + v.length + " folds, but the model has " + n + " observations",
                        null, "give one fold (1..K) per observation, in the data's row order");
            }
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                double x = v[i][0];
                if (x != Math.rint(x) || x < 1) {
                    throw new UlamException(foldsFile + " row " + (i + 1) + ": '" + x + "' is not a fold number 1..K", null, null);
                }
                out[i] = (int) x;
            }
            checkEveryFoldUsed(out);
            return out;
        }
        try {
            if (group != null) {
                DataSet data = f.readData();
                if (!data.has(group)) {
                    throw new UlamException("--group " + group + ": the fit's data have no column '" + group + "'", null,
                            "the data have: " + String.join(", ", data.names()));
                }
                String[] g = data.strings(group, null);
                if (g.length != n) {
                    throw new UlamException("--group " + group + " has " + g.length + " rows, but the model has " + n + " observations",
                            null, "group by a column of the likelihood's rows");
                }
                return KFold.splitGrouped(k, g, base);
            }
            return KFold.splitRandom(k, n, base);
        } catch (IllegalArgumentException e) {
            throw new UlamException("--k " + k + ": " + e.getMessage(), null, "choose K from 2 to the number of observations (or groups)");
        }
    }

    private static void checkEveryFoldUsed(int[] folds) {
        int kk = Arrays.stream(folds).max().orElse(0);
        boolean[] seen = new boolean[kk + 1];
        for (int x : folds) seen[x] = true;
        for (int j = 1; j <= kk; j++) {
            if (!seen[j]) throw new UlamException("the folds skip fold " + j + " of 1.." + kk, null, "number the folds 1..K");
        }
        if (kk < 2) throw new UlamException("the folds file has one fold only", null, "give at least 2 folds");
    }

    private SamplerConfig config(FitManifest m, long base) {
        int it = iter != null ? iter : m.iter();
        int warm = iter != null ? it / 2 : m.warmup();
        if (it < 2 || warm >= it) throw new UlamException("--iter must be at least 2 (got " + it + ")", null, null);
        return SamplerConfig.builder().chains(chains != null ? chains : m.chains()).cores(1).warmup(warm).draws(it - warm)
                .seed(base).adaptDelta(m.adaptDelta()).maxTreeDepth(m.maxTreedepth())
                .metric("dense_e".equals(m.metric()) ? MetricKind.DENSE : MetricKind.DIAG).build();
    }

    private static void write(KFold r, Path file, String how, long seed) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# ulam kfold: K = %d, folds: %s, seed = %d%n", r.k(), how, seed));
        sb.append("obs,fold,elpd_kfold\n");
        double[] e = r.pointwiseElpd();
        int[] folds = r.folds();
        for (int i = 0; i < e.length; i++) sb.append(i + 1).append(',').append(folds[i]).append(',').append(e[i]).append('\n');
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UlamException("cannot write " + file + ": " + ex.getMessage(), null, "check that the fit folder is writable");
        }
    }

    /**
     * Reads {@code FIT/kfold.csv} back for {@code compare --func kfold}.
     *
     * @param loaded the fit
     * @return its K-fold result
     * @throws UlamException if the fit has none
     */
    static KFold read(LoadedFit loaded) {
        Path file = loaded.fit().dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new UlamException(loaded.fit().dir() + " has no K-fold result (" + FILE + ")", null,
                    "run ulam kfold " + loaded.fit().dir() + " --k 10 first (the same folds for every model: the same --seed, --group or --folds)");
        }
        DrawsCsv t = DrawsCsv.read(file);
        int n = t.values().length;
        int[] folds = new int[n];
        double[] elpd = new double[n];
        for (int i = 0; i < n; i++) {
            folds[i] = (int) t.values()[i][1];
            elpd[i] = t.values()[i][2];
        }
        int kk = Arrays.stream(folds).max().orElse(0);
        return KFold.of(kk, folds, elpd, KFold.lpd(loaded.logLik()));
    }
}
