package ulam.stdlib;

import java.util.List;

/** The registry's table of multivariate distributions, matrix functions and vector transforms (second release). */
final class MultivariateTable {
    private MultivariateTable() {}

    static final List<DistributionSpec> DISTRIBUTIONS = List.of();

    static final List<FunctionSpec> FUNCTIONS = List.of();

    static final List<TransformSpec> TRANSFORMS = List.of();
}
