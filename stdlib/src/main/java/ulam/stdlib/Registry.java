package ulam.stdlib;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of the library's signatures: every distribution and function the language
 * knows, by canonical name and alias. The type checker reads it to resolve names, count
 * arguments, infer constraints and suggest the nearest name; the code generator reads it to find
 * the static methods to call. The entries live in table classes ({@link CoreTable},
 * {@code UnivariateTable}, {@code MultivariateTable}); adding a distribution means adding its class
 * and one entry in a table.
 *
 * <p>Every name and alias denotes exactly one entry, across distributions and functions alike;
 * the table is checked for this when the class loads, so a clash fails every use at once.
 */
public final class Registry {
    private Registry() {}

    // ------------------------------------------------------------------------------------------
    // Indexes, built and checked once.

    private static final List<DistributionSpec> DISTRIBUTIONS = concat(CoreTable.DISTRIBUTIONS,
            UnivariateTable.DISTRIBUTIONS, MultivariateTable.DISTRIBUTIONS);
    private static final List<FunctionSpec> FUNCTIONS = concat(CoreTable.FUNCTIONS, UnivariateTable.FUNCTIONS,
            MultivariateTable.FUNCTIONS);
    private static final List<TransformSpec> TRANSFORMS = MultivariateTable.TRANSFORMS;

    private static final Map<String, DistributionSpec> DISTRIBUTION_BY_NAME = new HashMap<>();
    private static final Map<String, FunctionSpec> FUNCTION_BY_NAME = new HashMap<>();
    private static final List<String> ALL_NAMES = new ArrayList<>();

    static {
        Map<String, String> owner = new HashMap<>();
        for (DistributionSpec d : DISTRIBUTIONS) {
            for (String n : namesOf(d.name(), d.aliases())) {
                claim(owner, n, "distribution " + d.name());
                DISTRIBUTION_BY_NAME.put(n, d);
            }
        }
        for (FunctionSpec f : FUNCTIONS) {
            for (String n : namesOf(f.name(), f.aliases())) {
                claim(owner, n, "function " + f.name());
                FUNCTION_BY_NAME.put(n, f);
            }
        }
        for (TransformSpec t : TRANSFORMS) claim(owner, "type " + t.type(), "transform " + t.type());
        owner.keySet().removeIf(n -> n.startsWith("type "));
        ALL_NAMES.addAll(owner.keySet());
        ALL_NAMES.sort(Comparator.naturalOrder());
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) all.addAll(l);
        return List.copyOf(all);
    }

    private static List<String> namesOf(String name, List<String> aliases) {
        List<String> names = new ArrayList<>(aliases.size() + 1);
        names.add(name);
        names.addAll(aliases);
        return names;
    }

    private static void claim(Map<String, String> owner, String name, String entry) {
        String previous = owner.putIfAbsent(name, entry);
        if (previous != null) {
            throw new IllegalStateException(
                    "registry: the name '" + name + "' is claimed by both " + previous + " and " + entry);
        }
    }

    // ------------------------------------------------------------------------------------------
    // The public API.

    /** The distribution of that canonical name or alias ({@code normal}, {@code dnorm}). */
    public static Optional<DistributionSpec> distribution(String nameOrAlias) {
        return Optional.ofNullable(DISTRIBUTION_BY_NAME.get(nameOrAlias));
    }

    /** The function of that name or alias ({@code inv_logit}, {@code logistic}). */
    public static Optional<FunctionSpec> function(String nameOrAlias) {
        return Optional.ofNullable(FUNCTION_BY_NAME.get(nameOrAlias));
    }

    /** The vector transform of a constrained type ({@code simplex}, {@code cholesky_factor_corr}, ...). */
    public static Optional<TransformSpec> transform(String type) {
        for (TransformSpec t : TRANSFORMS) if (t.type().equals(type)) return Optional.of(t);
        return Optional.empty();
    }

    /** Every vector transform. */
    public static List<TransformSpec> transforms() {
        return TRANSFORMS;
    }

    /** Every distribution, in library order. */
    public static List<DistributionSpec> distributions() {
        return DISTRIBUTIONS;
    }

    /** Every function, in library order. */
    public static List<FunctionSpec> functions() {
        return FUNCTIONS;
    }

    /**
     * Known names (distributions and functions, aliases included) nearest to an unknown one by
     * edit distance, best first, for "did you mean" messages. Distance is the optimal string
     * alignment (restricted Damerau-Levenshtein) distance between the lower-cased names; ties
     * are broken by the case-sensitive distance, then alphabetically. No cut-off is applied: the
     * caller decides how far is too far (see {@link #editDistance}).
     *
     * @param unknown the name the user wrote
     * @param max     at most this many
     */
    public static List<String> closest(String unknown, int max) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        record Candidate(String name, int folded, int exact) {}
        List<Candidate> candidates = new ArrayList<>(ALL_NAMES.size());
        for (String name : ALL_NAMES) {
            candidates.add(new Candidate(name, editDistance(lower, name.toLowerCase(Locale.ROOT)),
                    editDistance(unknown, name)));
        }
        candidates.sort(Comparator.comparingInt(Candidate::folded).thenComparingInt(Candidate::exact)
                .thenComparing(Candidate::name));
        List<String> result = new ArrayList<>(Math.min(Math.max(max, 0), candidates.size()));
        for (int i = 0; i < candidates.size() && i < max; i++) {
            result.add(candidates.get(i).name());
        }
        return result;
    }

    /**
     * The optimal string alignment distance (Levenshtein distance plus transposition of two
     * adjacent characters, each substring edited at most once; F. J. Damerau, CACM 7(3), 1964):
     * the fewest insertions, deletions, substitutions and adjacent transpositions turning a into b.
     */
    public static int editDistance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] dist = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            dist[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            dist[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(dist[i - 1][j] + 1, dist[i][j - 1] + 1), dist[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, dist[i - 2][j - 2] + 1);
                }
                dist[i][j] = best;
            }
        }
        return dist[n][m];
    }
}
