package ulam.runtime.loo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * K-fold cross-validation (Vehtari, Gelman and Gabry 2017, "Practical Bayesian model evaluation
 * using leave-one-out cross-validation and WAIC", Sec. 4.2; brms's {@code kfold} and loo's
 * {@code kfold} object): the observations are split into K folds; the model is fitted K times,
 * each time without one fold, and each held-out observation i is scored by its log predictive
 * density under the fit that did not see it,
 * <pre>
 * elpd_i  = log( (1/S) sum_s p(y_i | theta_s) ),   theta_s the S draws of the fit without i's fold
 * elpd_kfold = sum_i elpd_i,   SE = sqrt(N var(elpd_i)),   kfoldic = -2 elpd_kfold,
 * p_kfold = lpd - elpd_kfold,  lpd = sum_i log( (1/S) sum_s p(y_i | theta_s) ) over the full fit's draws
 * </pre>
 * as loo computes them. Folds are drawn as loo's {@code kfold_split_random} (balanced: fold sizes
 * differ by at most one) or, by group, {@code kfold_split_grouped} (every observation of a group in
 * one fold, the groups balanced over the folds), from a seed.
 */
public final class KFold {
    private final int k;
    private final int[] folds;
    private final double[] elpd;
    private final double[] lpd;

    private KFold(int k, int[] folds, double[] elpd, double[] lpd) {
        this.k = k;
        this.folds = folds;
        this.elpd = elpd;
        this.lpd = lpd;
    }

    /**
     * Balanced random folds, as loo's {@code kfold_split_random(K, N)}: the sequence
     * {@code 1..K, 1..K, ...} cut to N and shuffled.
     *
     * @param k    folds, 2 to N
     * @param n    observations
     * @param seed seed of the shuffle
     * @return {@code int[N]}, each in 1..K
     * @throws IllegalArgumentException if K is not in [2, N]
     */
    public static int[] splitRandom(int k, int n, long seed) {
        if (k < 2 || k > n) throw new IllegalArgumentException("K must lie in [2, " + n + "]: " + k);
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = i % k + 1;
        shuffle(f, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        return f;
    }

    /**
     * Folds by group, as loo's {@code kfold_split_grouped(K, x)}: the distinct groups are shuffled
     * and dealt to the folds in turn, and every observation goes to its group's fold.
     *
     * @param k      folds, 2 to the number of groups
     * @param groups {@code String[N]}: each observation's group
     * @param seed   seed of the shuffle
     * @return {@code int[N]}, each in 1..K
     * @throws IllegalArgumentException if K is not in [2, number of groups]
     */
    public static int[] splitGrouped(int k, String[] groups, long seed) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String g : groups) index.putIfAbsent(g, index.size());
        int m = index.size();
        if (k < 2 || k > m) throw new IllegalArgumentException("K must lie in [2, " + m + "] (the number of groups): " + k);
        int[] groupFold = new int[m];
        for (int j = 0; j < m; j++) groupFold[j] = j % k + 1;
        shuffle(groupFold, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        int[] f = new int[groups.length];
        for (int i = 0; i < groups.length; i++) f[i] = groupFold[index.get(groups[i])];
        return f;
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * The log predictive density of each observation over some draws: {@code log((1/S) sum_s exp(ll[s][i]))}.
     *
     * @param logLik {@code double[S][N]} pointwise log-likelihood
     * @return {@code double[N]}
     */
    public static double[] lpd(double[][] logLik) {
        int s = logLik.length;
        int n = s == 0 ? 0 : logLik[0].length;
        double[] out = new double[n];
        double[] col = new double[s];
        for (int i = 0; i < n; i++) out[i] = LogSum.logSumExp(LogSum.column(logLik, i, col)) - Math.log(s);
        return out;
    }

    /**
     * The result from each observation's held-out log predictive density.
     *
     * @param k     the number of folds
     * @param folds {@code int[N]}, the fold of each observation
     * @param elpd  {@code double[N]}: {@link #lpd} of observation i under the fit without its fold
     * @param lpd   {@code double[N]}: {@link #lpd} under the full fit (for p_kfold)
     * @return the result
     * @throws IllegalArgumentException if the lengths differ
     */
    public static KFold of(int k, int[] folds, double[] elpd, double[] lpd) {
        if (folds.length != elpd.length || lpd.length != elpd.length) {
            throw new IllegalArgumentException("one fold, elpd and lpd per observation");
        }
        return new KFold(k, folds.clone(), elpd.clone(), lpd.clone());
    }

    /** K. */
    public int k() {
        return k;
    }

    /** The fold of each observation, 1..K. */
    public int[] folds() {
        return folds.clone();
    }

    /** Pointwise elpd_kfold. */
    public double[] pointwiseElpd() {
        return elpd.clone();
    }

    /** Pointwise kfoldic ({@code -2 elpd_i}), for {@link Compare}. */
    public double[] pointwiseIc() {
        double[] out = new double[elpd.length];
        for (int i = 0; i < out.length; i++) out[i] = -2 * elpd[i];
        return out;
    }

    /** elpd_kfold. */
    public double elpd() {
        return LogSum.sum(elpd);
    }

    /** SE of elpd_kfold. */
    public double seElpd() {
        return LogSum.seOfSum(elpd, true);
    }

    /** p_kfold = lpd - elpd_kfold. */
    public double penalty() {
        return LogSum.sum(lpd) - elpd();
    }

    /** SE of p_kfold (over the pointwise differences). */
    public double sePenalty() {
        double[] d = new double[elpd.length];
        for (int i = 0; i < d.length; i++) d[i] = lpd[i] - elpd[i];
        return LogSum.seOfSum(d, true);
    }

    /** kfoldic = -2 elpd_kfold. */
    public double ic() {
        return -2 * elpd();
    }

    /** SE of kfoldic. */
    public double seIc() {
        return 2 * seElpd();
    }

    /** Number of observations. */
    public int observations() {
        return elpd.length;
    }

    /**
     * The table as loo prints a kfold object.
     *
     * @return lines ending in {@code \n}
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Based on %d-fold cross-validation of %d observations%n%n", k, elpd.length));
        sb.append(Matrices.table(new String[][] {{"", "Estimate", "SE"},
            {"elpd_kfold", Matrices.fixed(elpd(), 1), Matrices.fixed(seElpd(), 1)},
            {"p_kfold", Matrices.fixed(penalty(), 1), Matrices.fixed(sePenalty(), 1)},
            {"kfoldic", Matrices.fixed(ic(), 1), Matrices.fixed(seIc(), 1)}}, null));
        return sb.toString();
    }

    /** Fold sizes, for messages. */
    public List<Integer> foldSizes() {
        int[] n = new int[k];
        for (int f : folds) n[f - 1]++;
        List<Integer> out = new ArrayList<>();
        for (int v : n) out.add(v);
        return out;
    }

    @Override
    public String toString() {
        return "KFold[k=" + k + ", elpd=" + elpd() + ", folds=" + Arrays.toString(foldSizes().toArray()) + "]";
    }
}
