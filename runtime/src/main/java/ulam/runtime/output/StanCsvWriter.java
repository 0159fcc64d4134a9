package ulam.runtime.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import ulam.runtime.UlamException;
import ulam.runtime.sampler.DrawSink;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.SamplerStat;

/**
 * Writes one chain's draws as a Stan CSV file, laid out as CmdStan writes it (CmdStan guide,
 * "Stan CSV file format") so that cmdstanpy, ArviZ and R's {@code rstan::read_stan_csv} read it
 * unchanged:
 * <ol>
 *   <li>{@code #} comment lines with the run's configuration ({@code key = value}, nested as CmdStan),
 *       starting with {@code stan_version_major/minor/patch} ({@link #STAN_VERSION}), the model's
 *       name and {@code prior_only = 0|1} (1 for {@code ulam run --prior-only});</li>
 *   <li>the column header {@code lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__}
 *       then the outputs with Stan's names ({@code a[3]} becomes {@code a.3}, {@code b[1,2]} becomes {@code b.1.2});</li>
 *   <li>the warmup draws (always saved, {@code save_warmup = 1}, as ulam does);</li>
 *   <li>{@code # Adaptation terminated}, {@code # Step size = ...} and the inverse metric
 *       ({@code # Diagonal elements of inverse mass matrix:} and one line of values, or
 *       {@code # Elements of inverse mass matrix:} and one line per row);</li>
 *   <li>the post-warmup draws, then the {@code # Elapsed Time:} trailer.</li>
 * </ol>
 * Every line is flushed when written, so a killed run leaves every completed draw on disk.
 * Numbers are written by {@link CsvNumbers}. {@code lp__} is Stan's: the log density less the
 * summands Stan's {@code ~} leaves out ({@link ulam.runtime.Model#lp(double)}). Not thread-safe (one writer per chain).
 */
public final class StanCsvWriter implements DrawSink {
    /**
     * The CmdStan version written as {@code stan_version_major/minor/patch}: the release whose
     * Stan CSV layout these files follow (they are not written by Stan; the comment
     * {@code sampler: ulam on the JVM} says so).
     */
    public static final int[] STAN_VERSION = {2, 33, 0};

