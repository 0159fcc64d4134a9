package ulam.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/stan/stan_fit.R} (rstan 2.21 from Debian's packages) from tests, which skip
 * when R or rstan is missing.
 */
public final class Rstan {
    private Rstan() {}

    private static Boolean available;

    /** Whether {@code Rscript} runs and loads rstan (checked once). */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("Rscript", "-e", "suppressPackageStartupMessages(library(rstan))")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /**
     * Runs {@code Rscript bench/stan/stan_fit.R MODEL DATA args...} from the repository root.
     *
     * @return its standard output and error
     * @throws AssertionError if it fails or runs longer than {@code minutes}
     */
    public static String fit(Path model, Path data, int minutes, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("Rscript", "bench/stan/stan_fit.R", model.toString(), data.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("stan_fit", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("stan_fit.R ran longer than " + minutes + " minutes: " + String.join(" ", cmd));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new AssertionError("stan_fit.R failed (" + String.join(" ", cmd) + "):\n" + out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
