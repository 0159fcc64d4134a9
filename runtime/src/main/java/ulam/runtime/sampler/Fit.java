package ulam.runtime.sampler;

import java.util.List;

/**
 * The result of {@link Sampler#run}: per chain the warmup and post-warmup draws of the model's
 * outputs and the sampler statistics, the adapted step size and metric, timings and gradient
 * counts. Accessors return internal arrays or new arrays as documented; do not modify internal ones.
 */
public final class Fit {
    private final String modelName;
    private final String[] outputNames;
    private final int parameterOutputs;
    private final int dimension;
    private final SamplerConfig config;
    private final List<ChainResult> chains;
    private final double wallSeconds;

    /**
     * @param modelName        the model's name
     * @param outputNames      names of the output columns ({@code Model.outputNames()})
     * @param parameterOutputs how many leading outputs are parameters
     * @param dimension        number of unconstrained parameters
     * @param config           the configuration the run used (seed included)
     * @param chains           the chains in id order
     * @param wallSeconds      wall time of the whole run
     */
    public Fit(String modelName, String[] outputNames, int parameterOutputs, int dimension, SamplerConfig config,
               List<ChainResult> chains, double wallSeconds) {
        this.modelName = modelName;
        this.outputNames = outputNames;
        this.parameterOutputs = parameterOutputs;
        this.dimension = dimension;
        this.config = config;
        this.chains = List.copyOf(chains);
        this.wallSeconds = wallSeconds;
    }

    /** The model's name. */
    public String modelName() { return modelName; }

    /** Output column names as the model gives them ({@code a[3]}, {@code b[1,2]}); internal array. */
    public String[] outputNames() { return outputNames; }

    /** Number of leading outputs that are parameters. */
    public int parameterOutputs() { return parameterOutputs; }

    /** Number of unconstrained parameters. */
    public int dimension() { return dimension; }

    /** The configuration used, including the seed. */
    public SamplerConfig config() { return config; }

    /** The chains in id order (unmodifiable). */
    public List<ChainResult> chains() { return chains; }

    /** Wall time of the whole run, seconds. */
    public double wallSeconds() { return wallSeconds; }

    /** Number of chains. */
    public int chainCount() { return chains.size(); }

    /** Post-warmup draws per chain. */
    public int drawsPerChain() { return chains.get(0).draws(); }

    /** Index of an output by name, or -1. */
    public int indexOf(String outputName) {
        for (int i = 0; i < outputNames.length; i++) if (outputNames[i].equals(outputName)) return i;
        return -1;
    }

    /**
     * Post-warmup draws of one output, {@code double[chains][draws]} (new arrays): the layout the
     * convergence diagnostics take.
     */
    public double[][] draws(int output) {
        double[][] out = new double[chains.size()][];
        for (int c = 0; c < out.length; c++) {
            double[][] v = chains.get(c).values();
            double[] col = new double[v.length];
            for (int i = 0; i < col.length; i++) col[i] = v[i][output];
            out[c] = col;
        }
        return out;
    }

    /** Post-warmup values of one sampler statistic, {@code double[chains][draws]} (new arrays). */
    public double[][] stat(SamplerStat s) {
        double[][] out = new double[chains.size()][];
        for (int c = 0; c < out.length; c++) out[c] = chains.get(c).stat(s);
        return out;
    }

    /** Log-density gradient evaluations summed over chains. */
    public long gradientEvaluations() {
        long n = 0;
        for (ChainResult c : chains) n += c.gradientEvaluations();
        return n;
    }
}
