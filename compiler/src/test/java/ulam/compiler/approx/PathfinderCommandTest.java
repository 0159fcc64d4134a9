package ulam.compiler.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;

/** {@code ulam pathfinder} and {@code ulam run --init pathfinder} as a user runs them. */
class PathfinderCommandTest {
    @TempDir Path dir;

    @Test
    void pathfinderOnTheFunnelWarnsAndSavesAFit() {
        String[] r = Cli.run("pathfinder", "../examples/funnel.ulam", "--seed", "3", "--output-dir", dir.resolve("pf").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Pathfinder on funnel: 4 paths, 1,000 draws (PSIS-resampled from 4,000), seed 3"), r[1]);
        assertTrue(r[1].contains("path iterations  best"), r[1]);
        assertTrue(r[2].contains("do not use these draws as posterior draws"), r[2]);
        assertTrue(Files.exists(dir.resolve("pf/fit.json")));
        String[] p = Cli.run("plot", dir.resolve("pf").toString(), "--output-dir", dir.resolve("plots").toString());
        assertEquals("0", p[0], p[2]);
    }

    @Test
    void singlePathIsNotResampled() {
        String[] r = Cli.run("pathfinder", "../examples/funnel_nc.ulam", "--seed", "1", "--paths", "1", "--draws-per-path", "500");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("1 path, 500 draws, seed 1"), r[1]);
    }

    @Test
    void badSettingsAreUserErrors() {
        String[] r = Cli.run("pathfinder", "../examples/funnel_nc.ulam", "--paths", "0");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("--paths must be at least 1"), r[2]);
    }

    @Test
    void runStartsTheChainsAtPathfinderDraws() {
        String[] r = Cli.run("run", "../examples/funnel_nc.ulam", "--seed", "2", "--init", "pathfinder", "--quiet", "--iter", "400");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("Initial values from Pathfinder: 4 paths"), r[2]);
        String[] bad = Cli.run("run", "../examples/funnel_nc.ulam", "--init", "fast");
        assertEquals("1", bad[0], bad[2]);
        assertTrue(bad[2].contains("--init must be a radius such as 2, or pathfinder"), bad[2]);
    }
}
