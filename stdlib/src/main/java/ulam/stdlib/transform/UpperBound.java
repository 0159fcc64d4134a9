package ulam.stdlib.transform;

/**
 * The upper-bound transform x = ub - exp(q), x in (-inf, ub) (Stan Reference Manual,
 * "Constraint transforms", section "Upper bounded scalar"): log |dx/dq| = q.
 */
public final class UpperBound {
    private UpperBound() {}

    /** x = ub - exp(q). */
    public static double constrain(double q, double ub) {
        return ub - Math.exp(q);
    }

    /** log |dx/dq| = q. */
    public static double logJacobian(double q, double x, double ub) {
        return q;
    }

    /** dx/dq = -exp(q) (taken as x itself when ub = 0, to save the exp). */
    public static double derivative(double q, double x, double ub) {
        return ub == 0 ? x : -Math.exp(q);
    }

    /** d logJacobian / dq = 1. */
    public static double logJacobianDerivative(double q, double x, double ub) {
        return 1.0;
    }

    /**
     * The adjoint a bound that depends on other parameters receives: d(theta adjoint * x + logJacobian)/d ub
     * = xAdj (dx/dub = 1; the log Jacobian q does not depend on ub).
     */
    public static double upperAdjoint(double q, double x, double ub, double xAdj) {
        return xAdj;
    }

    /**
     * q = log(ub - x).
     *
     * @throws IllegalArgumentException unless x &lt; ub
     */
    public static double unconstrain(double x, double ub) {
        if (!(x < ub)) {
            throw new IllegalArgumentException("value " + x + " is not below the upper bound " + ub);
        }
        return Math.log(ub - x);
    }
}
