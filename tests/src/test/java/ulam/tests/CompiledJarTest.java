package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.tests.support.Cli;

/**
 * {@code ulam compile MODEL.ulam -o MODEL.jar} writes a runnable jar: {@code java -jar MODEL.jar
 * --data FILE ...} samples it in a fresh JVM with no compiler present, prints the table and
 * writes Stan CSV files.
 */
class CompiledJarTest {

    @TempDir
    Path dir;

    @Test
    void compiledJarSamplesOnItsOwn() throws IOException, InterruptedException {
        Path jar = dir.resolve("chimpanzees.jar");
        Cli.Result c = Cli.run("compile", "examples/chimpanzees.ulam", "-o", jar.toString());
        assertEquals(0, c.status(), c.err());
        assertTrue(Files.size(jar) > 100_000, "jar holds the runtime");

        Path out = dir.resolve("draws");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--data", "examples/data/chimpanzees.csv",
                "--iter", "400", "--seed", "3", "--quiet", "--output-dir", out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("sigma_A"), text);
        for (int chain = 1; chain <= 4; chain++) {
            List<String> lines = Files.readAllLines(out.resolve("chimpanzees_" + chain + ".csv"));
            String header = lines.stream().filter(l -> l.startsWith("lp__")).findFirst().orElseThrow();
            assertTrue(header.contains("b.1.1") && header.contains("sigma_B"), header);
            long draws = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("lp__")).count();
            assertEquals(400, draws, "warmup and sampling draws of chain " + chain);
        }
    }

    @Test
    void modelWithoutDataCompilesToAJar() throws IOException, InterruptedException {
        Path jar = dir.resolve("funnel_nc.jar");
        assertEquals(0, Cli.run("compile", "examples/funnel_nc.ulam", "-o", jar.toString()).status());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--iter", "200", "--seed", "3", "--quiet")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("\nz "), text);
    }

    /** Compiled without data, the jar says which names it took for data and which for parameters. */
    @Test
    void compileWithoutDataPrintsTheInferredNames() throws IOException {
        Path model = dir.resolve("j.ulam");
        Files.writeString(model, "Y ~ normal(mu, sigma)\nmu ~ normal(0, 1)\nsigma ~ exponential(1)\n");
        Cli.Result r = Cli.run("compile", model.toString(), "-o", dir.resolve("j.jar").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue((r.out() + r.err()).contains("compiled without --data, so the names are inferred: data (none); parameters Y, mu, sigma"),
                r.out() + r.err());
    }

    /** A comment of 70,000 characters (over the class file's 65,535-byte constant limit) still compiles to a jar. */
    @Test
    void aLongCommentIsKeptInTheSourceConstant() throws IOException {
        Path model = dir.resolve("m.ulam");
        Files.writeString(model, "Y ~ normal(mu, 1)\nmu ~ normal(0, 1)\n# " + "y".repeat(70_000) + "\n");
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "Y\n1.2\n0.5\n");
        Cli.Result r = Cli.run("compile", model.toString(), "--data", data.toString(), "-o", dir.resolve("m.jar").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.size(dir.resolve("m.jar")) > 100_000, "jar holds the runtime");
    }
}
