package ulam.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.compiler.testing.Cli;

/**
 * Models and data that used to give a silent wrong answer with {@code ulam check} (docs/language.md,
 * "Names and data"): a {@code ~} outcome the data lack, names that are one name once normalised,
 * a text compared with a column in which it never occurs, a second prior line for one parameter,
 * a literal scale that is not positive. Each case asserts the located error (file:line:col, the
 * message, the help) or the warning's exact text; on the code before these checks each one
 * exited 0 without a word (or, for the 70,000-character text, with an internal error).
 */
class DataMistakesTest {
    @TempDir
    Path dir;

    /** {Y, x, grp}: three rows. */
    private Path data() throws Exception {
        Path d = dir.resolve("d.csv");
        Files.writeString(d, "Y,x,grp\n1.2,0.1,ab\n0.5,0.3,b\n-0.3,1,ab\n");
        return d;
    }

    private String[] check(String model, Path data) throws Exception {
        Path m = dir.resolve("m.ulam");
        Files.writeString(m, model);
        return data == null ? Cli.run("check", m.toString()) : Cli.run("check", m.toString(), "--data", data.toString());
    }

    private void assertLocatedError(String[] r, String at, String message, String help) {
        assertEquals("1", r[0], "exit status; stderr:\n" + r[2]);
        assertTrue(r[2].contains("error: " + message), "message '" + message + "' in:\n" + r[2]);
        assertTrue(r[2].contains("--> " + dir.resolve("m.ulam") + ":" + at), "location " + at + " in:\n" + r[2]);
        assertTrue(r[2].contains("= help: " + help), "help '" + help + "' in:\n" + r[2]);
        assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), "no stack trace:\n" + r[2]);
    }

    /** Model, expected line:col, message, help. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            outcome with a typo     | y ~ normal(mu, sigma)\\nmu ~ normal(0, 1)\\nsigma ~ exponential(1) | 1:1 | the data have no column 'y' (did you mean 'Y'?) | if y is meant to be a parameter, give it an explicit type (real:y ~ ...) or use it on another line
            a.b and a_b             | Y ~ normal(mu, 1)\\nmu <- a.b + a_b\\na.b ~ normal(0, 1)\\na_b ~ normal(0, 1) | 2:13 | 'a_b' and 'a.b' (line 2, column 7) are the same name, a_b, once '.' and other signs become '_' | write one of them the same way everywhere, or rename the other
            derived name is a column | Y ~ normal(mu, 1)\\nmu <- b * x\\nx <- Y * 2\\nb ~ normal(0, 1) | 3:1 | 'x' is defined on this line, but the data also have a column x | rename the line's name (e.g. 'x2'), or drop it and use the column
            negative literal scale  | Y ~ normal(mu, -1)\\nmu ~ normal(0, 1)                            | 1:16 | the argument sigma of normal must be > 0, but it is -1 here | sigma is a scale or a rate, which is positive: write e.g. normal(mu, 1)
            zero literal scale      | Y ~ normal(0, 0)                                                  | 1:15 | the argument sigma of normal must be > 0, but it is 0 here | sigma is a scale or a rate, which is positive
            near spelling of a level | Y ~ normal(mu, 1)\\nmu <- b * G\\nG <- ifelse(grp == "AB ", 1, 2)\\nb ~ normal(0, 1) | 3:20 | the text "AB " never occurs in grp (did you mean "ab"?) | write the value as the data have it; grp has ab, b
            """)
    void locatedErrors(String what, String model, String at, String message, String help) throws Exception {
        assertLocatedError(check(model.replace("\\n", "\n") + "\n", data()), at, message, help);
    }

    @Test
    void twoDataColumnsThatAreOneName() throws Exception {
        Path d = dir.resolve("two.csv");
        Files.writeString(d, "Y,x.1,x_1\n1,2,3\n");
        String[] r = check("Y ~ normal(mu, 1)\nmu <- b * x_1\nb ~ normal(0, 1)\n", d);
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("--> " + d + ":1:7"), r[2]);
        assertTrue(r[2].contains("= help: rename one of them in the file"), r[2]);
    }

    /** No column is a near spelling: the book has such parameters (the funnel's x), so a warning, not a refusal. */
    @Test
    void anOutcomeFarFromEveryColumnIsWarnedAbout() throws Exception {
        String[] r = check("z ~ normal(mu, 1)\nmu ~ normal(0, 1)\n", data());
        assertEquals("0", r[0], r[2]);
        assertTrue((r[1] + r[2]).contains("warning: " + dir.resolve("m.ulam") + ":1:1: 'z' is not a data column (the data have Y, x, grp)"
                + " and no other line reads it, so it is sampled as a parameter"), r[1] + r[2]);
    }

    @Test
    void aModelThatReadsNoColumnIsWarnedAbout() throws Exception {
        String[] r = check("real:a ~ normal(0, 1)\n", data());
        assertEquals("0", r[0], r[2]);
        assertTrue((r[1] + r[2]).contains("warning: the model reads none of the data's columns (Y, x, grp): check that the data file "
                + "is the right one and that the model's names match its header"), r[1] + r[2]);
    }

    @Test
    void aSecondPriorLineIsWarnedAboutWithBothLines() throws Exception {
        String[] r = check("Y ~ normal(mu, sigma)\nmu ~ normal(0, 1)\nmu ~ normal(0, 2)\nsigma ~ exponential(1)\n", data());
        assertEquals("0", r[0], r[2]);
        assertTrue((r[1] + r[2]).contains("warning: " + dir.resolve("m.ulam") + ":3: 'mu' has a second prior line: line 2 "
                + "(mu ~ normal(0, 1)) and line 3 (mu ~ normal(0, 2)); both are added to the log density"), r[1] + r[2]);
    }

    @Test
    void aLevelThatNeverOccursIsWarnedAbout() throws Exception {
        String[] r = check("Y ~ normal(mu, 1)\nmu <- b * G\nG <- ifelse(grp == \"aa\", 1, 2)\nb ~ normal(0, 1)\n", data());
        assertEquals("0", r[0], r[2]);
        assertTrue((r[1] + r[2]).contains("warning: " + dir.resolve("m.ulam") + ":3:20: the text \"aa\" never occurs in grp "
                + "(its values: ab, b), so the comparison with it is the same for every row"), r[1] + r[2]);
    }

    /** A text of 70,000 characters (over the class file's 65,535-byte constant limit) is compared, and shown cut. */
    @Test
    void aVeryLongTextIsComparedAndShownCut() throws Exception {
        String text = "x".repeat(70_000);
        String[] r = check("Y ~ normal(mu, 1)\nmu <- b * G\nG <- ifelse(grp == \"" + text + "\", 1, 2)\nb ~ normal(0, 1)\n", data());
        assertEquals("0", r[0], r[2]);
        assertTrue((r[1] + r[2]).contains("the text \"" + "x".repeat(57) + "...\" never occurs in grp"), r[2]);
    }
}
