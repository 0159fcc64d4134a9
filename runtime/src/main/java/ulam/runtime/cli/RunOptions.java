package ulam.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import picocli.CommandLine.Option;
import ulam.runtime.UlamException;
import ulam.runtime.sampler.AdaptKind;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;

/**
 * The options of running a model: a picocli mixin shared by a compiled model's jar
 * ({@link ModelMain}) and the compiler's {@code ulam run} (add it with {@code @Mixin RunOptions}).
 *
 * <p>Sampler options left out on the command line take the value written in the model's
 * {@code ulam(...)} call ({@code Model.sourceOptions()}: keys {@code chains, cores, iter, warmup,
 * seed, adapt_delta, max_treedepth, metric}), then the defaults: 4 chains, all processors, 1000
 * iterations of which {@code iter / 2} warmup, a random seed (printed), adapt delta 0.95 (as
 * rethinking's ulam), maximum tree depth 10, diagonal metric, initial radius 2.
 */
public class RunOptions {
    /** The most chains a run accepts: more is a typo, not a plan (each chain is a thread's work and a file). */
    public static final int MAX_CHAINS = 1000;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Data file, .csv or .json (repeatable; files are merged).")
    List<Path> dataFiles = new ArrayList<>();

    @Option(names = "--data-value", paramLabel = "NAME=VALUE",
            description = "A scalar data value (repeatable), e.g. --data-value N=10.")
    Map<String, String> dataValues = new LinkedHashMap<>();

    @Option(names = "--data-matrix", paramLabel = "NAME=FILE",
            description = "A matrix read from a CSV file (repeatable), e.g. --data-matrix Dmat=islandsDistMatrix.csv.")
    Map<String, Path> dataMatrices = new LinkedHashMap<>();

    @Option(names = "--chains", paramLabel = "N", description = "Number of chains (default: 4).")
    Integer chains;

    @Option(names = "--cores", paramLabel = "N",
            description = "Chains run in parallel on this many threads (default: all processors); results do not depend on it.")
    Integer cores;

    @Option(names = "--iter", paramLabel = "N",
            description = "Iterations per chain, warmup included (default: 1000).")
    Integer iter;

    @Option(names = "--warmup", paramLabel = "N", description = "Warmup iterations per chain (default: iter/2).")
    Integer warmup;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the random numbers (default: random, printed so the run can be repeated).")
    Long seed;

    @Option(names = "--adapt-delta", paramLabel = "P",
            description = "Target acceptance rate of step-size adaptation, in (0, 1) (default: 0.95). Raise it (e.g. 0.99) against divergent transitions.")
    Double adaptDelta;

    @Option(names = "--max-treedepth", paramLabel = "N", description = "Maximum NUTS tree depth (default: 10).")
    Integer maxTreedepth;

    @Option(names = "--metric", paramLabel = "auto|diag|dense|lowrank",
            description = "Metric adapted during warmup: diag (default, as Stan's), auto (diagonal, turning dense after a warm-up window whose draws are strongly correlated, up to 100 parameters), dense (for strongly correlated parameters) or lowrank (diagonal with a correction along the most correlated directions; --adapt gradient only).")
    String metric;

    @Option(names = "--adapt", paramLabel = "stan|gradient",
            description = "Warm-up adaptation: stan (default; Stan's windowed adaptation) or gradient (nutpie's: the metric from draws and gradients, updated every iteration).")
    String adapt;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Save the fit in DIR (a new or empty folder): the draws of each chain as Stan CSV files <model>_<chain>.csv, the model source, copies of the data and a manifest (fit.json), for ulam precis, draws, waic, loo, compare, plot, report, link and sim (default: fits/<model>-<date>-<time>).")
    Path outputDir;

    /** The old spelling of {@code --output}, still accepted (not listed in the help). */
    @Option(names = "--output-dir", paramLabel = "DIR", hidden = true)
    void outputDirAlias(Path dir) {
        this.outputDir = dir;
    }

    @Option(names = "--overwrite", description = "Replace the fit already in the --output folder (without it, a run refuses to).")
    boolean overwrite;

    @Option(names = "--no-save", description = "Keep nothing on disk: no fit folder (without it, a run without -o saves its fit in fits/<model>-<date>-<time>).")
    boolean noSave;

