package ulam.runtime.sampler;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * A diagonal inverse metric with a low-rank correction, nutpie's "low-rank modified mass matrix"
 * (Seyboldt, Carlson and Carpenter 2026, the nutpie paper: the metric that minimises the Fisher
 * divergence between the scaled posterior and a standard normal; docs/architecture.md, "Runtime"):
 * <pre>
 *   M^-1 = D (I + U (Lambda - I) U') D,   D = diag(sigma),
 * </pre>
 * with {@code sigma[d]} the per-parameter scales (sigma_i^2 is the diagonal variance), {@code U} a
 * {@code d x k} matrix of orthonormal columns and {@code Lambda = diag(lambda[k])} the variances of
 * the scaled posterior along them (every other direction of the scaled space has variance 1).
 * Each operation costs {@code O(d k)}; momenta are drawn as
 * {@code p = D^-1 (I + U (Lambda^-1/2 - I) U') z}, {@code z ~ N(0, I)}, so that
 * {@code Cov(p) = M}. With {@code k = 0} it is the diagonal metric {@code diag(sigma^2)}.
 * Starts as the identity. Never allocates in the sampler's methods.
 */
final class LowRankMetric extends EuclideanMetric {
    private final int d;
    private final MetricKind kind;
    private final double[] sigma;
    /** The columns of U, {@code vectors[j]} of length d; only the first k are used. */
    private final double[][] vectors;
    private final double[] lambdaMinus1;
    private final double[] lambdaInvSqrtMinus1;
    private int k;
    private final double[] scratch;
    private final double[] velocityScratch;
    /**
     * {@code M^-1} row-major when {@code 2k >= d}: then a dense product ({@code d^2}) is cheaper than
     * the low-rank one ({@code 2 d k}); null otherwise.
     */
    private double[] dense;

    /**
     * @param d       dimension
     * @param maxRank the largest k that {@link #set} will be given
     * @param kind    the kind reported (LOW_RANK, or DENSE when every eigenvalue is kept)
     */
    LowRankMetric(int d, int maxRank, MetricKind kind) {
        this.d = d;
        this.kind = kind;
        sigma = new double[d];
        java.util.Arrays.fill(sigma, 1.0);
        vectors = new double[maxRank][d];
        lambdaMinus1 = new double[maxRank];
        lambdaInvSqrtMinus1 = new double[maxRank];
        scratch = new double[d];
        velocityScratch = new double[d];
    }

    /**
     * Replaces the metric.
     *
     * @param scales  sigma, {@code double[d]}, positive
     * @param u       the first {@code rank} rows are the orthonormal vectors, each {@code double[d]}
     * @param lambda  their variances, positive
     * @param rank    k, at most the constructor's maxRank
     */
    void set(double[] scales, double[][] u, double[] lambda, int rank) {
        System.arraycopy(scales, 0, sigma, 0, d);
        k = rank;
        for (int j = 0; j < rank; j++) {
            System.arraycopy(u[j], 0, vectors[j], 0, d);
            lambdaMinus1[j] = lambda[j] - 1;
            lambdaInvSqrtMinus1[j] = 1 / Math.sqrt(lambda[j]) - 1;
        }
        dense = 2 * k >= d ? inverseMetric() : null;
    }

    /** The number of low-rank directions in use. */
    int rank() {
        return k;
    }

    /** {@code t += sum_j c_j (U_j . t) U_j}: the low-rank factor {@code I + U diag(c) U'} applied in place. */
    private void lowRank(double[] t, double[] c) {
        for (int j = 0; j < k; j++) {
            double[] u = vectors[j];
            double s = 0;
            for (int i = 0; i < d; i++) s += u[i] * t[i];
            s *= c[j];
            for (int i = 0; i < d; i++) t[i] += s * u[i];
        }
    }

    @Override
    void velocity(double[] p, double[] out) {
        if (dense != null) {
            for (int i = 0; i < d; i++) {
                double s = 0;
                int row = i * d;
                for (int j = 0; j < d; j++) s += dense[row + j] * p[j];
                out[i] = s;
            }
            return;
        }
        for (int i = 0; i < d; i++) out[i] = sigma[i] * p[i];
        // the columns of U are orthonormal, so the rank-one updates commute and apply one by one
        lowRank(out, lambdaMinus1);
        for (int i = 0; i < d; i++) out[i] *= sigma[i];
    }

    @Override
    double kineticEnergy(double[] p) {
        return velocityAndKineticEnergy(p, velocityScratch);
    }

    @Override
    double velocityAndKineticEnergy(double[] p, double[] out) {
        velocity(p, out);
        double s = 0;
        for (int i = 0; i < d; i++) s += p[i] * out[i];
        return 0.5 * s;
    }

    @Override
    void addVelocity(double[] p, double eps, double[] q) {
        velocity(p, velocityScratch);
        for (int i = 0; i < d; i++) q[i] += eps * velocityScratch[i];
    }

    @Override
    void sampleMomentum(NormalizedGaussianSampler normal, double[] p) {
        for (int i = 0; i < d; i++) scratch[i] = normal.sample();
        lowRank(scratch, lambdaInvSqrtMinus1);
        for (int i = 0; i < d; i++) p[i] = scratch[i] / sigma[i];
    }

    @Override
    MetricKind kind() {
        return kind;
    }

    /** {@code M^-1} as a dense row-major {@code double[d*d]} (what a Stan CSV file's dense metric holds). */
    @Override
    double[] inverseMetric() {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) m[i * d + i] = sigma[i] * sigma[i];
        for (int j = 0; j < k; j++) {
            double[] u = vectors[j];
            for (int a = 0; a < d; a++) {
                double ua = lambdaMinus1[j] * u[a] * sigma[a];
                for (int b = 0; b < d; b++) m[a * d + b] += ua * u[b] * sigma[b];
            }
        }
        return m;
    }
}
