package ulam.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import ulam.runtime.Model;
import ulam.runtime.cli.RunCommand;
import ulam.runtime.cli.RunOptions;
import ulam.runtime.data.DataSet;

/** Makes a fit folder by running a hand-written model through {@link RunCommand}, for tests. */
public final class FitFixture {
    private FitFixture() {
    }

    /**
     * Runs {@code model} with {@code --quiet --output-dir dir} and the given options.
     *
     * @return the run's standard output
     */
    public static String run(Function<DataSet, Model> model, Path dir, String... options) {
        RunOptions o = new RunOptions();
        String[] args = new String[options.length + 3];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--quiet";
        args[options.length + 1] = "--output-dir";
        args[options.length + 2] = dir.toString();
        new CommandLine(o).parseArgs(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(model, d -> null, o, new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
