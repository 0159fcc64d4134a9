package ulam.api;

/**
 * PSIS-LOO of a fit (Vehtari, Gelman and Gabry 2017; Pareto-smoothed importance sampling, as R's
 * {@code loo} package and {@code ulam loo}): the expected log pointwise predictive density and
 * its standard error, the effective number of parameters, LOOIC ({@code -2 elpd}) and each
 * observation's Pareto k (above 0.7: unreliable, refit with {@code ulam loo --reloo}).
 *
 * @param elpd   elpd_loo, natural-log scale
 * @param seElpd its standard error
 * @param pLoo   p_loo
 * @param looic  -2 elpd_loo
 * @param paretoK Pareto k per observation, {@code double[N]}
 */
public record LooResult(double elpd, double seElpd, double pLoo, double looic, double[] paretoK) {
}
