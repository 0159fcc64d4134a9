package ulam.runtime.diagnostics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Convergence diagnostics of MCMC draws: rank-normalised split R-hat, bulk and tail effective
 * sample size, MCSE of the mean and quantiles, following Vehtari, Gelman, Simpson, Carpenter and
 * Buerkner (2021), "Rank-normalization, folding, and localization: an improved R-hat for assessing
 * convergence of MCMC", Bayesian Analysis 16(2), and computing exactly what R's {@code posterior}
 * package (version 1.4, {@code R/convergence.R}) computes, so results agree with it to rounding:
 * <ul>
 *   <li>chains are split into halves; with an odd number of draws the middle draw is dropped;</li>
 *   <li>rank normalisation: average ranks {@code r} over all draws of all (split) chains, then
 *       {@code z = Phi^-1((r - 3/8) / (S - 3/4 + 1))} (paper eq. 14, Blom's offset);</li>
 *   <li>folding for the tail R-hat: {@code |x - median(x)|} (paper Sec. 4.2);</li>
 *   <li>the effective sample size uses the multi-chain autocorrelation estimate of the paper's
 *       eq. 10 with Geyer's initial positive sequence truncated at the first negative pair sum,
 *       then made monotone (Geyer's initial monotone sequence), with posterior's exact indexing,
 *       and caps {@code tau} below at {@code 1 / log10(S)}.</li>
 * </ul>
 * Every method takes the draws of one scalar quantity as {@code double[chains][draws]} (all chains
 * of equal length, at least 1 draw) and returns NaN where posterior returns NA: any NaN among the
 * draws, constant draws (range below machine epsilon), infinite draws for the methods that check
 * them (tail ESS, mean ESS, MCSE), or fewer than 3 draws per split chain for ESS.
 */
public final class Convergence {
    private static final double EPS = Math.ulp(1.0); // R's .Machine$double.eps

    private Convergence() {
    }

    /**
     * Rank-normalised split R-hat: the larger of the bulk R-hat (on rank-normalised split chains)
     * and the tail R-hat (on rank-normalised split folded chains); paper eq. 4 and Sec. 4.2,
     * posterior's {@code rhat()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @return R-hat (1 when chains agree), or NaN
     * @throws IllegalArgumentException if the chains are empty or of different lengths
     */
    public static double rhat(double[][] x) {
        check(x);
        if (anyNaN(x)) return Double.NaN;
        double bulk = rhatBasic(zScale(splitChains(x)));
        double tail = rhatBasic(zScale(splitChains(fold(x))));
        return Math.max(bulk, tail);
    }

    /**
     * Bulk effective sample size: the ESS of the rank-normalised split chains (paper Sec. 4.1),
     * posterior's {@code ess_bulk()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @return ESS, or NaN
     */
    public static double essBulk(double[][] x) {
        check(x);
        if (anyNaN(x)) return Double.NaN;
        return ess(zScale(splitChains(x)));
    }

    /**
     * Tail effective sample size: the smaller of the ESS of the 5% and 95% quantiles (paper
     * Sec. 4.3), posterior's {@code ess_tail()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @return ESS, or NaN
     */
    public static double essTail(double[][] x) {
        check(x);
        double q05 = essQuantile(x, 0.05);
        double q95 = essQuantile(x, 0.95);
        if (Double.isNaN(q05) || Double.isNaN(q95)) return Double.NaN;
        return Math.min(q05, q95);
    }

    /**
     * ESS of a quantile estimate: the ESS of the split indicator chains {@code I(x <= q)} where q
     * is the pooled type-7 quantile (paper Sec. 4.3, eq. 15), posterior's {@code ess_quantile()}.
     *
     * @param x    draws, {@code [chains][draws]}
     * @param prob probability in [0, 1] (1 is replaced by {@code (S - 0.5) / S} as posterior does)
     * @return ESS, or NaN
     * @throws IllegalArgumentException if prob is outside [0, 1]
     */
    public static double essQuantile(double[][] x, double prob) {
        check(x);
        if (!(prob >= 0 && prob <= 1)) throw new IllegalArgumentException("prob must lie in [0, 1]: " + prob);
        if (shouldReturnNaN(x)) return Double.NaN;
        int total = total(x);
        if (prob == 1) prob = (total - 0.5) / total;
        double q = quantile(x, prob);
        double[][] indicator = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            indicator[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) indicator[c][i] = x[c][i] <= q ? 1 : 0;
        }
        return ess(splitChains(indicator));
    }

    /**
     * ESS for the mean: the ESS of the split chains without rank normalisation (paper eq. 11),
     * posterior's {@code ess_mean()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @return ESS, or NaN
     */
    public static double essMean(double[][] x) {
        check(x);
        return ess(splitChains(x));
    }

    /**
     * Monte Carlo standard error of the posterior mean: {@code sd(x) / sqrt(ess_mean(x))},
     * posterior's {@code mcse_mean()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @return MCSE, or NaN
     */
    public static double mcseMean(double[][] x) {
        return sd(x) / Math.sqrt(essMean(x));
    }

    /**
     * ESS for the standard deviation: the ESS of the split chains of {@code |x - mean(x)|} (pooled
     * mean), posterior 1.4's {@code ess_sd()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @return ESS, or NaN
     */
    public static double essSd(double[][] x) {
        check(x);
        double m = mean(x);
        double[][] dev = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            dev[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) dev[c][i] = Math.abs(x[c][i] - m);
        }
        return ess(splitChains(dev));
    }

    /**
     * Monte Carlo standard error of the posterior standard deviation, posterior 1.4's
     * {@code mcse_sd()}: with {@code d = x - mean(x)} and {@code E = mean(d^2)}, the delta-method
     * value {@code sqrt((mean(d^4) - E^2) / ess_mean(d^2) / E / 4)}. (posterior 1.5 changed this
     * formula; these are 1.4's numbers.)
     *
     * @param x draws, {@code [chains][draws]}
     * @return MCSE, or NaN
     */
    public static double mcseSd(double[][] x) {
        check(x);
        double m = mean(x);
        double[][] d2 = new double[x.length][];
        double[] d2flat = new double[total(x)];
        double[] d4flat = new double[d2flat.length];
        int k = 0;
        for (int c = 0; c < x.length; c++) {
            d2[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++, k++) {
                double d = x[c][i] - m;
                d2[c][i] = d * d;
                d2flat[k] = d * d;
                d4flat[k] = d * d * d * d;
            }
        }
        double ess = essMean(d2);
        double eVar = meanOf(d2flat);
        double varVar = (meanOf(d4flat) - eVar * eVar) / ess;
        return Math.sqrt(varVar / eVar / 4);
    }

    /** The normal probabilities of -1 and +1 standard deviation, as posterior writes them. */
    private static final double[] ONE_SD = {0.1586553, 0.8413447};

    /**
     * Monte Carlo standard error of a quantile, posterior 1.4's {@code mcse_quantile()} (Vehtari et
     * al. 2021, Sec. 4.3): with {@code n = ess_quantile(x, prob)}, the Beta(n prob + 1,
     * n (1 - prob) + 1) quantiles {@code a1, a2} at 0.1586553 and 0.8413447, and the draws sorted
     * {@code x_(1) <= ... <= x_(S)}, half the distance {@code (x_(min(ceil(a2 S), S)) -
     * x_(max(floor(a1 S), 1))) / 2}.
     *
     * @param x    draws, {@code [chains][draws]}
     * @param prob probability in [0, 1]
     * @return MCSE, or NaN where the quantile's ESS is NaN
     * @throws IllegalArgumentException if prob is outside [0, 1]
     */
    public static double mcseQuantile(double[][] x, double prob) {
        double ess = essQuantile(x, prob);
        if (Double.isNaN(ess)) return Double.NaN;
        BetaDistribution beta = new BetaDistribution(null, ess * prob + 1, ess * (1 - prob) + 1, 1e-15);
        double[] s = flatten(x);
        Arrays.sort(s);
        int n = s.length;
        double th1 = s[Math.max((int) Math.floor(beta.inverseCumulativeProbability(ONE_SD[0]) * n), 1) - 1];
        double th2 = s[Math.min((int) Math.ceil(beta.inverseCumulativeProbability(ONE_SD[1]) * n), n) - 1];
        return (th2 - th1) / 2;
    }

    /**
     * Pooled sample quantile of type 7 (R's default; Hyndman and Fan 1996): with the draws sorted
     * {@code x_(1) <= ... <= x_(S)} and {@code h = 1 + (S - 1) p}, the value
     * {@code (1 - f) x_(floor h) + f x_(ceil h)} with {@code f = h - floor h}; posterior's
     * {@code quantile2()}.
     *
     * @param x draws, {@code [chains][draws]}
     * @param p probability in [0, 1]
     * @return the quantile, or NaN if any draw is NaN
     */
    public static double quantile(double[][] x, double p) {
        return quantiles(x, p)[0];
    }

    /**
     * Several pooled type-7 quantiles at once (one sort).
     *
     * @see #quantile(double[][], double)
     */
    public static double[] quantiles(double[][] x, double... p) {
        check(x);
        double[] out = new double[p.length];
        if (anyNaN(x)) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] s = flatten(x);
        Arrays.sort(s);
        int n = s.length;
        for (int k = 0; k < p.length; k++) {
            if (!(p[k] >= 0 && p[k] <= 1)) throw new IllegalArgumentException("probability outside [0, 1]: " + p[k]);
            double index = 1 + (n - 1) * p[k];
            int lo = (int) Math.floor(index);
            int hi = (int) Math.ceil(index);
            double qs = s[lo - 1];
            double xhi = s[hi - 1];
            if (index > lo && xhi != qs) {
                double h = index - lo;
                qs = (1 - h) * qs + h * xhi;
            }
            out[k] = qs;
        }
        return out;
    }

    /** Pooled mean of all draws (compensated summation with one refinement pass, as R's {@code mean}). */
    public static double mean(double[][] x) {
        check(x);
        return meanOf(flatten(x));
    }

    /** Pooled sample standard deviation of all draws (denominator S - 1, two passes, as R's {@code sd}). */
    public static double sd(double[][] x) {
        check(x);
        double[] v = flatten(x);
        double m = meanOf(v);
        for (int i = 0; i < v.length; i++) v[i] = (v[i] - m) * (v[i] - m);
        return Math.sqrt(compensatedSum(v) / (v.length - 1));
    }

    /** Pooled median of all draws (mean of the two middle values for an even count). */
    public static double median(double[][] x) {
        check(x);
        if (anyNaN(x)) return Double.NaN;
        double[] s = flatten(x);
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    // ---- the building blocks, as posterior's internal functions ----

    /**
     * Splits each chain into its first and second half ({@code .split_chains}): chains 2c and
     * 2c+1 of the result are the halves of chain c. With an odd length the middle draw is
     * dropped; chains of length 1 are returned unsplit.
     */
    static double[][] splitChains(double[][] x) {
        int n = x[0].length;
        if (n == 1) return x;
        int firstLen = n / 2;           // floor(n / 2)
        int secondStart = (n + 1) / 2;  // ceiling(n / 2 + 1) - 1, 0-based
        double[][] out = new double[2 * x.length][];
        for (int c = 0; c < x.length; c++) {
            out[2 * c] = Arrays.copyOfRange(x[c], 0, firstLen);
            out[2 * c + 1] = Arrays.copyOfRange(x[c], secondStart, n);
        }
        return out;
    }

    /** {@code |x - median(x)|} with the pooled median ({@code fold_draws}). */
    static double[][] fold(double[][] x) {
        double med = median(x);
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) out[c][i] = Math.abs(x[c][i] - med);
        }
        return out;
    }

    /**
     * Rank normalisation ({@code z_scale}): average ranks over all values, then
     * {@code Phi^-1((r - 3/8) / (S - 2 (3/8) + 1))}.
     */
    static double[][] zScale(double[][] x) {
        double[] v = flatten(x);
        double[] r = averageRanks(v);
        int s = v.length;
        double c = 3.0 / 8.0;
        double[][] out = new double[x.length][];
        int k = 0;
        for (int ch = 0; ch < x.length; ch++) {
            out[ch] = new double[x[ch].length];
            for (int i = 0; i < x[ch].length; i++, k++) {
                out[ch][i] = NormalQuantile.quantile((r[k] - c) / (s - 2 * c + 1));
            }
        }
        return out;
    }

    /** 1-based ranks with ties given the average of their ranks (R's {@code rank(ties.method = "average")}). */
    static double[] averageRanks(double[] v) {
        int n = v.length;
        int[] order = sortedOrder(v);
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
            double avg = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) ranks[order[k]] = avg;
            i = j + 1;
        }
        return ranks;
    }

    /** Indices that sort {@code v} ascending (stable merge sort on primitive indices). */
    private static int[] sortedOrder(double[] v) {
        int n = v.length;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) b[k++] = Double.compare(v[a[j]], v[a[i]]) < 0 ? a[j++] : a[i++];
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * R-hat of given chains ({@code .rhat}, paper eq. 4): with N draws per chain,
     * {@code sqrt((B/W + N - 1) / N)}, where B/N is the variance of the chain means and W the mean
     * within-chain variance.
     */
    static double rhatBasic(double[][] x) {
        if (shouldReturnNaN(x)) return Double.NaN;
        int m = x.length;
        int n = x[0].length;
        if (m < 2) return Double.NaN;
        double[] means = new double[m];
        double withinSum = 0;
        for (int c = 0; c < m; c++) {
            double mu = plainMean(x[c]);
            means[c] = mu;
            double s = 0;
            for (double v : x[c]) s += (v - mu) * (v - mu);
            withinSum += s / (n - 1);
        }
        double varBetween = n * sampleVariance(means);
        double varWithin = withinSum / m;
        return Math.sqrt((varBetween / varWithin + n - 1) / n);
    }

    /**
     * Effective sample size of given chains ({@code .ess}; paper eqs. 10-11 and Geyer 1992):
     * multi-chain autocorrelations {@code rho_t = 1 - (W - mean_c acov_c(t)) / var_plus}, summed
     * in pairs while the pair sums stay positive, made monotone, {@code tau = -1 + 2 sum rho},
     * ESS = chains x draws / max(tau, 1 / log10(chains x draws)).
     */
    static double ess(double[][] x) {
        int chains = x.length;
        int n = x[0].length;
        if (n < 3 || shouldReturnNaN(x)) return Double.NaN;
        double[] acovMeans = new double[n];
        double[] acov = new double[n];
        double[] chainMeans = new double[chains];
        for (int c = 0; c < chains; c++) {
            autocovariance(x[c], acov);
            for (int t = 0; t < n; t++) acovMeans[t] += acov[t];
            chainMeans[c] = plainMean(x[c]);
        }
        for (int t = 0; t < n; t++) acovMeans[t] /= chains;
        double meanVar = acovMeans[0] * n / (n - 1);
        double varPlus = meanVar * (n - 1) / n;
        if (chains > 1) varPlus += sampleVariance(chainMeans);

        return essFromAutocovariance(lag -> acovMeans[lag], n, chains, meanVar, varPlus);
    }

    /**
     * The effective sample size from multi-chain autocovariances (Vehtari et al. 2021, eqs. 10-11;
     * Geyer 1992): autocorrelations {@code rho_t = 1 - (W - acov(t)) / var_plus} summed in pairs
     * while the pair sums stay positive, made monotone (Geyer's initial monotone sequence),
     * {@code tau = -1 + 2 sum rho + rho_maxT}, ESS = chains x n / max(tau, 1 / log10(chains x n)).
     * Shared by the diagnostics ({@code posterior}'s {@code .ess}) and PSIS-LOO's relative
     * efficiency ({@code loo}'s {@code ess_rfun}), which compute the same quantity.
     *
     * @param acov    mean over chains of the autocovariance at a lag (denominator n), read for lags in increasing order
     * @param n       draws per chain (at least 3)
     * @param chains  number of chains
     * @param meanVar W, the mean within-chain variance
     * @param varPlus the pooled variance estimate var_plus
     * @return the effective sample size (scalar)
     */
    public static double essFromAutocovariance(java.util.function.IntToDoubleFunction acov, int n, int chains, double meanVar,
                                               double varPlus) {
        double[] rho = new double[n];
        int t = 0;
        double rhoEven = 1;
        rho[0] = rhoEven;
        double rhoOdd = 1 - (meanVar - acov.applyAsDouble(1)) / varPlus;
        rho[1] = rhoOdd;
        while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (meanVar - acov.applyAsDouble(t)) / varPlus;
            rhoOdd = 1 - (meanVar - acov.applyAsDouble(t + 1)) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0) rho[maxT] = rhoEven;
        // Geyer's initial monotone sequence
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double essTotal = (double) chains * n;
        // R sums rho_hat_t[1:max_t] (1-based); for max_t = 0 that is rho_hat_t[c(1, 0)], the first element
        double sum = 0;
        for (int k = 0; k < Math.max(maxT, 1); k++) sum += rho[k];
        double tauHat = -1 + 2 * sum + rho[maxT];
        double tauBound = 1 / Math.log10(essTotal);
        if (tauHat < tauBound) tauHat = tauBound;
        return essTotal / tauHat;
    }

    /**
     * Autocovariance of one chain at lags 0..N-1 with denominator N ({@code autocovariance}):
     * computed from the FFT sums and scaled so that lag 0 equals {@code var(x) (N - 1) / N}
     * exactly as posterior scales it; all zeros when the variance is 0.
     */
    static void autocovariance(double[] x, double[] out) {
        int n = x.length;
        double mean = plainMean(x);
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= (n - 1);
        if (var == 0) {
            Arrays.fill(out, 0, n, 0.0);
            return;
        }
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) yc[i] = x[i] - mean;
        Fft.autocorrelationSums(yc, out);
        double scale = var * (n - 1) / n / out[0];
        for (int t = 0; t < n; t++) out[t] *= scale;
    }

    // ---- helpers ----

    private static void check(double[][] x) {
        if (x == null || x.length == 0 || x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException("no draws");
        }
        for (double[] c : x) {
            if (c.length != x[0].length) throw new IllegalArgumentException("chains of different lengths");
        }
    }

    /** posterior's {@code should_return_NA}: any NaN or infinite value, or constant draws. */
    static boolean shouldReturnNaN(double[][] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] c : x) {
            for (double v : c) {
                if (!Double.isFinite(v)) return true;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        return Math.abs(max - min) < EPS;
    }

    private static boolean anyNaN(double[][] x) {
        for (double[] c : x) for (double v : c) if (Double.isNaN(v)) return true;
        return false;
    }

    private static int total(double[][] x) {
        int n = 0;
        for (double[] c : x) n += c.length;
        return n;
    }

    private static double[] flatten(double[][] x) {
        double[] out = new double[total(x)];
        int k = 0;
        for (double[] c : x) {
            System.arraycopy(c, 0, out, k, c.length);
            k += c.length;
        }
        return out;
    }

    private static double plainMean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    /** Mean with a refinement pass, as R's {@code mean.default} (which accumulates in long double). */
    static double meanOf(double[] v) {
        double s = compensatedSum(v);
        if (!Double.isFinite(s)) return s / v.length; // infinite or NaN draws
        double m = s / v.length;
        if (Double.isFinite(m)) {
            double r = 0;
            for (double d : v) r += d - m;
            m += r / v.length;
        }
        return m;
    }

    /** Neumaier's compensated sum; the plain sum when it is not finite. */
    private static double compensatedSum(double[] v) {
        double s = 0;
        double comp = 0;
        for (double d : v) {
            double t = s + d;
            comp += Math.abs(s) >= Math.abs(d) ? (s - t) + d : (d - t) + s;
            s = t;
        }
        return Double.isFinite(s) ? s + comp : s;
    }

    private static double sampleVariance(double[] v) {
        double m = plainMean(v);
        double s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return s / (v.length - 1);
    }
}
