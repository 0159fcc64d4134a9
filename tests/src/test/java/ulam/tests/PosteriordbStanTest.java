package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;

/**
 * posteriordb's posteriors as Stan programs ({@code tests/src/test/resources/posteriordb/NAME/model.stan},
 * written from each posterior's MODEL.md with the priors of its {@code model.ulam}): each compiles
 * with the Stan front end and gives the ulam version's gradient (relative 1e-8) and log density
 * (as differences between points: a half-Cauchy written as {@code cauchy} with {@code <lower=0>}
 * differs by a constant) at three fixed unconstrained points. In the validation profile each is
 * sampled (4 x 1000 draws after 1000 warmup) and compared with posteriordb's reference by the rule
 * of {@link PosteriordbTest}. The two Gaussian-process posteriors have no Stan program here;
 * posteriordb's own programs for them are tested by {@link PosteriordbProgramsTest}.
 */
class PosteriordbStanTest {

    static Stream<String> programs() throws IOException {
        try (Stream<Path> dirs = Files.list(PosteriordbTest.ROOT)) {
            return dirs.filter(d -> Files.exists(d.resolve("model.stan"))).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static String[] data(Path dir) {
        List<String> data = new ArrayList<>(List.of(dir.resolve("data.json").toString()));
        if (Files.exists(dir.resolve("derived.json"))) data.add(dir.resolve("derived.json").toString());
        return data.toArray(new String[0]);
    }

    @Test
    void seventeenProgramsAreWritten() throws IOException {
        assertEquals(17, programs().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void agreesWithTheUlamVersionAtFixedPoints(String name) {
        Path dir = PosteriordbTest.ROOT.resolve(name);
        Model stan = Fits.bind(dir.resolve("model.stan").toString(), data(dir));
        Model ulam = Fits.bind(dir.resolve("model.ulam").toString(), data(dir));
        StanFrontEndPointsTest.assertSameDensity(ulam, stan, name);
    }

    @Tag("validation")
    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void agreesWithPosteriordb(String name) throws IOException {
        Path dir = PosteriordbTest.ROOT.resolve(name);
        Model model = Fits.bind(dir.resolve("model.stan").toString(), data(dir));
        boolean dense = Files.readString(dir.resolve("model.ulam")).contains("dense_e");
        Fit fit = dense ? Fits.sampleAsRun(model, PosteriordbTest.CHAINS, PosteriordbTest.WARMUP, PosteriordbTest.DRAWS, PosteriordbTest.SEED, "--metric", "dense")
                : Fits.sampleAsRun(model, PosteriordbTest.CHAINS, PosteriordbTest.WARMUP, PosteriordbTest.DRAWS, PosteriordbTest.SEED);
        Reference.Comparison c = Reference.read(dir.resolve("reference.csv"))
                .check(VariableSummary.of(fit, 0.89), PosteriordbTest.HEAVY_TAILED.getOrDefault(name, Set.of()), fit.chainCount() * fit.drawsPerChain());
        System.out.println("posteriordb (Stan program) " + name + ": " + c.summary());
        assertTrue(c.failures().isEmpty(), name + " disagrees with posteriordb's reference:\n  " + String.join("\n  ", c.failures()));
    }
}
