package ulam.runtime.sampler;

import java.io.Closeable;
import java.io.IOException;

/**
 * Receives one chain's draws as they are made, for streaming them to disk (see
 * {@code ulam.runtime.output.StanCsvWriter}): every warmup draw, then the end of adaptation with the
 * step size and metric, then every post-warmup draw, then the timings. Called from the chain's
 * own thread only. {@link #close()} is always called, also when the run fails.
 */
public interface DrawSink extends Closeable {

    /**
     * One iteration.
     *
     * @param warmup whether it is a warmup iteration
     * @param stats  the sampler statistics, {@code double[SamplerStat.COUNT]} in {@link SamplerStat} order;
     *               only valid during the call
     * @param values the model outputs ({@code Model.writeDraw}), {@code double[outputNames().length]};
     *               only valid during the call
     * @throws IOException if writing fails (the run stops with an error)
     */
    void draw(boolean warmup, double[] stats, double[] values) throws IOException;

    /**
     * End of warmup: the adapted step size and inverse metric used for all post-warmup draws.
     *
     * @param stepSize      the final step size
     * @param kind          diagonal or dense
     * @param inverseMetric {@code double[d]} (diagonal) or {@code double[d*d]} row-major (dense)
     * @throws IOException if writing fails
     */
    void adaptationFinished(double stepSize, MetricKind kind, double[] inverseMetric) throws IOException;

    /**
     * All iterations done.
     *
     * @param warmupSeconds   wall time of warmup
     * @param samplingSeconds wall time of the post-warmup iterations
     * @throws IOException if writing fails
     */
    void finished(double warmupSeconds, double samplingSeconds) throws IOException;
}
