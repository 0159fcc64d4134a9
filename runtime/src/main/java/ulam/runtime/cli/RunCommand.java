package ulam.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.SamplerDiagnostics;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitFolder;
import ulam.runtime.fit.FitWriter;
import ulam.runtime.output.LogLikOutputs;
import ulam.runtime.output.NonFiniteDraws;
import ulam.runtime.output.PrecisTable;
import ulam.runtime.output.StanCsvWriter;
import ulam.runtime.sampler.DrawSink;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;
import ulam.runtime.sampler.SamplerConfig;

/**
 * Runs a model from the command line: reads the data, binds the model, samples, writes the draws,
 * prints the summary. Shared by a compiled model's jar ({@link ModelMain}) and the compiler's
 * {@code ulam run}.
 *
 * <p>Output: notes, progress and warnings go to {@code err}; the seed line, the precis table and
 * the timing line go to {@code out}. Exit status 0 on success; 1 for any error the user can fix
 * ({@link UlamException}, printed with {@link UlamException#format()}, never a stack trace);
 * 2 for an internal error, printed as one line that says where to report it.
 */
public final class RunCommand {
    /** Where internal errors should be reported. */
    public static final String REPORT_HINT =
            "please report it to the ulam developers, with the model file, the data and the command line";

    private RunCommand() {
    }

    /**
     * Runs a model.
     *
     * @param factory binds the model to the data (a compiled model's constructor); it may throw
     *                {@link UlamException} for data that do not fit the model
     * @param options the parsed command-line options
     * @param out     standard output
     * @param err     standard error
     * @return the exit status: 0, 1 (user error) or 2 (internal error)
     */
    public static int run(Function<DataSet, Model> factory, RunOptions options, PrintStream out, PrintStream err) {
        return run(factory, RunCommand::readData, options, out, err);
    }

    /** {@code DataSet.read} of the given files and values, or {@code DataSet.empty()} when there are none. */
    public static DataSet readData(RunOptions options) {
        if (options.dataFiles().isEmpty() && options.dataValues().isEmpty() && options.dataMatrices().isEmpty()) return DataSet.empty();
        return DataSet.read(options.dataFiles(), options.dataValues(), options.dataMatrices());
    }

