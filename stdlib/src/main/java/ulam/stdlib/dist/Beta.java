package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import ulam.stdlib.math.Memo;
import ulam.stdlib.math.Numerics;

/**
 * The beta distribution beta(y | a, b) with shapes a &gt; 0, b &gt; 0 (mean a / (a + b)); outcome
 * y in [0, 1]. Stan Functions Reference, "Beta distribution":
 * log density = (a - 1) log(y) + (b - 1) log(1 - y) - log B(a, b), B the beta function.
 * log B(a, b) and the digamma values are kept per thread for the last (a, b) ({@link Memo}).
 * -inf outside [0, 1]; at y = 0 or 1 the limit (+inf, finite or -inf according to the shape);
 * other rules in {@link ulam.stdlib.dist}.
 */
public final class Beta {
    private Beta() {}

    /** Per-thread {a, b, log B(a, b), psi(a), psi(b), psi(a + b)}; see {@link Memo}. */
    private static final ThreadLocal<double[]> MEMO = Memo.create(6);

    /** {a, b, log B(a, b), psi(a), psi(b), psi(a + b)} for this thread's last (a, b) (shared with {@link Beta2}). */
    static double[] specials(double a, double b) {
        double[] m = MEMO.get();
        if (m[0] != a || m[1] != b) {
            m[2] = Numerics.lbeta(a, b);
            m[3] = Numerics.digamma(a);
            m[4] = Numerics.digamma(b);
            m[5] = Numerics.digamma(a + b);
            m[0] = a;
            m[1] = b;
        }
        return m;
    }

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double a, double b) {
        if (!valid(a, b)) {
            return Double.NaN;
        }
        if (!(y >= 0 && y <= 1)) {
            return y == y ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        return value(Math.log(y), Numerics.log1m(y), a, b);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with psi the digamma
     * function: d[0] = (a - 1) / y - (b - 1) / (1 - y), d[1] = log(y) - psi(a) + psi(a + b),
     * d[2] = log(1 - y) - psi(b) + psi(a + b).
     */
    public static double kernel(double y, double a, double b, double[] d) {
        if (!valid(a, b)) {
            return Double.NaN;
        }
        if (!(y >= 0 && y <= 1)) {
            return y == y ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        double logY = Math.log(y);
        double log1mY = Numerics.log1m(y);
        double[] m = specials(a, b);
        d[0] = (a - 1.0) / y - (b - 1.0) / (1.0 - y);
        d[1] = logY - m[3] + m[5];
        d[2] = log1mY - m[4] + m[5];
        return value(logY, log1mY, a, b);
    }

    static boolean valid(double a, double b) {
        return Numerics.isPositiveFinite(a) && Numerics.isPositiveFinite(b);
    }

    /**
     * The log density from log(y) and log(1 - y); a term (s - 1) log(.) is 0 when its shape is 1,
     * so the boundary values y = 0 and y = 1 come out as limits rather than NaN.
     */
    static double value(double logY, double log1mY, double a, double b) {
        double left = a == 1.0 ? 0.0 : (a - 1.0) * logY;
        double right = b == 1.0 ? 0.0 : (b - 1.0) * log1mY;
        return left + right - specials(a, b)[2];
    }

    /** One draw: commons-rng {@link ChengBetaSampler} (R. C. H. Cheng, CACM 21, 1978). */
    public static double rng(UniformRandomProvider rng, double a, double b) {
        Arguments.positive("beta", "a", a);
        Arguments.positive("beta", "b", b);
        return ChengBetaSampler.of(rng, a, b).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -lgamma(a) when a is data, -lgamma(b) when b is, lgamma(a + b) when both are; (a - 1) log(y) when y and a are; (b - 1) log(1 - y) when y and b are; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double a, double b) {
        if (Propto.all(data, 2)) return lpdf(y, a, b);
        return betaSummands(Propto.data(data, 0), Propto.data(data, 1), Propto.data(data, 2), y, a, b);
    }

    /** The beta summands whose operands are data (y, shapes a and b: which are data), as {@link #dropped}. */
    static double betaSummands(boolean y, boolean a, boolean b, double yv, double av, double bv) {
        double c = 0.0;
        if (a) c -= Numerics.lgamma(av);
        if (b) c -= Numerics.lgamma(bv);
        if (a && b) c += Numerics.lgamma(av + bv);
        if (y && a) c += (av - 1.0) * Math.log(yv);
        if (y && b) c += (bv - 1.0) * Numerics.log1m(yv);
        return c;
    }
}
