package ulam.compiler.check;

import java.util.Map;
import java.util.Set;

/**
 * What the compiler may know of the data before it binds them: the names, and for each its rank
 * (0 scalar, 1 column or array, 2 matrix). With a schema the compiler tells data from parameters
 * exactly; without one ({@code ulam compile} with no {@code --data}) it infers: a name that is
 * never defined in the model is data, a name on the left of {@code ~} that is not defined by a
 * {@code <-} line is a parameter.
 *
 * @param ranks    name (normalised) to rank
 * @param integers names whose values are all whole numbers (within int range, no NA): read as
 *                 integers even where the model uses them as reals (converted on use), which
 *                 halves their memory and lets the IR group rows by them
 * @param missing  names holding NA, with how many (a variable with its own prior is imputed,
 *                 language reference 2.15)
 * @param values   the data the schema describes, or null: read only by the formula front end,
 *                 whose expansion depends on them as R's model.matrix does (factor levels,
 *                 centring means, default priors; docs/formulas.md)
 */
public record DataSchema(Map<String, Integer> ranks, Set<String> integers, Map<String, Integer> missing,
                         ulam.runtime.data.DataSet values) {

    /** A schema that knows names and ranks only. */
    public DataSchema(Map<String, Integer> ranks) {
        this(ranks, Set.of(), Map.of());
    }

    /** A schema without the values. */
    public DataSchema(Map<String, Integer> ranks, Set<String> integers, Map<String, Integer> missing) {
        this(ranks, integers, missing, null);
    }

    /**
     * {@code top} over {@code base}: a name of {@code top} has its rank, integer-ness and missing
     * count from {@code top}; other names keep {@code base}'s. A prediction compiles its program
     * with the fit's data under the new data, so that every name is classified as in the fit;
     * the values are {@code base}'s (a formula is expanded with the fit's data: its levels,
     * centring and priors).
     */
    public static DataSchema overlay(DataSchema base, DataSchema top) {
        java.util.Map<String, Integer> ranks = new java.util.LinkedHashMap<>(base.ranks());
        java.util.Set<String> integers = new java.util.HashSet<>(base.integers());
        java.util.Map<String, Integer> missing = new java.util.LinkedHashMap<>(base.missing());
        for (String n : top.names()) {
            ranks.put(n, top.rank(n));
            integers.remove(n);
            missing.remove(n);
        }
        integers.addAll(top.integers());
        missing.putAll(top.missing());
        return new DataSchema(ranks, integers, missing, base.values());
    }

    /** Names in the data. */
    public Set<String> names() {
        return ranks.keySet();
    }

    /** Whether the data have that name. */
    public boolean has(String name) {
        return ranks.containsKey(name);
    }

    /** Rank of a name (0, 1 or 2), or -1 if absent. */
    public int rank(String name) {
        Integer r = ranks.get(name);
        return r == null ? -1 : r;
    }
}
