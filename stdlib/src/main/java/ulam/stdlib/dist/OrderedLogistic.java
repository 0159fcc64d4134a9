package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.math.Numerics;

/**
 * The ordered logistic distribution ordered_logistic(y | eta, c) (rethinking's {@code dordlogit}):
 * linear predictor eta (real, finite), cutpoints c = (c_1 &lt; ... &lt; c_C), a vector of C values
 * (an {@code ordered} parameter); outcome y in {1, ..., C + 1}. Stan Functions Reference,
 * "Ordered logistic distribution":
 * P(y = 1) = 1 - inv_logit(eta - c_1), P(y = k) = inv_logit(eta - c_{k-1}) - inv_logit(eta - c_k),
 * P(y = C + 1) = inv_logit(eta - c_C).
 *
 * <p>Cost: this is the hot call of ordinal models (the Trolley model calls it once per row), so it
 * touches only the one or two cutpoints that bound y and does no loop over the cutpoints except to
 * clear the partials array. With a = eta - c_{y-1} and b = eta - c_y: two exponentials
 * e^-|a|, e^-|b| and one division give inv_logit(a), inv_logit(-a), inv_logit(b), inv_logit(-b)
 * with full relative precision; P is their difference taken on the side where it does not cancel
 * (inv_logit(-b) - inv_logit(-a) when a + b &gt; 0, both values then being near 1), then one log.
 * Only when P falls below 1e-280 (eta more than about 640 away from the cutpoints) is the log-space
 * form log_inv_logit(a) + log_inv_logit(-b) + log1m_exp(b - a) used instead. The first and last
 * categories are one log-sigmoid each.
 *
 * <p>Operands follow {@link ulam.stdlib.Signatures}: the cutpoints are {@code c[cOff], ...,
 * c[cOff + C - 1]}. Only the cutpoints bounding y are checked (finite, and c_{y-1} &lt; c_y, else
 * NaN): an {@code ordered} parameter is ordered by construction, and checking all C would cost a
 * loop per row. -inf for y outside 1..C+1; NaN for eta not finite or C &lt; 0; other rules in
 * {@link ulam.stdlib.dist}.
 */
public final class OrderedLogistic {
    private OrderedLogistic() {}

    /** Below this probability the difference of two logistic values is replaced by the log-space form. */
    private static final double SMALLEST_DIRECT = 1e-280;

    /** The log mass, natural log; NaN for invalid arguments. */
    public static double lpdf(int y, double eta, double[] c, int cOff, int C) {
        return evaluate(y, eta, c, cOff, C, null, null);
    }

    /**
     * The log mass (same value as {@link #lpdf}; there is no data-only constant) and its partials:
     * d[1] = d/deta and dc[k] = d/dc_{k+1} for k = 0..C-1, all 0 except the one or two cutpoints
     * bounding y. With a = eta - c_{y-1}, b = eta - c_y and s = inv_logit:
     * d log P / da = s(a) s(-a) / P, d log P / db = -s(b) s(-b) / P, d[1] = their sum,
     * dc[y-2] = -d log P / da, dc[y-1] = -d log P / db (y = 1: log P = log s(-b), d/db = -s(b);
     * y = C + 1: log P = log s(a), d/da = s(-a)). {@code dc} is overwritten from index 0 to C - 1.
     */
    public static double kernel(int y, double eta, double[] c, int cOff, int C, double[] d, double[] dc) {
        return evaluate(y, eta, c, cOff, C, d, dc);
    }

