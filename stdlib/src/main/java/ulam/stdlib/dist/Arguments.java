package ulam.stdlib.dist;

/**
 * Argument checks for the {@code rng} methods, which reject invalid arguments with an
 * {@link IllegalArgumentException} naming the distribution and the argument (the density methods
 * return NaN instead and never call these).
 */
final class Arguments {
    private Arguments() {}

    /** Requires a finite value. */
    static void finite(String distribution, String name, double value) {
        if (!(Math.abs(value) <= Double.MAX_VALUE)) {
            throw invalid(distribution, name, value, "finite");
        }
    }

    /** Requires a finite value &gt; 0. */
    static void positive(String distribution, String name, double value) {
        if (!(value > 0 && value <= Double.MAX_VALUE)) {
            throw invalid(distribution, name, value, "positive and finite");
        }
    }

    /** Requires a probability in [0, 1]. */
    static void probability(String distribution, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(distribution, name, value, "in [0, 1]");
        }
    }

    /** Requires a value strictly inside (0, 1). */
    static void openUnit(String distribution, String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw invalid(distribution, name, value, "in (0, 1)");
        }
    }

    /** Requires a count &gt;= 0. */
    static void nonNegative(String distribution, String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    distribution + "_rng: " + name + " is " + value + ", but must be >= 0");
        }
    }

    private static IllegalArgumentException invalid(String distribution, String name, double value,
                                                    String requirement) {
        return new IllegalArgumentException(
                distribution + "_rng: " + name + " is " + value + ", but must be " + requirement);
    }
}
