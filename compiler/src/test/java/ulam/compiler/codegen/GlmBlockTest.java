package ulam.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import ulam.compiler.ir.Passes;
import ulam.compiler.ir.Segment;
import ulam.compiler.testing.Examples;

/** Which examples' likelihoods the row kernels compute (GlmBlock), and in which form. */
class GlmBlockTest {

    @Test
    void theExamplesWhoseLikelihoodIsALinearPredictorOfIntDataMatch() {
        Map<String, String> found = new TreeMap<>();
        for (Examples.Example e : Examples.ALL) {
            for (Segment s : e.compile(e.read(), Passes.ALL).ir().density()) {
                GlmBlock m = GlmBlock.match(s);
                if (m != null) {
                    found.put(e.name(), m.family() + ": " + m.intercepts().size() + " intercept, " + m.coefs().size()
                            + " slopes, " + m.idx().size() + " varying");
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("glmm_100k", "binomial_logit: 0 intercept, 2 slopes, 1 varying");
        expected.put("chimpanzees", "binomial_logit: 0 intercept, 0 slopes, 2 varying");   // a[actor] + b[treatment]
        expected.put("reedfrogs", "binomial_logit: 0 intercept, 0 slopes, 1 varying");
        expected.put("reedfrogs_nopool", "binomial_logit: 0 intercept, 0 slopes, 1 varying");
        expected.put("reedfrogs_spg", "binomial_logit: 0 intercept, 0 slopes, 2 varying");
        // not (yet): a varying effect times a scale (chimpanzees_nc's z[actor] * sigma_a), varying
        // slopes, other families (kline_gampois, ucbadmit_betabinom), vector densities (trolley)
        assertEquals(expected, found);
    }
}
