package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.compiler.stan.StanProgram;
import ulam.compiler.stan.StanSyntax;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Round trip: the Stan program {@code ulam stancode} writes for an example (Stan 2.3x syntax) and
 * its data as Stan JSON ({@code --data-out}), read back by the Stan front end, give the same log
 * density (as a difference between points: the two alists may drop different constants) and the
 * same gradient (relative 1e-8) as the example, at three fixed unconstrained points. The examples
 * that do not round-trip yet are in {@link #WAITING} with the front end's error (docs/stan.md):
 * skipped while that error stays, failed once they compile, so that the mark is removed.
 */
class StanRoundTripTest {

    /** Examples whose Stan program the front end refuses today, with a part of the error message. */
    static final Map<String, String> WAITING = Map.of(
            "kline_gp.ulam", "assigning part of 'K_cov_GPL2",   // the kernel function fills a matrix in nested loops
            "cafes.ulam", "using the loop variable 'i'");

    /** Every example with its data (StanExportTest's table) but glmm_100k, whose 100,000 rows add nothing here. */
    static Stream<Arguments> examples() {
        return StanExportTest.DATA.entrySet().stream().filter(e -> !e.getKey().equals("glmm_100k.ulam"))
                .sorted(Map.Entry.comparingByKey()).map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void stancodeReadBackHasTheSameDensity(String example, String data, @TempDir Path dir) throws IOException {
        List<Path> files = data.isEmpty() ? List.of() : List.of(Path.of(data));
        Map<String, Path> matrices = example.equals("kline_gp.ulam") ? Map.of("Dmat", Path.of("examples/data/islandsDistMatrix.csv")) : Map.of();
        DataSet ds = files.isEmpty() ? DataSet.empty() : DataSet.read(files, Map.of(), matrices);
        Compiler.Compiled ours = Compiler.compile(Source.read(Path.of("examples", example)), files.isEmpty() ? null : Compiler.schema(ds));
        StanProgram program = StanProgram.of(ours.spec(), StanSyntax.MODERN, false);
        Path stan = dir.resolve(example.replace(".ulam", ".stan"));
        Files.writeString(stan, program.text(), StandardCharsets.UTF_8);
        Path json = dir.resolve("data.json");
        Files.writeString(json, program.dataJson(ours, ds), StandardCharsets.UTF_8);
        Model a = ours.factory().apply(ds);
        DataSet back = DataSet.read(List.of(json), Map.of());
        Model b;
        try {
            b = Compiler.compile(Source.read(stan), Compiler.schema(back)).factory().apply(back);
        } catch (UlamException e) {
            if (WAITING.containsKey(example) && e.getMessage().contains(WAITING.get(example))) {
                Assumptions.abort("waiting: " + e.getMessage());
            }
            throw e;
        }
        if (WAITING.containsKey(example)) fail(example + " round-trips now: remove it from WAITING (and docs/stan.md)");
        // lp__ too where the written program has only ~ statements (target += keeps its constants in Stan)
        StanFrontEndPointsTest.assertSameDensity(a, b, example, !program.text().contains("target +="));
    }
}
