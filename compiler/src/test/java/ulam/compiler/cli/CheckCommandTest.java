package ulam.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;

/**
 * {@code ulam check}: the report lists every log density term, vector densities included;
 * {@code --ir --passes none|all|NAMES} prints the IR as lowered or after the chosen passes.
 */
class CheckCommandTest {
    @Test
    void vectorDensitiesAreListedWithTheOthers(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("shares.ulam");
        Files.writeString(model, "y ~ categorical(theta)\nsimplex[3]: theta ~ dirichlet(alpha)\nz ~ normal(0, sigma)\nsigma ~ dexp(1)\n");
        Path data = tmp.resolve("shares.json");
        Files.writeString(data, "{\"y\": [1, 3, 2, 2], \"z\": [0.5, -1.2], \"alpha\": [2, 2, 2]}");
        String[] r = Cli.run("check", model.toString(), "--data", data.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("likelihood of y"), r[1]);
        assertTrue(r[1].contains("prior of theta"), r[1]);
        assertTrue(r[1].contains("prior of sigma"), r[1]);
    }

    @Test
    void passesCanBeSwitchedOff() {
        String[] base = {"check", "../examples/chimpanzees.ulam", "--data", "../examples/data/chimpanzees.csv", "--ir"};
        String[] all = Cli.run(base);
        assertEquals("0", all[0], all[2]);
        assertTrue(all[1].contains("(aggregated over rows with equal predictors)"), all[1]);
        assertTrue(all[1].contains("precompute for "), all[1]);
        String[] none = Cli.run(concat(base, "--passes", "none"));
        assertEquals("0", none[0], none[2]);
        assertTrue(!none[1].contains("aggregated") && !none[1].contains("precompute"), none[1]);
        String[] one = Cli.run(concat(base, "--passes", "precompute"));
        assertEquals("0", one[0], one[2]);
        assertTrue(!one[1].contains("aggregated") && one[1].contains("precompute for likelihood P"), one[1]);
        assertEquals(ulam.runtime.testing.Golden.untimed(all[1]), ulam.runtime.testing.Golden.untimed(Cli.run(concat(base, "--passes", "aggregate,precompute"))[1]),
                "the names of all passes are all");
    }

    @Test
    void anUnknownPassIsAUserError() {
        String[] r = Cli.run("check", "../examples/chimpanzees.ulam", "--ir", "--passes", "fold");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("unknown pass 'fold'") && r[2].contains("aggregate, precompute"), r[2]);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
