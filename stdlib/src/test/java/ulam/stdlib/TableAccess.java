package ulam.stdlib;

import java.util.List;

/** Test access to which table an entry comes from (the tables are package-private). */
public final class TableAccess {
    private TableAccess() {}

    /** Canonical names of the distributions of {@link UnivariateTable}. */
    public static List<String> univariateDistributions() {
        return UnivariateTable.DISTRIBUTIONS.stream().map(DistributionSpec::name).toList();
    }
}
