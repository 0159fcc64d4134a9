package ulam.stdlib.transform;

/**
 * The lower-bound transform x = lb + exp(q), x in (lb, inf) (Stan Reference Manual,
 * "Constraint transforms", section "Lower bounded scalar"): log |dx/dq| = q.
 */
public final class LowerBound {
    private LowerBound() {}

    /** x = lb + exp(q). */
    public static double constrain(double q, double lb) {
        return lb + Math.exp(q);
    }

    /** log |dx/dq| = q. */
    public static double logJacobian(double q, double x, double lb) {
        return q;
    }

    /** dx/dq = exp(q) (taken as x itself when lb = 0, to save the exp). */
    public static double derivative(double q, double x, double lb) {
        return lb == 0 ? x : Math.exp(q);
    }

    /** d logJacobian / dq = 1. */
    public static double logJacobianDerivative(double q, double x, double lb) {
        return 1.0;
    }

    /**
     * The adjoint a bound that depends on other parameters receives: d(theta adjoint * x + logJacobian)/d lb
     * = xAdj (dx/dlb = 1; the log Jacobian q does not depend on lb).
     */
    public static double lowerAdjoint(double q, double x, double lb, double xAdj) {
        return xAdj;
    }

    /**
     * q = log(x - lb).
     *
     * @throws IllegalArgumentException unless x &gt; lb
     */
    public static double unconstrain(double x, double lb) {
        if (!(x > lb)) {
            throw new IllegalArgumentException("value " + x + " is not above the lower bound " + lb);
        }
        return Math.log(x - lb);
    }
}
