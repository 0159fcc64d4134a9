package ulam.stdlib.multivariate;

/**
 * A timing harness (not a unit test: run it by hand after {@code test-compile}) for the library
 * part of one gradient evaluation of the chimpanzees varying-slopes model m14.3 (two groups of
 * K = 4 varying effects in the non-centred Cholesky form; see {@link M143Path}), and of the other
 * multivariate paths. Prints nanoseconds of thread CPU time per evaluation.
 * <pre>
 * java -cp stdlib/target/classes:stdlib/target/test-classes:DEPENDENCIES ulam.stdlib.multivariate.MultivariateTiming
 * </pre>
 */
public final class MultivariateTiming {
    private MultivariateTiming() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        M143Path path = new M143Path();
        double sink = 0;
        for (int pass = 0; pass < 3; pass++) {
            long w0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += path.gradient();
            }
            long c1 = cpu.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            for (int i = 0; i < n / 10; i++) {
                sink += path.others();
            }
            long c2 = cpu.getCurrentThreadCpuTime();
            // thread CPU time is the figure to trust on a shared machine; wall time also counts waiting
            System.out.printf("m14.3 multivariate part %7.1f ns/gradient (wall %7.1f)   other paths %8.1f ns%n",
                    (c1 - c0) / (double) n, (w1 - w0) / (double) n, (c2 - c1) / (n / 10.0));
        }
        System.out.println("(checksum " + sink + ")");
    }
}
