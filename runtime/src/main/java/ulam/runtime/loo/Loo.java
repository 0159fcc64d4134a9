package ulam.runtime.loo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.numbers.gamma.InverseErfc;

/**
 * Approximate leave-one-out cross-validation by Pareto smoothed importance sampling, PSIS-LOO
 * (Vehtari, Gelman and Gabry 2017, "Practical Bayesian model evaluation using leave-one-out
 * cross-validation and WAIC", Stat. Comput. 27, eqs. 10-11 and Sec. 2.3; the smoothing is
 * {@link Psis}, Vehtari et al. 2024), with the pointwise values, estimates and standard errors of
 * R's {@code loo::loo} (package version 2.5.1):
 * <pre>
 * lw[., i]     = PSIS-smoothed, normalised log weights of -ll[., i]
 * elpd_loo_i   = log_sum_exp(ll[., i] + lw[., i])
 * lpd_i        = log_sum_exp(ll[., i]) - log S
 * p_loo_i      = lpd_i - elpd_loo_i,     looic_i = -2 elpd_loo_i
 * estimate     = sum over i;             SE = sqrt(N var(x_i))   (sample variance)
 * </pre>
 * plus loo's Monte Carlo SE of each elpd_loo_i ({@code mcse_elpd}: a normal approximation of the
 * weighted likelihood mapped through the log at 1000 deterministic normal quantiles), the PSIS
 * n_eff, and the Pareto k diagnostic of each observation with loo 2.5.1's categories: good
 * (k at most 0.5), ok (0.5 to 0.7), bad (0.7 to 1) and very bad (above 1). Above 0.7 the
 * observation's elpd_loo_i is unreliable (its importance weights have too heavy a tail).
 *
 * <p>Relative efficiency: {@link #of(double[][])} uses {@code r_eff = 1} for every observation
 * (loo's default without {@code r_eff}, and rethinking's {@code PSIS} for a list of samples);
 * {@link #of(double[][], double[])} takes it, e.g. from {@link RelativeEfficiency#of} as
 * rethinking's {@code PSIS} does for a Stan fit.
 */
public final class Loo {
    /** Upper bounds of the Pareto k categories good, ok and bad (very bad is above the last). */
    public static final double K_GOOD = 0.5;
    /** Above this an observation's PSIS estimate is unreliable. */
    public static final double K_OK = 0.7;
    /** Above this the importance weights have no finite mean. */
    public static final double K_BAD = 1.0;
    private static final int MCSE_POINTS = 1000;
    private static final double[] MCSE_Z = mcseQuantiles();

    private final int draws;
    private final double[] elpd;
    private final double[] mcse;
    private final double[] p;
    private final double[] looic;
    private final double[] k;
    private final double[] nEff;
    private final int[] tail;
    /** The canonical name of the model's likelihood, for the advice of the warnings; or null. */
    private String family;

    private Loo(int draws, double[] elpd, double[] mcse, double[] p, double[] k, double[] nEff, int[] tail) {
        this.draws = draws;
        this.elpd = elpd;
        this.mcse = mcse;
        this.p = p;
        this.k = k;
        this.nEff = nEff;
        this.tail = tail;
        this.looic = new double[elpd.length];
        for (int i = 0; i < elpd.length; i++) looic[i] = -2 * elpd[i];
    }

    /**
     * PSIS-LOO with {@code r_eff = 1}.
     *
     * @param logLik {@code double[S][N]} pointwise log-likelihood, natural log, finite
     * @return the result
     * @throws IllegalArgumentException if the matrix is empty, ragged or not finite
     */
    public static Loo of(double[][] logLik) {
        double[] ones = new double[logLik.length == 0 ? 0 : logLik[0].length];
        Arrays.fill(ones, 1);
        return of(logLik, ones);
    }

