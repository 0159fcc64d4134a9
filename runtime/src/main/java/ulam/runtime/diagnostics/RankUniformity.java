package ulam.runtime.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Tests of the uniformity of simulation-based calibration ranks (Talts, Betancourt, Simpson,
 * Vehtari and Gelman 2018, "Validating Bayesian inference algorithms with simulation-based
 * calibration", arXiv:1804.06788): when the posterior draws are exact and independent, the rank
 * of the true value among {@code L} draws is uniform on {@code 0..L} (their Theorem 1), so ranks
 * that are not uniform show an error in the model's log density, its gradient or the sampler.
 *
 * <p>Two tests of one quantity's {@code N} ranks, both exact in their null distribution up to
 * the stated approximation:
 * <ul>
 *   <li><b>chi-square</b> over {@code B} bins of consecutive ranks ({@link #bins(int, int)}),
 *       expected counts {@code N * width / (L + 1)}, Pearson's statistic with {@code B - 1} degrees
 *       of freedom; the p-value is the chi-square upper tail, commons-math3's regularized gamma
 *       function {@code Q(df/2, X/2)} (the usual large-count
 *       approximation, with at least 5 expected per bin);</li>
 *   <li><b>ECDF</b>, the graphical uniformity test of Säilynoja, Bürkner and Vehtari (2022,
 *       "Graphical test for discrete uniformity and its applications in goodness-of-fit evaluation
 *       and multiple sample comparison", Statistics and Computing 32:32): at evaluation points
 *       {@code z_k = (t_k + 1) / (L + 1)} (rank thresholds {@code t_k}) the count
 *       {@code C_k = #{rank <= t_k}} is Binomial(N, z_k) under uniformity; the statistic is the
 *       smallest two-sided pointwise tail probability {@code min_k 2 min(P(X <= C_k), P(X >= C_k))}
 *       and its null distribution is simulated from exactly uniform ranks (their "simulation"
 *       adjustment of gamma). The p-value is the share of simulated statistics at or below the
 *       observed one, {@code (1 + #{T_sim <= T}) / (R + 1)}; the simultaneous {@code 1 - alpha}
 *       band of their ECDF plot is the set of counts whose pointwise probability exceeds the
 *       alpha quantile of the simulated statistics ({@link EcdfNull#gamma(double)}).</li>
 * </ul>
 */
public final class RankUniformity {
    private RankUniformity() {
    }

    /**
     * The test results of one quantity.
     *
     * @param counts       ranks per bin, {@code int[bins]}
     * @param expected     expected count per bin under uniformity, {@code double[bins]}
     * @param binStarts    first rank of each bin, {@code int[bins]}
     * @param chiSquare    Pearson's statistic
     * @param df           its degrees of freedom, {@code bins - 1}
     * @param chiSquareP   upper-tail probability of {@code chiSquare}
     * @param ecdfP        p-value of the ECDF test
     * @param meanRank     mean of {@code rank / L}, 0.5 under uniformity
     * @param biasZ        {@code (meanRank - 0.5)} in standard errors under uniformity: positive when
     *                     the true values lie above the posterior draws too often (a posterior
     *                     biased low)
     * @param tailZ        share of ranks in the outer quarters (ranks below {@code (L+1)/4} or from
     *                     {@code 3(L+1)/4} on) minus its expected share, in standard errors:
     *                     positive when the true values fall in the posterior's tails too often
     *                     (a posterior too narrow), negative when too rarely (too wide)
     */
    public record Test(int[] counts, double[] expected, int[] binStarts, double chiSquare, int df, double chiSquareP,
                       double ecdfP, double meanRank, double biasZ, double tailZ) {

        /** The smaller of the two p-values. */
        public double minP() {
            return Math.min(chiSquareP, ecdfP);
        }
    }

    /**
     * The number of histogram bins for {@code n} ranks from {@code 0..maxRank}: one per 10
     * expected ranks, at least 5 (as the R package SBC, {@code guess_rank_hist_bins}), at most
     * {@code maxRank + 1} and at most {@code n / 5} (so each bin expects 5 or more for the
     * chi-square approximation), at least 2.
     */
    public static int bins(int n, int maxRank) {
        int b = Math.min(maxRank + 1, Math.max(n / 10, 5));
        return Math.max(2, Math.min(b, n / 5));
    }

    /**
     * Tests the ranks of one quantity.
     *
     * @param ranks   {@code int[N]}, each in {@code 0..maxRank}
     * @param maxRank {@code L}, the number of posterior draws each rank was taken among
     * @param bins    chi-square bins, 2..maxRank+1
     * @param ecdf    the ECDF test's null distribution for this {@code N} and {@code L}
     * @return the results
     * @throws IllegalArgumentException if a rank is out of range or the sizes disagree
     */
    public static Test test(int[] ranks, int maxRank, int bins, EcdfNull ecdf) {
        int n = ranks.length;
        if (n < 2 || maxRank < 1 || bins < 2 || bins > maxRank + 1) {
            throw new IllegalArgumentException("need 2 or more ranks among 1 or more draws and 2..L+1 bins");
        }
        if (ecdf.n != n || ecdf.maxRank != maxRank) throw new IllegalArgumentException("ECDF null distribution of other sizes");
        int values = maxRank + 1;
        int[] starts = new int[bins];
        for (int b = 0; b < bins; b++) starts[b] = (int) ((long) b * values / bins);
        int[] binOf = new int[values];
        for (int b = 0; b < bins; b++) {
            int end = b + 1 < bins ? starts[b + 1] : values;
            for (int r = starts[b]; r < end; r++) binOf[r] = b;
        }
        int[] counts = new int[bins];
        double sum = 0;
        int outer = 0;
        for (int r : ranks) {
            if (r < 0 || r > maxRank) throw new IllegalArgumentException("rank " + r + " outside 0.." + maxRank);
            counts[binOf[r]]++;
            sum += r;
            if (outerQuarter(r, values)) outer++;
        }
        double[] expected = new double[bins];
        double chi = 0;
        for (int b = 0; b < bins; b++) {
            int width = (b + 1 < bins ? starts[b + 1] : values) - starts[b];
            expected[b] = (double) n * width / values;
            double d = counts[b] - expected[b];
            chi += d * d / expected[b];
        }
        double chiP = Gamma.regularizedGammaQ((bins - 1) / 2.0, chi / 2);   // chi-square upper tail, accurate far out
        double mean = sum / n / maxRank;
        double sdU = Math.sqrt(((double) values * values - 1) / 12.0) / maxRank;
        double biasZ = (mean - 0.5) / (sdU / Math.sqrt(n));
        int outerValues = 0;
        for (int r = 0; r < values; r++) if (outerQuarter(r, values)) outerValues++;
        double p0 = (double) outerValues / values;
        double tailZ = ((double) outer / n - p0) / Math.sqrt(p0 * (1 - p0) / n);
        return new Test(counts, expected, starts, chi, bins - 1, Math.max(0, chiP), ecdf.pValue(ranks), mean, biasZ, tailZ);
    }

    /** A p-value for people: 2 decimals from 0.01 up, else 2 significant digits, and {@code <1e-16} below that. */
    public static String formatP(double p) {
        if (p < 1e-16) return "<1e-16";
        return p >= 0.01 ? String.format(java.util.Locale.ROOT, "%.2f", p) : String.format(java.util.Locale.ROOT, "%.1e", p);
    }

    private static boolean outerQuarter(int r, int values) {
        return 4L * r < values || 4L * r >= 3L * values;
    }

    /**
     * The null distribution of the ECDF test's statistic for {@code N} ranks among {@code L}
     * draws, simulated from exactly uniform ranks; immutable and thread-safe once made.
     */
    public static final class EcdfNull {
        final int n;
        final int maxRank;
        /** Rank thresholds t_k of the evaluation points. */
        private final int[] thresholds;
        /** Per evaluation point, the pointwise two-sided probability of each count 0..N. */
        private final double[][] pointwise;
        /** The simulated statistics, sorted. */
        private final double[] simulated;

        private EcdfNull(int n, int maxRank, int[] thresholds, double[][] pointwise, double[] simulated) {
            this.n = n;
            this.maxRank = maxRank;
            this.thresholds = thresholds;
            this.pointwise = pointwise;
            this.simulated = simulated;
        }

        /**
         * Simulates the null distribution.
         *
         * <p>Evaluation points: every rank threshold {@code 0..L-1} when {@code L + 1 <= N};
         * otherwise {@code N - 1} thresholds spread evenly (Säilynoja et al. advise no more
         * evaluation points than ranks).
         *
         * @param n            number of ranks (simulations), at least 2
         * @param maxRank      {@code L}, at least 1
         * @param replications simulated rank samples, at least 100 (10,000 gives p-values to about
         *                     0.002 near 0.05)
         * @param seed         seed of the simulation
         * @return the null distribution
         */
        public static EcdfNull simulate(int n, int maxRank, int replications, long seed) {
            if (n < 2 || maxRank < 1 || replications < 100) throw new IllegalArgumentException("n >= 2, L >= 1, replications >= 100");
            int values = maxRank + 1;
            List<Integer> t = new ArrayList<>();
            if (values <= n) {
                for (int r = 0; r < maxRank; r++) t.add(r);
            } else {
                for (int k = 1; k < n; k++) {
                    int r = (int) Math.round((double) k * values / n) - 1;
                    if (r >= 0 && r < maxRank && (t.isEmpty() || t.get(t.size() - 1) < r)) t.add(r);
                }
            }
            int[] thresholds = t.stream().mapToInt(Integer::intValue).toArray();
            double[][] pointwise = new double[thresholds.length][n + 1];
            for (int k = 0; k < thresholds.length; k++) {
                double z = (thresholds[k] + 1.0) / values;
                BinomialDistribution lower = new BinomialDistribution(null, n, z);
                BinomialDistribution upper = new BinomialDistribution(null, n, 1 - z);
                for (int c = 0; c <= n; c++) {
                    double below = lower.cumulativeProbability(c);          // P(X <= c)
                    double above = upper.cumulativeProbability(n - c);      // P(X >= c) = P(n - X <= n - c)
                    pointwise[k][c] = Math.min(1, 2 * Math.min(below, above));
                }
            }
            EcdfNull shell = new EcdfNull(n, maxRank, thresholds, pointwise, null);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            double[] sim = new double[replications];
            int[] ranks = new int[n];
            for (int m = 0; m < replications; m++) {
                for (int i = 0; i < n; i++) ranks[i] = rng.nextInt(values);
                sim[m] = shell.statistic(ranks);
            }
            Arrays.sort(sim);
            return new EcdfNull(n, maxRank, thresholds, pointwise, sim);
        }

        /** The statistic: the smallest pointwise two-sided probability of the ECDF counts. */
        double statistic(int[] ranks) {
            int[] perRank = new int[maxRank + 1];
            for (int r : ranks) perRank[r]++;
            double min = 1;
            int below = 0;
            int next = 0;
            for (int k = 0; k < thresholds.length; k++) {
                while (next <= thresholds[k]) below += perRank[next++];
                min = Math.min(min, pointwise[k][below]);
            }
            return min;
        }

        /** The p-value of some ranks: {@code (1 + #{simulated <= observed}) / (R + 1)}. */
        double pValue(int[] ranks) {
            double t = statistic(ranks);
            int at = upperBound(simulated, t);
            return (1.0 + at) / (simulated.length + 1.0);
        }

        /**
         * Säilynoja et al.'s adjusted pointwise level gamma of a simultaneous {@code 1 - alpha}
         * band: the alpha quantile of the simulated statistics.
         */
        public double gamma(double alpha) {
            int k = (int) Math.floor(alpha * simulated.length);
            return simulated[Math.max(0, Math.min(simulated.length - 1, k))];
        }

        /** The evaluation points' rank thresholds {@code t_k} (a copy). */
        public int[] thresholds() {
            return thresholds.clone();
        }

        /** Number of elements of sorted {@code a} at or below {@code x}. */
        private static int upperBound(double[] a, double x) {
            int lo = 0;
            int hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= x) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
