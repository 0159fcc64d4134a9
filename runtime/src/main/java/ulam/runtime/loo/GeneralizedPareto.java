package ulam.runtime.loo;

/**
 * The generalized Pareto distribution (GPD) with location 0, shape {@code k} and scale
 * {@code sigma}: the tail model of Pareto smoothed importance sampling.
 *
 * <p>{@link #fit} is the empirical-Bayes estimator of Zhang and Stephens (2009, "A new and
 * efficient estimation method for the generalized Pareto distribution", Technometrics 51,
 * 316-325), with the weakly informative prior on {@code k} (Gaussian centred on 0.5, worth 10
 * observations) of Vehtari, Simpson, Gelman, Yao and Gabry (2024, "Pareto smoothed importance
 * sampling", JMLR 25(72), Sec. 3 and Appendix C), exactly as R's {@code loo} package 2.5.1
 * implements it in {@code gpdfit()}: a grid of {@code M = 30 + floor(sqrt(n))} values of
 * {@code theta = -k/sigma}, weighted by their profile likelihood, posterior mean of theta, then
 * {@code k = mean(log1p(-theta x))}, {@code sigma = -k/theta} and the prior adjustment
 * {@code k <- (n k + 10 * 0.5) / (n + 10)}. Here {@code k} is the negative of Zhang and
 * Stephens' {@code k}, as in {@code loo}.
 */
public final class GeneralizedPareto {
    private static final int MIN_GRID_POINTS = 30;
    private static final double PRIOR = 3;
    private static final double PRIOR_WEIGHT = 10;

    private GeneralizedPareto() {
    }

    /**
     * A fitted GPD.
     *
     * @param k     shape (tail index); {@code +infinity} when the fit failed (NaN estimate)
     * @param sigma scale
     */
    public record Estimate(double k, double sigma) {
    }

    /**
     * Fits the GPD to exceedances {@code x} (loo's {@code gpdfit(x, wip = TRUE, sort_x = FALSE)}).
     *
     * @param x exceedances over a threshold, sorted ascending, all at least 0 (not modified)
     * @return the estimate, with the weakly informative prior applied to k
     * @throws IllegalArgumentException if {@code x} is empty
     */
    public static Estimate fit(double[] x) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("no exceedances to fit");
        int m = MIN_GRID_POINTS + (int) Math.floor(Math.sqrt(n));
        double xstar = x[(int) Math.floor(n / 4.0 + 0.5) - 1];
        double[] theta = new double[m];
        double[] l = new double[m];
        for (int j = 0; j < m; j++) {
            theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 1 - 0.5))) / PRIOR / xstar;
            l[j] = n * profileLogLik(theta[j], x);
        }
        double lse = LogSum.logSumExp(l);
        double thetaHat = 0;
        for (int j = 0; j < m; j++) thetaHat += theta[j] * Math.exp(l[j] - lse);
        double k = 0;
        for (double v : x) k += Math.log1p(-thetaHat * v);
        k /= n;
        double sigma = -k / thetaHat;
        k = k * n / (n + PRIOR_WEIGHT) + PRIOR_WEIGHT * 0.5 / (n + PRIOR_WEIGHT);
        if (Double.isNaN(k)) k = Double.POSITIVE_INFINITY;
        return new Estimate(k, sigma);
    }

    /** loo's {@code lx(a, x)}: the profile log-likelihood per observation at {@code theta = a}. */
    private static double profileLogLik(double theta, double[] x) {
        double a = -theta;
        double k = 0;
        for (double v : x) k += Math.log1p(a * v);
        k /= x.length;
        return Math.log(a / k) - k - 1;
    }

    /**
     * Quantile function, {@code sigma * expm1(-k * log1p(-p)) / k} (loo's {@code qgpd}).
     *
     * @param p     probability in [0, 1)
     * @param k     shape
     * @param sigma scale
     * @return the quantile; NaN when sigma is NaN or not positive
     */
    public static double quantile(double p, double k, double sigma) {
        if (Double.isNaN(sigma) || sigma <= 0) return Double.NaN;
        return sigma * Math.expm1(-k * Math.log1p(-p)) / k;
    }
}
