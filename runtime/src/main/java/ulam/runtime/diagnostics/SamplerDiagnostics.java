package ulam.runtime.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerStat;

/**
 * Checks of a finished run, each turned into a warning in plain words that says what to do:
 * divergent transitions and tree-depth saturation after warmup, low E-BFMI per chain, a chain whose
 * {@code lp__} stayed far below the others' ({@link #stuckChains}), R-hat above 1.01, and bulk or
 * tail ESS below 100 per chain (400 with 4 chains). Thresholds follow Stan's {@code diagnose} and
 * Vehtari et al. (2021, Sec. 4: R-hat below 1.01, ESS above 100 per chain).
 */
public final class SamplerDiagnostics {
    /** R-hat above this is reported. */
    public static final double RHAT_THRESHOLD = 1.01;
    /** E-BFMI below this is reported. */
    public static final double EBFMI_THRESHOLD = 0.3;
    /** Required ESS per chain. */
    public static final int ESS_PER_CHAIN = 100;
    /**
     * A chain is stuck when even its 95th percentile of {@code lp__} lies this many robust standard
     * deviations of the best chain's {@code lp__} below the best chain's median.
     */
    public static final double STUCK_SDS = 10;

    private SamplerDiagnostics() {
    }

    /**
     * Energy Bayesian fraction of missing information of one chain (Betancourt 2016, "Diagnosing
     * Suboptimal Cotangent Disintegrations in Hamiltonian Monte Carlo", eq. 12 estimator):
     * {@code sum_n (E_n - E_{n-1})^2 / sum_n (E_n - mean(E))^2} over the post-warmup energies.
     *
     * @param energy the chain's {@code energy__} values after warmup
     * @return E-BFMI (NaN for fewer than 2 draws or constant energy)
     */
    public static double ebfmi(double[] energy) {
        int n = energy.length;
        if (n < 2) return Double.NaN;
        double mean = 0;
        for (double e : energy) mean += e;
        mean /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) num += (energy[i] - energy[i - 1]) * (energy[i] - energy[i - 1]);
            den += (energy[i] - mean) * (energy[i] - mean);
        }
        return den > 0 ? num / den : Double.NaN;
    }

    /** Number of post-warmup transitions, over all chains, that ended with a divergence. */
    public static int divergences(Fit fit) {
        int n = 0;
        for (ChainResult c : fit.chains()) for (double[] s : c.stats()) if (s[SamplerStat.DIVERGENT.index()] != 0) n++;
        return n;
    }

    /** Number of post-warmup transitions, over all chains, that reached the maximum tree depth. */
    public static int treeDepthHits(Fit fit) {
        int max = fit.config().maxTreeDepth();
        int n = 0;
        for (ChainResult c : fit.chains()) for (double[] s : c.stats()) if (s[SamplerStat.TREEDEPTH.index()] >= max) n++;
        return n;
    }

    /**
     * Whether the run shows the signs of a funnel: a divergent transition after warmup, or a
     * chain's E-BFMI below {@link #EBFMI_THRESHOLD}; then a model's
     * {@link ulam.runtime.Model#reparameterisations()} are worth printing.
     *
     * @param fit a run with at least one parameter
     */
    public static boolean showsFunnel(Fit fit) {
        if (fit.dimension() == 0) return false;
        if (divergences(fit) > 0) return true;
        for (ChainResult c : fit.chains()) if (ebfmi(c.stat(SamplerStat.ENERGY)) < EBFMI_THRESHOLD) return true;
        return false;
    }

    /**
     * The chains whose log density after warmup stayed far below the best chain's: chain c is
     * stuck when the 95th percentile of its {@code lp__} draws is more than {@link #STUCK_SDS}
     * times the best chain's robust sd of {@code lp__} (its interquartile range / 1.349, at least 1)
     * below the best chain's median {@code lp__} (the best chain: the one with the highest median).
     * In a converged run every chain's {@code lp__} has the same distribution (its sd is about
     * sqrt(d / 2) for d parameters near a normal posterior), so this never fires by chance; it
     * fires for a chain that did not leave the region of its initial values during warmup (an
     * explosive recurrence at random initial values, say) or that sits in a minor mode. R-hat then
     * reports the disagreement too, but not which chain nor why.
     *
     * @param fit a run with at least two chains (fewer: none is stuck)
     * @return the stuck chains' ids (1-based), in order
     */
    public static List<Integer> stuckChains(Fit fit) {
        List<Integer> out = new ArrayList<>();
        if (fit.chainCount() < 2 || fit.drawsPerChain() < 2) return out;
        double[][] lp = sortedLp(fit);
        int best = best(lp);
        double bestMedian = sortedQuantile(lp[best], 0.5);
        double sd = Math.max(1, (sortedQuantile(lp[best], 0.75) - sortedQuantile(lp[best], 0.25)) / 1.349);
        for (int c = 0; c < lp.length; c++) {
            if (sortedQuantile(lp[c], 0.95) < bestMedian - STUCK_SDS * sd) out.add(fit.chains().get(c).id());
        }
        return out;
    }

    /** Each chain's post-warmup {@code lp__}, sorted. */
    private static double[][] sortedLp(Fit fit) {
        double[][] lp = new double[fit.chainCount()][];
        for (int c = 0; c < lp.length; c++) {
            lp[c] = fit.chains().get(c).stat(SamplerStat.LP).clone();
            java.util.Arrays.sort(lp[c]);
        }
        return lp;
    }

    /** The index of the chain with the highest median {@code lp__} (the first of equals). */
    private static int best(double[][] sortedLp) {
        int best = 0;
        for (int c = 1; c < sortedLp.length; c++) {
            if (sortedQuantile(sortedLp[c], 0.5) > sortedQuantile(sortedLp[best], 0.5)) best = c;
        }
        return best;
    }

    /** The q quantile of sorted values by linear interpolation (R's type 7). */
    private static double sortedQuantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The warning for stuck chains (see {@link #stuckChains}), or null when none is. */
    private static String stuckWarning(Fit fit) {
        List<Integer> stuck = stuckChains(fit);
        if (stuck.isEmpty()) return null;
        double[][] lp = sortedLp(fit);
        int bestIndex = best(lp);
        int best = fit.chains().get(bestIndex).id();
        double bestMedian = sortedQuantile(lp[bestIndex], 0.5);
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < lp.length; c++) {
            int id = fit.chains().get(c).id();
            if (stuck.contains(id)) parts.add(String.format(Locale.ROOT, "chain %d (median %.4g)", id, sortedQuantile(lp[c], 0.5)));
        }
        String warmup = "--warmup " + Math.max(2 * fit.config().warmup(), 2000);
        return String.format(Locale.ROOT, "the log density (lp__) after warmup of %s stayed far below that of chain"
                + " %d (median %.4g): %s not reach the region where chain %d samples (stuck near initial values"
                + " where the log density is extreme, or in a minor mode). Start the chains at Pathfinder draws"
                + " (--init pathfinder) or nearer zero (--init 0.5), or lengthen the warmup (%s).",
                String.join(", ", parts), best, bestMedian, stuck.size() == 1 ? "it did" : "they did", best, warmup);
    }

    /**
     * The warnings of a run, each one paragraph: empty when everything looks fine.
     *
     * @param fit       the run (model dimension 0, i.e. no parameters, skips the sampler checks)
     * @param summaries summaries of the values to check (usually every output)
     * @return warnings in the order: divergences, tree depth, E-BFMI, stuck chains, R-hat, bulk ESS,
     *         tail ESS
     */
    public static List<String> warnings(Fit fit, List<VariableSummary> summaries) {
        List<String> out = new ArrayList<>();
        int total = fit.chainCount() * fit.drawsPerChain();
        int iter = fit.config().iterations();
        if (fit.dimension() > 0) {
            int div = divergences(fit);
            if (div > 0) {
                String delta = fit.config().adaptDelta() < 0.99 ? "0.99" : "0.999";
                out.add(String.format(Locale.ROOT, "%d of %d transitions after warmup ended with a divergence: the"
                        + " sampler could not follow the posterior's geometry. Increase --adapt-delta (e.g. %s) or use"
                        + " a non-centred parameterisation.", div, total, delta));
            }
            int depthHits = treeDepthHits(fit);
            if (depthHits > 0) {
                int max = fit.config().maxTreeDepth();
                out.add(String.format(Locale.ROOT, "%d of %d transitions after warmup hit the maximum tree depth of"
                        + " %d: their trajectories were cut short, which makes sampling slow (not biased). Increase"
                        + " --max-treedepth (e.g. %d), or reparameterise so the parameters are less correlated and"
                        + " on similar scales.", depthHits, total, max, max + 2));
            }
            List<String> low = new ArrayList<>();
            for (ChainResult c : fit.chains()) {
                double e = ebfmi(c.stat(SamplerStat.ENERGY));
                if (e < EBFMI_THRESHOLD) low.add(String.format(Locale.ROOT, "chain %d (%.2f)", c.id(), e));
            }
            if (!low.isEmpty()) {
                out.add("E-BFMI is below " + EBFMI_THRESHOLD + " in " + String.join(", ", low) + ": the sampler"
                        + " explores the posterior's energy levels slowly, usually because of heavy tails or a"
                        + " funnel. Try a non-centred parameterisation or more informative priors.");
            }
            String stuck = stuckWarning(fit);
            if (stuck != null) out.add(stuck);
        }
        String suggestIter = "--iter " + Math.max(2 * iter, 2000);
        VariableSummary worstRhat = null;
        int highRhat = 0;
        int checked = 0;
        for (VariableSummary s : summaries) {
            if (Double.isNaN(s.rhat())) continue;
            checked++;
            if (s.rhat() > RHAT_THRESHOLD) {
                highRhat++;
                if (worstRhat == null || s.rhat() > worstRhat.rhat()) worstRhat = s;
            }
        }
        if (highRhat > 0) {
            out.add(String.format(Locale.ROOT, "R-hat is above %.2f for %d of %d values (largest %.3f, for %s): the"
                    + " chains disagree, so they have not converged. Run longer chains (e.g. %s); if R-hat stays"
                    + " high, the posterior may be multimodal or the model weakly identified.",
                    RHAT_THRESHOLD, highRhat, checked, worstRhat.rhat(), worstRhat.name(), suggestIter));
        }
        int essTarget = ESS_PER_CHAIN * fit.chainCount();
        essWarning(out, summaries, true, essTarget, suggestIter);
        essWarning(out, summaries, false, essTarget, suggestIter);
        return out;
    }

    private static void essWarning(List<String> out, List<VariableSummary> summaries, boolean bulk, int target,
                                   String suggestIter) {
        VariableSummary worst = null;
        int low = 0;
        int checked = 0;
        for (VariableSummary s : summaries) {
            double ess = bulk ? s.essBulk() : s.essTail();
            if (Double.isNaN(ess)) continue;
            checked++;
            if (ess < target) {
                low++;
                double w = worst == null ? Double.POSITIVE_INFINITY : bulk ? worst.essBulk() : worst.essTail();
                if (ess < w) worst = s;
            }
        }
        if (low == 0) return;
        double smallest = bulk ? worst.essBulk() : worst.essTail();
        String what = bulk ? "bulk ESS" : "tail ESS";
        String consequence = bulk ? "posterior means and medians are imprecise"
                : "the interval bounds (tail quantiles) are imprecise";
        out.add(String.format(Locale.ROOT, "%s is below %d for %d of %d values (smallest %.0f, for %s): %s. Run"
                + " longer chains (e.g. %s).", what, target, low, checked, smallest, worst.name(), consequence,
                suggestIter));
    }
}
