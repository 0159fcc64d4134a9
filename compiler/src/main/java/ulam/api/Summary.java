package ulam.api;

/**
 * The summary of one output (a parameter element such as {@code a[3]}, or a generated quantity),
 * as {@code ulam precis} prints it: posterior mean, sd, a central interval, split R-hat and bulk
 * and tail ESS (Vehtari et al. 2021, as in the Stan reference manual's "Effective sample size"
 * section), and the Monte Carlo standard error of the mean. Constrained scale.
 *
 * @param name     the output's name, e.g. {@code b[1,2]}
 * @param mean     posterior mean
 * @param sd       posterior standard deviation
 * @param lower    lower end of the central interval (5.5% for the default 0.89)
 * @param upper    upper end (94.5%)
 * @param rhat     rank-normalised split R-hat
 * @param essBulk  bulk effective sample size
 * @param essTail  tail effective sample size
 * @param mcseMean Monte Carlo standard error of the mean
 */
public record Summary(String name, double mean, double sd, double lower, double upper, double rhat, double essBulk,
                      double essTail, double mcseMean) {
}
