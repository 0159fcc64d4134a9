package ulam.stdlib.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on doubles with a relative tolerance and an absolute floor. */
public final class Close {
    private Close() {}

    /**
     * Asserts |actual - expected| &lt;= relative * max(|expected|, 1): relative for values of size
     * above 1, absolute below (log densities near 0 have no meaningful relative error). Infinite
     * values must match exactly; NaN never passes.
     */
    public static void assertClose(double expected, double actual, double relative, String what) {
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            if (expected != actual) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double tolerance = relative * Math.max(Math.abs(expected), 1.0);
        if (!(Math.abs(actual - expected) <= tolerance)) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference "
                    + Math.abs(actual - expected) + ", tolerance " + tolerance + ")");
        }
    }

    /** Asserts an analytic derivative agrees with a numerical one ({@link FiniteDifference#agrees}). */
    public static void assertDerivative(double numeric, double analytic, String what) {
        if (!FiniteDifference.agrees(analytic, numeric)) {
            fail(what + ": analytic " + analytic + " but numerical " + numeric + " (relative error "
                    + Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric)) + ")");
        }
    }
}
