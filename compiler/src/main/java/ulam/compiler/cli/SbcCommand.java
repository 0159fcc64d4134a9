package ulam.compiler.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulam.compiler.parse.Source;
import ulam.compiler.sbc.Sbc;
import ulam.compiler.sbc.SbcReport;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * {@code ulam sbc MODEL.ulam --data FILE [--sims 200] [--draws-per-sim 100] [--thin 10] ...}:
 * simulation-based calibration ({@link Sbc}): parameters and data drawn from the prior, fitted
 * with NUTS, the ranks of the true values tested for uniformity ({@link SbcReport}). Prints the
 * table of p-values and verdicts to standard output, progress and notes to standard error; with
 * {@code -o} writes the ranks, the true values, the summary and the rank histograms.
 * Exit status 0 whatever the verdict (the verdict is the output); 1 for bad input.
 */
@Command(name = "sbc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulation-based calibration: draw parameters and data from the prior, fit each data set with NUTS,"
                + " and test that the ranks of the true values among the posterior draws are uniform.")
public final class SbcCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--sims", paramLabel = "N", defaultValue = "200", description = "Simulations (default: 200).")
    int sims;

    @Option(names = "--draws-per-sim", paramLabel = "L", defaultValue = "100",
            description = "Posterior draws kept per simulation; ranks run from 0 to L (default: 100).")
    int draws;

    @Option(names = "--thin", paramLabel = "T", defaultValue = "10",
            description = "Keep every T-th draw of a chain of L*T draws after warmup (default: 10).")
    int thin;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "500", description = "Warmup iterations of each fit (default: 500).")
    int warmup;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: 1); results depend on it alone.")
    long seed;

    @Option(names = "--cores", paramLabel = "N", description = "Simulations fitted in parallel (default: all processors).")
    Integer cores;

    @Option(names = "--adapt-delta", paramLabel = "P", defaultValue = "0.95", description = "NUTS target acceptance (default: 0.95).")
    double adaptDelta;

    @Option(names = "--max-treedepth", paramLabel = "N", defaultValue = "10", description = "NUTS maximum tree depth (default: 10).")
    int maxTreeDepth;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "Family-wise level of the verdict, Bonferroni over all quantities and tests (default: 0.05).")
    double alpha;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write ranks.csv, truth.csv, summary.csv and the rank histograms ranks_<page>.png/.svg here.")
    Path outputDir;

    /** The old spelling of {@code --output}, still accepted (not listed in the help). */
    @Option(names = "--output-dir", paramLabel = "DIR", hidden = true)
    void outputDirAlias(Path dir) {
        this.outputDir = dir;
    }

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream out = Main.Streams.out;
        PrintStream err = Main.Streams.err;
        if (!(alpha > 0 && alpha < 1)) {
            throw new UlamException("--alpha must lie strictly between 0 and 1 (got " + alpha + ")", null, "the default is 0.05");
        }
        int threads = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        Sbc.Settings settings = new Sbc.Settings(sims, draws, thin, warmup, seed, threads, adaptDelta, maxTreeDepth, 10_000);
        DataSet d = data.read();
        if (d == null) {
            throw new UlamException("sbc needs the data the model is fitted to", null,
                    "give --data FILE: its sizes, predictors and groups are kept, its outcomes replaced by simulated ones");
        }
        if (outputDir != null) {
            var guard = data.inputs().input(model, "the model file");
            for (String f : List.of("ranks.csv", "truth.csv", "summary.csv")) guard.check(outputDir.resolve(f), outputDir, "-o");
        }
        Sbc sbc = Sbc.prepare(Source.read(model), d);
        err.printf(Locale.ROOT, "sbc: %d simulations, each fitted with %d warmup + %d iterations and thinned by %d to %d draws,"
                + " seed %d%n", sims, warmup, draws * thin, thin, draws, seed);
        int step = Math.max(1, sims / 10);
        Sbc.Result r = sbc.run(settings, quiet ? null : done -> {
            if (done % step == 0 || done == sims) {
                synchronized (err) {
                    err.println("sbc: " + done + " / " + sims + " simulations");
                }
            }
        });
        out.printf(Locale.ROOT, "Simulation-based calibration of %s: %d simulations, %d draws each (ranks 0..%d)%n%n",
                r.model(), sims, draws, draws);
        out.print(SbcReport.table(r, alpha));
        for (String n : SbcReport.notes(r)) err.println("note: " + n);
        if (outputDir != null) {
            List<Path> files = SbcReport.write(r, alpha, outputDir);
            err.println("wrote " + files.size() + " files to " + outputDir);
        }
        err.printf(Locale.ROOT, "sbc took %.1f s%n", r.seconds());
        return 0;
    }
}
