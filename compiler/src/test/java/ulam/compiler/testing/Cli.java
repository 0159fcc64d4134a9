package ulam.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ulam.compiler.cli.Main;

/** Running the {@code ulam} command line in tests, and making fits with it. */
public final class Cli {
    private Cli() {}

    /**
     * Runs {@code ulam args...} in this JVM.
     *
     * @return {exit status, standard output, standard error}
     */
    public static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /**
     * Writes {@code model} to {@code tmp/name.ulam} and runs it into the fit folder {@code tmp/name},
     * failing the test if the run fails.
     *
     * @param extra more options, e.g. {@code --iter 600}
     * @return the fit folder
     */
    public static Path fit(Path tmp, String name, String model, Path data, String... extra) throws Exception {
        Path file = tmp.resolve(name + ".ulam");
        Files.writeString(file, model);
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--data", data.toString(), "--quiet",
                "--output-dir", dir.toString()));
        args.addAll(List.of(extra));
        String[] r = run(args.toArray(String[]::new));
        assertEquals("0", r[0], r[2]);
        return dir;
    }
}
