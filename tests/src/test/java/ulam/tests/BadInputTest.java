package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.compiler.cli.Main;
import ulam.runtime.testing.Golden;

/**
 * Bad input gives a one-screen error at file:line:col with the line and a caret, exit status 1,
 * and no stack trace: syntax errors, a parameter without a prior, an unknown distribution (with
 * the nearest name), a missing data column, NA in a used column, a non-integer or out-of-range
 * index.
 *
 * <p>Each case's full text (the model, then everything on standard error, the temporary folder
 * shown as {@code $TMP}) is also compared with its golden file in
 * {@code tests/src/test/resources/golden/errors/BadInputTest/} ({@link Golden}): to add a case,
 * add a row to a table (its name unique), run
 * {@code mvn -B -o verify -pl tests -am -Dtest=BadInputTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true},
 * read the new file and commit it.
 */
class BadInputTest {

    /** The golden files of the cases (the tests module runs in the repository's root). */
    static final Path GOLDEN = Path.of("tests/src/test/resources/golden/errors/BadInputTest");

    @TempDir
    Path dir;

    /** Model lines after a common head; expected: line:col, a phrase of the message, a phrase of the help. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error            | a[A] ~ dnorm(0, 1.5                | 3:13 | '(' is never closed                      | add the matching ')'
            operator missing        | a[A] dnorm(0, 1.5)                 | 3:6  | expected '~', '<-' or '<<-'               | outcome ~ distribution
            parameter without prior | a[A] ~ dnorm(mu_a, 1.5)            | 3:14 | 'mu_a' has no prior and is not in the data | mu_a ~ dnorm(0, 1)
            not a distribution      | a[A] ~ dnorm(0, 1.5) + 1           | 3:8  | must be a distribution                     | -
            unknown distribution    | a[A] ~ dnrom(0, 1.5)               | 3:8  | unknown distribution 'dnrom'               | did you mean 'dnorm'?
            unknown tag             | qq> s <- a[1] * 2                  | 3:1  | unknown tag 'qq>'                          | did you mean 'gq>'?
            wrong argument count    | a[A] ~ dnorm(0)                    | 3:8  | 'dnorm' takes 2 arguments, not 1           | normal(mu, sigma)
            indexed scalar          | a ~ dnorm(0, 1.5)                  | 2:13 | 'a' is a single value but is indexed here  | a[group] ~
            """)
    void modelErrors(String what, String line3, String at, String message, String help) throws IOException {
        String head = "P ~ bernoulli(p)\nlogit(p) <- a[A]\n";
        String tail = "\nP <- pulled_left\nA <- actor\n";
        Path model = dir.resolve("m.ulam");
        Files.writeString(model, head + line3 + tail);
        Result r = run(model, "examples/data/chimpanzees.csv");
        r.assertLocatedError(model + ":" + at, message, help.equals("-") ? null : help);
        golden(what, head + line3 + tail, r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing data column   | A <- actr          | 5:6 | the data have no column 'actr'             | did you mean 'actor'?
            NA in a used column   | A <- recipient     | 5:6 | is NA in row 1 and 251 other rows          | remove those rows
            non-integer index     | A <- actor / 2     | 5:1 | is 0.5                                     | whole number
            out-of-range index    | A <- actor - 1     | 5:1 | is 0 in row 1; indices start at 1          | recode it
            """)
    void dataErrors(String what, String line5, String at, String message, String help) throws IOException {
        Path model = dir.resolve("d.ulam");
        String text = "P ~ bernoulli(p)\nlogit(p) <- a[A]\na[A] ~ dnorm(0, 1.5)\nP <- pulled_left\n" + line5 + "\n";
        Files.writeString(model, text);
        Result r = run(model, "examples/data/chimpanzees.csv");
        r.assertLocatedError(model + ":" + at, message, help);
        golden(what, text, r);
    }

    @org.junit.jupiter.api.Test
    void indexBeyondAnExplicitSize() throws IOException {
        Path model = dir.resolve("s.ulam");
        String text = "P ~ bernoulli(p)\nlogit(p) <- a[A]\nvector[5]:a ~ dnorm(0, 1.5)\nP <- pulled_left\nA <- actor\n";
        Files.writeString(model, text);
        Result r = run(model, "examples/data/chimpanzees.csv");
        r.assertLocatedError(model + ":2:15", "is 6", null);
        golden("index beyond an explicit size", text, r);
    }

    /** Compares a case's full error text with its golden file. */
    private void golden(String name, String model, Result r) {
        Golden.assertMatches(GOLDEN.resolve(Golden.slug(name) + ".txt"), Golden.untimed(Golden.errorCase(model, r.err().replace(dir.toString(), "$TMP"))));
    }

    private record Result(int status, String out, String err) {
        void assertLocatedError(String location, String message, String help) {
            assertEquals(1, status, "exit status; stderr:\n" + err);
            assertTrue(err.contains("--> " + location), "location " + location + " in:\n" + err);
            assertTrue(err.contains(message), "message '" + message + "' in:\n" + err);
            assertTrue(err.lines().anyMatch(l -> l.matches("\\s*\\|\\s*\\^+\\s*")), "caret line in:\n" + err);
            if (help != null) assertTrue(err.contains("= help:") && err.contains(help), "help '" + help + "' in:\n" + err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace:\n" + err);
            assertTrue(err.lines().count() <= 12, "one screen:\n" + err);
        }
    }

    private static Result run(Path model, String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(new String[] {"run", model.toString(), "--data", data, "--quiet", "--iter", "100", "--seed", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
