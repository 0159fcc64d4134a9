package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ulam.runtime.Model;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;

/**
 * The pooling lecture's Stan programs ({@code examples/stan}), read unchanged by the Stan front
 * end, agree with rstan 2.21's posterior of the same programs on the same data
 * ({@code tests/src/test/resources/stanfront/reference}, written by
 * {@code bench/stanfront/fit_references.R}: 4 x 2500 draws, seed 1234), under the programs' own
 * names ({@code alpha[3]}), by the rule of {@link Reference}: R-hat below 1.01 and bulk ESS of at
 * least 400, each mean within 4 standard errors, each sd within 15 % (25 % for sigma_alpha).
 * Every parameter, transformed parameter and generated quantity rstan reports is compared.
 */
@Tag("validation")
class StanFrontEndReferenceTest {
    static final Path REF = Path.of("tests/src/test/resources/stanfront/reference");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"complete_pooling", "no_pooling", "hierarchical", "hierarchical_nc"})
    void posteriorAgreesWithRstan(String model) throws IOException {
        Model m = Fits.bind("examples/stan/" + model + ".stan", "examples/stan/bangladesh.json");
        Fit fit = Fits.sampleAsRun(m, 4, 1000, 2000, 20261207L);
        List<VariableSummary> ours = VariableSummary.of(fit, 0.89);
        Reference ref = Reference.read(REF.resolve(model + ".csv"));
        Reference.Comparison c = ref.check(ours, Set.of("sigma_alpha"), Double.POSITIVE_INFINITY);
        System.out.printf("%s: %s, %d compared%n", model, c.summary(), ref.names().size());
        assertFalse(ref.names().isEmpty(), "reference read");
        assertTrue(c.failures().isEmpty(), model + " disagrees with rstan:\n  " + String.join("\n  ", c.failures()));
    }
}
