package ulam.runtime.sampler;

import ulam.runtime.UlamException;

/**
 * Estimates the inverse metric from the draws of each slow warmup window (Stan's
 * {@code var_adaptation} / {@code covar_adaptation}): Welford's running mean and (co)variance of
 * the unconstrained draws, and at the end of the window the regularised estimate
 * {@code (n / (n + 5)) S + 1e-3 (5 / (n + 5)) I} (Stan reference manual, "HMC algorithm
 * parameters"), where S is the sample (co)variance with denominator n - 1.
 */
final class MetricAdaptation {
    private final WindowedAdaptation windows;
    private final int d;
    private final boolean dense;
    private long n;
    private final double[] mean;
    private final double[] m2; // d (diag) or d*d (dense)
    private final double[] delta;
    private final double[] estimate;

    MetricAdaptation(WindowedAdaptation windows, MetricKind kind, int d) {
        this.windows = windows;
        this.d = d;
        this.dense = kind == MetricKind.DENSE;
        mean = new double[d];
        m2 = new double[dense ? d * d : d];
        delta = new double[d];
        estimate = new double[dense ? d * d : d];
    }

    /**
     * Adds one warmup draw; at the end of a window replaces the metric.
     *
     * @return whether the metric was replaced (then the step size must be searched again)
     * @throws UlamException if the estimate overflows
     */
    boolean learn(EuclideanMetric metric, double[] q) {
        if (windows.inWindow()) add(q);
        if (windows.endOfWindow()) {
            windows.computeNextWindow();
            update(metric);
            n = 0;
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(m2, 0);
            windows.increment();
            return true;
        }
        windows.increment();
        return false;
    }

    private void add(double[] q) {
        n++;
        for (int i = 0; i < d; i++) {
            delta[i] = q[i] - mean[i];
            mean[i] += delta[i] / n;
        }
        if (dense) {
            for (int i = 0; i < d; i++) {
                double di = q[i] - mean[i];
                int row = i * d;
                for (int j = 0; j < d; j++) m2[row + j] += di * delta[j];
            }
        } else {
            for (int i = 0; i < d; i++) m2[i] += delta[i] * (q[i] - mean[i]);
        }
    }

    private void update(EuclideanMetric metric) {
        double[] current = metric.inverseMetric();
        double nn = n;
        // Stan's Welford estimators leave the estimate unchanged with fewer than 2 draws
        for (int k = 0; k < estimate.length; k++) estimate[k] = n > 1 ? m2[k] / (nn - 1.0) : current[k];
        double shrink = nn / (nn + 5.0);
        double ridge = 1e-3 * (5.0 / (nn + 5.0));
        for (int k = 0; k < estimate.length; k++) estimate[k] *= shrink;
        if (dense) {
            for (int i = 0; i < d; i++) {
                estimate[i * d + i] += ridge;
                // Welford's update is symmetric only up to rounding: use the lower triangle, which
                // is what the Cholesky factorisation reads (as Eigen's LLT in Stan)
                for (int j = 0; j < i; j++) estimate[j * d + i] = estimate[i * d + j];
            }
        } else {
            for (int i = 0; i < d; i++) estimate[i] += ridge;
        }
        for (double v : estimate) {
            if (!Double.isFinite(v)) {
                throw new UlamException("numerical overflow in metric adaptation: the sampler met extreme values"
                        + " on the unconstrained scale", null,
                        "the posterior may be improper or extremely wide: check the priors of all parameters");
            }
        }
        if (dense) ((DenseMetric) metric).set(estimate);
        else ((DiagonalMetric) metric).set(estimate);
    }
}
