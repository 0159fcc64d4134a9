package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/** Shared test helpers: the example data, a model line, and checks on error messages. */
final class Fixtures {
    private Fixtures() {}

    /** The project's example data (tests run in the module folder). */
    static final Path DATA = Path.of("..", "examples", "data");

    /** Small JSON fixtures. */
    static final Path RESOURCES = Path.of("src", "test", "resources", "ulam", "runtime", "data");

    /** The model line errors are reported at. */
    static final SourceLocation USE = new SourceLocation("m.ulam", 4, 3, 5, "  a[actor] ~ dnorm(a_bar, sigma)");

    /** Reads example data files by name. */
    static DataSet example(String... files) {
        return DataSet.read(List.of(files).stream().map(DATA::resolve).toList(), Map.of());
    }

    /** Writes {@code text} to {@code dir/name} and returns the path. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one data file. */
    static DataSet read(Path file) {
        return DataSet.read(List.of(file), Map.of());
    }

    /**
     * Runs {@code action}, expects a {@link UlamException} at {@code where} (null for none) whose
     * message contains every fragment, and returns it.
     */
    static UlamException fails(SourceLocation where, Executable action, String... fragments) {
        UlamException e = assertThrows(UlamException.class, action);
        assertEquals(where, e.location(), "location of: " + e.getMessage());
        return described(e, fragments);
    }

    /** As {@link #fails}, for an error about a data file's text: located at {@code line:column} of {@code file}. */
    static UlamException failsIn(Path file, int line, int column, Executable action, String... fragments) {
        UlamException e = assertThrows(UlamException.class, action);
        assertEquals(file + ":" + line + ":" + column, String.valueOf(e.location()), "location of: " + e.getMessage());
        return described(e, fragments);
    }

    /** The error, after checking that its message has every fragment and that it has help. */
    private static UlamException described(UlamException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        assertTrue(e.help() != null && !e.help().isBlank(), "no help for: " + e.getMessage());
        return e;
    }
}
