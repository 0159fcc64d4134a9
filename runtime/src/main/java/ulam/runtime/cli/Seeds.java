package ulam.runtime.cli;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one seed rule of the commands that draw random numbers ({@code run}, a model jar,
 * {@code link}, {@code sim}; docs/cli.md): the seed is given with {@code --seed}, or it is random
 * and printed, so that any result can be repeated exactly.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A random seed in 0 .. 2^31 - 2, short enough to type. */
    public static long random() {
        return ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
    }

    /**
     * The seed as printed: {@code seed 7}, or for a random one
     * {@code seed 1234 (random; repeat this run with --seed 1234)}.
     *
     * @param seed  the seed used
     * @param given whether the user gave it (command line or the model's {@code ulam(...)} options)
     */
    public static String describe(long seed, boolean given) {
        return "seed " + seed + (given ? "" : " (random; repeat this run with --seed " + seed + ")");
    }
}