    /**
     * PSIS-LOO with a relative efficiency per observation; observations are computed in parallel
     * (the result does not depend on it).
     *
     * @param logLik {@code double[S][N]} pointwise log-likelihood
     * @param rEff   {@code double[N]}, each positive
     * @return the result
     * @throws IllegalArgumentException if the matrix is empty, ragged or not finite, or rEff has the wrong length
     */
    public static Loo of(double[][] logLik, double[] rEff) {
        Matrices.check(logLik);
        int s = logLik.length;
        int n = logLik[0].length;
        if (rEff.length != n) throw new IllegalArgumentException("r_eff must have one value per observation");
        double[] elpd = new double[n];
        double[] mcse = new double[n];
        double[] p = new double[n];
        double[] k = new double[n];
        double[] nEff = new double[n];
        int[] tail = new int[n];
        double logS = Math.log(s);
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] ll = LogSum.column(logLik, i, new double[s]);
            double[] ratios = new double[s];
            for (int j = 0; j < s; j++) ratios[j] = -ll[j];
            Psis.Column c = Psis.smooth(ratios, rEff[i]);
            double[] sum = new double[s];
            for (int j = 0; j < s; j++) sum[j] = ll[j] + c.logWeights()[j];
            elpd[i] = LogSum.logSumExp(sum);
            p[i] = LogSum.logSumExp(ll) - logS - elpd[i];
            mcse[i] = mcse(ll, c.logWeights(), elpd[i], rEff[i]);
            k[i] = c.k();
            nEff[i] = c.nEff();
            tail[i] = c.tailLength();
        });
        return new Loo(s, elpd, mcse, p, k, nEff, tail);
    }

    /** loo's {@code mcse_elpd} for one observation. */
    private static double mcse(double[] ll, double[] lw, double elpdLoo, double rEff) {
        double eEpd = Math.exp(elpdLoo);
        double var = 0;
        for (int j = 0; j < ll.length; j++) {
            double w = Math.exp(lw[j]);
            double d = Math.exp(ll[j]) - eEpd;
            var += w * w * d * d;
        }
        double sd = Math.sqrt(var);
        double[] logs = new double[MCSE_POINTS];
        int m = 0;
        for (double z : MCSE_Z) {
            double v = eEpd + sd * z;
            if (v > 0) logs[m++] = Math.log(v);
        }
        return Math.sqrt(LogSum.variance(Arrays.copyOf(logs, m), true) / rEff);
    }

    /** {@code qnorm((r - 3/8) / (1000 - 2 * 3/8 + 1))}, r = 1..1000 (Blom's plotting positions). */
    private static double[] mcseQuantiles() {
        double c = 3.0 / 8;
        double[] z = new double[MCSE_POINTS];
        for (int r = 1; r <= MCSE_POINTS; r++) {
            double prob = (r - c) / (MCSE_POINTS - 2 * c + 1);
            z[r - 1] = -Math.sqrt(2) * InverseErfc.value(2 * prob);
        }
        return z;
    }

    /** Number of draws S. */
    public int draws() {
        return draws;
    }

    /** Number of observations N. */
    public int observations() {
        return elpd.length;
    }

    /** Pointwise elpd_loo_i (a copy). */
    public double[] pointwiseElpd() {
        return elpd.clone();
    }

    /** Pointwise Monte Carlo SE of elpd_loo_i (a copy). */
    public double[] pointwiseMcse() {
        return mcse.clone();
    }

    /** Pointwise p_loo_i (a copy). */
    public double[] pointwisePenalty() {
        return p.clone();
    }

    /** Pointwise looic_i = -2 elpd_loo_i (a copy): rethinking's pointwise PSIS, what compare differences. */
    public double[] pointwiseLooic() {
        return looic.clone();
    }

    /** Pareto k of each observation (a copy); {@code +infinity} where the tail could not be fitted. */
    public double[] paretoK() {
        return k.clone();
    }

    /** PSIS effective sample size of each observation (a copy). */
    public double[] nEff() {
        return nEff.clone();
    }

    /** PSIS tail length M of each observation (a copy). */
    public int[] tailLengths() {
        return tail.clone();
    }

    /** elpd_loo, the sum of elpd_loo_i. */
    public double elpd() {
        return LogSum.sum(elpd);
    }

    /** Standard error of elpd_loo, {@code sqrt(N var(elpd_loo_i))}. */
    public double seElpd() {
        return LogSum.seOfSum(elpd, true);
    }

    /** p_loo, the effective number of parameters. */
    public double penalty() {
        return LogSum.sum(p);
    }

    /** Standard error of p_loo. */
    public double sePenalty() {
        return LogSum.seOfSum(p, true);
    }

    /** looic = -2 elpd_loo (rethinking's PSIS). */
    public double looic() {
        return LogSum.sum(looic);
    }

    /** Standard error of looic (rethinking's PSIS {@code std_err}). */
    public double seLooic() {
        return LogSum.seOfSum(looic, true);
    }

    /**
     * This result with some observations' PSIS estimates replaced by exact leave-one-out values
     * from refits without them, as loo's {@code reloo}: elpd_loo_i is the refit's log predictive
     * density of observation i, p_loo_i = lpd_i - elpd_loo_i, its Monte Carlo SE and Pareto k are
     * set to 0 and its n_eff to the number of draws (so it no longer counts as a bad k).
     *
     * @param observations 0-based indices of the refitted observations
     * @param exactElpd    their exact elpd_loo_i, same order
     * @return the new result (this one is unchanged)
     * @throws IllegalArgumentException if the lengths differ or an index is out of range
     */
    public Loo withRefits(int[] observations, double[] exactElpd) {
        if (observations.length != exactElpd.length) throw new IllegalArgumentException("one elpd per refitted observation");
        double[] e = elpd.clone();
        double[] m = mcse.clone();
        double[] pp = p.clone();
        double[] kk = k.clone();
        double[] ne = nEff.clone();
        int[] t = tail.clone();
        for (int j = 0; j < observations.length; j++) {
            int i = observations[j];
            double lpd = p[i] + elpd[i];
            e[i] = exactElpd[j];
            pp[i] = lpd - exactElpd[j];
            m[i] = 0;
            kk[i] = 0;
            ne[i] = draws;
            t[i] = 0;
        }
        return new Loo(draws, e, m, pp, kk, ne, t);
    }

    /** Monte Carlo SE of elpd_loo, {@code sqrt(sum mcse_i^2)}; NaN when some k exceeds 0.7 (as loo). */
    public double mcseElpd() {
        for (double v : k) if (v > K_OK) return Double.NaN;
        double s = 0;
        for (double v : mcse) s += v * v;
        return Math.sqrt(s);
    }

    /** 0-based indices of the observations whose k exceeds the threshold, in order. */
    public int[] highK(double threshold) {
        return IntStream.range(0, k.length).filter(i -> k[i] > threshold).toArray();
    }

    /**
     * Counts of observations per Pareto k category: good (k at most 0.5), ok (0.5, 0.7], bad
     * (0.7, 1], very bad (above 1); loo's {@code pareto_k_table} counts.
     *
     * @return {@code int[4]}
     */
    public int[] kCounts() {
        int[] c = new int[4];
        for (double v : k) c[category(v)]++;
        return c;
    }

    /** The smallest PSIS n_eff in each k category (NaN for an empty one). */
    public double[] kMinNEff() {
        double[] m = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (int i = 0; i < k.length; i++) {
            int c = category(k[i]);
            if (Double.isNaN(m[c]) || nEff[i] < m[c]) m[c] = nEff[i];
        }
        return m;
    }

    private static int category(double v) {
        return v <= K_GOOD ? 0 : v <= K_OK ? 1 : v <= K_BAD ? 2 : 3;
    }

    /**
     * The warnings: observations with k above 0.7 (listed, 1-based, up to 20) and above 1, or
     * slightly high k (0.5 to 0.7); the advice for high k depends on the likelihood
     * ({@link #withFamily}).
     *
     * @return warnings in plain words, each saying what to do; empty when all k are at most 0.5
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        int[] high = highK(K_OK);
        if (high.length > 0) {
            int veryHigh = highK(K_BAD).length;
            out.add(String.format(Locale.ROOT, "%d of %d observations have a Pareto k above %.1f%s: their PSIS-LOO"
                    + " estimates are unreliable (observations %s). These points are highly influential; check them,"
                    + " and consider a model that is more robust to them (%s).",
                    high.length, k.length, K_OK, veryHigh > 0 ? " (" + veryHigh + " above 1)" : "", list(high),
                    robustAlternative(family)));
        } else if (highK(K_GOOD).length > 0) {
            out.add(String.format(Locale.ROOT, "%d of %d observations have a Pareto k between 0.5 and 0.7: their"
                    + " PSIS-LOO estimates are still usable (observations %s).", highK(K_GOOD).length, k.length,
                    list(highK(K_GOOD))));
        }
        return out;
    }

    /**
     * The same result, whose warnings give advice that fits the model's likelihood (see
     * {@link #robustAlternative}).
     *
     * @param family the canonical name of the model's (first) likelihood distribution, e.g.
     *               {@code binomial_logit}, or null when unknown
     * @return a copy (the arrays are shared: the results are read-only)
     */
    public Loo withFamily(String family) {
        Loo copy = new Loo(draws, elpd, mcse, p, k, nEff, tail);
        copy.family = family;
        return copy;
    }

    /**
     * What makes a model of this likelihood more robust to influential observations: a Student-t
     * for a normal likelihood, a beta-binomial or gamma-Poisson for counts (over-dispersion,
     * Statistical Rethinking chapter 12), varying effects for a 0/1 outcome, and for other
     * likelihoods a more dispersed distribution.
     *
     * @param family canonical distribution name, or null
     */
    static String robustAlternative(String family) {
        String f = family == null ? "" : family;
        if (f.equals("normal") || f.equals("normal_id_glm")) return "e.g. a Student-t likelihood, dstudent, whose thicker tails let outliers weigh less";
        if (f.startsWith("binomial")) return "e.g. a beta-binomial likelihood, dbetabinom, which allows more spread than the binomial";
        if (f.startsWith("bernoulli")) return "e.g. varying effects for the groups the surprising observations share, or"
                + " better predictors: a 0/1 outcome cannot be over-dispersed";
        if (f.startsWith("poisson")) return "e.g. a gamma-Poisson likelihood, dgampois, which allows more spread than the Poisson";
        return "e.g. a likelihood with more spread or thicker tails, or a varying effect per observation";
    }

    private static String list(int[] idx) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < Math.min(idx.length, 20); j++) {
            if (j > 0) sb.append(", ");
            sb.append(idx[j] + 1);
        }
        if (idx.length > 20) sb.append(", ... ").append(idx.length - 20).append(" more");
        return sb.toString();
    }

    /**
     * The result as R's {@code print(loo)} lays it out: the estimates table ({@code elpd_loo},
     * {@code p_loo}, {@code looic} with {@code Estimate SE}, 1 decimal), the Monte Carlo SE of
     * elpd_loo, and the Pareto k table ({@code Count Pct. Min. n_eff}).
     *
     * @return lines ending in {@code \n}
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Computed from %d by %d log-likelihood matrix%n%n", draws, k.length));
        sb.append(Matrices.table(new String[][] {{"", "Estimate", "SE"},
            {"elpd_loo", Matrices.fixed(elpd(), 1), Matrices.fixed(seElpd(), 1)},
            {"p_loo", Matrices.fixed(penalty(), 1), Matrices.fixed(sePenalty(), 1)},
            {"looic", Matrices.fixed(looic(), 1), Matrices.fixed(seLooic(), 1)}}, null));
        sb.append("------\n");
        sb.append("Monte Carlo SE of elpd_loo is ").append(Matrices.fixed(mcseElpd(), 1)).append(".\n\n");
        int[] counts = kCounts();
        if (counts[1] + counts[2] + counts[3] == 0) {
            sb.append("All Pareto k estimates are good (k < 0.5).\n");
        } else {
            double[] minEff = kMinNEff();
            String[] labels = {"(-Inf, 0.5]", " (0.5, 0.7]", "   (0.7, 1]", "   (1, Inf)"};
            String[] words = {"(good)", "(ok)", "(bad)", "(very bad)"};
            String[][] cells = new String[5][];
            cells[0] = new String[] {"Pareto k diagnostic values:", "", "Count", "Pct.", "Min. n_eff"};
            for (int c = 0; c < 4; c++) {
                cells[c + 1] = new String[] {labels[c], words[c], Integer.toString(counts[c]),
                    Matrices.fixed(100.0 * counts[c] / k.length, 1) + "%",
                    Double.isNaN(minEff[c]) ? "NA" : Matrices.fixed(Math.round(minEff[c]), 0)};
            }
            sb.append(cells[0][0]).append('\n');
            cells[0][0] = "";
            sb.append(Matrices.table(cells, null));
            if (counts[2] + counts[3] == 0) sb.append("\nAll Pareto k estimates are ok (k < 0.7).\n");
        }
        return sb.toString();
    }
}