    /** As {@link #run(Function, RunOptions, PrintStream, PrintStream)} with the data read by {@code reader} (the compiler reads them first to know the data names). */
    public static int run(Function<DataSet, Model> factory, Function<RunOptions, DataSet> reader, RunOptions options,
                   PrintStream out, PrintStream err) {
        FitFolder claim = null;
        try {
            options.validate();
            if (options.outputDir() != null) claim = FitFolder.claim(options.outputDir(), options.overwrite());
            DataSet data = reader.apply(options);
            Model model = ulam.runtime.data.Checks.withMaxParameters(options.maxParameters(), () -> factory.apply(data));
            List<String> notes = new ArrayList<>();
            if (data != null) notes.addAll(data.notes());
            notes.addAll(model.notes());
            if (claim != null) notes.addAll(claim.notes());
            for (String note : notes) err.println(ulam.runtime.Notes.line(note));

            boolean seedGiven = options.seedGiven(model.sourceOptions());
            SamplerConfig config = options.toConfig(model.sourceOptions(), Seeds::random);
            out.printf(Locale.ROOT, "Sampling %s: %d chain%s of %d warmup + %d draws, %s%n", model.name(),
                    config.chains(), config.chains() == 1 ? "" : "s", config.warmup(), config.draws(),
                    Seeds.describe(config.seed(), seedGiven));
            out.flush();

            IntFunction<DrawSink> sinks = null;
            Path dir = options.fitDir(model.name());
            // the default folder (fits/<model>-<time>) is new: claimed like -o's, once the model's name is known
            if (claim == null && dir != null) claim = FitFolder.claim(dir, false);
            // --log-lik: the draws end with log_lik[1..N] (in the CSV files; the manifest lists the model's outputs)
            Model sampled = options.logLik() ? LogLikOutputs.of(model) : model;
            if (options.logLik() && dir == null) {
                throw new UlamException("--log-lik writes the log-likelihood into the fit's CSV files, but --no-save keeps none",
                        null, "leave out --no-save, or give -o DIR");
            }
            FitWriter fitWriter = null;
            if (dir != null) {
                // a self-contained fit: source, data copies and manifest first, then the draws as they come
                fitWriter = FitWriter.begin(dir, model, config, options.dataFiles(), options.dataValues(),
                        options.dataMatrices(), options.sourceFile(), options.priorOnly());
                List<String> files = options.dataFiles().stream().map(Path::toString).toList();
                sinks = StanCsvWriter.factory(dir, model.name(), sampled.outputNames(), config, files, options.priorOnly());
            }
            double[][] inits = options.initPathfinder() ? PathfinderInits.of(model, config, err) : null;
            Fit fit;
            ProgressListener progress = progress(options, config, err);
            try {
                fit = Sampler.run(sampled, config, progress, sinks, inits);
            } finally {
                if (progress instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // progress display only
                    }
                }
            }

            if (fitWriter != null) fitWriter.finish(fit.wallSeconds());
            List<VariableSummary> summaries = VariableSummary.of(fit, options.prob());
            List<VariableSummary> shown = summaries.stream().filter(s -> PrecisTable.isShown(s.name())).toList();
            out.print(PrecisTable.format(PrecisTable.selected(summaries, options.depth(), options.pars(), model.name()),
                    options.pars().isEmpty() ? options.depth() : 3, options.prob()));
            for (String w : SamplerDiagnostics.warnings(fit, shown)) err.println("warning: " + w);
            String nonFinite = NonFiniteDraws.of(fit).warning();
            if (nonFinite != null) err.println("warning: " + nonFinite);
            if (SamplerDiagnostics.showsFunnel(fit)) for (String h : model.reparameterisations()) err.println("hint: " + h);
            out.println(timing(fit, shown));
            if (dir != null) {
                out.println("Draws written to " + dir.resolve(StanCsvWriter.fileName(model.name(), 1))
                        + (config.chains() > 1 ? " ... " + StanCsvWriter.fileName(model.name(), config.chains()) : ""));
                out.println("Fit saved in " + dir + " (ulam precis, draws, plot, report, loo, compare, link and sim read it)");
            }
            out.flush();
            err.flush();
            return 0;
        } catch (UlamException e) {
            err.print(e.format());
            err.flush();
            return 1;
        } catch (OutOfMemoryError e) {
            err.print(CommandErrors.outOfMemory(options.sourceFile() == null ? "java -jar MODEL.jar" : null).format());
            err.flush();
            return CommandErrors.USER_ERROR;
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            err.println("internal error: " + describe(e) + "; " + REPORT_HINT);
            err.flush();
            return 2;
        } finally {
            if (claim != null) claim.close();
        }
    }

    private static ProgressListener progress(RunOptions options, SamplerConfig config, PrintStream err) {
        if (options.quiet()) return ProgressListener.NONE;
        int threads = Math.min(config.cores(), config.chains());
        if (err == System.err && Terminals.stderrIsTerminal()) return new BarProgress(err, config.chains(), config.iterations());
        return new TextProgress(err, config.chains(), threads);
    }

    /** One line about an unexpected exception: its class, message and the first frame. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        if (e.getMessage() != null) sb.append(": ").append(e.getMessage());
        StackTraceElement[] st = e.getStackTrace();
        if (st.length > 0) sb.append(" (at ").append(st[0]).append(')');
        return sb.toString().replace('\n', ' ');
    }

    /** The timing line: wall time, gradient evaluations, smallest bulk ESS per second. */
    static String timing(Fit fit, List<VariableSummary> summaries) {
        double minEss = Double.POSITIVE_INFINITY;
        for (VariableSummary s : summaries) if (!Double.isNaN(s.essBulk())) minEss = Math.min(minEss, s.essBulk());
        String ess = Double.isInfinite(minEss) ? ""
                : String.format(Locale.ROOT, "; smallest bulk ESS %.0f (%.1f per second)", minEss,
                minEss / fit.wallSeconds());
        return String.format(Locale.ROOT, "Sampling took %.2f s (wall), %,d gradient evaluations%s.",
                fit.wallSeconds(), fit.gradientEvaluations(), ess);
    }
}
