package ulam.stdlib.math;

/**
 * A timing harness (not a unit test: run it by hand) comparing {@link Numerics#log1p} with
 * {@link Math#log1p} on the arguments the densities give it: exp(-|alpha|) for logits in
 * [-30, 30] (the logistic kernels), and z^2 / nu (Student t). Run after {@code test-compile}:
 * <pre>
 * java -cp stdlib/target/classes:stdlib/target/test-classes:$(cat deps.txt) ulam.stdlib.math.Log1pTiming
 * </pre>
 * where the class path also holds commons-numbers-gamma (Numerics loads it).
 */
public final class Log1pTiming {
    private Log1pTiming() {}

    public static void main(String[] args) {
        int n = 1 << 16;
        double[] x = new double[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            x[i] = (i & 1) == 0 ? Math.exp(-30 * random.nextDouble()) : random.nextDouble() * random.nextDouble();
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        double sink = 0;
        for (int warm = 0; warm < 3; warm++) { // warm-up: let C2 compile both loops
            sink += runJdk(x, 50) + runFast(x, 50) + runLog(x, 50);
        }
        long t0 = System.nanoTime();
        sink += runJdk(x, rounds);
        long t1 = System.nanoTime();
        sink += runFast(x, rounds);
        long t2 = System.nanoTime();
        sink += runLog(x, rounds);
        long t3 = System.nanoTime();
        double calls = (double) n * rounds;
        double jdk = (t1 - t0) / calls;
        double fast = (t2 - t1) / calls;
        System.out.printf("Math.log1p:     %.2f ns/call%n", jdk);
        System.out.printf("Numerics.log1p: %.2f ns/call%n", fast);
        System.out.printf("Math.log (floor, intrinsic): %.2f ns/call%n", (t3 - t2) / calls);
        System.out.printf("speed-up:       %.2fx   (checksum %s)%n", jdk / fast, sink);
    }

    private static double runJdk(double[] x, int rounds) {
        double s = 0;
        for (int r = 0; r < rounds; r++) {
            for (double v : x) {
                s += Math.log1p(v);
            }
        }
        return s;
    }

    private static double runLog(double[] x, int rounds) {
        double s = 0;
        for (int r = 0; r < rounds; r++) {
            for (double v : x) {
                s += Math.log(1.0 + v);
            }
        }
        return s;
    }

    private static double runFast(double[] x, int rounds) {
        double s = 0;
        for (int r = 0; r < rounds; r++) {
            for (double v : x) {
                s += Numerics.log1p(v);
            }
        }
        return s;
    }
}
