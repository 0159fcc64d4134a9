package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;

/**
 * The 100,000-row Bernoulli GLMM (examples/glmm_100k.ulam) recovers the values it was simulated
 * with (examples/data/sim_glmm_100k_truth.csv): the converged posterior covers each scalar within
 * 4 posterior sd, and the 89 % intervals of the 500 varying intercepts cover their true values at
 * a rate consistent with 89 % (binomial, at most 3 sd away: 0.849 to 0.931). Several minutes of
 * sampling: run with {@code mvn -B verify -P validation}.
 */
@Tag("validation")
class GlmmValidationTest {

    @Test
    void recoversTheSimulatedValues() throws IOException {
        Fit fit = Fits.sample(Fits.bind("examples/glmm_100k.ulam", "examples/data/sim_glmm_100k.csv"), 4, 1000, 1000, 11L);
        Map<String, VariableSummary> post = new HashMap<>();
        for (VariableSummary s : VariableSummary.of(fit, 0.89)) post.put(s.name(), s);
        Map<String, Double> truth = new HashMap<>();
        try (Reader in = Files.newBufferedReader(Path.of("examples/data/sim_glmm_100k_truth.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                truth.put(r.get("variable"), Double.parseDouble(r.get("value")));
            }
        }
        for (VariableSummary s : post.values()) {
            assertTrue(s.rhat() < 1.01, s.name() + ": R-hat " + s.rhat());
            assertTrue(s.essBulk() >= 400, s.name() + ": bulk ESS " + s.essBulk());
        }
        for (String name : List.of("a_bar", "sigma", "b1", "b2")) {
            VariableSummary s = post.get(name);
            double t = truth.get(name);
            assertTrue(Math.abs(s.mean() - t) <= 4 * s.sd(), name + ": posterior " + s.mean() + " (sd " + s.sd() + ") vs true " + t);
        }
        int covered = 0;
        int groups = 0;
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            if (!e.getKey().startsWith("a[")) continue;
            VariableSummary s = post.get(e.getKey());
            groups++;
            if (s.lower() <= e.getValue() && e.getValue() <= s.upper()) covered++;
        }
        double rate = covered / (double) groups;
        assertTrue(groups == 500, "groups " + groups);
        assertTrue(rate >= 0.849 && rate <= 0.931, "89% intervals cover " + covered + " of " + groups + " true intercepts");
    }
}
