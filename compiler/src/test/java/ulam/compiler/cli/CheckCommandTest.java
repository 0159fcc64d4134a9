package ulam.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;

/** {@code ulam check}: the report lists every log density term, vector densities included. */
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
}
