package ulam.runtime.sampler;

/**
 * Receives the progress of each chain while it samples. Methods are called from the chains'
 * threads, concurrently for different chains, so implementations must be thread-safe; they are
 * called once per iteration and must return quickly (throttle any printing themselves).
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void iteration(int chain, int iteration, int total, boolean warmup) {
        }
    };

    /**
     * Called when a chain starts.
     *
     * @param chain 1-based chain id
     * @param total iterations the chain will run (warmup + draws)
     */
    default void chainStarted(int chain, int total) {
    }

    /**
     * Called after each iteration.
     *
     * @param chain     1-based chain id
     * @param iteration 1-based number of iterations done so far, warmup included
     * @param total     iterations the chain will run (warmup + draws)
     * @param warmup    whether that iteration was a warmup iteration
     */
    void iteration(int chain, int iteration, int total, boolean warmup);

    /**
     * Called when a chain has finished all its iterations.
     *
     * @param chain 1-based chain id
     */
    default void chainFinished(int chain) {
    }
}
