package ulam.runtime.loo;

/**
 * Relative efficiency {@code r_eff = ESS / S} of MCMC draws of the likelihood, as R's {@code loo}
 * package 2.5.1 computes it for {@code loo(x, r_eff = relative_eff(exp(x)))}
 * ({@code relative_eff.array} and {@code ess_rfun}): the multi-chain effective sample size of
 * Stan 2.18 (Geyer's initial monotone sequence over the chains' averaged autocorrelations; not
 * split, not rank-normalised), on the likelihood {@code exp(ll)}.
 *
 * <p>loo computes autocovariances with an FFT of length {@code 2 M}, {@code M} the next
 * 2,3,5-smooth integer at or above the chain length {@code n}, and divides by {@code 2 n^2}; for
 * a chain length that is not 2,3,5-smooth this scales every autocovariance by {@code M / n}.
 * This class reproduces that scaling (so that r_eff, the PSIS tail length and n_eff equal
 * loo's), computing each lag directly and only as far as the sum needs.
 *
 * <p>r_eff only enters PSIS through the tail length {@link Psis#tailLength}, the PSIS n_eff and
 * the Monte Carlo SE of elpd_loo.
 */
public final class RelativeEfficiency {
    private RelativeEfficiency() {
    }

    /**
     * r_eff of every observation, from the log-likelihood of chains stacked in chain order.
     *
     * @param logLik {@code double[S][N]} with {@code S = chains * n}, chain 1's n draws first
     * @param chains number of chains (at least 1, dividing S)
     * @return {@code double[N]}: ESS of {@code exp(logLik[., i])} divided by S
     * @throws IllegalArgumentException if chains does not divide S
     */
    public static double[] of(double[][] logLik, int chains) {
        int s = logLik.length;
        if (chains < 1 || s % chains != 0) {
            throw new IllegalArgumentException(chains + " chains do not divide " + s + " draws");
        }
        int n = s / chains;
        int obs = s == 0 ? 0 : logLik[0].length;
        double[] out = new double[obs];
        double[][] sims = new double[chains][n];
        for (int i = 0; i < obs; i++) {
            for (int c = 0; c < chains; c++) for (int t = 0; t < n; t++) sims[c][t] = Math.exp(logLik[c * n + t][i]);
            out[i] = ess(sims) / s;
        }
        return out;
    }

    /**
     * loo's {@code ess_rfun}: effective sample size of draws {@code sims[chain][iteration]}.
     *
     * @param sims equal-length chains
     * @return the ESS (chains * n / tau, tau at least {@code 1 / log10(chains * n)})
     */
    public static double ess(double[][] sims) {
        int chains = sims.length;
        int n = sims[0].length;
        double scale = (double) goodSize(n) / n;
        double[][] centred = new double[chains][n];
        double[] chainMean = new double[chains];
        for (int c = 0; c < chains; c++) {
            double mean = LogSum.mean(sims[c]);
            chainMean[c] = mean;
            for (int t = 0; t < n; t++) centred[c][t] = sims[c][t] - mean;
        }
        // mean over chains of the autocovariance at lag t (lazily, in lag order)
        java.util.function.IntToDoubleFunction acov = lag -> {
            double total = 0;
            for (double[] y : centred) {
                double sum = 0;
                for (int t = 0; t + lag < n; t++) sum += y[t] * y[t + lag];
                total += scale * sum / n;
            }
            return total / chains;
        };
        double meanVar = acov.applyAsDouble(0) * n / (n - 1);
        double varPlus = meanVar * (n - 1) / n;
        if (chains > 1) varPlus += LogSum.variance(chainMean, true);
        return ulam.runtime.diagnostics.Convergence.essFromAutocovariance(acov, n, chains, meanVar, varPlus);
    }

    /** The smallest 2,3,5-smooth integer at or above n, at least 2 (loo's {@code fft_next_good_size}). */
    static int goodSize(int n) {
        if (n <= 2) return 2;
        for (int m = n; ; m++) {
            int r = m;
            while (r % 2 == 0) r /= 2;
            while (r % 3 == 0) r /= 3;
            while (r % 5 == 0) r /= 5;
            if (r <= 1) return m;
        }
    }
}
