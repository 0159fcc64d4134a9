package ulam.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Golden files: committed snapshots of what a command prints (the IR of every example, the full
 * text of every located error), compared by the tests that make them. A change that alters one
 * shows in the test's failure and then, once regenerated, in the diff a reviewer reads.
 *
 * <p>To write or rewrite them, run the tests with {@code -Dgolden.update=true}, e.g.
 * {@code mvn -B -o verify -pl compiler -am -Dtest='GoldenIrTest' -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true};
 * the tests then pass and write every file they compare. Review the diff ({@code git diff}) and
 * commit it. A golden file that does not exist fails the comparison with this advice.
 */
public final class Golden {
    private Golden() {}

    /** The system property that switches the tests from comparing to writing. */
    public static final String UPDATE = "golden.update";

    /** Whether this run writes the golden files instead of comparing them. */
    public static boolean updating() {
        return Boolean.parseBoolean(System.getProperty(UPDATE, "false"));
    }

    /**
     * Compares {@code actual} with the golden file (line endings normalised to {@code \n}); with
     * {@code -Dgolden.update=true} writes it instead.
     *
     * @param file   the golden file, relative to the module's directory (where Maven runs its tests)
     * @param actual what the test produced
     */
    public static void assertMatches(Path file, String actual) {
        String text = actual.replace("\r\n", "\n").replace('\r', '\n');
        if (!text.endsWith("\n")) text += "\n";
        try {
            if (updating()) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no golden file " + file + ": run the test with -D" + UPDATE + "=true to write it, review it and commit it."
                        + " It would hold:\n" + text);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (expected.equals(text)) return;
            fail(difference(file, expected, text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where two texts first differ, with the advice to regenerate. */
    private static String difference(Path file, String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        int line = 0;
        while (line < e.size() && line < a.size() && e.get(line).equals(a.get(line))) line++;
        return "differs from the golden file " + file + " at line " + (line + 1) + ":\n"
                + "  golden: " + (line < e.size() ? e.get(line) : "(end of file)") + "\n"
                + "  now:    " + (line < a.size() ? a.get(line) : "(end of output)") + "\n"
                + "if the change is intended, run the test with -D" + UPDATE + "=true, review the diff and commit it. Now:\n" + actual;
    }

    /**
     * The text with the compile time of {@code ulam}'s messages ({@code compiled d in 8 ms},
     * {@code compiled in 12 ms}) written as {@code N ms}: wall time is not part of a golden file.
     */
    public static String untimed(String text) {
        return text.replaceAll("(compiled (?:\\S+ )?in )\\d+ ms", "$1N ms");
    }

    /** A file-name-safe form of a case's name: lower case, runs of other characters as one {@code _}. */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "case" : s;
    }

    /**
     * The golden text of one error case: the input and the full error, as a reviewer wants to read
     * them side by side.
     *
     * @param input the model (or command) that fails
     * @param error everything the user sees (for the command line: standard error)
     */
    public static String errorCase(String input, String error) {
        return "# input\n" + (input.endsWith("\n") ? input : input + "\n") + "# error\n" + error;
    }
}
