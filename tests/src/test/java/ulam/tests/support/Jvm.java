package ulam.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ulam} command line (or a jar) in a fresh JVM, for what needs a process of its own: heap limits, kill -9, locks. */
public final class Jvm {
    private Jvm() {}

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process running {@code ulam ARGS} with the test class path and the given JVM options; output to {@code log}. */
    public static Process start(List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "ulam.compiler.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs a command to its end (at most {@code seconds}); returns its exit status and output. */
    public static Cli.Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no answer in " + seconds + " s: " + command);
        }
        return new Cli.Result(p.exitValue(), text, text);
    }

    /** {@code ulam ARGS} in a fresh JVM with the given options, to its end. */
    public static Cli.Result ulam(List<String> jvmOptions, int seconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "ulam.compiler.cli.Main"));
        cmd.addAll(List.of(args));
        return run(cmd, seconds);
    }
}
