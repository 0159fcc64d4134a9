package ulam.runtime.sampler;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/** Diagonal {@code M^-1} (Stan's {@code diag_e_metric}); starts as the identity. */
final class DiagonalMetric extends EuclideanMetric {
    /** The variances: the diagonal of {@code M^-1}. */
    final double[] inverse;
    /** {@code 1 / sqrt(inverse)}: standard deviations of the momenta. */
    private final double[] momentumScale;

    DiagonalMetric(int d) {
        inverse = new double[d];
        momentumScale = new double[d];
        java.util.Arrays.fill(inverse, 1.0);
        java.util.Arrays.fill(momentumScale, 1.0);
    }

    /** Replaces {@code M^-1} by {@code diag(variances)}. */
    void set(double[] variances) {
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = variances[i];
            momentumScale[i] = 1.0 / Math.sqrt(variances[i]);
        }
    }

    @Override
    double kineticEnergy(double[] p) {
        double s = 0;
        for (int i = 0; i < p.length; i++) s += p[i] * inverse[i] * p[i];
        return 0.5 * s;
    }

    @Override
    void velocity(double[] p, double[] out) {
        for (int i = 0; i < p.length; i++) out[i] = inverse[i] * p[i];
    }

    @Override
    void addVelocity(double[] p, double eps, double[] q) {
        for (int i = 0; i < p.length; i++) q[i] += eps * inverse[i] * p[i];
    }

    @Override
    void sampleMomentum(NormalizedGaussianSampler normal, double[] p) {
        for (int i = 0; i < p.length; i++) p[i] = normal.sample() * momentumScale[i];
    }

    @Override
    MetricKind kind() {
        return MetricKind.DIAG;
    }

    @Override
    double[] inverseMetric() {
        return inverse.clone();
    }
}