    private static double evaluate(int y, double eta, double[] c, int cOff, int C, double[] d, double[] dc) {
        if (!Numerics.isFinite(eta) || C < 0) {
            return Double.NaN;
        }
        if (y < 1 || y > C + 1) {
            return Double.NEGATIVE_INFINITY;
        }
        if (dc != null) {
            for (int k = 0; k < C; k++) {
                dc[k] = 0.0;
            }
        }
        if (C == 0) { // one category
            if (d != null) {
                d[1] = 0.0;
            }
            return 0.0;
        }
        if (y == 1) {
            double c1 = c[cOff];
            if (!Numerics.isFinite(c1)) {
                return Double.NaN;
            }
            double b = eta - c1;
            double e = Math.exp(-Math.abs(b));
            double l = Numerics.log1p(e);
            if (d != null) {
                double sb = b > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e); // inv_logit(b)
                d[1] = -sb;
                dc[0] = sb;
            }
            return b > 0 ? -b - l : -l; // log inv_logit(-b)
        }
        if (y == C + 1) {
            double cC = c[cOff + C - 1];
            if (!Numerics.isFinite(cC)) {
                return Double.NaN;
            }
            double a = eta - cC;
            double e = Math.exp(-Math.abs(a));
            double l = Numerics.log1p(e);
            if (d != null) {
                double sna = a > 0 ? e / (1.0 + e) : 1.0 / (1.0 + e); // inv_logit(-a)
                d[1] = sna;
                dc[C - 1] = -sna;
            }
            return a > 0 ? -l : a - l; // log inv_logit(a)
        }
        double lower = c[cOff + y - 2];
        double upper = c[cOff + y - 1];
        if (!(lower < upper && Numerics.isFinite(lower) && Numerics.isFinite(upper))) {
            return Double.NaN;
        }
        double a = eta - lower;
        double b = eta - upper; // b < a
        double ea = Math.exp(-Math.abs(a));
        double eb = Math.exp(-Math.abs(b));
        double pa = 1.0 + ea;
        double pb = 1.0 + eb;
        double u = 1.0 / (pa * pb); // one division for both 1 / (1 + e)
        double ua = pb * u;
        double ub = pa * u;
        double sa = a > 0 ? ua : ea * ua;  // inv_logit(a)
        double sna = a > 0 ? ea * ua : ua; // inv_logit(-a)
        double sb = b > 0 ? ub : eb * ub;
        double snb = b > 0 ? eb * ub : ub;
        double p = a + b > 0 ? snb - sna : sa - sb;
        double value;
        double ga;
        double gb;
        if (p > SMALLEST_DIRECT) {
            value = Math.log(p);
            if (d == null) {
                return value;
            }
            double inv = 1.0 / p;
            ga = sa * sna * inv;
            gb = -sb * snb * inv;
        } else {
            double logSa = a > 0 ? -Numerics.log1p(ea) : a - Numerics.log1p(ea);
            double logSnb = b > 0 ? -b - Numerics.log1p(eb) : -Numerics.log1p(eb);
            value = logSa + logSnb + Numerics.log1mExp(b - a);
            if (d == null) {
                return value;
            }
            double r = 1.0 / Math.expm1(a - b);
            ga = sna + r;
            gb = -sb - r;
        }
        d[1] = ga + gb;
        dc[y - 2] = -ga;
        dc[y - 1] = -gb;
        return value;
    }

    /**
     * One draw by inversion: the smallest k with U &lt; P(Y &lt;= k) = inv_logit(c_k - eta), else C + 1.
     * Rejects eta not finite and cutpoints that are not finite and strictly increasing.
     */
    public static int rng(UniformRandomProvider rng, double eta, double[] c, int cOff, int C) {
        Arguments.finite("ordered_logistic", "eta", eta);
        if (C < 0) {
            throw new IllegalArgumentException("ordered_logistic_rng: " + C + " cutpoints");
        }
        for (int k = 0; k < C; k++) {
            Arguments.finite("ordered_logistic", "c[" + (k + 1) + "]", c[cOff + k]);
            if (k > 0 && !(c[cOff + k - 1] < c[cOff + k])) {
                throw new IllegalArgumentException("ordered_logistic_rng: the cutpoints must be strictly increasing, but c["
                        + k + "] = " + c[cOff + k - 1] + " and c[" + (k + 1) + "] = " + c[cOff + k]);
            }
        }
        double u = rng.nextDouble();
        for (int k = 0; k < C; k++) {
            if (u < Numerics.invLogit(c[cOff + k] - eta)) {
                return k + 1;
            }
        }
        return C + 1;
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing unless every operand is data; the whole log density when every
     * operand is data. Operands as {@link #lpdf}.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, int y, double eta, double[] c, int cOff, int C) {
        return Propto.all(data, 2) ? lpdf(y, eta, c, cOff, C) : 0.0;
    }
}
