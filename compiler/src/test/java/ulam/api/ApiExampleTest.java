package ulam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.UlamException;

/** The public API: docs/api.md's example program runs, and the page shows its code. */
class ApiExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theExampleRunsAndGivesThePosterior() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ApiExample.main(new String[] {"../examples/data/reedfrogs.csv", "../examples/reedfrogs.ulam"});
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("1000 draws of sigma"), out);
        // reed frogs m13.2: a_bar about 1.35 (sd 0.25), sigma about 1.6 (Statistical Rethinking, 2nd ed., 13.1)
        double abar = Double.parseDouble(out.replaceAll("(?s).*a_bar: mean ([-0-9.]+),.*", "$1"));
        assertEquals(1.35, abar, 0.15, out);
        double elpd = Double.parseDouble(out.replaceAll("(?s).*elpd_loo ([-0-9.]+) .*", "$1"));
        assertTrue(elpd < -100 && elpd > -118, "elpd_loo of m13.2 is about -109 (ulam loo, loo::loo): " + out);
        // 7 of 10 ones under a flat beta prior: Beta(8, 4), mean 2/3
        double p = Double.parseDouble(out.replaceAll("(?s).*p: mean ([-0-9.]+).*", "$1"));
        assertEquals(8 / 12.0, p, 0.03, out);
    }

    @Test
    void docsApiShowsTheExampleProgram() throws Exception {
        String page = Files.readString(Path.of("../docs/api.md"));
        String code = Files.readString(Path.of("src/test/java/ulam/api/ApiExample.java"));
        String body = code.substring(code.indexOf("    public static void main"), code.lastIndexOf('}'));
        assertTrue(page.contains(body), "docs/api.md shows compiler/src/test/java/ulam/api/ApiExample.java's main as it is");
    }

    @Test
    void badUseGetsClearErrors() {
        UlamException model = assertThrows(UlamException.class,
                () -> Ulam.compile("broken", "y ~ dnorm(mu, \n", UlamData.empty()));
        assertTrue(model.format().contains("broken.ulam:1:") && model.format().contains("^"), model.format());
        UlamException value = assertThrows(UlamException.class, () -> UlamData.of(Map.of("y", new Object())));
        assertTrue(value.getMessage().contains("'y'"), value.getMessage());
        UlamModel m = Ulam.compile("tiny", "x ~ dnorm(0, 1)\n", UlamData.empty());
        UlamException chains = assertThrows(UlamException.class, () -> m.sample(SampleOptions.defaults().chains(0)));
        assertTrue(chains.getMessage().contains("chains"), chains.getMessage());
        Posterior post = m.sample(SampleOptions.defaults().draws(100).warmup(100).chains(1));
        UlamException name = assertThrows(UlamException.class, () -> post.draws("y"));
        assertTrue(name.getMessage().contains("no output named 'y'") && name.help().contains("x"), name.format());
        assertThrows(UlamException.class, post::loo, "no likelihood line");
    }

    @Test
    void cliRunsACommandInProcess() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ulam.cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "check", "../examples/reedfrogs.ulam", "--data", "../examples/data/reedfrogs.csv");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("a_bar"), out.toString(StandardCharsets.UTF_8));
        assertEquals(1, Ulam.cli(new PrintStream(out), new PrintStream(err), "run", tmp.resolve("none.ulam").toString()));
    }
}
