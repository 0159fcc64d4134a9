package ulam.compiler.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ulam.runtime.UlamException;
import ulam.runtime.cli.RunOptions;
import ulam.runtime.cli.Seeds;
import ulam.runtime.fit.FitFolder;

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

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Save the draws as a fit in DIR, a new or empty folder (as ulam run -o), for ulam waic, loo, compare, link, sim, plot and report.")
    Path outputDir;

    /** The old spelling of {@code --output}, still accepted (not listed in the help). */
    @Option(names = "--output-dir", paramLabel = "DIR", hidden = true)
    void outputDirAlias(Path dir) {
        this.outputDir = dir;
    }

    @Option(names = "--overwrite", description = "Replace the fit already in the --output folder (without it, the command refuses to).")
    boolean overwrite;

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

    /**
     * Claims the output folder before anything is computed, as {@code ulam run} does
     * ({@link FitFolder#claim}): a lock against a concurrent run, no replaced fit without
     * {@code --overwrite}. Prints the claim's notes (a stale lock cleared) to {@code err}.
     *
     * @return the claim to close when the command ends, or null without {@code -o}
     * @throws UlamException if the folder is locked by another run, holds a fit or other files
     *                       without {@code --overwrite}, or cannot be written
     */
    FitFolder claimOutput(PrintStream err) {
        if (outputDir == null) return null;
        FitFolder claim = FitFolder.claim(outputDir, overwrite);
        for (String n : claim.notes()) err.println("note: " + n);
        return claim;
    }

    /** Whether the seed was given (else it is random and printed). */
    boolean seedGiven() {
        return seed != null;
    }

    /** The seed: given, or a random one (fixed from then on). */
    long seed() {
        if (seed == null) seed = Seeds.random();
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
     * @param run        the parsed run options
     * @param seed       the run's seed (given or random), or null for a random one
     * @param initRadius the run's {@code --init} radius
     * @param modelName  the model's name, for {@code run}'s default fit folder
     *                   ({@link RunOptions#fitDir}: kept unless {@code --no-save})
     */
    static ApproxOptions from(RunOptions run, Long seed, double initRadius, String modelName) {
        ApproxOptions o = new ApproxOptions();
        o.data.files = run.dataFiles();
        o.data.values = run.dataValues();
        o.data.matrices = run.dataMatrices();
        o.seed = seed;
        o.outputDir = run.fitDir(modelName);
        o.overwrite = run.overwrite();
        o.depth = run.depth();
        o.prob = run.prob();
        o.init = initRadius;
        o.sourceFile = run.sourceFile();
        return o;
    }
}
