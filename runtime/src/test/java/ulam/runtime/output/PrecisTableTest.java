package ulam.runtime.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulam.runtime.diagnostics.VariableSummary;

class PrecisTableTest {

    private static VariableSummary row(String name, double mean, double sd, double lo, double hi, double rhat,
                                       double ess) {
        return new VariableSummary(name, mean, sd, lo, hi, rhat, ess, ess, sd / Math.sqrt(ess));
    }

    private static final List<VariableSummary> ROWS = List.of(
            row("a", 0.0912, 0.1712, -0.1834, 0.3611, 1.0012, 1386.4),
            row("b[1]", -1.234, 0.5, -2.0, -0.4, 1.0, 912.2),
            row("b[2]", 12.345, 10.2, -3.1, 28.9, 1.013, 88.7),
            row("Rho[1,2]", -0.004, 0.3, -0.5, 0.48, Double.NaN, Double.NaN),
            row("sigma", 2.5, 0.25, 2.1, 2.9, 1.0, 1500),
            row("lp__", -10, 1, -12, -8, 1, 700),
            row("log_lik[1]", -1, 0.1, -1.2, -0.8, 1, 2000),
            row("dev", 20, 2, 17, 23, 1, 2000));

    @Test
    void depth3ShowsEverythingRightAligned() {
        String expected = ""
                + "          mean    sd  5.5% 94.5% rhat ess_bulk\n"
                + "a         0.09  0.17 -0.18  0.36 1.00     1386\n"
                + "b[1]     -1.23  0.50 -2.00 -0.40 1.00      912\n"
                + "b[2]     12.35 10.20 -3.10 28.90 1.01       89\n"
                + "Rho[1,2]  0.00  0.30 -0.50  0.48   NA       NA\n"
                + "sigma     2.50  0.25  2.10  2.90 1.00     1500\n";
        assertEquals(expected, PrecisTable.format(ROWS, 3, 0.89));
    }

    @Test
    void depth1HidesVectorsAndMatrices() {
        String expected = ""
                + "3 vector or matrix parameters hidden. Use --depth 2 to show them.\n"
                + "      mean   sd  5.5% 94.5% rhat ess_bulk\n"
                + "a     0.09 0.17 -0.18  0.36 1.00     1386\n"
                + "sigma 2.50 0.25  2.10  2.90 1.00     1500\n";
        assertEquals(expected, PrecisTable.format(ROWS, 1, 0.89));
    }

    @Test
    void depth2HidesMatrices() {
        String out = PrecisTable.format(ROWS, 2, 0.89);
        assertTrue(out.startsWith("1 matrix parameters hidden. Use --depth 3 to show them.\n"), out);
        assertTrue(out.contains("\nb[2] "));
        assertFalse(out.contains("Rho"));
    }

    @Test
    void intervalLabelsFollowProb() {
        assertEquals("5.5%", PrecisTable.percentLabel((1 - 0.89) / 2));
        assertEquals("94.5%", PrecisTable.percentLabel(1 - (1 - 0.89) / 2));
        assertEquals("2.5%", PrecisTable.percentLabel((1 - 0.95) / 2));
        assertEquals("10%", PrecisTable.percentLabel((1 - 0.8) / 2));
        assertTrue(PrecisTable.format(ROWS, 3, 0.95).startsWith("          mean    sd  2.5% 97.5% rhat ess_bulk\n"));
    }

    @Test
    void neverShowsLpDevOrLogLik() {
        assertFalse(PrecisTable.isShown("lp__"));
        assertFalse(PrecisTable.isShown("dev"));
        assertFalse(PrecisTable.isShown("log_lik[3]"));
        assertFalse(PrecisTable.isShown("log_lik_y[3]"));
        assertTrue(PrecisTable.isShown("loglik"));
        assertTrue(PrecisTable.isShown("deviation"));
    }

    @Test
    void zeroHasNoMinusSign() {
        assertEquals("0.00", PrecisTable.fixed(-0.001, 2));
        assertEquals("-0.01", PrecisTable.fixed(-0.006, 2));
        assertEquals("NA", PrecisTable.fixed(Double.NaN, 0));
    }

    @Test
    void posteriorValuesShowNonFiniteAndHugeNumbersAsRDoes() {
        assertEquals("NaN", PrecisTable.value(Double.NaN, 2));
        assertEquals("Inf", PrecisTable.value(Double.POSITIVE_INFINITY, 2));
        assertEquals("-Inf", PrecisTable.value(Double.NEGATIVE_INFINITY, 2));
        assertEquals("1.97e+217", PrecisTable.value(1.97e217, 2));
        assertEquals("-1.00e+15", PrecisTable.value(-1e15, 2));
        assertEquals("123456789012345.67", PrecisTable.value(123456789012345.67, 2));
    }
}
