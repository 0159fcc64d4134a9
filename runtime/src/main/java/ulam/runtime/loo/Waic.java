package ulam.runtime.loo;

import java.util.Locale;

/**
 * The widely applicable information criterion of an S x N pointwise log-likelihood matrix
 * (Watanabe 2010; Gelman, Hwang and Vehtari 2014), as rethinking's {@code WAIC} computes it
 * (language reference 8.5):
 * <pre>
 * lppd_i  = log_sum_exp(ll[., i]) - log S
 * pWAIC_i = var(ll[., i])                    population variance (divide by S)
 * WAIC_i  = -2 (lppd_i - pWAIC_i)
 * WAIC    = sum WAIC_i,   std_err = sqrt(N popvar(WAIC_i))
 * </pre>
 * R's {@code loo::waic} is the same with sample variances (divide by S - 1, and N - 1 for the
 * standard errors): {@link #ofLooPackage} gives that version, whose {@link #elpd()},
 * {@link #seElpd()}, {@link #penalty()}, {@link #sePenalty()}, {@link #waic()} and
 * {@link #seWaic()} equal loo's {@code elpd_waic, p_waic, waic} and their SEs.
 */
public final class Waic {
    /** loo warns when a pointwise penalty exceeds this. */
    public static final double PENALTY_WARNING = 0.4;

    private final double[] lppd;
    private final double[] penalty;
    private final double[] pointwise;
    private final boolean sampleVariance;

    private Waic(double[] lppd, double[] penalty, boolean sampleVariance) {
        this.lppd = lppd;
        this.penalty = penalty;
        this.sampleVariance = sampleVariance;
        this.pointwise = new double[lppd.length];
        for (int i = 0; i < lppd.length; i++) pointwise[i] = -2 * (lppd[i] - penalty[i]);
    }

    /**
     * rethinking's WAIC (population variances).
     *
     * @param logLik {@code double[S][N]} pointwise log-likelihood, natural log; S at least 2
     * @return the WAIC
     * @throws IllegalArgumentException if the matrix is empty, ragged or holds a non-finite value
     */
    public static Waic of(double[][] logLik) {
        return compute(logLik, false);
    }

    /**
     * R loo package's {@code waic()} (sample variances).
     *
     * @param logLik {@code double[S][N]} pointwise log-likelihood
     * @return the WAIC
     * @throws IllegalArgumentException as {@link #of}
     */
    public static Waic ofLooPackage(double[][] logLik) {
        return compute(logLik, true);
    }

    private static Waic compute(double[][] ll, boolean sample) {
        Matrices.check(ll);
        int s = ll.length;
        int n = ll[0].length;
        double[] lppd = new double[n];
        double[] p = new double[n];
        double[] col = new double[s];
        double logS = Math.log(s);
        for (int i = 0; i < n; i++) {
            LogSum.column(ll, i, col);
            lppd[i] = LogSum.logSumExp(col) - logS;
            p[i] = LogSum.variance(col, sample);
        }
        return new Waic(lppd, p, sample);
    }

    /** Number of observations N. */
    public int observations() {
        return lppd.length;
    }

    /** Pointwise lppd_i, {@code double[N]} (a copy). */
    public double[] pointwiseLppd() {
        return lppd.clone();
    }

    /** Pointwise penalty pWAIC_i, {@code double[N]} (a copy). */
    public double[] pointwisePenalty() {
        return penalty.clone();
    }

    /** Pointwise WAIC_i = -2 (lppd_i - pWAIC_i), {@code double[N]} (a copy): what compare differences. */
    public double[] pointwiseWaic() {
        return pointwise.clone();
    }

    /** WAIC = sum of WAIC_i (deviance scale). */
    public double waic() {
        return LogSum.sum(pointwise);
    }

    /** Standard error of WAIC: {@code sqrt(N var(WAIC_i))}, rethinking's {@code std_err}. */
    public double seWaic() {
        return LogSum.seOfSum(pointwise, sampleVariance);
    }

    /** lppd = sum of lppd_i (log pointwise predictive density, in-sample). */
    public double lppd() {
        return LogSum.sum(lppd);
    }

    /** pWAIC = sum of pWAIC_i (effective number of parameters). */
    public double penalty() {
        return LogSum.sum(penalty);
    }

    /** Standard error of pWAIC (loo's {@code se_p_waic}). */
    public double sePenalty() {
        return LogSum.seOfSum(penalty, sampleVariance);
    }

    /** elpd_waic = lppd - pWAIC = -WAIC / 2. */
    public double elpd() {
        return lppd() - penalty();
    }

    /** Standard error of elpd_waic (loo's {@code se_elpd_waic}) = seWaic / 2. */
    public double seElpd() {
        double[] e = new double[lppd.length];
        for (int i = 0; i < e.length; i++) e[i] = lppd[i] - penalty[i];
        return LogSum.seOfSum(e, sampleVariance);
    }

    /** Indices (0-based) of observations whose penalty exceeds {@link #PENALTY_WARNING}. */
    public int[] highPenalty() {
        return java.util.stream.IntStream.range(0, penalty.length).filter(i -> penalty[i] > PENALTY_WARNING).toArray();
    }

    /** loo's warning when some pWAIC_i exceed 0.4, or null. */
    public String warning() {
        int bad = highPenalty().length;
        if (bad == 0) return null;
        return String.format(Locale.ROOT, "%d (%.1f%%) pointwise pWAIC values are above %.1f: WAIC may be"
                + " unreliable for this model; use PSIS-LOO instead (ulam loo)", bad, 100.0 * bad / penalty.length,
                PENALTY_WARNING);
    }

    /**
     * rethinking's one-row table (row name {@code 1}): {@code WAIC lppd penalty std_err}, 2 decimals, then the warning.
     *
     * @return lines ending in {@code \n}
     */
    public String format() {
        String[][] cells = {{"", "WAIC", "lppd", "penalty", "std_err"},
            {"1", Matrices.fixed(waic(), 2), Matrices.fixed(lppd(), 2), Matrices.fixed(penalty(), 2),
                Matrices.fixed(seWaic(), 2)}};
        StringBuilder sb = new StringBuilder(Matrices.table(cells, null));
        String w = warning();
        if (w != null) sb.append("warning: ").append(w).append('\n');
        return sb.toString();
    }
}
