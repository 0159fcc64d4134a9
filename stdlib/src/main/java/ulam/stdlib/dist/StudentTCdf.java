package ulam.stdlib.dist;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import ulam.stdlib.math.Numerics;

/**
 * The distribution function of Student's t, student_t(nu, mu, sigma) (Stan functions reference,
 * "Student-t distribution", student_t_lcdf and student_t_lccdf), of values: with t = (y - mu) /
 * sigma, the tail P(T &lt; -|t|) = I_x(nu / 2, 1 / 2) / 2, x = nu / (nu + t^2) (Abramowitz and
 * Stegun 26.7.1 with 26.5.27; I the regularized incomplete beta function, commons-numbers
 * {@link RegularizedBeta}); near t = 0, where x rounds towards 1, through the complement
 * I_x(a, b) = 1 - I_(1 - x)(b, a) with 1 - x = t^2 / (nu + t^2) computed directly, when that
 * complement is below 1/2 (so the subtraction loses nothing); in the tails I_x itself. The Stan front
 * end evaluates these where their arguments are data ({@code student_t_lccdf(0 | 3, 0, 10)},
 * brms's normalisation of a half-t prior); they are not (yet) functions of parameters, which
 * would need the partial in nu.
 */
public final class StudentTCdf {
    private StudentTCdf() {}

    /** log P(Y &lt;= y), natural log; NaN for invalid arguments (nu or sigma not positive and finite, mu not finite, y NaN). */
    public static double lcdf(double y, double nu, double mu, double sigma) {
        if (!valid(y, nu, mu, sigma)) return Double.NaN;
        double t = (y - mu) / sigma;
        double tail = tail(t, nu);
        return t < 0 ? Math.log(tail) : Math.log1p(-tail);
    }

    /** log P(Y &gt; y), natural log; NaN for invalid arguments. */
    public static double lccdf(double y, double nu, double mu, double sigma) {
        if (!valid(y, nu, mu, sigma)) return Double.NaN;
        double t = (y - mu) / sigma;
        double tail = tail(t, nu);
        return t > 0 ? Math.log(tail) : Math.log1p(-tail);
    }

    /** P(T &lt; -|t|) for T a standard t with nu degrees of freedom. */
    private static double tail(double t, double nu) {
        if (Double.isInfinite(t)) return 0.0;
        double t2 = t * t;
        double q = t2 / (nu + t2);   // 1 - x
        double c = RegularizedBeta.value(q, 0.5, 0.5 * nu);   // 1 - I_x(nu / 2, 1 / 2)
        return 0.5 * (c < 0.5 ? 1.0 - c : RegularizedBeta.value(nu / (nu + t2), 0.5 * nu, 0.5));
    }

    private static boolean valid(double y, double nu, double mu, double sigma) {
        return !Double.isNaN(y) && Numerics.isPositiveFinite(nu) && Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu);
    }
}
