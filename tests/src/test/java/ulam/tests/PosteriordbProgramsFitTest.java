package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;
import ulam.tests.support.PosteriordbPrograms;
import ulam.tests.support.Reference;

/**
 * Every posteriordb program that compiles unchanged (tests/src/test/resources/posteriordb-programs,
 * {@code expected.tsv}) and has a reference ({@code reference.csv}) is sampled as {@code ulam run
 * model.stan --data data.json} would, 4 chains of 1000 warmup and 1000 draws with the default
 * settings, and compared with posteriordb's 10,000 reference draws by {@link PosteriordbTest}'s rule
 * ({@link Reference#check}: R-hat below 1.01 and bulk ESS of at least 400 first, then each mean
 * within 4 standard errors and each sd within 15 %, 25 % for the heavy-tailed scales of
 * {@link PosteriordbTest#HEAVY_TAILED}). Programs listed in {@code left_out.tsv} are skipped with
 * their reason; a refused program is skipped (PosteriordbProgramsTest records it). Programs listed in
 * {@code run_options.tsv} run with the options given there (each with its reason, as a user would
 * after the run's warnings).
 *
 * <p>{@code -Dpdb.only=REGEX} fits only the posteriors whose names match. Each posterior prints one line (worst mean z, worst sd ratio, ESS, R-hat, wall time).
 * Several minutes: run with {@code mvn -B verify -P validation}.
 */
@Tag("validation")
class PosteriordbProgramsFitTest {

    /** Heavy-tailed scales: PosteriordbTest's, and the centred eight schools' tau (the same posterior). */
    static final Map<String, Set<String>> HEAVY_TAILED = new HashMap<>(PosteriordbTest.HEAVY_TAILED);

    static {
        HEAVY_TAILED.put("eight_schools-eight_schools_centered", Set.of("tau"));
    }

    static List<String> posteriors() {
        return PosteriordbPrograms.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posteriors")
    void agreesWithPosteriordb(String name) throws IOException {
        String only = System.getProperty("pdb.only");
        Assumptions.assumeTrue(only == null || name.matches(only), "-Dpdb.only=" + only);
        Path dir = PosteriordbPrograms.dir(name);
        PosteriordbPrograms.Entry e = PosteriordbPrograms.expected().get(name);
        Assumptions.assumeTrue(e != null && e.outcome().compiles(), name + " does not compile (expected.tsv)");
        Assumptions.assumeTrue(Files.exists(dir.resolve("reference.csv")), name + " has no reference");
        String why = PosteriordbPrograms.leftOut().get(name);
        Assumptions.assumeTrue(why == null, name + " is left out of the fit: " + why);
        long start = System.nanoTime();
        Model model = PosteriordbPrograms.bind(name);
        String[] options = PosteriordbPrograms.runOptions().getOrDefault(name, new String[] {""})[0].split("\\s+");
        if (options.length == 1 && options[0].isEmpty()) options = new String[0];
        Fit fit = Fits.sampleAsRun(model, PosteriordbTest.CHAINS, PosteriordbTest.WARMUP, PosteriordbTest.DRAWS, PosteriordbTest.SEED, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        Reference.Comparison c = Reference.read(dir.resolve("reference.csv"))
                .check(VariableSummary.of(fit, 0.89), HEAVY_TAILED.getOrDefault(name, Set.of()), fit.chainCount() * fit.drawsPerChain());
        String line = String.format("posteriordb program %s: %s; %.1f s", name, c.summary(), seconds);
        System.out.println(line);
        assertTrue(c.failures().isEmpty(), name + " disagrees with posteriordb's reference (" + line + "):\n  "
                + String.join("\n  ", c.failures()));
    }
}
