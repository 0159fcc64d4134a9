package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The uniform distribution uniform(y | alpha, beta) on [alpha, beta], with finite bounds
 * alpha &lt; beta; outcome y in [alpha, beta] (a parameter gets exactly these bounds, support
 * {@link ulam.stdlib.Support#ARG_BOUNDS}). Stan Functions Reference, "Uniform distribution":
 * log density = -log(beta - alpha). -inf outside [alpha, beta]; NaN if alpha &gt;= beta or a bound
 * is not finite; other rules in {@link ulam.stdlib.dist}.
 */
public final class Uniform {
    private Uniform() {}

    /** The log density, natural log; NaN for invalid arguments. */
    public static double lpdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (!(y >= alpha && y <= beta)) {
            return Double.NEGATIVE_INFINITY;
        }
        return -Math.log(beta - alpha);
    }

    /**
     * The log density (same value as {@link #lpdf}); d[0] = 0, d[1] = d/dalpha = 1 / (beta - alpha),
     * d[2] = d/dbeta = -1 / (beta - alpha).
     */
    public static double kernel(double y, double alpha, double beta, double[] d) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (!(y >= alpha && y <= beta)) {
            return Double.NEGATIVE_INFINITY;
        }
        double width = beta - alpha;
        double inv = 1.0 / width;
        d[0] = 0.0;
        d[1] = inv;
        d[2] = -inv;
        return -Math.log(width);
    }

    private static boolean valid(double alpha, double beta) {
        return alpha < beta && Numerics.isFinite(alpha) && Numerics.isFinite(beta);
    }


    /**
     * log P(Y &lt;= y) = log((y - alpha) / (beta - alpha)) on [alpha, beta]; -inf below alpha, 0
     * above beta; NaN for invalid arguments.
     */
    public static double lcdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= alpha) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y >= beta) {
            return 0.0;
        }
        return Math.log((y - alpha) / (beta - alpha));
    }

    /** log P(Y &gt; y) = log((beta - y) / (beta - alpha)) on [alpha, beta]; 0 below alpha, -inf above beta. */
    public static double lccdf(double y, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= alpha) {
            return 0.0;
        }
        if (y >= beta) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log((beta - y) / (beta - alpha));
    }

    /**
     * {@link #lcdf} and its partials inside (alpha, beta): d[0] = 1 / (y - alpha),
     * d[1] = 1 / (beta - alpha) - 1 / (y - alpha), d[2] = -1 / (beta - alpha); all 0 above beta,
     * unspecified below alpha.
     */
    public static double lcdfGrad(double y, double alpha, double beta, double[] d) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= alpha) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y >= beta) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return 0.0;
        }
        double width = 1.0 / (beta - alpha);
        double below = 1.0 / (y - alpha);
        d[0] = below;
        d[1] = width - below;
        d[2] = -width;
        return Math.log((y - alpha) / (beta - alpha));
    }

    /**
     * {@link #lccdf} and its partials inside (alpha, beta): d[0] = -1 / (beta - y),
     * d[1] = 1 / (beta - alpha), d[2] = 1 / (beta - y) - 1 / (beta - alpha); all 0 below alpha,
     * unspecified above beta.
     */
    public static double lccdfGrad(double y, double alpha, double beta, double[] d) {
        if (!valid(alpha, beta)) {
            return Double.NaN;
        }
        if (y <= alpha) {
            d[0] = 0.0;
            d[1] = 0.0;
            d[2] = 0.0;
            return 0.0;
        }
        if (y >= beta) {
            return Double.NEGATIVE_INFINITY;
        }
        double width = 1.0 / (beta - alpha);
        double above = 1.0 / (beta - y);
        d[0] = -above;
        d[1] = width;
        d[2] = above - width;
        return Math.log((beta - y) / (beta - alpha));
    }

    /** One draw: alpha + (beta - alpha) U. */
    public static double rng(UniformRandomProvider rng, double alpha, double beta) {
        if (!valid(alpha, beta)) {
            throw new IllegalArgumentException("uniform_rng: the bounds are " + alpha + " and " + beta
                    + ", but must be finite with alpha < beta");
        }
        return alpha + (beta - alpha) * rng.nextDouble();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(beta - alpha) when alpha and beta are data; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double alpha, double beta) {
        if (Propto.all(data, 2)) return lpdf(y, alpha, beta);
        return Propto.data(data, 1, 2) ? -Math.log(beta - alpha) : 0.0;
    }
}
