package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;

/**
 * brms and rstanarm calls compiled by the formula front end agree with the posteriors brms 2.18
 * and rstanarm 2.21 give for them (tests/src/test/resources/formula, see its README), under the
 * packages' own parameter names, by the rule of {@link Reference} (as ReferencePosteriorTest):
 * R-hat below 1.01 and bulk ESS of at least 400, each mean within 4 standard errors, each sd
 * within 15 % (25 % for the scale parameters: sd_, Sigma, sigma, nu, shape, phi). Every
 * parameter the package reports is compared, group-level effects by level
 * ({@code r_Subject[308,Intercept]}, {@code b[(Intercept) herd:1]}).
 *
 * <p>Three models run in the default build ({@link #quick}); all seventeen with
 * {@code mvn -B verify -P validation} ({@link #all}).
 */
class FormulaReferenceTest {
    static final Path ROOT = Path.of("tests/src/test/resources/formula");

    static Stream<String> quick() {
        return Stream.of("sleepstudy_brms", "cbpp_rstanarm", "kline_poisson_brms");
    }

    static Stream<String> all() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("models"))) {
            return s.map(p -> p.getFileName().toString().replace(".R", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quick")
    void agreesWithThePackage(String model) throws IOException {
        check(model);
    }

    @Tag("validation")
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyModelAgreesWithThePackage(String model) throws IOException {
        check(model);
    }

    private static void check(String model) throws IOException {
        Path file = ROOT.resolve("models").resolve(model + ".R");
        String data = Files.readAllLines(file).stream().filter(l -> l.startsWith("# data:")).findFirst()
                .orElseThrow().substring("# data:".length()).strip();
        Model m = Fits.bind(file.toString(), data);
        int draws = model.startsWith("trolley") ? 2500 : 2000;
        long t0 = System.nanoTime();
        Fit fit = Fits.sampleAsRun(m, 4, 1000, draws, 20261207L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<VariableSummary> ours = VariableSummary.of(fit, 0.89);
        Reference ref = Reference.read(ROOT.resolve("reference").resolve(model + ".csv"));
        Set<String> heavy = new HashSet<>();
        for (String n : ref.names()) {
            if (n.startsWith("sd_") || n.startsWith("Sigma[") || List.of("sigma", "nu", "shape", "phi", "reciprocal_dispersion").contains(n)) {
                heavy.add(n);
            }
        }
        Reference.Comparison c = ref.check(ours, heavy, Double.POSITIVE_INFINITY);
        System.out.printf("%s: %s, %d parameters, %.1f s%n", model, c.summary(), ref.names().size(), seconds);
        assertFalse(ref.names().isEmpty(), "reference read");
        List<String> failures = c.failures();
        assertTrue(failures.isEmpty(), model + " disagrees with the package:\n  " + String.join("\n  ", failures));
    }
}
