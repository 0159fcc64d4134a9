package ulam.stdlib.testing;

import java.util.function.DoubleUnaryOperator;
import ulam.stdlib.Support;

/**
 * Numerical derivatives for checking analytic ones: central differences with two levels of
 * Richardson extrapolation (error O(h^6)), taken in a coordinate that keeps every evaluation
 * inside the argument's support (log for positive values, logit for values in (0, 1)) and with a
 * step scaled to the argument. If an evaluation is not finite (the step left the support, e.g. a
 * uniform outcome near a bound) the step is shrunk.
 */
public final class FiniteDifference {
    private FiniteDifference() {}

    /** Relative tolerance for analytic against numerical derivatives. */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Absolute floor of the tolerance, for derivatives that are nearly zero. */
    public static final double ABSOLUTE_TOLERANCE = 1e-8;

    /** df/dx at x, where x lives in {@code support} (REAL, POSITIVE, UNIT; others as REAL). */
    public static double derivative(DoubleUnaryOperator f, double x, Support support) {
        switch (support) {
            case POSITIVE: {
                // x(t) = x exp(t), dx/dt = x at t = 0
                return centralRichardson(t -> f.applyAsDouble(x * Math.exp(t)), 1e-3) / x;
            }
            case UNIT: {
                double logit = Math.log(x / (1 - x));
                return centralRichardson(t -> f.applyAsDouble(1 / (1 + Math.exp(-(logit + t)))), 1e-3)
                        / (x * (1 - x));
            }
            default: {
                double scale = Math.max(Math.abs(x), 1.0);
                return centralRichardson(t -> f.applyAsDouble(x + scale * t), 1e-3) / scale;
            }
        }
    }

    /** dg/dt at t = 0 by Richardson-extrapolated central differences starting at step h. */
    static double centralRichardson(DoubleUnaryOperator g, double h) {
        for (int attempt = 0; attempt < 30; attempt++, h /= 4) {
            double d1 = central(g, h);
            double d2 = central(g, h / 2);
            double d3 = central(g, h / 4);
            if (Double.isFinite(d1) && Double.isFinite(d2) && Double.isFinite(d3)) {
                double r1 = (4 * d2 - d1) / 3;
                double r2 = (4 * d3 - d2) / 3;
                return (16 * r2 - r1) / 15;
            }
        }
        return Double.NaN;
    }

    private static double central(DoubleUnaryOperator g, double h) {
        return (g.applyAsDouble(h) - g.applyAsDouble(-h)) / (2 * h);
    }

    /** Whether an analytic derivative agrees with a numerical one to the tolerances above. */
    public static boolean agrees(double analytic, double numeric) {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return Math.abs(analytic - numeric) <= RELATIVE_TOLERANCE * scale + ABSOLUTE_TOLERANCE;
    }
}
