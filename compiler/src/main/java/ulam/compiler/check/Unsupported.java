package ulam.compiler.check;

import java.util.Set;

/**
 * Names and forms of the language whose meaning this release does not implement yet: they parse,
 * and give a located "not supported yet" error instead of a confusing one.
 */
final class Unsupported {
    private Unsupported() {}

    static final String LATER = "is not supported yet (docs/language.md lists what is not)";

    private static final Set<String> DISTRIBUTIONS = Set.of(
            "dCJScapture", "CJS_capture_history", "wishart", "inv_wishart");

    private static final Set<String> FUNCTIONS = Set.of("multi_normal_NC", "to_matrix");

    private static final Set<String> TYPES = Set.of("unit_vector");

    static boolean distribution(String name) {
        return DISTRIBUTIONS.contains(name);
    }

    static boolean function(String name) {
        return FUNCTIONS.contains(name) || name.endsWith("_cdf");
    }

    static boolean type(String name) {
        return TYPES.contains(name);
    }
}
