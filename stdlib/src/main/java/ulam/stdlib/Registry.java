package ulam.stdlib;

import java.util.List;
import java.util.Optional;

/**
 * The one registry of the library's signatures: every distribution and function the language
 * knows, by canonical name and alias. The type checker reads it to resolve names, count
 * arguments, infer constraints and suggest the nearest name; the code generator reads it to find
 * the static methods to call. Adding a distribution means adding its class and one entry here.
 */
public final class Registry {
    private Registry() {}

    /** The distribution of that canonical name or alias ({@code normal}, {@code dnorm}). */
    public static Optional<DistributionSpec> distribution(String nameOrAlias) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The function of that name or alias ({@code inv_logit}, {@code logistic}). */
    public static Optional<FunctionSpec> function(String nameOrAlias) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every distribution, in library order. */
    public static List<DistributionSpec> distributions() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every function, in library order. */
    public static List<FunctionSpec> functions() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Known names (distributions and functions, aliases included) nearest to an unknown one by
     * edit distance, best first, for "did you mean" messages.
     *
     * @param unknown the name the user wrote
     * @param max     at most this many
     */
    public static List<String> closest(String unknown, int max) {
        throw new UnsupportedOperationException("not yet");
    }
}
