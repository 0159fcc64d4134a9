package ulam.stdlib.math;

/**
 * Per-thread memory of special-function values for the last parameter values seen.
 *
 * <p>In a likelihood loop a density is called once per row with the same shape parameters
 * (Student-t's nu, gamma's shape, beta's a and b), and log Gamma, digamma and their kin cost
 * 50-150 ns each, far more than the rest of the row. A distribution keeps one
 * {@code ThreadLocal<double[]>} made here: the first slots hold the key (the parameter values),
 * the rest the values computed from it. A call compares the key and recomputes only on a change.
 * Each thread (each chain) has its own array, so there is no sharing, no locking and, after the
 * first call on a thread, no allocation; the results are exactly those of recomputing.
 */
public final class Memo {
    private Memo() {}

    /** A per-thread array of {@code slots} doubles, initially NaN (a key that matches nothing). */
    public static ThreadLocal<double[]> create(int slots) {
        return ThreadLocal.withInitial(() -> {
            double[] memo = new double[slots];
            java.util.Arrays.fill(memo, Double.NaN);
            return memo;
        });
    }
}
