package ulam.runtime.sampler;

import ulam.runtime.UlamException;

/**
 * Estimates the inverse metric from the draws of each slow warmup window (Stan's
 * {@code var_adaptation} / {@code covar_adaptation}): Welford's running mean and (co)variance of
 * the unconstrained draws, and at the end of the window the regularised estimate
 * {@code (n / (n + 5)) S + 1e-3 (5 / (n + 5)) I} (Stan reference manual, "HMC algorithm
 * parameters"), where S is the sample (co)variance with denominator n - 1.
 *
 * <p>With {@link MetricKind#AUTO} the window's full covariance is kept as well (2 to
 * {@link #AUTO_MAX_DIMENSION} parameters); at the end of a window of at least 2 d draws (fewer
 * make the sample correlation matrix near-singular by chance: Marchenko-Pastur) whose correlation matrix
 * {@code D^-1/2 S D^-1/2} has a condition number above {@link #AUTO_CONDITION}, the diagonal
 * metric is replaced by the dense estimate for the rest of warm-up (a diagonal metric leaves the
 * sampler a problem of that condition number, and NUTS's trajectories grow with its square root:
 * posteriordb's diamonds, 24 correlated predictors, hits tree depth 10 on every transition).
 * Otherwise the diagonal estimate is the same as {@link MetricKind#DIAG}'s, bit for bit (the
 * diagonal of the dense Welford sums is the diagonal Welford sum).
 */
final class MetricAdaptation {
    /** The correlation matrix's condition number above which {@link MetricKind#AUTO} turns dense. */
    static final double AUTO_CONDITION = 1000;
    /** The most unconstrained parameters for which {@link MetricKind#AUTO} may turn dense. */
    static final int AUTO_MAX_DIMENSION = 100;

    private final WindowedAdaptation windows;
    private final int d;
    private final boolean dense;
    private final boolean auto;
    private long n;
    private final double[] mean;
    private final double[] m2; // d (diag) or d*d (dense)
    private final double[] delta;
    private final double[] estimate;

    MetricAdaptation(WindowedAdaptation windows, MetricKind kind, int d) {
        this.windows = windows;
        this.d = d;
        this.auto = kind == MetricKind.AUTO && d >= 2 && d <= AUTO_MAX_DIMENSION;
        this.dense = kind == MetricKind.DENSE || auto;
        mean = new double[d];
        m2 = new double[dense ? d * d : d];
        delta = new double[d];
        estimate = new double[dense ? d * d : d];
    }

    /**
     * Adds one warmup draw; at the end of a window replaces the metric.
     *
     * @return null, or at the end of a window the metric to use from now on (then the step size
     *         must be searched again): {@code metric} updated in place, or a new dense metric
     *         (see {@link MetricKind#AUTO})
     * @throws UlamException if the estimate overflows
     */
    EuclideanMetric learn(EuclideanMetric metric, double[] q) {
        if (windows.inWindow()) add(q);
        if (windows.endOfWindow()) {
            windows.computeNextWindow();
            EuclideanMetric next = update(metric);
            n = 0;
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(m2, 0);
            windows.increment();
            return next;
        }
        windows.increment();
        return null;
    }

    /** The condition number of the correlation matrix of the window's draws (dense sums), or 0 with fewer than 3 draws. */
    private double correlationCondition() {
        if (n < 3) return 0;
        double[] r = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double den = Math.sqrt(m2[i * d + i] * m2[j * d + j]);
                double v = i == j ? 1 : den > 0 ? m2[i * d + j] / den : 0;
                r[i * d + j] = v;
                r[j * d + i] = v;
            }
        }
        double[] ev = ulam.runtime.approx.Eigen.of(r, d).values();
        double min = ev[0];
        double max = ev[d - 1];
        return min > 0 ? max / min : Double.POSITIVE_INFINITY;
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

    private EuclideanMetric update(EuclideanMetric metric) {
        boolean diagonalHere = auto && metric instanceof DiagonalMetric;
        // a window of at least 2 d draws: fewer leave the sample correlation matrix near-singular by chance
        boolean turnDense = diagonalHere && n >= 2L * d && correlationCondition() > AUTO_CONDITION;
        if (diagonalHere && !turnDense) {
            // the diagonal estimate from the diagonal of the dense sums (as MetricKind.DIAG's)
            double[] current = metric.inverseMetric();
            double nn = n;
            double shrink = nn / (nn + 5.0);
            double ridge = 1e-3 * (5.0 / (nn + 5.0));
            double[] diag = new double[d];
            for (int i = 0; i < d; i++) {
                diag[i] = n > 1 ? m2[i * d + i] / (nn - 1.0) : current[i];
                diag[i] = diag[i] * shrink + ridge;
            }
            checkFinite(diag);
            ((DiagonalMetric) metric).set(diag);
            return metric;
        }
        if (turnDense) metric = new DenseMetric(d);
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
        checkFinite(estimate);
        if (dense) ((DenseMetric) metric).set(estimate);
        else ((DiagonalMetric) metric).set(estimate);
        return metric;
    }

    private static void checkFinite(double[] estimate) {
        for (double v : estimate) {
            if (!Double.isFinite(v)) {
                throw new UlamException("numerical overflow in metric adaptation: the sampler met extreme values"
                        + " on the unconstrained scale", null,
                        "the posterior may be improper or extremely wide: check the priors of all parameters");
            }
        }
    }
}
