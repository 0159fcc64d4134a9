package ulam.compiler.cli;

import java.util.Arrays;
import ulam.runtime.Model;

/**
 * Steady-state cost of a model's gradient and log density: evaluated at Stan's benchmark point
 * (unconstrained values evenly spaced from -0.5 to 0.5) perturbed by 1e-12 per call so nothing
 * can be cached, after a warm-up as long as the measurement; the median of ten rounds.
 *
 * @param gradient   microseconds per {@code logDensityGradient}
 * @param logDensity microseconds per {@code logDensity}
 */
record Timing(double gradient, double logDensity) {

    static Timing measure(Model m, double seconds) {
        int k = m.dimension();
        double[] q = new double[k];
        for (int i = 0; i < k; i++) q[i] = k == 1 ? 0 : -0.5 + i / (double) (k - 1);
        double[] g = new double[k];
        long budget = (long) (seconds * 1e9 / 20);   // per round and kind; 10 rounds each, plus warm-up
        double[] sink = {0};
        run(m, q, g, budget * 10, true, sink);
        run(m, q, g, budget * 10, false, sink);
        double[] grad = new double[10];
        double[] ld = new double[10];
        for (int r = 0; r < 10; r++) {
            grad[r] = run(m, q, g, budget, true, sink);
            ld[r] = run(m, q, g, budget, false, sink);
        }
        if (sink[0] == 42) System.out.print("");   // keeps the results alive
        return new Timing(median(grad), median(ld));
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
