package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;

import org.junit.jupiter.api.Test;
import ulam.stdlib.math.Functions;
import ulam.stdlib.math.Numerics;
import ulam.stdlib.testing.Seeds;

/**
 * The ordered logistic distribution beyond the generic tests: its probabilities sum to 1, stay
 * finite and accurate (against log_inv_logit_diff, log-space throughout) however far eta is from
 * the cutpoints, only the cutpoints that bound y are read (so a huge vector costs no more), and
 * the degenerate and invalid cases.
 */
class OrderedLogisticTest {
    static final double[] CUTPOINTS = {-2.1, -0.6, 0.3, 1.8, 3.5, 4.0};

    @Test
    void probabilitiesSumToOne() {
        for (double eta : new double[] {-30, -3, 0, 0.7, 5, 30}) {
            double sum = 0;
            for (int y = 1; y <= CUTPOINTS.length + 1; y++) {
                sum += Math.exp(OrderedLogistic.lpdf(y, eta, CUTPOINTS, 0, CUTPOINTS.length));
            }
            assertEquals(1.0, sum, 1e-14, "eta = " + eta);
        }
    }

    @Test
    void finiteAndAccurateFarFromTheCutpoints() {
        double[] d = new double[2];
        double[] dc = new double[CUTPOINTS.length];
        int c = CUTPOINTS.length;
        for (double eta : new double[] {-1e4, -800, -700, -40, 40, 700, 800, 1e4}) {
            for (int y = 1; y <= c + 1; y++) {
                double expected;
                if (y == 1) {
                    expected = Numerics.logInvLogit(CUTPOINTS[0] - eta);
                } else if (y == c + 1) {
                    expected = Numerics.logInvLogit(eta - CUTPOINTS[c - 1]);
                } else {
                    expected = Functions.logInvLogitDiff(eta - CUTPOINTS[y - 2], eta - CUTPOINTS[y - 1]);
                }
                double lp = OrderedLogistic.kernel(y, eta, CUTPOINTS, 0, c, d, dc);
                String where = "y = " + y + ", eta = " + eta;
                assertTrue(Double.isFinite(lp) && lp <= 0, where + ": " + lp);
                assertClose(expected, lp, 1e-13, where);
                assertEquals(lp, OrderedLogistic.lpdf(y, eta, CUTPOINTS, 0, c), 0, where + ": lpdf = kernel");
                double sum = 0;
                for (double g : dc) {
                    assertTrue(Double.isFinite(g), where + ": partial " + g);
                    sum += g;
                }
                assertTrue(Double.isFinite(d[1]), where + ": d/deta");
                // a common shift of eta and the cutpoints changes nothing: d/deta = -sum d/dc
                assertEquals(0.0, d[1] + sum, 1e-12 * Math.max(1, Math.abs(d[1])), where + ": shift invariance");
            }
        }
    }

    @Test
    void onlyTheBoundingCutpointsAreRead() {
        double[] huge = new double[1_000_003];
        java.util.Arrays.fill(huge, Double.NaN); // any other element read would poison the result
        huge[500_000] = -0.5;
        huge[500_001] = 1.0;
        double[] d = new double[2];
        double[] dc = new double[1_000_000];
        int off = 500_000 - 4; // cutpoints c_5 and c_6 at 500000, 500001
        double lp = OrderedLogistic.kernel(6, 0.2, huge, off, 1_000_000, d, dc);
        assertClose(Math.log(1 / (1 + Math.exp(-0.7)) - 1 / (1 + Math.exp(0.8))), lp, 1e-14, "P(y = 6)");
        assertEquals(-(d[1]), dc[4] + dc[5], 1e-15);
        assertEquals(0.0, dc[0], 0);
        assertEquals(0.0, dc[999_999], 0);
    }

    @Test
    void degenerateAndInvalidCases() {
        double[] d = new double[2];
        double[] dc = new double[3];
        assertEquals(0.0, OrderedLogistic.lpdf(1, 2.0, new double[0], 0, 0), 0, "one category");
        assertEquals(Double.NEGATIVE_INFINITY, OrderedLogistic.lpdf(2, 2.0, new double[0], 0, 0));
        double[] unordered = {0.5, 0.2, 1.0};
        assertTrue(Double.isNaN(OrderedLogistic.lpdf(2, 0, unordered, 0, 3)), "unordered bounding cutpoints");
        assertTrue(Double.isNaN(OrderedLogistic.kernel(2, 0, unordered, 0, 3, d, dc)));
        assertTrue(Double.isNaN(OrderedLogistic.lpdf(2, 0, new double[] {0.2, 0.2, 1}, 0, 3)), "equal cutpoints");
        assertTrue(Double.isFinite(OrderedLogistic.lpdf(4, 0, unordered, 0, 3)), "the last category reads c_C only");
        assertThrows(IllegalArgumentException.class, () -> OrderedLogistic.rng(Seeds.source("ol"), 0, unordered, 0, 3));
        assertTrue(Double.isNaN(OrderedLogistic.lpdf(1, Double.NaN, CUTPOINTS, 0, 6)));
        assertTrue(Double.isNaN(OrderedLogistic.lpdf(3, 0, CUTPOINTS, 0, -1)));
        assertEquals(1, OrderedLogistic.rng(Seeds.source("ol1"), 0, new double[0], 0, 0));
    }
}
