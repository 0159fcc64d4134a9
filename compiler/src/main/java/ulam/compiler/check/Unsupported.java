package ulam.compiler.check;

import java.util.Set;

/**
 * Names and forms of the language whose meaning this release does not implement yet: they parse,
 * and give a located "not supported yet" error instead of a confusing one.
 */
final class Unsupported {
    private Unsupported() {}

    static final String LATER = "is not supported yet (it comes with the multivariate, ordered, mixture and missing-data part of the language)";

    private static final Set<String> DISTRIBUTIONS = Set.of(
            "multi_normal", "dmvnorm", "dmvnorm2", "multi_normal_cholesky", "lkj_corr", "dlkjcorr",
            "lkj_corr_cholesky", "ordered_logistic", "dordlogit", "dirichlet", "ddirichlet", "categorical",
            "dcategorical", "categorical_logit", "dgampois", "neg_binomial_2", "gampois", "dbetabinom",
            "beta_binomial", "betabinomial", "dzipois", "dzigampois", "dzibinom", "dpareto", "pareto",
            "dexpnorm", "exp_mod_normal", "weibull", "dweibull", "von_mises", "skew_normal", "multinomial",
            "dmultinom", "dCJScapture", "CJS_capture_history",
            "inv_gamma", "wishart", "inv_wishart");

    private static final Set<String> FUNCTIONS = Set.of("merge_missing", "multi_normal_NC", "rep", "to_matrix");

    private static final Set<String> TYPES = Set.of(
            "simplex", "ordered", "positive_ordered", "corr_matrix", "cholesky_factor_corr", "cov_matrix",
            "cholesky_factor_cov", "unit_vector");

    static boolean distribution(String name) {
        return DISTRIBUTIONS.contains(name);
    }

    static boolean function(String name) {
        return FUNCTIONS.contains(name) || name.endsWith("_lcdf") || name.endsWith("_lccdf") || name.endsWith("_cdf");
    }

    static boolean type(String name) {
        return TYPES.contains(name);
    }
}
