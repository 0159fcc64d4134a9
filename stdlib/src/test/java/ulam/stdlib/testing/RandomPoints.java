package ulam.stdlib.testing;

import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Support;
import ulam.stdlib.ValueType;

/**
 * Random valid points (outcome and arguments) for a distribution, driven by the registry entry:
 * each argument is drawn according to its type and support, and the outcome from the
 * distribution's own {@code rng} (whose correctness the goodness-of-fit test checks separately),
 * redrawn until it is in the interior of its support so that densities and derivatives are finite.
 */
public final class RandomPoints {
    private RandomPoints() {}

    /** A point v with v[0] = y and v[j] = a_j. */
    public static double[] draw(DistributionMethods dist, UniformRandomProvider source) {
        DistributionSpec spec = dist.spec;
        for (int attempt = 0; attempt < 1000; attempt++) {
            double[] v = new double[dist.slots()];
            for (int j = 1; j < v.length; j++) {
                v[j] = argument(spec.args().get(j - 1), source);
            }
            if (spec.outcomeSupport() == Support.ARG_BOUNDS) {
                v[spec.upperArg() + 1] = v[spec.lowerArg() + 1] + Math.exp(uniform(source, -1, 2));
            }
            v[0] = dist.rng(source, v);
            if (interior(dist, v)) {
                return v;
            }
        }
        throw new AssertionError(spec.name() + ": no interior point found");
    }

    /** One argument value: REAL in (-3, 3), POSITIVE in (0.37, 4.5), UNIT in (0.05, 0.95), INT in 1..30. */
    public static double argument(DistributionSpec.Arg arg, UniformRandomProvider source) {
        if (arg.type() == ValueType.INT) {
            return 1 + source.nextInt(30);
        }
        switch (arg.support()) {
            case POSITIVE:
                return Math.exp(uniform(source, -1, 1.5));
            case UNIT:
                return uniform(source, 0.05, 0.95);
            default:
                return uniform(source, -3, 3);
        }
    }

    /** Whether the outcome is strictly inside its support (and the log density finite). */
    private static boolean interior(DistributionMethods dist, double[] v) {
        double y = v[0];
        DistributionSpec spec = dist.spec;
        boolean inside;
        switch (spec.outcomeSupport()) {
            case POSITIVE:
                inside = y > 1e-300;
                break;
            case UNIT:
                inside = y > 1e-300 && y < 1 - 1e-15;
                break;
            case ARG_BOUNDS:
                inside = y > v[spec.lowerArg() + 1] && y < v[spec.upperArg() + 1];
                break;
            default:
                inside = Double.isFinite(y);
        }
        return inside && Double.isFinite(dist.lpdf(v));
    }

    public static double uniform(UniformRandomProvider source, double lo, double hi) {
        return lo + (hi - lo) * source.nextDouble();
    }
}
