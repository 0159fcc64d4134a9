package ulam.compiler.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ulam.runtime.UlamException;
import ulam.runtime.cli.RunOptions;

/**
 * The options {@code ulam quap} and {@code ulam pathfinder} share (a picocli mixin): the data, the
 * seed, where to save the fit, and how to print the summary. {@link #from} takes them from
 * {@code ulam run}'s options when {@code run} hands a {@code quap(...)} model over.
 */
final class ApproxOptions {
    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random numbers (default: random, printed).")
    Long seed;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Save the draws as a fit in DIR (as ulam run --output-dir), for ulam waic, loo, compare, link, sim, plot and report.")
    Path outputDir;

    @Option(names = "--depth", paramLabel = "1|2|3", defaultValue = "1",
            description = "Summary depth: 1 hides vector and matrix elements, 2 hides matrix elements, 3 shows all (default: 1).")
    int depth = 1;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89",
            description = "Mass of the summary's interval (default: 0.89, columns 5.5%% and 94.5%%).")
    double prob = 0.89;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "2",
            description = "Decimals of the summary's numbers (default: 2, as precis).")
    int digits = 2;

    @Option(names = "--init", paramLabel = "R", defaultValue = "2",
            description = "Parameters without a start value start uniformly in (-R, R) on the unconstrained scale (default: 2).")
    double init = 2;

    /** The model file as the user named it (recorded in the fit). */
    String sourceFile;

    /** Whether the seed was given (else it is random and printed). */
    boolean seedGiven() {
        return seed != null;
    }

    /** The seed: given, or a random one (fixed from then on). */
    long seed() {
        if (seed == null) seed = (long) new java.util.Random().nextInt(Integer.MAX_VALUE);
        return seed;
    }

    List<Path> dataFiles() {
        return data.files;
    }

    Map<String, String> dataValues() {
        return data.values;
    }

    Map<String, Path> dataMatrices() {
        return data.matrices;
    }

    /**
     * Checks the values.
     *
     * @throws UlamException naming the option
     */
    void validate() {
        RunOptions.validateSummary(depth, prob);
        if (digits < 0 || digits > 15) {
            throw new UlamException("--digits must be between 0 and 15 (got " + digits + ")", null, null);
        }
        if (!(init >= 0)) throw new UlamException("--init must be at least 0 (got " + init + ")", null, null);
    }

    /**
     * {@code ulam run}'s options as these (for a model whose wrapper is {@code quap(...)}).
     *
     * @param run  the parsed run options
     * @param seed the run's seed (given or random), or null for a random one
     */
    static ApproxOptions from(RunOptions run, Long seed, double initRadius) {
        ApproxOptions o = new ApproxOptions();
        o.data.files = run.dataFiles();
        o.data.values = run.dataValues();
        o.data.matrices = run.dataMatrices();
        o.seed = seed;
        o.outputDir = run.outputDir();
        o.depth = run.depth();
        o.prob = run.prob();
        o.init = initRadius;
        o.sourceFile = run.sourceFile();
        return o;
    }
}
