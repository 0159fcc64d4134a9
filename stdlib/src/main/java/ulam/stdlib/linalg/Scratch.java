package ulam.stdlib.linalg;

/**
 * Per-thread scratch memory for the library's entry points that need working space beyond their
 * outputs (the adjoint of {@code cholesky_decompose}, the matrix transforms, the multivariate
 * densities). The calling convention ({@link ulam.stdlib.Signatures}) fixes every descriptor, so
 * such a method cannot take a work array from its caller; instead it takes this thread's array,
 * grown on first use and kept, so that after warm-up nothing is allocated (as {@code Memo} does
 * for special functions). Each thread (each chain) has its own array: no sharing, no locking.
 *
 * <p>Rule: only public entry points (BLOCK functions, {@code lpdf}/{@code kernel}/{@code rng},
 * transform methods) take scratch, once per call, and they never call another entry point that
 * takes it while they hold it; the kernels in {@link Dense} take all their arrays as arguments.
 */
public final class Scratch {
    private Scratch() {}

    private static final ThreadLocal<double[][]> BUFFER = ThreadLocal.withInitial(() -> new double[][] {new double[64]});

    /**
     * This thread's scratch array, at least {@code size} long. Its contents are unspecified (left
     * over from an earlier call). Not reentrant: see the class comment.
     */
    public static double[] get(int size) {
        double[][] holder = BUFFER.get();
        double[] a = holder[0];
        if (a.length < size) {
            a = new double[Math.max(size, 2 * a.length)];
            holder[0] = a;
        }
        return a;
    }
}
