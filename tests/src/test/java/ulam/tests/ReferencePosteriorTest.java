package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;

/**
 * The seed models' posteriors agree with Stan's (tests/src/test/resources/reference, see its
 * README), parameter by parameter, by the rule of {@link Reference}.
 */
class ReferencePosteriorTest {

    static Stream<Arguments> models() {
        String chimps = "examples/data/chimpanzees.csv";
        String frogs = "examples/data/reedfrogs.csv";
        return Stream.of(
                Arguments.of("examples/chimpanzees.ulam", chimps, "mBT.csv", 2000),
                Arguments.of("examples/chimpanzees_nc.ulam", chimps, "mBTnc.csv", 1000),
                Arguments.of("examples/reedfrogs.ulam", frogs, "reedfrogs.csv", 1000),
                Arguments.of("examples/reedfrogs_spg.ulam", frogs, "mSPG.csv", 1000),
                Arguments.of("examples/funnel_nc.ulam", null, "funnel_nc.csv", 1000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void agreesWithStan(String model, String data, String reference, int draws) throws IOException {
        Model m = data == null ? Fits.bind(model) : Fits.bind(model, data);
        Fit fit = Fits.sample(m, 4, 1000, draws, 20261122L);
        List<VariableSummary> ours = VariableSummary.of(fit, 0.89);
        Reference ref = Reference.read(Path.of("tests/src/test/resources/reference", reference));
        Reference.Comparison c = ref.check(ours, Set.of("sigma", "sigma_A", "sigma_B"), Double.POSITIVE_INFINITY);
        System.out.println(model + ": " + c.summary());
        List<String> failures = c.failures();
        assertTrue(failures.isEmpty(), model + " disagrees with Stan:\n  " + String.join("\n  ", failures));
        assertTrue(ref.names().size() >= 2, "reference read");
    }

    /** The rule can fail: the reference itself passes; shifted by 5 standard errors, or 20 % wider, it does not. */
    @org.junit.jupiter.api.Test
    void ruleRejectsAShiftedOrWiderPosterior() throws IOException {
        Reference ref = Reference.read(Path.of("tests/src/test/resources/reference/reedfrogs.csv"));
        double ess = 1000;
        List<VariableSummary> same = new java.util.ArrayList<>();
        List<VariableSummary> shifted = new java.util.ArrayList<>();
        List<VariableSummary> wider = new java.util.ArrayList<>();
        for (String name : ref.names()) {
            Reference.Row r = ref.row(name);
            double tol = 4 * Math.sqrt(r.sd() * r.sd() / ess + r.mcseMean() * r.mcseMean());
            same.add(new VariableSummary(name, r.mean(), r.sd(), 0, 0, 1.0, ess, ess, 0));
            shifted.add(new VariableSummary(name, r.mean() + 1.25 * tol, r.sd(), 0, 0, 1.0, ess, ess, 0));
            wider.add(new VariableSummary(name, r.mean(), 1.2 * r.sd(), 0, 0, 1.0, ess, ess, 0));
        }
        assertTrue(ref.compare(same, Set.of()).isEmpty());
        assertTrue(ref.compare(shifted, Set.of()).size() == ref.names().size());
        assertTrue(ref.compare(wider, Set.of()).size() == ref.names().size());
    }
}
