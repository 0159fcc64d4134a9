package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerStat;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;

/**
 * The 19 posteriordb reference posteriors (tests/src/test/resources/posteriordb, see its
 * PROVENANCE.md): each {@code <name>/model.ulam}, written from the posterior's MODEL.md, is
 * compiled with its {@code data.json} (and {@code derived.json}), sampled with 4 chains of 1000
 * warmup and 1000 draws, and compared with Stan's 10,000 reference draws ({@code reference.csv})
 * by the rule of posteriordb's README ({@link Reference#check}, ESS capped at the number of
 * draws): R-hat below 1.01 and bulk ESS of at least 400 first, then each mean within 4 standard
 * errors and each sd within 15 % (25 % for the heavy-tailed scales the README lists).
 *
 * <p>Sampler options a posterior needs (the reference's {@code adapt_delta}, {@code max_treedepth})
 * are written in its model file as the {@code ulam(...)} wrapper's {@code control=list(...)}, the
 * path {@code ulam run} takes. Models that need a part of the language this build lacks are listed
 * in {@link #WAITING} with the exact compiler error: they are skipped while that error stays the
 * same, and the test fails once they compile, so that the mark is removed and they are validated.
 *
 * <p>Each posterior prints one line (worst mean z, worst sd ratio, ESS, R-hat, divergent
 * transitions, wall time). Several minutes: run with {@code mvn -B verify -P validation}.
 */
@Tag("validation")
class PosteriordbTest {

    static final Path ROOT = Path.of("tests/src/test/resources/posteriordb");
    static final long SEED = 20240519L;
    static final int CHAINS = 4;
    static final int WARMUP = 1000;
    static final int DRAWS = 1000;

    /** Parameters whose sd may differ by 25 % (posteriordb README: heavy-tailed scale parameters). */
    static final Map<String, Set<String>> HEAVY_TAILED = Map.of(
            "eight_schools-eight_schools_noncentered", Set.of("tau"),
            "gp_pois_regr-gp_pois_regr", Set.of("alpha", "rho"),
            "gp_pois_regr-gp_regr", Set.of("alpha", "rho", "sigma"),
            "mesquite-logmesquite", Set.of("sigma"),
            "mesquite-mesquite", Set.of("sigma"));

    /** Posteriors waiting for a language feature: the compiler's error today, as {@code line:column: message}. */
    static final Map<String, String> WAITING = Map.of();

    static Stream<String> posteriors() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posteriors")
    void agreesWithPosteriordb(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        long start = System.nanoTime();
        Model model = compile(name, dir);
        Fit fit = Fits.sampleAsRun(model, CHAINS, WARMUP, DRAWS, SEED);
        double seconds = (System.nanoTime() - start) / 1e9;
        Reference.Comparison result = Reference.read(dir.resolve("reference.csv"))
                .check(VariableSummary.of(fit, 0.89), HEAVY_TAILED.getOrDefault(name, Set.of()),
                        fit.chainCount() * fit.drawsPerChain());
        String line = String.format("posteriordb %s: %s; %d divergent, %d at max tree depth %d; %.1f s",
                name, result.summary(), count(fit, SamplerStat.DIVERGENT, 1),
                count(fit, SamplerStat.TREEDEPTH, fit.config().maxTreeDepth()), fit.config().maxTreeDepth(), seconds);
        System.out.println(line);
        List<String> failures = result.failures();
        assertTrue(failures.isEmpty(), name + " disagrees with posteriordb's reference (" + line + "):\n  "
                + String.join("\n  ", failures));
    }

    /** Compiles and binds the posterior's model; skips a {@link #WAITING} one that still fails as recorded. */
    private static Model compile(String name, Path dir) {
        List<String> data = new ArrayList<>(List.of(dir.resolve("data.json").toString()));
        if (Files.exists(dir.resolve("derived.json"))) data.add(dir.resolve("derived.json").toString());
        String waiting = WAITING.get(name);
        Model model;
        try {
            model = Fits.bind(dir.resolve("model.ulam").toString(), data.toArray(new String[0]));
        } catch (UlamException e) {
            String error = (e.location() == null ? "" : e.location().line() + ":" + e.location().column() + ": ")
                    + e.getMessage();
            if (error.equals(waiting)) Assumptions.abort("waiting for a language feature: " + error);
            throw e;
        }
        if (waiting != null) {
            fail(name + " compiles now (it was waiting for: " + waiting + "): remove it from WAITING so it is validated");
        }
        return model;
    }

    private static long count(Fit fit, SamplerStat stat, double value) {
        long n = 0;
        for (double[] chain : fit.stat(stat)) for (double v : chain) if (v == value) n++;
        return n;
    }

    /** Every posterior folder is complete: model, data and reference; the waiting marks name existing folders. */
    @Test
    void foldersAreComplete() throws IOException {
        List<String> names = posteriors().toList();
        assertEquals(19, names.size(), "posteriordb folders: " + names);
        for (String name : names) {
            for (String file : List.of("model.ulam", "data.json", "reference.csv")) {
                assertTrue(Files.exists(ROOT.resolve(name).resolve(file)), name + "/" + file + " is missing");
            }
        }
        assertTrue(names.containsAll(WAITING.keySet()), "WAITING names a missing folder: " + WAITING.keySet());
        assertTrue(names.containsAll(HEAVY_TAILED.keySet()), "HEAVY_TAILED names a missing folder: " + HEAVY_TAILED.keySet());
    }
}
