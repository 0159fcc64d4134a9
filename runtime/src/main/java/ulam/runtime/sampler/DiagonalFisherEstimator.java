package ulam.runtime.sampler;

/**
 * The gradient-based diagonal metric (nutpie's default; Seyboldt, Carlson and Carpenter 2026):
 * {@code M^-1 = diag(sqrt(var(x_i) / var(g_i)))}, with Welford's running variances of the draws x
 * and of their log-density gradients g over the foreground window, within [1e-20, 1e20]. For a
 * Gaussian posterior with independent parameters it is exact (var(g_i) = 1 / var(x_i)); it
 * minimises the Fisher divergence of the scaled posterior from a standard normal among diagonal
 * metrics. A parameter whose ratio is not finite or 0 keeps its variance.
 */
final class DiagonalFisherEstimator implements FisherEstimator {
    private final int d;
    private Moments drawsFg;
    private Moments gradsFg;
    private Moments drawsBg;
    private Moments gradsBg;
    private final double[] variance;

    DiagonalFisherEstimator(int d) {
        this.d = d;
        drawsFg = new Moments(d);
        gradsFg = new Moments(d);
        drawsBg = new Moments(d);
        gradsBg = new Moments(d);
        variance = new double[d];
    }

    @Override
    public void start(EuclideanMetric metric, double[] q, double[] g) {
        add(q, g);
        for (int i = 0; i < d; i++) variance[i] = FisherEstimator.initialVariance(g[i]);
        ((DiagonalMetric) metric).set(variance);
    }

    @Override
    public void add(double[] q, double[] g) {
        drawsFg.add(q);
        gradsFg.add(g);
        drawsBg.add(q);
        gradsBg.add(g);
    }

    @Override
    public void switchWindows() {
        Moments x = drawsFg, y = gradsFg;
        drawsFg = drawsBg;
        gradsFg = gradsBg;
        x.clear();
        y.clear();
        drawsBg = x;
        gradsBg = y;
    }

    @Override
    public int backgroundCount() {
        return drawsBg.count;
    }

    @Override
    public boolean update(EuclideanMetric metric, boolean switched) {
        if (drawsFg.count < 3) return false;
        DiagonalMetric m = (DiagonalMetric) metric;
        for (int i = 0; i < d; i++) {
            double v = Math.sqrt(drawsFg.m2[i] / gradsFg.m2[i]); // the common 1/(n-1) cancels
            variance[i] = Double.isFinite(v) && v > 0 ? Math.min(Math.max(v, 1e-20), 1e20) : m.inverse[i];
        }
        m.set(variance);
        return true;
    }

    /** Welford's running mean and sum of squared deviations of vectors. */
    static final class Moments {
        final double[] mean;
        final double[] m2;
        int count;

        Moments(int d) {
            mean = new double[d];
            m2 = new double[d];
        }

        void add(double[] x) {
            count++;
            for (int i = 0; i < x.length; i++) {
                double delta = x[i] - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (x[i] - mean[i]);
            }
        }

        void clear() {
            count = 0;
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(m2, 0);
        }
    }
}
