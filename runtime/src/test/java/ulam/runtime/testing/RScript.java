package ulam.runtime.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs R scripts from tests that compare ulam with R's own packages (posterior, rstan). Such tests
 * call {@link #assumePackages} first: without {@code Rscript} on the {@code PATH}, or without one of
 * the packages, JUnit skips them (they are never failed for a missing R). The tests that need no R
 * compare with numbers committed beside the R script that made them.
 */
public final class RScript {
    private static final Map<String, Boolean> LOADS = new ConcurrentHashMap<>();

    private RScript() {
    }

    /** {@code Rscript} on the {@code PATH}, or null. */
    public static Path executable() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "Rscript");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /**
     * Whether {@code Rscript} exists and every package loads ({@code requireNamespace}); the answer
     * is cached per package.
     */
    public static boolean hasPackages(String... packages) {
        if (executable() == null) return false;
        for (String pkg : packages) {
            boolean ok = LOADS.computeIfAbsent(pkg, p -> {
                try {
                    return exec(60, "-e", "quit(status = if (requireNamespace('" + p + "', quietly = TRUE)) 0 else 3)")
                            .status == 0;
                } catch (IllegalStateException e) {
                    return false;
                }
            });
            if (!ok) return false;
        }
        return true;
    }

    /** JUnit assumption: skips the calling test unless {@code Rscript} and the packages are present. */
    public static void assumePackages(String... packages) {
        assumeTrue(hasPackages(packages), "Rscript or an R package of " + List.of(packages)
                + " is missing (Debian: apt-get install r-cran-<package>)");
    }

    /**
     * Runs {@code Rscript script args...} and returns its standard output.
     *
     * @param timeoutSeconds how long it may take
     * @throws AssertionError if it fails or times out, with its standard error
     */
    public static String run(long timeoutSeconds, Path script, String... args) {
        List<String> all = new ArrayList<>();
        all.add(script.toString());
        all.addAll(List.of(args));
        Result r = exec(timeoutSeconds, all.toArray(String[]::new));
        if (r.status != 0) {
            throw new AssertionError("Rscript " + String.join(" ", all) + " exited with " + r.status + ":\n" + r.err);
        }
        return r.out;
    }

    private record Result(int status, String out, String err) {
    }

    private static Result exec(long timeoutSeconds, String... args) {
        Path rscript = executable();
        if (rscript == null) throw new IllegalStateException("Rscript is not on the PATH");
        List<String> cmd = new ArrayList<>();
        cmd.add(rscript.toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("rscript", ".out");
            Path err = Files.createTempFile("rscript", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("Rscript did not finish in " + timeoutSeconds + " s: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
