package ulam.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ulam.runtime.testing.RScript;

/**
 * {@link Convergence} against R's posterior package on fixed draws, to 1e-8 relative.
 *
 * <p>The resources {@code ulam/runtime/diagnostics/posterior/} hold the inputs
 * {@code draws_<case>.csv} (posterior's draws_df layout: {@code .chain,.iteration,<variables>}) and
 * the numbers posterior 1.4.0 (R 4.2.2) computes for them, {@code expected_<case>.csv}, both made
 * by {@code make_expected.R} there. {@link #matchesCommittedPosteriorValues()} needs no R;
 * {@link #matchesPosteriorRunNow()} re-runs the script with the installed posterior into
 * {@code target/} and is skipped without Rscript or posterior.
 *
 * <p>The cases: well-mixed normal, Cauchy, AR(1) with rho 0.9 and 0.95, antithetic AR(1), one chain
 * shifted, one chain wider, a constant, Poisson and binary draws (ties), 4 x 101 (odd: the middle
 * draw is dropped), 4 x 7 and 3 x 5 (short), 1 x 300 (one chain), and draws with an Inf or an NA.
 * Where posterior gives NA we give NaN (and the precis table prints NA).
 *
 * <p>That the test can fail: changing the Blom offset in {@link Convergence#zScale} from 3/8 to
 * 1/2 fails 41 values (mixed_4x100/normal rhat 1.0087973 against 1.0087428); dropping the last
 * draw of odd chains instead of the middle one in {@link Convergence#splitChains} fails 48 (all of
 * odd_4x101 and short_4x7, e.g. odd_4x101/normal rhat 1.0008118 against 1.0018091). With a
 * tolerance of 0, 128 of the 486 values differ, by at most 5.4e-15 relative.
 */
class PosteriorAgreementTest {

    /** Relative tolerance (absolute below 1). */
    static final double TOL = 1e-8;

    static final List<String> CASES = List.of("mixed_4x100", "odd_4x101", "short_4x7", "short_3x5",
            "single_1x300", "long_4x250", "nonfinite_2x50");

    /** posterior's summary columns and our function for each; every column of the files is compared. */
    static final Map<String, ToDoubleFunction<double[][]>> STATISTICS = new LinkedHashMap<>();

    static {
        STATISTICS.put("rhat", Convergence::rhat);
        STATISTICS.put("ess_bulk", Convergence::essBulk);
        STATISTICS.put("ess_tail", Convergence::essTail);
        STATISTICS.put("ess_mean", Convergence::essMean);
        STATISTICS.put("ess_sd", Convergence::essSd);
        STATISTICS.put("ess_median", x -> Convergence.essQuantile(x, 0.5));
        STATISTICS.put("ess_q5", x -> Convergence.essQuantile(x, 0.05));
        STATISTICS.put("ess_q95", x -> Convergence.essQuantile(x, 0.95));
        STATISTICS.put("mcse_mean", Convergence::mcseMean);
        STATISTICS.put("mcse_sd", Convergence::mcseSd);
        STATISTICS.put("mcse_median", x -> Convergence.mcseQuantile(x, 0.5));
        STATISTICS.put("mcse_q5", x -> Convergence.mcseQuantile(x, 0.05));
        STATISTICS.put("mcse_q95", x -> Convergence.mcseQuantile(x, 0.95));
        STATISTICS.put("mean", Convergence::mean);
        STATISTICS.put("sd", Convergence::sd);
        STATISTICS.put("median", Convergence::median);
        STATISTICS.put("q5.5", x -> Convergence.quantile(x, 0.055));
        STATISTICS.put("q94.5", x -> Convergence.quantile(x, 0.945));
    }

    @Test
    void matchesCommittedPosteriorValues() {
        Path dir = resourceDir();
        int compared = compareAll(dir);
        assertEquals(27 * STATISTICS.size(), compared, "values compared");
        // every committed input is a listed case
        try (Stream<Path> files = Files.list(dir)) {
            TreeSet<String> found = new TreeSet<>();
            files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("draws_"))
                    .forEach(f -> found.add(f.substring(6, f.length() - 4)));
            assertEquals(new TreeSet<>(CASES), found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void matchesPosteriorRunNow() throws IOException {
        RScript.assumePackages("posterior");
        Path out = Path.of("target", "posterior-rerun").toAbsolutePath();
        Files.createDirectories(out);
        for (String c : CASES) Files.deleteIfExists(out.resolve("expected_" + c + ".csv"));
        RScript.run(300, resourceDir().resolve("make_expected.R"), out.toString());
        assertEquals(27 * STATISTICS.size(), compareAll(resourceDir(), out));
    }

    /** Compares every case's expected file in dir with our values on its draws; returns how many. */
    private static int compareAll(Path dir) {
        return compareAll(dir, dir);
    }

    private static int compareAll(Path inputs, Path expected) {
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (String c : CASES) {
            Map<String, double[][]> draws = readDraws(inputs.resolve("draws_" + c + ".csv"));
            List<String> lines = lines(expected.resolve("expected_" + c + ".csv"));
            String[] head = lines.get(0).split(",");
            assertEquals("variable", head[0]);
            assertEquals(List.copyOf(STATISTICS.keySet()), List.of(head).subList(1, head.length), "columns of " + c);
            assertEquals(draws.keySet(), new java.util.LinkedHashSet<>(lines.subList(1, lines.size()).stream()
                    .map(l -> l.split(",")[0]).toList()), "variables of " + c);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                double[][] x = draws.get(f[0]);
                for (int k = 1; k < head.length; k++) {
                    double want = number(f[k]);
                    double got = STATISTICS.get(head[k]).applyAsDouble(x);
                    compared++;
                    if (!agree(want, got)) failures.add(c + "/" + f[0] + " " + head[k] + ": posterior " + want + ", ours " + got);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " values differ from posterior's:\n" + String.join("\n", failures));
        return compared;
    }

    static boolean agree(double want, double got) {
        if (Double.isNaN(want) || Double.isInfinite(want)) return Double.compare(want, got) == 0;
        return Math.abs(want - got) <= TOL * Math.max(1, Math.abs(want));
    }

    /** Reads a draws_df CSV (rows by chain, then iteration) into variable -> {@code [chains][iterations]}. */
    static Map<String, double[][]> readDraws(Path file) {
        List<String> lines = lines(file);
        String[] head = lines.get(0).split(",");
        assertEquals(".chain", head[0]);
        assertEquals(".iteration", head[1]);
        int rows = lines.size() - 1;
        int chains = Integer.parseInt(lines.get(rows).split(",")[0]);
        int iterations = rows / chains;
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (int v = 2; v < head.length; v++) out.put(head[v], new double[chains][iterations]);
        for (int r = 0; r < rows; r++) {
            String[] f = lines.get(r + 1).split(",");
            int chain = Integer.parseInt(f[0]) - 1;
            int it = Integer.parseInt(f[1]) - 1;
            assertEquals(r, chain * iterations + it, "row order of " + file);
            for (int v = 2; v < head.length; v++) out.get(head[v])[chain][it] = number(f[v]);
        }
        return out;
    }

    static double number(String s) {
        return switch (s.trim()) {
            case "NA", "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s.trim());
        };
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The copied resources folder under target/test-classes. */
    private static Path resourceDir() {
        try {
            return Path.of(PosteriorAgreementTest.class.getResource("posterior/make_expected.R").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
