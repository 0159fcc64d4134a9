package ulam.runtime.sampler;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import ulam.runtime.UlamException;

/**
 * Dense {@code M^-1} (Stan's {@code dense_e_metric}); starts as the identity. Momenta are drawn
 * as {@code p = L^-T u} with {@code u ~ N(0, I)} and {@code M^-1 = L L'} (Cholesky), so that
 * {@code Cov(p) = (L L')^-1 = M}, as Stan's {@code dense_e_metric::sample_p} does.
 */
final class DenseMetric extends EuclideanMetric {
    private final int d;
    /** {@code M^-1}, row-major d x d. */
    final double[] inverse;
    /** Lower Cholesky factor of {@code M^-1}, row-major d x d (upper triangle zero). */
    private final double[] chol;

    DenseMetric(int d) {
        this.d = d;
        inverse = new double[d * d];
        chol = new double[d * d];
        for (int i = 0; i < d; i++) {
            inverse[i * d + i] = 1;
            chol[i * d + i] = 1;
        }
    }

    /**
     * Replaces {@code M^-1} by a covariance matrix.
     *
     * @param covariance row-major d x d, symmetric positive definite
     * @throws UlamException if it is not positive definite
     */
    void set(double[] covariance) {
        System.arraycopy(covariance, 0, inverse, 0, d * d);
        if (!cholesky(inverse, chol, d)) {
            throw new UlamException("the adapted dense metric is not positive definite",
                    null, "use --metric diag, or reparameterise the model so its parameters are less extreme");
        }
    }

    /** Lower Cholesky factor of a symmetric matrix; false if not positive definite. */
    static boolean cholesky(double[] a, double[] l, int d) {
        java.util.Arrays.fill(l, 0.0);
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) s -= l[j * d + k] * l[j * d + k];
            if (!(s > 0)) return false;
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
                l[i * d + j] = t / ljj;
            }
        }
        return true;
    }

    /** Row i of {@code M^-1} times p. */
    private double row(int i, double[] p) {
        double r = 0;
        int offset = i * d;
        for (int j = 0; j < d; j++) r += inverse[offset + j] * p[j];
        return r;
    }

    @Override
    double kineticEnergy(double[] p) {
        double s = 0;
        for (int i = 0; i < d; i++) s += p[i] * row(i, p);
        return 0.5 * s;
    }

    @Override
    void velocity(double[] p, double[] out) {
        for (int i = 0; i < d; i++) out[i] = row(i, p);
    }

    @Override
    void addVelocity(double[] p, double eps, double[] q) {
        for (int i = 0; i < d; i++) q[i] += eps * row(i, p);
    }

    @Override
    void sampleMomentum(NormalizedGaussianSampler normal, double[] p) {
        for (int i = 0; i < d; i++) p[i] = normal.sample();
        // back substitution L' p = u, in place (p[i] needs u[i] and p[j] for j > i)
        for (int i = d - 1; i >= 0; i--) {
            double s = p[i];
            for (int j = i + 1; j < d; j++) s -= chol[j * d + i] * p[j];
            p[i] = s / chol[i * d + i];
        }
    }

    @Override
    MetricKind kind() {
        return MetricKind.DENSE;
    }

    @Override
    double[] inverseMetric() {
        return inverse.clone();
    }
}
