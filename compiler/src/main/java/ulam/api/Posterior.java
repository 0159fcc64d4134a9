package ulam.api;

import java.util.ArrayList;
import java.util.List;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.PointwiseLogLikelihood;
import ulam.runtime.loo.Loo;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerStat;

/**
 * The post-warm-up draws of one {@link UlamModel#sample} call, with their summaries and
 * PSIS-LOO. Draws are on the constrained scale. To use the commands that read a fit folder
 * ({@code link}, {@code sim}, {@code report}, ...), run {@code ulam run --output-dir} through
 * {@link Ulam#cli}.
 */
public final class Posterior {
    private final Model model;
    private final Fit fit;

    Posterior(Model model, Fit fit) {
        this.model = model;
        this.fit = fit;
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
        List<double[]> rows = new ArrayList<>();
        for (ChainResult c : fit.chains()) for (double[] v : c.values()) rows.add(v);
        double[][] logLik = PointwiseLogLikelihood.compute(model, rows.toArray(new double[0][]));
        Loo loo = Loo.of(logLik, ulam.runtime.loo.RelativeEfficiency.of(logLik, chains()));
        return new LooResult(loo.elpd(), loo.seElpd(), loo.penalty(), loo.looic(), loo.paretoK());
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
