package ulam.runtime.approx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitWriter;
import ulam.runtime.output.StanCsvWriter;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.SamplerStat;

/**
 * Independent draws from an approximation of the posterior (quap, Laplace, Pathfinder), mapped to
 * the model's outputs, and how they become a fit folder that {@code ulam link}, {@code sim},
 * {@code waic}, {@code loo}, {@code compare}, {@code plot} and {@code report} read like a NUTS fit.
 *
 * @param names            the output names ({@code Model.outputNames()})
 * @param parameterOutputs how many leading outputs are parameters
 * @param values           {@code double[S][names.length]}, the draws as the user reads them
 * @param logDensity       {@code double[S]}: the model's log density at each draw (unconstrained
 *                         scale, Jacobian included: the fit's {@code lp__})
 * @param logApprox        {@code double[S]}: the approximation's log density at each draw on the
 *                         same scale (Pathfinder's {@code log q}), or null when not known
 * @param notes            notes for the user
 */
public record ApproxDraws(String[] names, int parameterOutputs, double[][] values, double[] logDensity,
                          double[] logApprox, List<String> notes) {

    /** Normalises the notes to an immutable list. */
    public ApproxDraws {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Number of draws S. */
    public int count() {
        return values.length;
    }

    /**
     * The summary of every output from the draws: mean, sd and the central {@code prob} interval
     * (R's type-7 quantiles, as {@code precis} of {@code extract.samples}); R-hat and ESS are
     * NaN (independent draws from one distribution have nothing to diagnose).
     *
     * @param prob interval mass in (0, 1)
     * @return one summary per output, in output order
     */
    public List<VariableSummary> summaries(double prob) {
        List<VariableSummary> out = new ArrayList<>();
        int s = values.length;
        for (int j = 0; j < names.length; j++) {
            double[][] column = new double[1][s];
            for (int i = 0; i < s; i++) column[0][i] = values[i][j];
            VariableSummary v = VariableSummary.of(names[j], column, prob);
            out.add(new VariableSummary(v.name(), v.mean(), v.sd(), v.lower(), v.upper(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN));
        }
        return out;
    }

    /**
     * Writes the draws as a fit folder: one "chain" of {@code S} post-warmup draws and no warmup,
     * its Stan CSV holding {@code lp__} (the log density of each draw) and, for the sampler's
     * other columns, zeros ({@code energy__} is {@code -lp__}), with the model source, the data
     * copies and the manifest as {@code ulam run -o DIR} writes them.
     *
     * @param dir          the folder
     * @param model        the model the draws belong to
     * @param seed         the seed of the draws
     * @param dataFiles    the data files read
     * @param dataValues   {@code --data-value} scalars
     * @param dataMatrices {@code --data-matrix} matrices
     * @param sourceFile   the model file as the user named it, or null
     * @param seconds      wall time of the approximation
     * @throws UlamException if the folder or a file cannot be written
     */
    public void writeFit(Path dir, Model model, long seed, List<Path> dataFiles, Map<String, String> dataValues,
                         Map<String, Path> dataMatrices, String sourceFile, double seconds) {
        SamplerConfig config = SamplerConfig.builder().chains(1).cores(1).warmup(0).draws(values.length).seed(seed).build();
        FitWriter fit = FitWriter.begin(dir, model, config, dataFiles, dataValues, dataMatrices, sourceFile, false);
        List<String> files = dataFiles.stream().map(Path::toString).toList();
        try (StanCsvWriter csv = StanCsvWriter.open(dir, model.name(), names, config, 1, files)) {
            csv.adaptationFinished(0, MetricKind.DIAG, new double[model.dimension()]);
            double[] stats = new double[SamplerStat.COUNT];
            for (int s = 0; s < values.length; s++) {
                stats[SamplerStat.LP.index()] = model.lp(logDensity[s]);   // Stan's lp__ (docs/stan.md)
                stats[SamplerStat.ENERGY.index()] = -stats[SamplerStat.LP.index()];
                csv.draw(false, stats, values[s]);
            }
            csv.finished(0, seconds);
        } catch (IOException e) {
            throw new UlamException("cannot write the draws into " + dir + ": " + e.getMessage(), null,
                    "check that -o names a writable folder");
        }
        fit.finish(seconds);
    }
}
