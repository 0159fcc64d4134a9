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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.tests.support.Cli;

/**
 * What a run prints while it samples, in a fresh JVM as a user runs it: with standard error
 * redirected to a file ({@code 2> log}) the progress is plain lines, with no escape codes and no
 * carriage returns, even when the terminal type says the terminal could show bars; chains that
 * wait for a free core say so. On JDK 24 and later (the JDK 25 of this machine, when present), a
 * run whose progress bars draw on a pseudo-terminal prints no native-access warnings.
 */
class ProgressOutputTest {
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void compile() {
        jar = dir.resolve("chimpanzees.jar");
        Cli.Result c = Cli.run("compile", "examples/chimpanzees.ulam", "-o", jar.toString());
        assertEquals(0, c.status(), c.err());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> run(String java) {
        return new ArrayList<>(List.of(java, "-jar", jar.toString(), "--data", "examples/data/chimpanzees.csv",
                "--iter", "200", "--seed", "3", "--cores", "2", "--no-save"));
    }

    /** Runs a command with standard error into a file; returns the file's text. */
    static String stderrToFile(List<String> cmd, String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("TERM", "xterm-256color");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    static void assertPlain(String log) {
        assertFalse(log.contains("\u001b"), "an escape code in the log:\n" + log);
        assertFalse(log.contains("\r"), "a carriage return in the log:\n" + log);
        assertFalse(log.contains("WARNING"), "a JVM warning in the log:\n" + log);
    }

    @Test
    void redirectedStandardErrorGetsPlainLines() throws Exception {
        String log = stderrToFile(run(java()), "log");
        assertPlain(log);
        assertTrue(log.contains("chain 1: iteration 200 / 200 (sampling)"), log);
        assertTrue(log.contains("chains 3-4: waiting for a free core (2 running at once"), log);
        assertTrue(log.contains("chain 3: started"), log);
    }

    /** Runs a shell command line on a pseudo-terminal (script(1)); returns what the terminal showed. */
    static String onTerminal(String commandLine, String name) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) to make a pseudo-terminal");
        Path typescript = dir.resolve(name);
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", commandLine, typescript.toString()).redirectErrorStream(true);
        pb.environment().put("TERM", "xterm-256color");
        Process p = pb.start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), text);
        return Files.readString(typescript, StandardCharsets.UTF_8);
    }

    static String shell(List<String> cmd) {
        return String.join(" ", cmd.stream().map(a -> "'" + a + "'").toList());
    }

    @Test
    void standardErrorToALogFromATerminalGetsPlainLines() throws Exception {
        // input and output are the terminal, standard error a file: the log gets lines, not bar frames
        Path log = dir.resolve("tty.log");
        onTerminal(shell(run(java())) + " 2> '" + log + "'", "typescript17");
        assertPlain(Files.readString(log, StandardCharsets.UTF_8));
        assertTrue(Files.readString(log).contains("chain 4: iteration 200 / 200 (sampling)"));
    }

    @Test
    void jdk25PrintsNoNativeAccessWarnings() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK25), "no JDK 25 on this machine");
        assertPlain(stderrToFile(run(JDK25.toString()), "log25"));
        // progress bars on a pseudo-terminal: JLine builds a terminal (and may load its native library)
        String screen = onTerminal(shell(run(JDK25.toString())) + " > /dev/null", "typescript25");
        assertTrue(screen.contains("chain 1 ") && screen.contains("%"), "progress bars on the terminal:\n" + screen);
        assertFalse(screen.contains("WARNING"), "a JVM warning on the terminal:\n" + screen);
    }
}
