package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The inverse gamma distribution inv_gamma(y | alpha, beta) with shape alpha &gt; 0 and scale
 * beta &gt; 0: 1 / y ~ gamma(alpha, rate beta), mean beta / (alpha - 1) for alpha &gt; 1; outcome
 * y &gt; 0. Stan Functions Reference, "Inverse gamma distribution":
 * log density = alpha log(beta) - log Gamma(alpha) - (alpha + 1) log(y) - beta / y.
 *
 * <p>Computed from {@link Gamma} at x = 1 / y by the change of variables: log density
 * = gamma(1 / y | alpha, beta) - 2 log(y), and P(Y &lt;= y) = P(X &gt;= 1 / y). -inf for y &lt;= 0 (the
 * density tends to 0 at y = 0); other rules in {@link ulam.stdlib.dist}.
 */
public final class InvGamma {
    private InvGamma() {}

    private static boolean valid(double alpha, double beta) {
        return Numerics.isPositiveFinite(alpha) && Numerics.isPositiveFinite(beta);
    }

    /** The log density, natural log, constants kept; NaN for invalid arguments or y NaN. */
    public static double lpdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta) || y != y) {
            return Double.NaN;
        }
        if (!(y > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Gamma.lpdf(1.0 / y, alpha, beta) - 2.0 * Math.log(y);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials: d[0] = (beta / y - alpha - 1) / y,
     * d[1] = d/dalpha = log(beta) - psi(alpha) - log(y), d[2] = d/dbeta = alpha / beta - 1 / y.
     */
    public static double kernel(double y, double alpha, double beta, double[] d) {
        if (!valid(alpha, beta) || y != y) {
            return Double.NaN;
        }
        if (!(y > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double x = 1.0 / y;
        double value = Gamma.kernel(x, alpha, beta, d) - 2.0 * Math.log(y);
        d[0] = -d[0] * x * x - 2.0 * x;   // dx/dy = -1/y^2
        return value;
    }

    /** log P(Y &lt;= y) = log Q(alpha, beta / y); -inf for y &lt;= 0; NaN for invalid arguments. */
    public static double lcdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta) || y != y) {
            return Double.NaN;
        }
        return y > 0 ? Gamma.lccdf(1.0 / y, alpha, beta) : Double.NEGATIVE_INFINITY;
    }

    /** log P(Y &gt; y) = log P(alpha, beta / y); 0 for y &lt;= 0; NaN for invalid arguments. */
    public static double lccdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta) || y != y) {
            return Double.NaN;
        }
        return y > 0 ? Gamma.lcdf(1.0 / y, alpha, beta) : 0.0;
    }

    /** {@link #lcdf} and its partials d[0] = d/dy, d[1] = d/dalpha, d[2] = d/dbeta (all 0 for y &lt;= 0). */
    public static double lcdfGrad(double y, double alpha, double beta, double[] d) {
        return cdfGrad(y, alpha, beta, d, true);
    }

    /** {@link #lccdf} and its partials, as {@link #lcdfGrad}. */
    public static double lccdfGrad(double y, double alpha, double beta, double[] d) {
        return cdfGrad(y, alpha, beta, d, false);
    }

    private static double cdfGrad(double y, double alpha, double beta, double[] d, boolean lower) {
        if (!valid(alpha, beta) || y != y) {
            return Double.NaN;
        }
        if (!(y > 0)) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return lower ? Double.NEGATIVE_INFINITY : 0.0;
        }
        double x = 1.0 / y;
        double value = lower ? Gamma.lccdfGrad(x, alpha, beta, d) : Gamma.lcdfGrad(x, alpha, beta, d);
        d[0] = -d[0] * x * x;
        return value;
    }

    /** One draw: 1 / X with X a gamma(alpha, rate beta) draw ({@link Gamma#rng}). */
    public static double rng(UniformRandomProvider rng, double alpha, double beta) {
        Arguments.positive("inv_gamma", "alpha", alpha);
        Arguments.positive("inv_gamma", "beta", beta);
        return 1.0 / Gamma.rng(rng, alpha, beta);
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -lgamma(alpha) when alpha is data; alpha log(beta) when alpha and beta are; -(alpha + 1) log(y) when y and alpha are; -beta / y when y and beta are; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double alpha, double beta) {
        if (Propto.all(data, 2)) return lpdf(y, alpha, beta);
        double c = 0.0;
        if (Propto.data(data, 1)) c -= Numerics.lgamma(alpha);
        if (Propto.data(data, 1, 2)) c += alpha * Math.log(beta);
        if (Propto.data(data, 0, 1)) c -= (alpha + 1.0) * Math.log(y);
        if (Propto.data(data, 0, 2)) c -= beta / y;
        return c;
    }
}
