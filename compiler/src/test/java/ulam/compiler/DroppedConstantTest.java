package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Stan's {@code lp__} ({@link Model#droppedConstant()}, docs/stan.md "lp__"): the summands each
 * {@code ~} line leaves out, summed over its rows when the data are bound, against the closed
 * form written out; {@code target>} lines keep them; the log density itself is unchanged.
 */
class DroppedConstantTest {
    private static final double H = 0.5 * Math.log(2 * Math.PI);
    private static final DataSet DATA = Models.json("{\"y\": [0.5, 1.5, -0.2, 2.0], \"s\": 2.5, \"k\": [1, 0, 1, 1], \"g\": [1, 2, 1, 2]}");

    private static Model model(String lines) {
        return Models.inline("m <- ulam(\n  alist(\n" + lines + "\n  ))\n", DATA);
    }

    @Test
    void likelihoodWithParameterScaleDropsOnlyTheConstant() {
        // 4 rows x -log(2 pi)/2; mu's prior drops -log(2 pi)/2 - log(10); exponential(1) drops log(1) = 0
        Model m = model("    y ~ normal(mu, sigma),\n    mu ~ normal(0, 10),\n    sigma ~ exponential(1)");
        assertEquals(-4 * H + (-H - Math.log(10)), m.droppedConstant(), 1e-12);
        double[] q = {0.3, -0.2};
        assertEquals(m.logDensity(q) - m.droppedConstant(), m.lp(m.logDensity(q)), 0.0);
    }

    @Test
    void dataScaleDropsItsLogPerRow() {
        Model m = model("    y ~ normal(mu, s),\n    mu ~ normal(0, 10)");
        assertEquals(4 * (-H - Math.log(2.5)) + (-H - Math.log(10)), m.droppedConstant(), 1e-12);
    }

    @Test
    void targetTagKeepsTheConstantsAndTheDensityIsTheSame() {
        Model dropped = model("    y ~ normal(mu, sigma),\n    mu ~ normal(0, 10),\n    sigma ~ exponential(1)");
        Model kept = model("    target> y ~ normal(mu, sigma),\n    target> mu ~ normal(0, 10),\n    sigma ~ exponential(1)");
        assertEquals(0.0, kept.droppedConstant(), 0.0);
        double[] q = {0.3, -0.2};
        assertEquals(dropped.logDensity(q), kept.logDensity(q), 1e-12);
    }

    @Test
    void conditionCountsTheRowsWhereItHolds() {
        // k == 1 on 3 rows; a bernoulli line drops nothing; a whole line of data is dropped whole
        Model m = model("    y | k == 1 ~ normal(mu, 1),\n    k ~ bernoulli(0.5),\n    mu ~ normal(0, 1)");
        assertEquals(3 * -H + 4 * Math.log(0.5) + -H, m.droppedConstant(), 1e-12);
    }

    @Test
    void truncationDropsTheDensitysSummandsAndKeepsTheNormalisation() {
        Model m = model("    y ~ normal(mu, 1) T[-1, ],\n    mu ~ normal(0, 1)");
        assertEquals(4 * -H + -H, m.droppedConstant(), 1e-12);
    }

    @Test
    void vectorDensityDropsItsConstants() {
        // lkj_corr(2) on a 3 x 3 correlation matrix: its normalising constant, lkj_corr_lpdf at the identity
        Model m = model("    corr_matrix[3]:Rho ~ lkj_corr(2),\n    vector[3]:z ~ multi_normal(rep_vector(0, 3), Rho)");
        double lkj = ulam.stdlib.dist.LkjCorr.lpdf(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0, 2, 3);
        assertEquals(lkj + 3 * -H, m.droppedConstant(), 1e-10);
        assertTrue(lkj < 0);
    }

    @Test
    void targetTagOnAnAssignmentIsAnError() {
        UlamException e = assertThrows(UlamException.class, () -> model("    target> mu2 <- mu * 2,\n    y ~ normal(mu2, 1),\n    mu ~ normal(0, 1)"));
        assertTrue(e.getMessage().contains("goes on a '~' line"), e.getMessage());
    }
}
