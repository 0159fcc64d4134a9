package ulam.runtime.sampler;

/**
 * The gradient-based low-rank modified metric ({@link LowRankEstimate}, nutpie's
 * {@code low_rank_modified_mass_matrix}) over the foreground window, kept as a queue of draws and
 * gradients: a switch drops the draws before the background window. The estimate costs
 * {@code O(d n r + r^3)} for n draws and {@code r = min(d, 2n)}, so it is recomputed at every
 * switch and whenever the foreground has grown by half since the last estimate, not at every
 * iteration as nutpie does; in between the metric stays as it is.
 */
final class LowRankFisherEstimator implements FisherEstimator {
    private final int d;
    private final double cutoff;
    private final double[][] draws;
    private final double[][] grads;
    /** Index of the oldest draw in the circular buffers. */
    private int first;
    private int count;
    private int backgroundStart; // draws before it (counted from first) are foreground only
    private int countAtLastEstimate;

    /**
     * @param capacity the most draws ever held (the warm-up's length plus one)
     * @param cutoff   eigenvalues kept lie outside {@code [1/cutoff, cutoff]} (2 for low rank, 1 for dense)
     */
    LowRankFisherEstimator(int d, int capacity, double cutoff) {
        this.d = d;
        this.cutoff = cutoff;
        draws = new double[capacity][d];
        grads = new double[capacity][d];
    }

    @Override
    public void start(EuclideanMetric metric, double[] q, double[] g) {
        add(q, g);
        double[] sigma = new double[d];
        for (int i = 0; i < d; i++) sigma[i] = Math.sqrt(FisherEstimator.initialVariance(g[i]));
        ((LowRankMetric) metric).set(sigma, new double[0][], new double[0], 0);
    }

    @Override
    public void add(double[] q, double[] g) {
        if (count == draws.length) { // full (cannot happen within the warm-up it was sized for): drop the oldest
            first = (first + 1) % draws.length;
            count--;
            backgroundStart = Math.max(0, backgroundStart - 1);
        }
        int at = (first + count) % draws.length;
        System.arraycopy(q, 0, draws[at], 0, d);
        System.arraycopy(g, 0, grads[at], 0, d);
        count++;
    }

    @Override
    public void switchWindows() {
        first = (first + backgroundStart) % draws.length;
        count -= backgroundStart;
        backgroundStart = count;
        countAtLastEstimate = 0;
    }

    @Override
    public int backgroundCount() {
        return count - backgroundStart;
    }

    @Override
    public boolean update(EuclideanMetric metric, boolean switched) {
        if (count < 3) return false;
        if (!switched && countAtLastEstimate > 0 && count < 1.5 * countAtLastEstimate) return false;
        double[][] x = new double[count][];
        double[][] g = new double[count][];
        for (int j = 0; j < count; j++) {
            x[j] = draws[(first + j) % draws.length];
            g[j] = grads[(first + j) % draws.length];
        }
        countAtLastEstimate = count;
        LowRankEstimate e = LowRankEstimate.of(x, g, cutoff);
        if (e == null) return false;
        ((LowRankMetric) metric).set(e.sigma, e.vectors, e.lambda, e.rank);
        return true;
    }
}
