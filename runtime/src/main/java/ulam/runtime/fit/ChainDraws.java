package ulam.runtime.fit;

/**
 * One chain of a fit as read back from its Stan CSV file. Rows are iterations in order; stats rows
 * follow {@link ulam.runtime.sampler.SamplerStat} ({@code double[7]}), value rows follow the
 * manifest's output names. Arrays are not copied: do not modify them.
 *
 * @param id              1-based chain id
 * @param file            the CSV file name (for messages)
 * @param warmupStats     {@code [warmup rows][7]}
 * @param warmupValues    {@code [warmup rows][outputs]}
 * @param stats           {@code [draws][7]}, post-warmup
 * @param values          {@code [draws][outputs]}, post-warmup
 * @param stepSize        the adapted step size (NaN if the run stopped in warmup)
 * @param inverseMetric   the adapted inverse metric, {@code double[d]} or row-major {@code double[d*d]}
 *                        (empty if the run stopped in warmup)
 * @param warmupSeconds   warmup wall time from the CSV trailer (NaN if missing)
 * @param samplingSeconds sampling wall time from the CSV trailer (NaN if missing)
 * @param complete        whether the file ends with the timing trailer (the chain finished)
 */
public record ChainDraws(int id, String file, double[][] warmupStats, double[][] warmupValues, double[][] stats,
                         double[][] values, double stepSize, double[] inverseMetric, double warmupSeconds,
                         double samplingSeconds, boolean complete) {

    /** Number of post-warmup draws read. */
    public int draws() {
        return values.length;
    }

    /** Number of warmup draws read. */
    public int warmup() {
        return warmupValues.length;
    }
}