    private final Path file;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);

    private StanCsvWriter(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** The file name of a chain: {@code <model>_<chain>.csv}. */
    public static String fileName(String modelName, int chain) {
        return modelName + "_" + chain + ".csv";
    }

    /**
     * Stan CSV column name of an output: brackets and commas become dots, spaces go
     * ({@code a[3]} to {@code a.3}, {@code b[1,2]} to {@code b.1.2}).
     */
    public static String stanColumnName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '[' || ch == ',') sb.append('.');
            else if (ch != ']' && ch != ' ') sb.append(ch);
        }
        return sb.toString();
    }

    /**
     * Creates (or replaces) {@code dir/<model>_<chain>.csv} and writes the comment header and the
     * column names.
     *
     * @param dir         output directory (created if missing)
     * @param modelName   the model's name
     * @param outputNames the model's output names ({@code Model.outputNames()})
     * @param config      the run's configuration
     * @param chain       1-based chain id
     * @param dataFiles   data file names to record in the header (may be empty)
     * @return the writer, ready for draws
     * @throws IOException if the directory or file cannot be created or written
     */
    public static StanCsvWriter open(Path dir, String modelName, String[] outputNames, SamplerConfig config,
                                     int chain, List<String> dataFiles) throws IOException {
        return open(dir, modelName, outputNames, config, chain, dataFiles, false);
    }

    /**
     * As {@link #open(Path, String, String[], SamplerConfig, int, List)}, recording in the header
     * whether the run sampled the prior ({@code prior_only = 1}).
     *
     * @param priorOnly whether the likelihood was left out ({@code ulam run --prior-only})
     * @throws IOException if the directory or file cannot be created or written
     */
    public static StanCsvWriter open(Path dir, String modelName, String[] outputNames, SamplerConfig config,
                                     int chain, List<String> dataFiles, boolean priorOnly) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(modelName, chain));
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        StanCsvWriter writer = new StanCsvWriter(file, w);
        try {
            writer.header(modelName, outputNames, config, chain, dataFiles, priorOnly);
        } catch (IOException e) {
            w.close();
            throw e;
        }
        return writer;
    }

    /**
     * A sink factory for {@code Sampler.run}: opens the writer of each chain in {@code dir}.
     *
     * @throws UlamException (from the returned function) if a file cannot be created
     */
    public static IntFunction<DrawSink> factory(Path dir, String modelName, String[] outputNames,
                                                SamplerConfig config, List<String> dataFiles) {
        return factory(dir, modelName, outputNames, config, dataFiles, false);
    }

    /**
     * As {@link #factory(Path, String, String[], SamplerConfig, List)}, recording {@code prior_only}.
     *
     * @param priorOnly whether the run sampled the prior
     * @throws UlamException (from the returned function) if a file cannot be created
     */
    public static IntFunction<DrawSink> factory(Path dir, String modelName, String[] outputNames,
                                                SamplerConfig config, List<String> dataFiles, boolean priorOnly) {
        return chain -> {
            try {
                return open(dir, modelName, outputNames, config, chain, dataFiles, priorOnly);
            } catch (IOException e) {
                throw new UlamException("cannot create the output file " + dir.resolve(fileName(modelName, chain))
                        + ": " + e.getMessage(), null, "check that -o names a writable directory");
            }
        };
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    private void header(String modelName, String[] outputNames, SamplerConfig c, int chain, List<String> dataFiles,
                        boolean priorOnly) throws IOException {
        // the CmdStan release whose CSV layout these files follow (readers such as cmdstanpy look for these lines)
        comment("stan_version_major = " + STAN_VERSION[0]);
        comment("stan_version_minor = " + STAN_VERSION[1]);
        comment("stan_version_patch = " + STAN_VERSION[2]);
        comment("model = " + modelName);
        comment("prior_only = " + (priorOnly ? 1 : 0));
        comment("method = sample");
        comment("  sample");
        comment("    num_samples = " + c.draws());
        comment("    num_warmup = " + c.warmup());
        comment("    save_warmup = 1");
        comment("    thin = 1");
        comment("    adapt");
        comment("      engaged = 1");
        comment("      gamma = " + CsvNumbers.format(c.gamma()));
        comment("      delta = " + CsvNumbers.format(c.adaptDelta()));
        comment("      kappa = " + CsvNumbers.format(c.kappa()));
        comment("      t0 = " + CsvNumbers.format(c.t0()));
        comment("      init_buffer = " + c.initBuffer());
        comment("      term_buffer = " + c.termBuffer());
        comment("      window = " + c.baseWindow());
        comment("    algorithm = hmc");
        comment("      hmc");
        comment("        engine = nuts");
        comment("          nuts");
        comment("            max_depth = " + c.maxTreeDepth());
        comment("        metric = " + c.metric().stanName());
        comment("        stepsize = " + CsvNumbers.format(c.initialStepSize()));
        comment("        stepsize_jitter = 0");
        comment("id = " + chain);
        comment("data");
        comment("  file = " + String.join(" ", dataFiles));
        comment("init = " + CsvNumbers.format(c.initRadius()));
        comment("random");
        comment("  seed = " + c.seed());
        comment("output");
        comment("  file = " + file.getFileName());
        comment("sampler: ulam on the JVM (Stan's NUTS algorithm)");
        comment("lp__: the log density with all constant terms kept (Stan's lp__ drops them)");
        line.setLength(0);
        for (SamplerStat s : SamplerStat.values()) {
            if (line.length() > 0) line.append(',');
            line.append(s.column());
        }
        for (String name : outputNames) line.append(',').append(stanColumnName(name));
        writeLine();
    }

    private void comment(String text) throws IOException {
        line.setLength(0);
        line.append("# ").append(text);
        out.write(line.toString());
        out.newLine();
    }

    private void writeLine() throws IOException {
        out.write(line.toString());
        out.newLine();
        out.flush();
    }

    @Override
    public void draw(boolean warmup, double[] stats, double[] values) throws IOException {
        line.setLength(0);
        for (int i = 0; i < stats.length; i++) {
            if (i > 0) line.append(',');
            CsvNumbers.append(line, stats[i]);
        }
        for (double v : values) {
            line.append(',');
            CsvNumbers.append(line, v);
        }
        writeLine();
    }

    @Override
    public void adaptationFinished(double stepSize, MetricKind kind, double[] inverseMetric) throws IOException {
        comment("Adaptation terminated");
        comment("Step size = " + CsvNumbers.format(stepSize));
        if (kind == MetricKind.DIAG) {
            comment("Diagonal elements of inverse mass matrix:");
            comment(join(inverseMetric, 0, inverseMetric.length));
        } else {
            comment("Elements of inverse mass matrix:");
            int d = (int) Math.round(Math.sqrt(inverseMetric.length));
            for (int i = 0; i < d; i++) comment(join(inverseMetric, i * d, d));
        }
        out.flush();
    }

    private static String join(double[] v, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            CsvNumbers.append(sb, v[from + i]);
        }
        return sb.toString();
    }

    @Override
    public void finished(double warmupSeconds, double samplingSeconds) throws IOException {
        out.write("# ");
        out.newLine();
        out.write(String.format(Locale.ROOT, "#  Elapsed Time: %.3f seconds (Warm-up)", warmupSeconds));
        out.newLine();
        out.write(String.format(Locale.ROOT, "#                %.3f seconds (Sampling)", samplingSeconds));
        out.newLine();
        out.write(String.format(Locale.ROOT, "#                %.3f seconds (Total)", warmupSeconds + samplingSeconds));
        out.newLine();
        out.write("# ");
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
