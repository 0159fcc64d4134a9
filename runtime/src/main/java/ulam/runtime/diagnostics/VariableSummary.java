package ulam.runtime.diagnostics;

import java.util.List;
import java.util.stream.IntStream;
import ulam.runtime.sampler.Fit;

/**
 * Posterior summary of one scalar output over all post-warmup draws of all chains: what a row of
 * the precis table and the convergence warnings need. Each statistic is computed as R's
 * {@code posterior} package computes it (see {@link Convergence}).
 *
 * @param name     the output name as the model gives it, e.g. {@code a[3]}
 * @param mean     posterior mean
 * @param sd       posterior standard deviation (denominator S - 1)
 * @param lower    type-7 quantile at {@code (1 - prob) / 2} (5.5% for prob 0.89)
 * @param upper    type-7 quantile at {@code 1 - (1 - prob) / 2} (94.5% for prob 0.89)
 * @param rhat     rank-normalised split R-hat (NaN when undefined, e.g. constant draws)
 * @param essBulk  bulk effective sample size (NaN when undefined)
 * @param essTail  tail effective sample size (NaN when undefined)
 * @param mcseMean Monte Carlo standard error of the mean (NaN when undefined)
 */
public record VariableSummary(String name, double mean, double sd, double lower, double upper, double rhat,
                              double essBulk, double essTail, double mcseMean) {

    /**
     * Summarises the draws of one quantity.
     *
     * @param name  its name
     * @param draws {@code double[chains][draws]}
     * @param prob  mass of the central interval, in (0, 1) (rethinking's default 0.89)
     * @throws IllegalArgumentException if prob is not in (0, 1) or the draws are empty or ragged
     */
    public static VariableSummary of(String name, double[][] draws, double prob) {
        if (!(prob > 0 && prob < 1)) throw new IllegalArgumentException("prob must lie in (0, 1): " + prob);
        double a = (1 - prob) / 2;
        double[] q = Convergence.quantiles(draws, a, 1 - a);
        return new VariableSummary(name, Convergence.mean(draws), Convergence.sd(draws), q[0], q[1],
                Convergence.rhat(draws), Convergence.essBulk(draws), Convergence.essTail(draws),
                Convergence.mcseMean(draws));
    }

    /**
     * Summarises every output of a fit, in output order (in parallel over outputs; the results do
     * not depend on it).
     *
     * @param fit  the sampling result
     * @param prob mass of the central interval, in (0, 1)
     * @return one summary per entry of {@link Fit#outputNames()}
     */
    public static List<VariableSummary> of(Fit fit, double prob) {
        String[] names = fit.outputNames();
        return IntStream.range(0, names.length).parallel()
                .mapToObj(j -> of(names[j], fit.draws(j), prob))
                .toList();
    }
}
