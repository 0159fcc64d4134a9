package ulam.runtime.loo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pareto smoothed importance sampling (Vehtari, Simpson, Gelman, Yao and Gabry 2024, "Pareto
 * smoothed importance sampling", JMLR 25(72):1-58, Sec. 3), as R's {@code loo} package 2.5.1
 * computes it in {@code do_psis_i}:
 * <ol>
 *   <li>shift the log ratios by their maximum;</li>
 *   <li>take the {@code M = ceiling(min(0.2 S, 3 sqrt(S / r_eff)))} largest as the tail (eq. 4);
 *       with fewer than 5 tail draws nothing is smoothed and {@code k = +infinity};</li>
 *   <li>fit a generalized Pareto distribution to the tail's exceedances of the largest non-tail
 *       ratio (on the ratio scale) with {@link GeneralizedPareto#fit}, and replace the tail by the
 *       fitted quantiles at {@code (z - 1/2) / M}, z = 1..M, in the tail's order;</li>
 *   <li>truncate the smoothed weights at the largest raw weight (the truncation of loo 2.0 and
 *       later and of the 2024 paper; loo before 2.0 truncated at {@code S^(3/4)} times the mean
 *       weight, which is not used here);</li>
 *   <li>normalise.</li>
 * </ol>
 * The estimated shape {@code k} is the Pareto k diagnostic (Sec. 3.2 and 5 of the paper).
 */
public final class Psis {
    /** Fewer tail draws than this are not smoothed (loo's {@code enough_tail_samples}). */
    public static final int MIN_TAIL = 5;

    private Psis() {
    }

    /**
     * The smoothed weights of one vector of log ratios.
     *
     * @param logWeights normalised smoothed log weights, {@code double[S]}, {@code logSumExp = 0}
     * @param k          Pareto shape estimate ({@code +infinity} if the tail was too short or constant)
     * @param tailLength M, the number of draws in the fitted tail
     * @param nEff       PSIS effective sample size {@code r_eff / sum(w^2)} of the normalised weights
     */
    public record Column(double[] logWeights, double k, int tailLength, double nEff) {
    }

    /**
     * The tail length {@code ceiling(min(0.2 S, 3 sqrt(S / r_eff)))} (loo's {@code n_pareto}).
     *
     * @param draws S
     * @param rEff  relative efficiency of the draws (1 for independent draws)
     * @return M
     */
    public static int tailLength(int draws, double rEff) {
        return (int) Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws / rEff)));
    }

    /**
     * Pareto-smooths one vector of log importance ratios (for LOO: the negative log-likelihood of
     * one observation over the S draws).
     *
     * @param logRatios {@code double[S]}, finite; not modified
     * @param rEff      relative efficiency (only sets the tail length and n_eff)
     * @return the normalised smoothed log weights and the diagnostics
     * @throws IllegalArgumentException if a ratio is not finite or there are fewer than 2
     */
    public static Column smooth(double[] logRatios, double rEff) {
        int s = logRatios.length;
        if (s < 2) throw new IllegalArgumentException("PSIS needs at least 2 draws, got " + s);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logRatios) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("a log ratio is not finite: " + v);
            max = Math.max(max, v);
        }
        double[] lw = new double[s];
        for (int i = 0; i < s; i++) lw[i] = logRatios[i] - max;
        int m = tailLength(s, rEff);
        double k = Double.POSITIVE_INFINITY;
        if (m >= MIN_TAIL && m < s) {
            // stable ascending order (R's sort.int(index.return = TRUE) keeps ties in input order)
            Integer[] order = IntStream.range(0, s).boxed().toArray(Integer[]::new);
            double[] w = lw;
            Arrays.sort(order, Comparator.comparingDouble(i -> w[i]));
            double[] tail = new double[m];
            for (int j = 0; j < m; j++) tail[j] = lw[order[s - m + j]];
            if (Math.abs(tail[m - 1] - tail[0]) >= Math.ulp(1.0) / 100) {
                double cutoff = lw[order[s - m - 1]];
                double expCutoff = Math.exp(cutoff);
                double[] x = new double[m];
                for (int j = 0; j < m; j++) x[j] = Math.exp(tail[j]) - expCutoff;
                GeneralizedPareto.Estimate fit = GeneralizedPareto.fit(x);
                k = fit.k();
                if (Double.isFinite(k)) {
                    for (int j = 0; j < m; j++) {
                        double p = (j + 1 - 0.5) / m;
                        lw[order[s - m + j]] = Math.log(GeneralizedPareto.quantile(p, k, fit.sigma()) + expCutoff);
                    }
                }
            }
        }
        for (int i = 0; i < s; i++) if (lw[i] > 0) lw[i] = 0;
        double norm = LogSum.logSumExp(lw);
        double sumSq = 0;
        for (int i = 0; i < s; i++) {
            lw[i] -= norm;
            double wi = Math.exp(lw[i]);
            sumSq += wi * wi;
        }
        return new Column(lw, k, m, rEff / sumSq);
    }
}
