package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ulam.tests.support.Cli;

/**
 * Neal's funnel (book m13.7): the centred form reports its divergent transitions in plain words
 * and points to the non-centred form; the non-centred form (m13.7nc) has none.
 */
class FunnelTest {

    @Test
    void centredFunnelReportsDivergencesAndPointsToTheNonCentredForm() {
        Cli.Result r = Cli.run("run", "examples/funnel.ulam", "--seed", "7", "--quiet");
        assertEquals(0, r.status(), r.err());
        Matcher m = Pattern.compile("(\\d+) of (\\d+) transitions after warmup ended with a divergence").matcher(r.err());
        assertTrue(m.find(), "divergence warning in:\n" + r.err());
        assertTrue(Integer.parseInt(m.group(1)) > 0);
        assertTrue(r.err().contains("non-centred"), "points to the non-centred form:\n" + r.err());
        assertTrue(r.err().contains("hint: line 4, x ~ normal(0, exp(v))") && r.err().contains("z_x ~ normal(0, 1) with z_x*exp(v)"),
                "names the centred prior and writes it non-centred:\n" + r.err());
    }

    @Test
    void nonCentredFunnelHasNoDivergences() {
        Cli.Result r = Cli.run("run", "examples/funnel_nc.ulam", "--seed", "7", "--quiet");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.err().contains("divergence"), r.err());
        assertFalse(r.err().contains("hint:"), r.err());
        assertTrue(r.out().contains("\nx "), "the generated x is reported:\n" + r.out());
    }
}
