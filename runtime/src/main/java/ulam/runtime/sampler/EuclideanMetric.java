package ulam.runtime.sampler;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * The kinetic energy of a Euclidean Hamiltonian, {@code K(p) = p' M^-1 p / 2}, with its
 * derivative (the velocity {@code dq/dt = M^-1 p}, Stan's {@code dtau_dp}, "p sharp") and the
 * momentum distribution {@code p ~ N(0, M)} (Betancourt 2017, "A Conceptual Introduction to
 * Hamiltonian Monte Carlo", Sec. 4.2; Stan reference manual, "Euclidean metrics").
 * Implementations hold {@code M^-1} and never allocate in these methods.
 */
abstract class EuclideanMetric {

    /** @return {@code p' M^-1 p / 2} */
    abstract double kineticEnergy(double[] p);

    /** Writes {@code M^-1 p} into {@code out} (distinct from {@code p}). */
    abstract void velocity(double[] p, double[] out);

    /**
     * Writes {@code M^-1 p} into {@code out} and returns {@code K(p)}: what a leapfrog state needs,
     * for metrics where the velocity is the expensive part (computed once here).
     */
    double velocityAndKineticEnergy(double[] p, double[] out) {
        velocity(p, out);
        return kineticEnergy(p);
    }

    /** {@code q += eps * M^-1 p}: the position update of the leapfrog integrator. */
    abstract void addVelocity(double[] p, double eps, double[] q);

    /** Draws {@code p ~ N(0, M)} into {@code p}, consuming d standard normals in index order. */
    abstract void sampleMomentum(NormalizedGaussianSampler normal, double[] p);

    /** Kind of metric. */
    abstract MetricKind kind();

    /** A copy of {@code M^-1}: {@code double[d]} (diagonal) or {@code double[d*d]} row-major (dense). */
    abstract double[] inverseMetric();

    /** The identity metric of the kind that {@code adapt} estimates. */
    static EuclideanMetric unit(AdaptKind adapt, MetricKind kind, int d) {
        if (kind == MetricKind.DIAG || kind == MetricKind.AUTO) return new DiagonalMetric(d);
        if (adapt == AdaptKind.STAN) return new DenseMetric(d);
        return new LowRankMetric(d, d, kind);
    }
}
