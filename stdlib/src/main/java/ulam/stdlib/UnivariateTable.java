package ulam.stdlib;

import java.util.List;

/** The registry's table of new scalar, count and categorical distributions (second release). */
final class UnivariateTable {
    private UnivariateTable() {}

    static final List<DistributionSpec> DISTRIBUTIONS = List.of();

    static final List<FunctionSpec> FUNCTIONS = List.of();
}
