package ulam.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ulam.runtime.Model;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.sampler.TestModels;

/**
 * The run command end to end with hand-written models. The data reader is replaced (the data
 * package is developed separately), so these tests do not depend on {@code DataSet}.
 */
class RunCommandTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(Function<DataSet, Model> factory, String... args) {
        RunOptions o = new RunOptions();
        new CommandLine(o).parseArgs(args);
        return RunCommand.run(factory, options -> null, o, out, err);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void samplesAndPrintsPrecis() {
        int status = run(d -> new TestModels.PositiveGamma(3, 2), "--seed", "3", "--chains", "2", "--iter", "2000");
        assertEquals(0, status, err());
        String[] lines = out().split("\n");
        assertEquals("Sampling positive: 2 chains of 1000 warmup + 1000 draws, seed 3", lines[0]);
        assertEquals("      mean   sd 5.5% 94.5% rhat ess_bulk", lines[1]);
        assertTrue(lines[2].startsWith("sigma "), lines[2]);
        assertTrue(lines[3].startsWith("Sampling took "), lines[3]);
        assertTrue(err().contains("chain 1: iteration 2000 / 2000 (sampling)"), err());
        assertFalse(err().contains("warning"), err());
    }

    @Test
    void randomSeedIsPrintedAndQuietHidesProgress() {
        assertEquals(0, run(d -> new TestModels.StdNormal(1), "--quiet", "--iter", "200", "--chains", "1"));
        assertTrue(out().lines().findFirst().orElseThrow().matches(
                "Sampling std_normal: 1 chain of 100 warmup \\+ 100 draws, seed \\d+ \\(random; repeat this run with --seed \\d+\\)"),
                out());
        assertFalse(err().contains("iteration"), "no progress with --quiet: " + err());
    }

    @Test
    void writesCsvAndWarnsAboutDivergences(@TempDir Path dir) {
        int status = run(d -> new TestModels.Funnel(9), "--seed", "1", "--adapt-delta", "0.8", "--output-dir",
                dir.toString(), "--quiet", "--depth", "1");
        assertEquals(0, status, err());
        for (int c = 1; c <= 4; c++) assertTrue(Files.exists(dir.resolve("funnel_" + c + ".csv")));
        assertTrue(out().contains("9 vector or matrix parameters hidden. Use --depth 2 to show them."), out());
        assertTrue(err().contains("transitions after warmup ended with a divergence"), err());
        assertTrue(err().contains("Increase --adapt-delta (e.g. 0.99)"), err());
        assertTrue(out().contains("Draws written to " + dir.resolve("funnel_1.csv") + " ... funnel_4.csv"), out());
    }

    @Test
    void userErrorsPrintFormattedAndExitOne() {
        SourceLocation at = new SourceLocation("m.ulam", 3, 12, 5, "a[actor] ~ dnorm(0, 1)");
        int status = run(d -> {
            throw new UlamException("column 'actor' is missing from the data", at, "add it to the CSV file");
        });
        assertEquals(1, status);
        assertEquals(new UlamException("column 'actor' is missing from the data", at, "add it to the CSV file").format(),
                err());
        assertEquals("", out());
    }

    @Test
    void initialisationFailureIsAUserError() {
        assertEquals(1, run(d -> new TestModels.Impossible(), "--quiet", "--seed", "1"));
        assertTrue(err().startsWith("error: the log density is not finite at any of 100 random initial values;"
                + " check priors and data\n"), err());
        assertFalse(err().contains("\tat "), "no stack trace");
    }

    @Test
    void badOptionIsAUserError() {
        assertEquals(1, run(d -> new TestModels.StdNormal(1), "--prob", "2"));
        assertTrue(err().startsWith("error: --prob must lie strictly between 0 and 1 (got 2.0)"), err());
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorOnOneLine() {
        assertEquals(2, run(d -> {
            throw new IllegalStateException("boom");
        }));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("internal error: java.lang.IllegalStateException: boom (at "), err());
        assertTrue(lines.get(0).endsWith(RunCommand.REPORT_HINT), err());
    }

    @Test
    void modelNotesArePrinted() {
        Model m = new TestModels.StdNormal(1) {
            @Override
            public List<String> notes() {
                return List.of("actor coded 1..7 from its levels");
            }
        };
        assertEquals(0, run(d -> m, "--quiet", "--iter", "100", "--chains", "1"));
        assertTrue(err().startsWith("note: actor coded 1..7 from its levels\n"), err());
    }
}
