package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;
import ulam.tests.support.Cli;

/**
 * Runs that must not depend on anything but the seed, and runs that are killed:
 * the same {@code --seed} gives byte-identical draws files with {@code --cores 1} and
 * {@code --cores 2} and across runs (the timing trailer, {@code # Elapsed Time: ... seconds},
 * is left out of the comparison: it is wall time); a run killed with SIGKILL while sampling
 * leaves every completed draw on disk, readable line by line and as a fit.
 */
class RobustRunTest {

    @TempDir
    Path dir;

    private static final String MODEL = "examples/reedfrogs.ulam";
    private static final String DATA = "examples/data/reedfrogs.csv";

    @Test
    void drawsDependOnTheSeedAloneNotOnTheCores() throws IOException {
        List<String> first = run("a", "1");
        List<String> parallel = run("b", "2");
        List<String> again = run("c", "1");
        assertEquals(first, parallel, "--cores 1 and --cores 2");
        assertEquals(first, again, "two runs with --cores 1");
        List<String> otherSeed = runWithSeed("d", "1", "12");
        assertFalse(first.equals(otherSeed), "another seed gives other draws");
    }

    /** Runs 2 chains; returns the printed table and each chain's CSV, without their wall-time lines. */
    private List<String> run(String out, String cores) throws IOException {
        return runWithSeed(out, cores, "11");
    }

    private List<String> runWithSeed(String out, String cores, String seed) throws IOException {
        Path fit = dir.resolve(out);
        Cli.Result r = Cli.run("run", MODEL, "--data", DATA, "--seed", seed, "--chains", "2", "--iter", "300",
                "--cores", cores, "--quiet", "--depth", "2", "--output-dir", fit.toString());
        assertEquals(0, r.status(), r.err());
        List<String> result = new ArrayList<>();
        // the precis table; not the wall time and the output folder printed after it
        result.add(String.join("\n", r.out().lines().filter(l -> !l.contains("(wall)") && !l.contains(fit.toString())).toList()));
        for (int chain = 1; chain <= 2; chain++) {
            String csv = Files.readString(fit.resolve("reedfrogs_" + chain + ".csv"), StandardCharsets.UTF_8);
            long timing = csv.lines().filter(RobustRunTest::wallTime).count();
            assertEquals(3, timing, "the trailer has three timing lines");
            result.add(String.join("\n", csv.lines().filter(l -> !wallTime(l)).toList()));
        }
        return result;
    }

    private static boolean wallTime(String line) {
        return line.startsWith("#") && line.contains(" seconds (");
    }

    @Test
    void killedRunKeepsEveryCompletedDraw() throws IOException, InterruptedException {
        Path fit = dir.resolve("killed");
        Path csv = fit.resolve("reedfrogs_1.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "ulam.compiler.cli.Main", "run",
                MODEL, "--data", DATA, "--seed", "5", "--chains", "1", "--iter", "200000", "--warmup", "100", "--quiet",
                "--output-dir", fit.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (drawLines(csv) < 400) {
                assertTrue(p.isAlive(), "the run ended early: " + Files.readString(dir.resolve("log.txt")));
                assertTrue(System.nanoTime() < deadline, "no draws after 120 s");
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly();   // SIGKILL on Linux: no shutdown hook, no flush
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        boolean partialLast = !text.endsWith("\n");
        int columns = -1;
        int complete = 0;
        for (int i = 0; i < lines.size() - (partialLast ? 1 : 0); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) continue;
            String[] fields = line.split(",", -1);
            if (columns < 0) {
                assertTrue(line.startsWith("lp__,"), "the header comes first: " + line);
                columns = fields.length;
                continue;
            }
            assertEquals(columns, fields.length, "line " + (i + 1) + " is complete: " + line);
            for (String f : fields) Double.parseDouble(f);
            complete++;
        }
        assertFalse(text.contains("Elapsed Time"), "the run was killed before its end");

        FitDirectory read = FitDirectory.read(fit);
        ChainDraws chain = read.chains().get(0);
        assertEquals(100, chain.warmup(), "every warmup draw");
        assertEquals(complete - 100, chain.draws(), "every complete draw line, and nothing else");
        assertEquals(chain.draws(), read.drawsPerChain());
        assertFalse(chain.complete());
        assertTrue(read.notes().stream().anyMatch(n -> n.contains("did not finish")), read.notes().toString());
    }

    /** Lines of the file that are not comments (the header and the draws so far). */
    private static long drawLines(Path csv) throws IOException {
        if (!Files.exists(csv)) return 0;
        return Files.readString(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).count();
    }
}
