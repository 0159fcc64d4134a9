package ulam.compiler.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.approx.Pathfinder;
import ulam.runtime.data.DataSet;
import ulam.runtime.cli.Seeds;
import ulam.runtime.fit.FitFolder;
import ulam.runtime.output.PrecisTable;

/**
 * {@code ulam pathfinder MODEL.ulam --data FILE}: Pathfinder variational inference
 * ({@link Pathfinder}; Zhang et al. 2022), single-path ({@code --paths 1}) or multi-path with PSIS
 * resampling (default 4 paths, CmdStan's defaults throughout). Prints the summary of the draws
 * ({@code mean sd 5.5% 94.5%}), each path's iterations, chosen iteration and ELBO, and the
 * Pareto k and relative efficiency of the importance weights, with a warning when they say the
 * approximation is poor; {@code -o DIR} saves the draws as a fit.
 */
@Command(name = "pathfinder", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pathfinder variational inference: quasi-Newton paths, normal approximations, PSIS resampling.")
public final class PathfinderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
    Path model;

    @Mixin
    ApproxOptions options = new ApproxOptions();

    @Option(names = "--paths", paramLabel = "N", defaultValue = "4",
            description = "Independent paths (default: 4); 1 is single-path Pathfinder (its draws are not resampled).")
    int paths = 4;

    @Option(names = "--draws", paramLabel = "N", defaultValue = "1000",
            description = "Draws returned after PSIS resampling of the pooled paths (default: 1000).")
    int draws = 1000;

    @Option(names = "--draws-per-path", paramLabel = "N", defaultValue = "1000",
            description = "Draws from each path's chosen normal approximation (default: 1000).")
    int drawsPerPath = 1000;

    @Option(names = "--elbo-draws", paramLabel = "N", defaultValue = "25",
            description = "Draws per ELBO estimate along a path (default: 25).")
    int elboDraws = 25;

    @Option(names = "--history", paramLabel = "J", defaultValue = "5",
            description = "L-BFGS history size (default: 5).")
    int history = 5;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "1000",
            description = "L-BFGS iterations per path (default: 1000).")
    int maxIterations = 1000;

    @Option(names = "--cores", paramLabel = "N", description = "Paths run on this many threads (default: all processors); results do not depend on it.")
    Integer cores;

    @Override
    public Integer call() {
        options.validate();
        DataSet data = options.data.read();
        Compiler.Compiled c = Compiler.compile(Source.read(model), data == null ? null : Compiler.schema(data));
        options.sourceFile = model.toString();
        DataSet bound = data == null ? DataSet.empty() : data;
        Model m = c.factory().apply(bound);
        for (String n : bound.notes()) Main.Streams.err.println(ulam.runtime.Notes.line(n));
        for (String n : m.notes()) Main.Streams.err.println(ulam.runtime.Notes.line(n));
        Pathfinder.Settings s = new Pathfinder.Settings(paths, drawsPerPath, elboDraws, draws, history, maxIterations,
                options.init, cores == null ? Runtime.getRuntime().availableProcessors() : cores);
        return run(m, s, options, Main.Streams.out, Main.Streams.err);
    }

    private static int run(Model m, Pathfinder.Settings s, ApproxOptions o, PrintStream out, PrintStream err) {
        try (FitFolder claim = o.claimOutput(err)) {
            return approximateAndPrint(m, s, o, out, err);
        }
    }

    private static int approximateAndPrint(Model m, Pathfinder.Settings s, ApproxOptions o, PrintStream out, PrintStream err) {
        long seed = o.seed();
        long t0 = System.nanoTime();
        Pathfinder.Result r = Pathfinder.run(m, s, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "Pathfinder on %s: %d path%s, %,d draws%s, %s%n", m.name(), s.paths(),
                s.paths() == 1 ? "" : "s", r.draws().count(),
                s.paths() == 1 ? "" : String.format(Locale.ROOT, " (PSIS-resampled from %,d)", s.paths() * s.drawsPerPath()),
                Seeds.describe(seed, o.seedGiven()));
        out.print(PrecisTable.format(r.draws().summaries(o.prob), o.depth, o.prob, false, o.digits));
        out.println();
        out.printf(Locale.ROOT, "%4s %10s %5s %10s %11s  %s%n", "path", "iterations", "best", "ELBO", "evaluations", "L-BFGS stopped");
        for (Pathfinder.Path p : r.paths()) {
            out.printf(Locale.ROOT, "%4d %10d %5d %10.2f %11d  %s%n", p.path(), p.iterations(), p.bestIteration(), p.elbo(),
                    p.evaluations(), p.stop().description());
        }
        out.printf(Locale.ROOT, "Pareto k %s, relative efficiency %.3f (PSIS of the pooled draws' importance weights);"
                + " %.2f s in all.%n", Double.isNaN(r.paretoK()) ? "NA (constant weights: the approximation is exact)"
                : String.format(Locale.ROOT, "%.2f", r.paretoK()), r.relativeEfficiency(), seconds);
        for (String n : r.notes()) err.println("warning: " + n);
        if (o.outputDir != null) {
            r.draws().writeFit(o.outputDir, m, seed, o.dataFiles(), o.dataValues(), o.dataMatrices(), o.sourceFile, seconds);
            out.println("Fit saved in " + o.outputDir + " (ulam waic, loo, compare, link, sim, plot and report read it)");
        }
        out.flush();
        err.flush();
        return 0;
    }
}
