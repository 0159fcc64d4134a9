package ulam.runtime.sampler;

/**
 * Everything one chain produced. Arrays are returned without copying: do not modify them.
 * Rows are iterations in order; value rows follow {@code Model.outputNames()}, stats rows follow
 * {@link SamplerStat}.
 */
public final class ChainResult {
    private final int id;
    private final double[][] warmupValues;
    private final double[][] warmupStats;
    private final double[][] values;
    private final double[][] stats;
    private final double stepSize;
    private final MetricKind metricKind;
    private final double[] inverseMetric;
    private final double[] initialPoint;
    private final double warmupSeconds;
    private final double samplingSeconds;
    private final long gradientEvaluations;

    /**
     * @param id                  1-based chain id
     * @param warmupValues        {@code [warmup][outputs]}
     * @param warmupStats         {@code [warmup][SamplerStat.COUNT]}
     * @param values              {@code [draws][outputs]}
     * @param stats               {@code [draws][SamplerStat.COUNT]}
     * @param stepSize            step size after warmup
     * @param metricKind          diagonal or dense
     * @param inverseMetric       {@code double[d]} or row-major {@code double[d*d]}
     * @param initialPoint        the unconstrained initial values, {@code double[d]}
     * @param warmupSeconds       wall time of warmup (from the first warmup iteration)
     * @param samplingSeconds     wall time of the post-warmup iterations
     * @param gradientEvaluations number of log-density gradient evaluations, initialisation included
     */
    public ChainResult(int id, double[][] warmupValues, double[][] warmupStats, double[][] values,
                       double[][] stats, double stepSize, MetricKind metricKind, double[] inverseMetric,
                       double[] initialPoint, double warmupSeconds, double samplingSeconds,
                       long gradientEvaluations) {
        this.id = id;
        this.warmupValues = warmupValues;
        this.warmupStats = warmupStats;
        this.values = values;
        this.stats = stats;
        this.stepSize = stepSize;
        this.metricKind = metricKind;
        this.inverseMetric = inverseMetric;
        this.initialPoint = initialPoint;
        this.warmupSeconds = warmupSeconds;
        this.samplingSeconds = samplingSeconds;
        this.gradientEvaluations = gradientEvaluations;
    }

    /** 1-based chain id. */
    public int id() { return id; }

    /** Warmup draws of the model outputs, {@code [warmup][outputs]}. */
    public double[][] warmupValues() { return warmupValues; }

    /** Sampler statistics of the warmup iterations, {@code [warmup][SamplerStat.COUNT]}. */
    public double[][] warmupStats() { return warmupStats; }

    /** Post-warmup draws of the model outputs, {@code [draws][outputs]}. */
    public double[][] values() { return values; }

    /** Sampler statistics of the post-warmup iterations, {@code [draws][SamplerStat.COUNT]}. */
    public double[][] stats() { return stats; }

    /** The step size used after warmup. */
    public double stepSize() { return stepSize; }

    /** Diagonal or dense. */
    public MetricKind metricKind() { return metricKind; }

    /** The adapted inverse metric: {@code double[d]} (diagonal) or row-major {@code double[d*d]} (dense). */
    public double[] inverseMetric() { return inverseMetric; }

    /** Initial values on the unconstrained scale, {@code double[d]}. */
    public double[] initialPoint() { return initialPoint; }

    /** Wall time of warmup, seconds. */
    public double warmupSeconds() { return warmupSeconds; }

    /** Wall time after warmup, seconds. */
    public double samplingSeconds() { return samplingSeconds; }

    /** Log-density gradient evaluations of this chain (initialisation and step-size searches included). */
    public long gradientEvaluations() { return gradientEvaluations; }

    /** Number of post-warmup draws. */
    public int draws() { return values.length; }

    /** Number of warmup draws. */
    public int warmup() { return warmupValues.length; }

    /** One post-warmup sampler statistic of every draw, {@code double[draws]} (a new array). */
    public double[] stat(SamplerStat s) {
        double[] out = new double[stats.length];
        for (int i = 0; i < out.length; i++) out[i] = stats[i][s.index()];
        return out;
    }
}
