package ulam.api;

import java.util.ArrayList;
import java.util.List;
import ulam.compiler.parse.Source;
import ulam.compiler.predict.Predictor;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.PointwiseLogLikelihood;
import ulam.runtime.data.DataSet;
import ulam.runtime.loo.Loo;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerStat;

/**
 * The post-warm-up draws of one {@link UlamModel#sample} call, with their summaries and
 * PSIS-LOO, and predictions from them ({@link #link}, {@link #sim}, as {@code ulam link} and
 * {@code ulam sim}). Draws are on the constrained scale. To use the commands that read a fit
 * folder ({@code report}, {@code compare}, ...), run {@code ulam run --output-dir} through
 * {@link Ulam#cli}.
 */
public final class Posterior {
    private final Model model;
    private final Fit fit;
    private final Source source;
    private final DataSet data;

    Posterior(Model model, Fit fit, Source source, DataSet data) {
        this.model = model;
        this.fit = fit;
        this.source = source;
        this.data = data;
    }

    /** The outputs, in order (as {@link UlamModel#outputNames()}). */
    public List<String> names() {
        return List.of(fit.outputNames());
    }

    /** Number of chains. */
    public int chains() {
        return fit.chainCount();
    }

    /** Post-warm-up draws per chain. */
    public int drawsPerChain() {
        return fit.drawsPerChain();
    }

    /**
     * One output's draws, chain after chain: {@code double[chains() * drawsPerChain()]}, a new array.
     *
     * @param name an output name, e.g. {@code a[1]} or {@code sigma}
     * @throws UlamException if there is no such output (the message lists a few)
     */
    public double[] draws(String name) {
        double[][] byChain = byChain(name);
        double[] out = new double[chains() * drawsPerChain()];
        for (int c = 0; c < byChain.length; c++) System.arraycopy(byChain[c], 0, out, c * drawsPerChain(), drawsPerChain());
        return out;
    }

    /**
     * One output's draws by chain: {@code double[chains()][drawsPerChain()]}, new arrays.
     *
     * @throws UlamException if there is no such output
     */
    public double[][] byChain(String name) {
        return fit.draws(index(name));
    }

    /**
     * The summaries of every output, in order, with a central interval of mass {@code prob}
     * (rethinking's default 0.89).
     *
     * @param prob the interval's mass, in (0, 1)
     * @throws UlamException if prob is not in (0, 1)
     */
    public List<Summary> summary(double prob) {
        if (!(prob > 0 && prob < 1)) throw new UlamException("prob must lie in (0, 1) (got " + prob + ")", null, "e.g. 0.89");
        List<Summary> out = new ArrayList<>();
        for (VariableSummary v : VariableSummary.of(fit, prob)) out.add(summary(v));
        return out;
    }

    /**
     * One output's summary with the 0.89 interval.
     *
     * @throws UlamException if there is no such output
     */
    public Summary summary(String name) {
        return summary(VariableSummary.of(name, byChain(name), 0.89));
    }

    /** Number of divergent transitions after warm-up, over all chains. */
    public int divergences() {
        int n = 0;
        for (double[] chain : fit.stat(SamplerStat.DIVERGENT)) for (double d : chain) if (d != 0) n++;
        return n;
    }

    /**
     * PSIS-LOO from the pointwise log-likelihood of every draw (relative efficiencies from the
     * chains, as {@code loo::relative_eff}).
     *
     * @throws UlamException if the model has no likelihood line
     */
    public LooResult loo() {
        double[][] logLik = PointwiseLogLikelihood.compute(model, stacked());
        Loo loo = Loo.of(logLik, ulam.runtime.loo.RelativeEfficiency.of(logLik, chains()));
        return new LooResult(loo.elpd(), loo.seElpd(), loo.penalty(), loo.looic(), loo.paretoK());
    }

    /**
     * The model's named locals (linear models with the inverse link applied: {@code p},
     * {@code mu}, ...) at every draw, for the fitted rows or for new cases, as {@code ulam link}.
     *
     * @param newData   the new cases (columns the named locals read), or null for the fitted rows
     * @param newGroups indices whose values in {@code newData} are groups the fit has not seen:
     *                  their varying effects are drawn from the population at each draw
     * @return one column per case and local ({@code p[1]}, {@code p[2]}, ...), one row per draw
     * @throws UlamException if the new data lack a column the locals read, a group is new but its
     *                       index is not in {@code newGroups}, or a name in it is not an index
     */
    public Predictions link(UlamData newData, String... newGroups) {
        return new Predictions(predict(newData, newGroups, 1, false).link());
    }

    /**
     * One draw of every outcome from its likelihood line at every posterior draw (the posterior
     * predictive distribution), for the fitted rows or new cases, as {@code ulam sim}.
     *
     * @param newData   the new cases, or null for the fitted rows
     * @param seed      seed of the outcome draws (the same seed gives the same draws)
     * @param newGroups as {@link #link}
     * @return one column per case and outcome ({@code y[1]}, ...), one row per draw
     * @throws UlamException as {@link #link}, and if the new data lack what the outcome draws
     *                       read (a binomial's trial counts)
     */
    public Predictions sim(UlamData newData, long seed, String... newGroups) {
        return new Predictions(predict(newData, newGroups, seed, true).sim());
    }

    private Predictor.Result predict(UlamData newData, String[] newGroups, long seed, boolean simulate) {
        Predictor.Fitted fitted = new Predictor.Fitted() {
            @Override public String label() { return "the posterior of " + fit.modelName(); }
            @Override public String sourceName() { return source.file(); }
            @Override public String source() { return source.text(); }
            @Override public DataSet data() { return data; }
            @Override public double[][] draws() { return stacked(); }
            @Override public List<String> outputNames() { return names(); }
        };
        return Predictor.predict(fitted, newData == null ? null : newData.dataSet(), List.of(newGroups), 0, seed, simulate);
    }

    /** Every draw's outputs, chains stacked: {@code double[chains * draws][outputs]}. */
    private double[][] stacked() {
        List<double[]> rows = new ArrayList<>();
        for (ChainResult c : fit.chains()) for (double[] v : c.values()) rows.add(v);
        return rows.toArray(new double[0][]);
    }

    private int index(String name) {
        int i = fit.indexOf(name);
        if (i < 0) {
            List<String> n = names();
            throw new UlamException("no output named '" + name + "'", null,
                    "the outputs are " + String.join(", ", n.subList(0, Math.min(8, n.size()))) + (n.size() > 8 ? ", ..." : ""));
        }
        return i;
    }

    private static Summary summary(VariableSummary v) {
        return new Summary(v.name(), v.mean(), v.sd(), v.lower(), v.upper(), v.rhat(), v.essBulk(), v.essTail(), v.mcseMean());
    }
}
