package ulam.stdlib.testing;

import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Support;
import ulam.stdlib.ValueType;
import ulam.stdlib.testing.ShapedMethods.Point;

/**
 * Independent references for the distributions with vector operands (by canonical name), written
 * straight from their definitions with commons-math3's special functions, and random valid
 * points for them driven by the registry entry's shapes and supports.
 */
public final class ShapedReferences {
    private ShapedReferences() {}

    /** Reference log density or log mass at a point. */
    public static final Map<String, Function<Point, Double>> LOG_DENSITY = Map.of(
            "ordered_logistic", p -> orderedLogistic((int) p.scalar(0), p.scalar(1), p.reals(2)),
            "categorical", p -> {
                int y = (int) p.scalar(0);
                double[] theta = p.reals(1);
                return y < 1 || y > theta.length ? Double.NEGATIVE_INFINITY : Math.log(theta[y - 1]);
            },
            "categorical_logit", p -> {
                int y = (int) p.scalar(0);
                double[] beta = p.reals(1);
                if (y < 1 || y > beta.length) {
                    return Double.NEGATIVE_INFINITY;
                }
                double sum = 0;
                for (double b : beta) {
                    sum += Math.exp(b);
                }
                return Math.log(Math.exp(beta[y - 1]) / sum);
            },
            "multinomial", p -> {
                int[] y = p.ints(0);
                double[] theta = p.reals(1);
                int n = 0;
                double value = 0;
                for (int k = 0; k < y.length; k++) {
                    if (y[k] < 0) {
                        return Double.NEGATIVE_INFINITY;
                    }
                    n += y[k];
                    value -= CombinatoricsUtils.factorialLog(y[k]);
                    if (y[k] > 0) {
                        value += y[k] * Math.log(theta[k]);
                    }
                }
                return value + CombinatoricsUtils.factorialLog(n);
            },
            "dirichlet", p -> {
                double[] theta = p.reals(0);
                double[] alpha = p.reals(1);
                double total = 0;
                double value = 0;
                for (int k = 0; k < alpha.length; k++) {
                    total += alpha[k];
                    value += (alpha[k] - 1) * Math.log(theta[k]) - Gamma.logGamma(alpha[k]);
                }
                return value + Gamma.logGamma(total);
            });

    /**
     * The ordered logistic log mass by its definition (Stan Functions Reference): P(y = k) =
     * inv_logit(eta - c_{k-1}) - inv_logit(eta - c_k), with inv_logit(eta - c_0) = 1 and
     * inv_logit(eta - c_{C+1}) = 0.
     */
    public static double orderedLogistic(int y, double eta, double[] c) {
        int k = c.length + 1;
        if (y < 1 || y > k) {
            return Double.NEGATIVE_INFINITY;
        }
        double upper = y == 1 ? 1 : invLogit(eta - c[y - 2]);
        double lower = y == k ? 0 : invLogit(eta - c[y - 1]);
        return Math.log(upper - lower);
    }

    static double invLogit(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** A random value for argument i (1-based operand index) at these dimension sizes. */
    public static Object argument(ShapedMethods m, int i, int[] sizes, UniformRandomProvider r) {
        DistributionSpec.Arg arg = m.spec.args().get(i - 1);
        if (m.scalar(i)) {
            double v = RandomPoints.argument(arg, r);
            return arg.type() == ValueType.INT ? (Object) (int) v : (Object) v;
        }
        int n = m.size(i, sizes);
        if (m.type(i) == ValueType.INT) {
            int[] v = new int[n];
            for (int k = 0; k < n; k++) {
                v[k] = 1 + r.nextInt(30);
            }
            return v;
        }
        return reals(arg.support(), n, r);
    }

    /** n random values forming one element of the support. */
    public static double[] reals(Support support, int n, UniformRandomProvider r) {
        double[] v = new double[n];
        switch (support) {
            case POSITIVE:
                for (int k = 0; k < n; k++) {
                    v[k] = Math.exp(RandomPoints.uniform(r, -1, 1.5));
                }
                break;
            case UNIT:
                for (int k = 0; k < n; k++) {
                    v[k] = RandomPoints.uniform(r, 0.05, 0.95);
                }
                break;
            case SIMPLEX: {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    v[k] = Math.exp(RandomPoints.uniform(r, -1, 1));
                    sum += v[k];
                }
                for (int k = 0; k < n; k++) {
                    v[k] /= sum;
                }
                break;
            }
            case ORDERED: {
                double c = RandomPoints.uniform(r, -3, -1);
                for (int k = 0; k < n; k++) {
                    v[k] = c;
                    c += Math.exp(RandomPoints.uniform(r, -1.5, 0.5));
                }
                break;
            }
            default:
                for (int k = 0; k < n; k++) {
                    v[k] = RandomPoints.uniform(r, -3, 3);
                }
        }
        return v;
    }

    /**
     * A random valid point with every dimension of size in [minSize, maxSize]: arguments from
     * {@link #argument}, the outcome from the distribution's own rng (a non-scalar int outcome
     * first holds a random total of 0..30 trials, which multinomial's rng keeps), redrawn until its
     * log density is finite and a simplex outcome has no element below 1e-200.
     */
    public static Point draw(ShapedMethods m, UniformRandomProvider r, int minSize, int maxSize) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int[] sizes = new int[m.dims.size()];
            for (int k = 0; k < sizes.length; k++) {
                sizes[k] = minSize + r.nextInt(maxSize - minSize + 1);
            }
            Object[] values = new Object[m.operands()];
            for (int i = 1; i < values.length; i++) {
                values[i] = argument(m, i, sizes, r);
            }
            if (m.scalar(0)) {
                values[0] = 0;
            } else if (m.type(0) == ValueType.INT) {
                int[] out = new int[m.size(0, sizes)];
                out[0] = r.nextInt(31);
                values[0] = out;
            } else {
                values[0] = new double[m.size(0, sizes)];
            }
            Point p = new Point(values, sizes);
            Object y = m.rng(r, p, 0);
            values[0] = y instanceof Number ? (m.type(0) == ValueType.INT ? (Object) ((Number) y).intValue() : y) : y;
            boolean interior = true;
            if (m.support(0) == Support.SIMPLEX) {
                for (double t : (double[]) values[0]) {
                    interior &= t > 1e-200;
                }
            }
            if (interior && Double.isFinite(m.lpdf(p, 0))) {
                return p;
            }
        }
        throw new AssertionError(m + ": no interior point found");
    }
}
