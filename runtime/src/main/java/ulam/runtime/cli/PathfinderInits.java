package ulam.runtime.cli;

import java.io.PrintStream;
import java.util.Locale;
import ulam.runtime.Model;
import ulam.runtime.approx.Pathfinder;
import ulam.runtime.sampler.SamplerConfig;

/**
 * {@code ulam run --init pathfinder}: initial values of the NUTS chains from multi-path
 * Pathfinder ({@link Pathfinder}, one path per chain, CmdStan's other defaults, the run's seed
 * and cores), as Stan offers Pathfinder draws as inits. Chain c starts at the c-th of the
 * PSIS-resampled draws, so that chains start from different points of the approximation.
 */
final class PathfinderInits {
    private PathfinderInits() {
    }

    /**
     * Runs Pathfinder and picks one draw per chain.
     *
     * @param model  the bound model
     * @param config the run's configuration (chains, cores, seed, initial radius)
     * @param err    receives one line: the paths' cost and the diagnostics
     * @return {@code double[chains][dimension]}, unconstrained
     * @throws ulam.runtime.UlamException if Pathfinder finds no usable approximation
     */
    static double[][] of(Model model, SamplerConfig config, PrintStream err) {
        long t0 = System.nanoTime();
        Pathfinder.Settings d = Pathfinder.Settings.defaults();
        Pathfinder.Settings s = new Pathfinder.Settings(Math.max(1, config.chains()), d.drawsPerPath(), d.elboDraws(),
                Math.max(config.chains(), d.draws()), d.history(), d.maxIterations(), config.initRadius(), config.cores());
        Pathfinder.Result r = Pathfinder.run(model, s, config.seed() ^ 0x7F4A7C159E3779B9L);
        long evaluations = 0;
        for (Pathfinder.Path p : r.paths()) evaluations += p.evaluations();
        double[][] all = r.unconstrained();
        double[][] inits = new double[config.chains()][];
        for (int c = 0; c < inits.length; c++) inits[c] = all[(int) ((long) c * all.length / inits.length)];
        err.printf(Locale.ROOT, "Initial values from Pathfinder: %d paths, %,d log density evaluations, %.2f s;"
                + " Pareto k %s, relative efficiency %.3f%n", s.paths(), evaluations, (System.nanoTime() - t0) / 1e9,
                Double.isNaN(r.paretoK()) ? "NA" : String.format(Locale.ROOT, "%.2f", r.paretoK()), r.relativeEfficiency());
        return inits;
    }
}
