package ulam.stdlib.dist;

/** Checks of simplex arguments for the {@code rng} methods (the densities never call it). */
final class Simplex {
    private Simplex() {}

    /** Tolerance on the sum, as Stan's {@code check_simplex}. */
    static final double TOLERANCE = 1e-8;

    /** Requires K &gt;= 1 values in [0, 1] summing to 1 within {@link #TOLERANCE}. */
    static void check(String distribution, String name, double[] x, int off, int K) {
        if (K < 1) {
            throw new IllegalArgumentException(distribution + "_rng: " + name + " has " + K
                    + " elements, but a simplex needs at least 1");
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double v = x[off + k];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(distribution + "_rng: " + name + "[" + (k + 1) + "] is " + v
                        + ", but a simplex has elements in [0, 1]");
            }
            sum += v;
        }
        if (!(Math.abs(sum - 1.0) <= TOLERANCE)) {
            throw new IllegalArgumentException(distribution + "_rng: " + name + " sums to " + sum
                    + ", but a simplex sums to 1");
        }
    }
}
