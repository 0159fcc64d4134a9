package ulam.stdlib.transform;

import ulam.stdlib.math.Numerics;

/**
 * The two-sided transform x = lb + (ub - lb) inv_logit(q), x in (lb, ub) (Stan Reference Manual,
 * "Constraint transforms", section "Lower and upper bounded scalar"):
 * log |dx/dq| = log(ub - lb) + log inv_logit(q) + log(1 - inv_logit(q)).
 *
 * <p>Numerics: with e = exp(-|q|) everything is computed without cancellation. For q &gt; 0 the
 * value is measured from the upper bound, x = ub - (ub - lb) e / (1 + e), so that it rounds to ub
 * only when the distance is below half an ulp of ub; in that case (and the mirror case at lb) the
 * neighbouring double inside the interval is returned, so x is never exactly a bound when a
 * double lies strictly between. The log Jacobian is log(ub - lb) - |q| - 2 log1p(e): finite for any
 * finite q.
 */
public final class LowerUpperBound {
    private LowerUpperBound() {}

    /** x = lb + (ub - lb) inv_logit(q), strictly inside (lb, ub) whenever a double lies there. */
    public static double constrain(double q, double lb, double ub) {
        double width = ub - lb;
        if (q > 0) {
            double e = Math.exp(-q);
            double x = ub - width * (e / (1.0 + e));
            return x < ub ? x : Math.max(Math.nextDown(ub), lb);
        }
        double e = Math.exp(q);
        double x = lb + width * (e / (1.0 + e));
        return x > lb || !(q == q) ? x : Math.min(Math.nextUp(lb), ub);
    }

    /** log |dx/dq| = log(ub - lb) - |q| - 2 log(1 + exp(-|q|)). */
    public static double logJacobian(double q, double x, double lb, double ub) {
        double a = Math.abs(q);
        return Math.log(ub - lb) - a - 2.0 * Numerics.log1p(Math.exp(-a));
    }

    /** dx/dq = (ub - lb) inv_logit(q) (1 - inv_logit(q)) = (ub - lb) e / (1 + e)^2, e = exp(-|q|). */
    public static double derivative(double q, double x, double lb, double ub) {
        double e = Math.exp(-Math.abs(q));
        double u = 1.0 + e;
        return (ub - lb) * e / (u * u);
    }

    /** d logJacobian / dq = 1 - 2 inv_logit(q) = -sign(q) (1 - e) / (1 + e), e = exp(-|q|). */
    public static double logJacobianDerivative(double q, double x, double lb, double ub) {
        double e = Math.exp(-Math.abs(q));
        double r = (1.0 - e) / (1.0 + e);
        return q > 0 ? -r : r;
    }

    /**
     * The adjoint of the lower bound when it depends on other parameters: with s = inv_logit(q),
     * dx/dlb = 1 - s and d logJacobian/dlb = -1/(ub - lb), so xAdj (1 - s) - 1/(ub - lb).
     */
    public static double lowerAdjoint(double q, double x, double lb, double ub, double xAdj) {
        return xAdj * invLogit(-q) - 1.0 / (ub - lb);
    }

    /**
     * The adjoint of the upper bound when it depends on other parameters ({@code upper=1 - alpha1}):
     * dx/dub = s = inv_logit(q) and d logJacobian/dub = 1/(ub - lb), so xAdj s + 1/(ub - lb).
     */
    public static double upperAdjoint(double q, double x, double lb, double ub, double xAdj) {
        return xAdj * invLogit(q) + 1.0 / (ub - lb);
    }

    /** inv_logit(q) without overflow: 1/(1 + e) for q &gt; 0, e/(1 + e) otherwise, e = exp(-|q|). */
    private static double invLogit(double q) {
        double e = Math.exp(-Math.abs(q));
        return q > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /**
     * q = logit((x - lb) / (ub - lb)), computed as log((x - lb) / (ub - x)) to keep precision near
     * either bound.
     *
     * @throws IllegalArgumentException unless lb &lt; x &lt; ub
     */
    public static double unconstrain(double x, double lb, double ub) {
        if (!(x > lb && x < ub)) {
            throw new IllegalArgumentException(
                    "value " + x + " is not strictly between the bounds " + lb + " and " + ub);
        }
        return Math.log((x - lb) / (ub - x));
    }
}
