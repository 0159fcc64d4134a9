package ulam.runtime.loo;

/** Stable log-sum-exp and small vector statistics shared by WAIC, PSIS and compare. */
final class LogSum {
    private LogSum() {
    }

    /**
     * {@code log(sum(exp(x)))}, computed as {@code max + log(sum(exp(x - max)))} (R's
     * {@code matrixStats::logSumExp}).
     *
     * @param x values on the log scale
     * @return the log of the sum of their exponentials; -infinity for an empty array or all -infinity
     */
    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) if (v > max) max = v;
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) return max;
        if (max == Double.POSITIVE_INFINITY) return max;
        double sum = 0;
        for (double v : x) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }

    /** Arithmetic mean. */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /**
     * Variance with denominator {@code n - ddofFree}: {@code sample = true} divides by n - 1 (R's
     * {@code var}), {@code false} by n (rethinking's {@code var2}, the population variance).
     * Computed around the mean in two passes.
     */
    static double variance(double[] x, boolean sample) {
        int n = x.length;
        if (n < (sample ? 2 : 1)) return Double.NaN;
        double m = mean(x);
        double ss = 0;
        double c = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
            c += v - m;
        }
        ss -= c * c / n; // corrected two-pass algorithm
        return ss / (sample ? n - 1 : n);
    }

    /** Sum. */
    static double sum(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s;
    }

    /** Column {@code j} of a row-major matrix {@code m[rows][cols]}, into {@code out}. */
    static double[] column(double[][] m, int j, double[] out) {
        for (int s = 0; s < m.length; s++) out[s] = m[s][j];
        return out;
    }

    /** Standard error of a sum of n pointwise values: {@code sqrt(n * var(x))} with the given variance. */
    static double seOfSum(double[] x, boolean sample) {
        return Math.sqrt(x.length * variance(x, sample));
    }
}
