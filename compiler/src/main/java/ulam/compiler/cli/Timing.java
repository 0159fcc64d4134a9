package ulam.compiler.cli;

import java.util.Arrays;
import ulam.runtime.Model;
import ulam.runtime.model.RowThreads;

/**
 * Steady-state cost of a model's gradient and log density: evaluated at Stan's benchmark point
 * (unconstrained values evenly spaced from -0.5 to 0.5) perturbed by 1e-12 per call so nothing
 * can be cached, after a warm-up as long as the measurement; the median of ten rounds.
 *
 * @param threads    the threads the model's row blocks could use ({@link Model#rowThreads}; 1: the calling thread alone)
 * @param gradient   microseconds per {@code logDensityGradient}
 * @param logDensity microseconds per {@code logDensity}
 */
record Timing(int threads, double gradient, double logDensity) {

    /**
     * The timing with each number of threads, the rounds of the counts interleaved (round r of
     * every count, then round r + 1), so that a change in the machine's load falls on all alike.
     * A model without a loop of {@code RowBlocks.threshold()} rows takes the same time with any.
     *
     * @param threads the numbers of threads, each at least 1
     */
    static Timing[] measure(Model m, double seconds, int[] threads) {
        int k = m.dimension();
        double[] q = new double[k];
        for (int i = 0; i < k; i++) q[i] = k == 1 ? 0 : -0.5 + i / (double) (k - 1);
        double[] g = new double[k];
        long budget = (long) (seconds * 1e9 / 20);   // per round and kind; 10 rounds each, plus warm-up
        double[] sink = {0};
        RowThreads[] pools = new RowThreads[threads.length];
        for (int t = 0; t < threads.length; t++) pools[t] = threads[t] > 1 ? new RowThreads(threads[t]) : null;
        double[][] grad = new double[threads.length][10];
        double[][] ld = new double[threads.length][10];
        try {
            for (int t = 0; t < threads.length; t++) {
                m.rowThreads(pools[t]);
                run(m, q, g, budget * 10 / threads.length, true, sink);
                run(m, q, g, budget * 10 / threads.length, false, sink);
            }
            for (int r = 0; r < 10; r++) {
                for (int t = 0; t < threads.length; t++) {
                    m.rowThreads(pools[t]);
                    grad[t][r] = run(m, q, g, budget, true, sink);
                    ld[t][r] = run(m, q, g, budget, false, sink);
                }
            }
        } finally {
            m.rowThreads(null);
            for (RowThreads p : pools) if (p != null) p.close();
        }
        if (sink[0] == 42) System.out.print("");   // keeps the results alive
        Timing[] out = new Timing[threads.length];
        for (int t = 0; t < threads.length; t++) out[t] = new Timing(threads[t], median(grad[t]), median(ld[t]));
        return out;
    }

    /** Microseconds per evaluation over about {@code nanos}. */
    private static double run(Model m, double[] q, double[] g, long nanos, boolean gradient, double[] sink) {
        long start = System.nanoTime();
        long calls = 0;
        double s = 0;
        int batch = 16;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < batch; i++) {
                q[0] += 1e-12;
                s += gradient ? m.logDensityGradient(q, g) : m.logDensity(q);
            }
            calls += batch;
        }
        sink[0] += s;
        return (System.nanoTime() - start) / 1e3 / calls;
    }

    private static double median(double[] x) {
        double[] c = x.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