    @Option(names = "--pars", paramLabel = "NAME", split = ",",
            description = "Show only these outputs in the table, in this order (a base name such as a selects a[1], a[2], ...).")
    List<String> pars = new ArrayList<>();

    @Option(names = "--log-lik",
            description = "Also write the pointwise log-likelihood to the Stan CSV files as columns log_lik.1 ... log_lik.N (for loo::extract_log_lik and rstan::loo).")
    boolean logLik;

    @Option(names = "--depth", paramLabel = "1|2|3", defaultValue = "1",
            description = "Summary depth: 1 hides vector and matrix elements, 2 hides matrix elements, 3 shows all (default: 1).")
    int depth = 1;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89",
            description = "Mass of the summary's percentile interval (default: 0.89, columns 5.5%% and 94.5%%).")
    double prob = 0.89;

    @Option(names = "--quiet", description = "Do not show progress while sampling.")
    boolean quiet;

    @Option(names = "--max-parameters", paramLabel = "N",
            description = "The most unconstrained parameters the model may have with these data (default: 100,000): a limit against"
                    + " a mistyped index that would make millions.")
    Integer maxParameters;

    @Option(names = "--init", paramLabel = "R|pathfinder", defaultValue = "2",
            description = "Initial values are drawn uniformly from (-R, R) on the unconstrained scale (default: 2);"
                    + " 'pathfinder' starts each chain at a draw of multi-path Pathfinder (one path per chain).")
    String init = "2";

    /** The model file as the user named it, recorded in a fit's manifest; not an option (set by {@code ulam run}). */
    String sourceFile;

    /** Whether the model was compiled to sample its prior; not an option here (set by {@code ulam run --prior-only}). */
    boolean priorOnly;

    /** Data files given with {@code --data}, in order. */
    public List<Path> dataFiles() { return dataFiles; }

    /** Scalars given with {@code --data-value}, in order. */
    public Map<String, String> dataValues() { return dataValues; }

    /** {@code --data-matrix} matrices: name to CSV file. */
    public Map<String, Path> dataMatrices() { return dataMatrices; }

    /** {@code -o}/{@code --output} (or its old spelling {@code --output-dir}): the fit folder, or null. */
    public Path outputDir() { return outputDir; }

    /** {@code --overwrite}: whether a fit already in {@link #outputDir()} may be replaced. */
    public boolean overwrite() { return overwrite; }

    /** {@code --no-save}: no fit folder unless {@code -o} names one. */
    public boolean noSave() { return noSave; }

    /** {@code --pars}: the outputs the table shows, in order (empty: all that {@code --depth} shows). */
    public List<String> pars() { return pars; }

    /** {@code --log-lik}: write the pointwise log-likelihood columns into the Stan CSV files. */
    public boolean logLik() { return logLik; }

    /**
     * Where the fit is saved: {@code -o}; else, unless {@code --no-save}, a new folder
     * {@code <fits>/<model>-<yyyyMMdd-HHmmss>} (a suffix {@code -2}, {@code -3}, ... when it
     * exists), where {@code <fits>} is the system property {@code ulam.fits.dir}, else the
     * environment variable {@code ULAM_FITS_DIR}, else {@code fits} in the working directory.
     *
     * @param modelName the model's name
     * @return the folder, or null when nothing is saved
     */
    public Path fitDir(String modelName) {
        if (outputDir != null) return outputDir;
        if (noSave) return null;
        String base = System.getProperty("ulam.fits.dir");
        if (base == null || base.isBlank()) base = System.getenv("ULAM_FITS_DIR");
        if (base == null || base.isBlank()) base = "fits";
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path dir = Path.of(base, modelName + "-" + stamp);
        for (int i = 2; java.nio.file.Files.exists(dir); i++) dir = Path.of(base, modelName + "-" + stamp + "-" + i);
        return dir;
    }

    /** The model file as the user named it, or null (a model jar does not know it). */
    public String sourceFile() { return sourceFile; }

    /**
     * Records the model file's name in the fit's manifest ({@code ulam run} calls it; a model jar does not).
     *
     * @param file the model file as the user named it, e.g. {@code examples/chimpanzees.ulam}
     * @return this
     */
    public RunOptions sourceFile(String file) {
        this.sourceFile = file;
        return this;
    }

    /** Whether the model samples its prior (recorded in a fit's manifest). */
    public boolean priorOnly() { return priorOnly; }

    /**
     * Records that the model was compiled to sample its prior ({@code ulam run --prior-only}).
     *
     * @return this
     */
    public RunOptions priorOnly(boolean prior) {
        this.priorOnly = prior;
        return this;
    }

    /** Whether {@code --init pathfinder} was given. */
    public boolean initPathfinder() {
        return "pathfinder".equalsIgnoreCase(init.trim());
    }

    /**
     * The radius of random initial values: {@code --init R}, or 2 with {@code --init pathfinder}
     * (for a chain whose Pathfinder point is not usable).
     *
     * @throws UlamException if {@code --init} is neither a number nor {@code pathfinder}
     */
    public double initRadius() {
        if (initPathfinder()) return 2;
        try {
            return Double.parseDouble(init.trim());
        } catch (NumberFormatException e) {
            throw new UlamException("--init must be a radius such as 2, or pathfinder (got '" + init + "')", null,
                    "--init 0.5 draws initial values in (-0.5, 0.5) on the unconstrained scale; --init pathfinder"
                            + " starts the chains at Pathfinder draws");
        }
    }

    /** {@code --depth}. */
    public int depth() { return depth; }

    /** {@code --prob}. */
    public double prob() { return prob; }

    /** {@code --quiet}. */
    public boolean quiet() { return quiet; }

    /** {@code --max-parameters}, or {@link ulam.runtime.data.Checks#MAX_PARAMETERS}. */
    public int maxParameters() {
        return maxParameters == null ? ulam.runtime.data.Checks.MAX_PARAMETERS : maxParameters;
    }

    /**
     * Checks the options that do not go into the sampler configuration.
     *
     * @throws UlamException naming the option if {@code --depth} is below 1 or {@code --prob} is not in (0, 1)
     */
    public void validate() {
        validateSummary(depth, prob);
        if (metric != null) metricKind(metric, "unknown --metric '" + metric + "'");
        if (maxParameters != null && maxParameters < 1) {
            throw new UlamException("--max-parameters must be at least 1 (got " + maxParameters + ")", null, "e.g. --max-parameters 1000000");
        }
        if (noSave && outputDir != null) {
            throw new UlamException("--no-save and -o contradict each other", null,
                    "give -o DIR to keep the fit there, or --no-save to keep nothing");
        }
        if (adapt != null) adaptKind(adapt);
    }

    /**
     * Checks the summary options every command that prints a precis table takes.
     *
     * @param depth {@code --depth}
     * @param prob  {@code --prob}
     * @throws UlamException naming the option if {@code --depth} is not 1, 2 or 3 or {@code --prob} is not in (0, 1)
     */
    public static void validateSummary(int depth, double prob) {
        if (depth < 1 || depth > 3) {
            throw new UlamException("--depth must be 1, 2 or 3 (got " + depth + ")", null,
                    "1 hides vector and matrix elements, 2 hides matrix elements, 3 shows all");
        }
        if (!(prob > 0 && prob < 1)) {
            throw new UlamException("--prob must lie strictly between 0 and 1 (got " + prob + ")", null,
                    "e.g. --prob 0.89 for the 5.5% and 94.5% quantiles");
        }
    }

    /** Whether the seed comes from the command line or the model source (else it is random). */
    public boolean seedGiven(Map<String, String> sourceOptions) {
        return seed != null || sourceOptions.containsKey("seed");
    }

    /**
     * The sampler configuration: command line first, then the model's {@code ulam(...)} options,
     * then the defaults.
     *
     * @param sourceOptions the model's {@code sourceOptions()} (option name to literal text)
     * @param randomSeed    gives the seed when neither the command line nor the source does
     * @return the validated configuration
     * @throws UlamException if a value is invalid (naming the option and where it came from)
     */
    public SamplerConfig toConfig(Map<String, String> sourceOptions, LongSupplier randomSeed) {
        validate();
        int nChains = pick(chains, sourceOptions, "chains", 4);
        if (nChains > MAX_CHAINS) {
            throw new UlamException("--chains " + nChains + " is more than " + MAX_CHAINS + " chains", null,
                    "4 chains are usual; run more iterations per chain for more draws");
        }
        int nCores = pick(cores, sourceOptions, "cores", Runtime.getRuntime().availableProcessors());
        int nIter = pick(iter, sourceOptions, "iter", 1000);
        int nWarmup = pick(warmup, sourceOptions, "warmup", nIter / 2);
        if (nIter < 1) {
            throw new UlamException("--iter must be at least 1 (got " + nIter + ")", null,
                    "--iter counts all iterations per chain, warmup included, e.g. --iter 2000");
        }
        if (nWarmup >= nIter) {
            throw new UlamException("--warmup (" + nWarmup + ") must be smaller than --iter (" + nIter + ")", null,
                    "--iter counts all iterations per chain including warmup: draws = iter - warmup");
        }
        long nSeed = seed != null ? seed
                : sourceOptions.containsKey("seed") ? (long) sourceNumber(sourceOptions, "seed", true)
                : randomSeed.getAsLong();
        double delta = adaptDelta != null ? adaptDelta
                : sourceOptions.containsKey("adapt_delta") ? sourceNumber(sourceOptions, "adapt_delta", false) : 0.95;
        int depthMax = pick(maxTreedepth, sourceOptions, "max_treedepth", 10);
        String src = sourceOptions.get("metric");
        MetricKind kind = metric != null ? metricKind(metric, "unknown --metric '" + metric + "'")
                : src != null ? metricKind(src, "the model's ulam(...) option metric=\"" + src + "\" is not diag_e or dense_e")
                : MetricKind.DIAG;
        return SamplerConfig.builder()
                .chains(nChains).cores(nCores).warmup(nWarmup).draws(nIter - nWarmup).seed(nSeed)
                .adaptDelta(delta).maxTreeDepth(depthMax).metric(kind).initRadius(initRadius())
                .adapt(adapt != null ? adaptKind(adapt) : AdaptKind.STAN)
                .build();
    }

    /** {@code stan} or {@code gradient}; else an error naming the option. */
    private static AdaptKind adaptKind(String value) {
        for (AdaptKind k : AdaptKind.values()) {
            if (k.optionName().equals(value.trim().toLowerCase(Locale.ROOT))) return k;
        }
        throw new UlamException("unknown --adapt '" + value + "'", null,
                "use --adapt gradient (nutpie's adaptation) or --adapt stan (Stan's)");
    }

    /** {@code diag}/{@code diag_e} or {@code dense}/{@code dense_e} (Stan's names); else an error with this message. */
    private static MetricKind metricKind(String value, String error) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> MetricKind.AUTO;
            case "diag", "diag_e" -> MetricKind.DIAG;
            case "dense", "dense_e" -> MetricKind.DENSE;
            case "lowrank", "low_rank" -> MetricKind.LOW_RANK;
            default -> throw new UlamException(error, null,
                    "use --metric auto, diag, dense or lowrank (in the model: control=list(metric=\"dense_e\"))");
        };
    }

    private static int pick(Integer cli, Map<String, String> src, String key, int dflt) {
        if (cli != null) return cli;
        if (src.containsKey(key)) return (int) sourceNumber(src, key, true);
        return dflt;
    }

    /**
     * A number written in the model's {@code ulam(...)} call: R literals such as {@code 4},
     * {@code 4L}, {@code 1e3}, {@code 0.99}.
     */
    static double sourceNumber(Map<String, String> src, String key, boolean whole) {
        String text = src.get(key).trim();
        String t = text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        String option = "--" + key.replace('_', '-');
        if (Double.isNaN(v) || (whole && (v != Math.rint(v) || Math.abs(v) > (key.equals("seed") ? 9.2e18 : Integer.MAX_VALUE)))) {
            throw new UlamException("the model's ulam(...) option " + key + "=" + text + " is not "
                    + (whole ? "a whole number" : "a number"), null,
                    "write a literal such as " + key + "=" + (whole ? "4" : "0.95") + ", or give " + option
                            + " on the command line");
        }
        return v;
    }
}
