package ulam.compiler.cli;

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
 * When the log density is not finite at any initial value, {@code ulam run} names the line whose
 * term is not finite at the first one, the data row and the values the line reads there, and
 * advice for the case (a value that is not finite, in the data or derived; values so large they
 * overflow; a bad argument). Before, it said only "not finite at any of 100 random initial
 * values". Also: a size from the data above {@code --max-parameters} is refused when the data
 * are bound, before anything is allocated.
 */
class NonFiniteStartTest {
    @TempDir
    Path dir;

    private String[] run(String model, String csv, String... extra) throws Exception {
        Path m = dir.resolve("r.ulam");
        Files.writeString(m, model);
        Path d = dir.resolve("d.csv");
        Files.writeString(d, csv);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", m.toString(), "--data", d.toString(),
                "--quiet", "--chains", "1", "--iter", "100", "--seed", "1", "--output-dir", dir.resolve("fit").toString()));
        args.addAll(java.util.List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static final String REGRESSION = "Y ~ normal(mu, sigma)\nmu <- a + b * x\na ~ normal(0, 1)\nb ~ normal(0, 1)\nsigma ~ exponential(1)\n";

    /** Data column x's second value, the term's value at the first initial point, the help. */
    @ParameterizedTest(name = "x = {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Inf    | NaN in row 2 of the data, where Y = 0.5, x = Inf   | the data value x = Inf (row 2) is not a finite number: correct it in the data, or leave the row out
            1e400  | NaN in row 2 of the data, where Y = 0.5, x = Inf   | the data value x = Inf (row 2) is not a finite number
            -Inf   | NaN in row 2 of the data, where Y = 0.5, x = -Inf  | the data value x = -Inf (row 2) is not a finite number
            1e300  | -Inf in row 2 of the data, where Y = 0.5, x = 1e300 | values this large overflow in the log density: rescale the data (e.g. standardize(x), or change the unit)
            """)
    void aDataValueIsNamedWithItsRow(String x, String term, String help) throws Exception {
        String[] r = run(REGRESSION, "Y,x\n1.2,0.1\n0.5," + x + "\n-0.3,1\n");
        assertLocated(r, "1:1", "the log density is not finite at any of 100 random initial values; at the first, the term of this line is " + term, help);
    }

    @Test
    void aDerivedValueIsNamedWithItsLine() throws Exception {
        String[] r = run("Y ~ normal(mu, sigma)\nmu <- a + b * z\nz <- x / 0\na ~ normal(0, 1)\nb ~ normal(0, 1)\nsigma ~ exponential(1)\n",
                "Y,x\n1.2,0.1\n0.5,0.3\n-0.3,1\n");
        assertLocated(r, "1:1", "at the first, the term of this line is NaN in row 1 of the data, where Y = 1.2, z (derived data, line 3) = Inf",
                "z (derived data, line 3) = Inf (row 1) is not a finite number: check the line that computes it (a division by 0");
    }

    /** A negative scale read from the data: the row and the scale's value. */
    @Test
    void aNegativeScaleInTheDataIsNamedWithItsRow() throws Exception {
        String[] r = run("Y ~ normal(mu, s)\nmu ~ normal(0, 1)\n", "Y,s\n1.2,1\n0.5,-1\n-0.3,1\n");
        assertLocated(r, "1:1", "at the first, the term of this line is NaN in row 2 of the data, where Y = 0.5, s = -1",
                "check this line's arguments at these values (a scale must be > 0, a probability in [0, 1])");
    }

    @Test
    void aMillionLevelsAreRefusedUnlessTheLimitIsRaised() throws Exception {
        StringBuilder csv = new StringBuilder("y,g\n0.5,1\n-0.5,2\n0.1,3\n");
        String model = "y ~ normal(mu, 1)\nmu <- a[g]\na[g] ~ normal(0, 1)\n";
        csv.append("0.2,1000000\n");
        String[] r = run(model, csv.toString());
        assertLocated(r, "3:1", "with these data the model has 1,000,000 parameters, more than the limit of 100,000 (a has 1,000,000)",
                "a vector indexed by a column has one parameter per level, its largest value: check that column");
        assertTrue(r[2].contains("raise the limit with --max-parameters 1000000"), r[2]);
        String[] small = run(model, "y,g\n0.5,1\n-0.5,2\n0.1,3\n", "--max-parameters", "2");
        assertLocated(small, "3:1", "with these data the model has 3 parameters, more than the limit of 2 (a has 3)", "--max-parameters 3");
        String[] raised = run(model, "y,g\n0.5,1\n-0.5,2\n0.1,3\n", "--max-parameters", "3");
        assertEquals("0", raised[0], raised[2]);
    }

    private void assertLocated(String[] r, String at, String message, String help) {
        assertEquals("1", r[0], "exit status; stderr:\n" + r[2]);
        assertTrue(r[2].contains(message), "message '" + message + "' in:\n" + r[2]);
        assertTrue(r[2].contains("--> " + dir.resolve("r.ulam") + ":" + at), "location " + at + " in:\n" + r[2]);
        assertTrue(r[2].contains("= help: ") && r[2].contains(help), "help '" + help + "' in:\n" + r[2]);
        assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), "no stack trace:\n" + r[2]);
    }
}
