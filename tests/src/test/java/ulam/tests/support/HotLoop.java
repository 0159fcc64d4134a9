package ulam.tests.support;

import ulam.runtime.Model;

/**
 * A child-JVM entry point: evaluates a model's gradient in a loop for a few seconds, so the JIT
 * compiles its hot methods ({@code JitTest} reads the child's {@code -XX:+PrintCompilation}).
 *
 * <p>Arguments: model file, then data files.
 */
public final class HotLoop {
    private HotLoop() {}

    public static void main(String[] args) {
        String[] data = java.util.Arrays.copyOfRange(args, 1, args.length);
        Model m = Fits.bind(args[0], data);
        double[] q = new double[m.dimension()];
        double[] g = new double[q.length];
        double sink = 0;
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                q[i % q.length] += 1e-9;
                sink += m.logDensityGradient(q, g);
            }
        }
        System.out.println("done " + (sink != 0));
    }
}
