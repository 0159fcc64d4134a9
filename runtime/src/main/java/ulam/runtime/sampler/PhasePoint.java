package ulam.runtime.sampler;

/**
 * A point in phase space (Stan's {@code ps_point}): position {@code q}, momentum {@code p}, and,
 * cached so that it is computed once per leapfrog step, the log density at {@code q} and its
 * gradient. All arrays have length d (the model's dimension) and are reused, never reallocated.
 */
final class PhasePoint {
    final double[] q;
    final double[] p;
    /** Gradient of the log density at {@code q} (minus the gradient of the potential energy). */
    final double[] g;
    /** Log density at {@code q} (minus the potential energy). */
    double logDensity;
    /**
     * Signed number of leapfrog steps from the trajectory's initial point (0 there, negative
     * backward in time): which state of the trajectory a draw is.
     */
    int index;

    PhasePoint(int d) {
        q = new double[d];
        p = new double[d];
        g = new double[d];
    }

    void copyFrom(PhasePoint o) {
        int d = q.length;
        System.arraycopy(o.q, 0, q, 0, d);
        System.arraycopy(o.p, 0, p, 0, d);
        System.arraycopy(o.g, 0, g, 0, d);
        logDensity = o.logDensity;
        index = o.index;
    }
}
