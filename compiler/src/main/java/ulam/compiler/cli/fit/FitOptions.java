package ulam.compiler.cli.fit;

import ulam.runtime.UlamException;

/** Checks of option values the fit commands share, each a user error naming the option. */
final class FitOptions {
    private FitOptions() {
    }

    /**
     * @throws UlamException if {@code value} is below 1
     */
    static void positive(String option, int value) {
        if (value < 1) {
            throw new UlamException(option + " must be at least 1 (got " + value + ")", null,
                    "give a whole number of 1 or more, e.g. " + option + " 60");
        }
    }
}
