package ulam.runtime.sampler;

/**
 * The metric estimator of {@link GradientAdaptation}: draws and their log-density gradients in two
 * overlapping windows, the foreground (the draws since the switch before last) that the metric is
 * computed from, and the background (the draws since the last switch) that becomes the foreground
 * at the next switch (nutpie's schedule). Not thread-safe.
 */
interface FisherEstimator {

    /** The metric used before any draw: from the gradient at the initial point, {@code 1 / |g_i|}. */
    void start(EuclideanMetric metric, double[] q, double[] g);

    /** Adds a draw and its gradient to both windows. */
    void add(double[] q, double[] g);

    /** The background becomes the foreground; a new, empty background starts. */
    void switchWindows();

    /** Draws in the background window. */
    int backgroundCount();

    /**
     * Recomputes the metric from the foreground window (at least 3 draws).
     *
     * @param switched whether the windows were just switched
     * @return whether the metric changed
     */
    boolean update(EuclideanMetric metric, boolean switched);

    /** The metric's initial variance of one parameter from its gradient: {@code 1 / |g|} within [1e-20, 1e20], else 1. */
    static double initialVariance(double g) {
        double v = 1 / Math.min(Math.max(Math.abs(g), 1e-20), 1e20);
        return Double.isFinite(v) ? v : 1;
    }
}
