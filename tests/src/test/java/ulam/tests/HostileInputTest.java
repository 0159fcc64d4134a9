package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ulam.tests.support.Cli;
import ulam.tests.support.Jvm;

/**
 * Hostile input that is not a model error, and help that must not mislead: data without rows,
 * decimal commas, a compared level that never occurs, pipes and devices given as files, a model
 * file too large to be one, a 20,000-character parameter name, running out of memory. Each case
 * asserts the exact outcome: the error's place and wording, or the correct result.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private static final String NORMAL = "y ~ normal(mu, sigma)\nmu ~ normal(0, 10)\nsigma ~ exponential(1)\n";

    private Path model(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path data(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** An error of exit status 1 whose first line is {@code message}, located at {@code where} when given. */
    private static void error(Cli.Result r, String where, String message, String help) {
        assertEquals(1, r.status(), "exit status; stderr:\n" + r.err());
        assertTrue(r.err().contains("error: " + message), "message '" + message + "' in:\n" + r.err());
        if (where != null) assertTrue(r.err().contains("--> " + where), "location " + where + " in:\n" + r.err());
        if (help != null) assertTrue(r.err().contains("= help: ") && r.err().contains(help), "help '" + help + "' in:\n" + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void dataWithAHeaderAndNoRowsIsRefusedAtTheHeader() throws IOException {
        Path m = model("m.ulam", NORMAL);
        Path d = data("empty.csv", "y\n\n");
        Cli.Result r = Cli.run("run", m.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100");
        error(r, d + ":1:1", "empty.csv has a header but no rows", "one line per row");
        Path frogs = data("frogs.csv", "\"density\";\"pred\";\"size\";\"surv\";\"propsurv\"\n");
        Cli.Result f = Cli.run("check", "examples/reedfrogs.ulam", "--data", frogs.toString());
        error(f, frogs + ":1:1", "frogs.csv has a header but no rows", null);   // main: "index 'tank' is 0 in row 2"
        Path json = data("empty.json", "{\n  \"N\": 0,\n  \"y\": []\n}\n");
        Cli.Result j = Cli.run("run", m.toString(), "--data", json.toString(), "--quiet", "--seed", "1", "--iter", "100");
        error(j, json + ":3:3", "empty.json has no rows: every array in it is empty (y)", "give each row's values");   // main: samples the prior
    }

    @Test
    void decimalCommasSplittingEveryNumberAreNotTakenForRowNames() throws IOException {
        Path m = model("m.ulam", NORMAL);
        // written with decimal commas: the header has one name, each row two fields
        Path d = data("weights.csv", "y\n1,5\n1,25\n2,75\n");
        Cli.Result r = Cli.run("run", m.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100");
        error(r, d + ":3:1", "weights.csv line 3 has 2 fields but the header names 1 column, and its first field is no row name:"
                + " '1' after '1' is not a row name of R", "if ',' is a decimal comma in this file");
        // R's write.table row names (increasing whole numbers) are still dropped, with a note
        Path rn = data("rownames.csv", "y\n1,0.5\n2,1.5\n5,1.25\n");
        Cli.Result ok = Cli.run("run", m.toString(), "--data", rn.toString(), "--quiet", "--seed", "1", "--iter", "200", "--chains", "1");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.err().contains("note: rownames.csv: the first column has no name (R row names); it was left out"), ok.err());
    }

    @Test
    void aDecimalCommaInASemicolonFileIsNamedAsSuch() throws IOException {
        Path m = model("m.ulam", NORMAL);
        Path d = data("semi.csv", "y;g\n1,5;1\n2,5;2\n");
        Cli.Result r = Cli.run("run", m.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100");
        error(r, m + ":1:1", "column 'y' (semi.csv) holds text, not numbers (row 1 is '1,5')",
                "it looks like a number with a decimal comma: write decimals with a point (1.5)");
    }

    @Test
    void aComparedLevelThatNeverOccursIsLocated() throws IOException {
        String model = "y ~ normal(mu, sigma)\nmu <- a + b * ifelse(grp == \"%s\", 1, 0)\n"
                + "a ~ normal(0, 1)\nb ~ normal(0, 1)\nsigma ~ exponential(1)\n";
        Path d = data("g.csv", "y,grp\n1.2,control\n2.5,treatment\n0.3,control\n2.9,treatment\n");
        Path m = model("typo.ulam", String.format(model, "Treatment"));   // main: no word of it, b is sampled from its prior
        Cli.Result r = Cli.run("run", m.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100", "--chains", "1");
        error(r, m + ":2:29", "the text \"Treatment\" never occurs in grp (did you mean \"treatment\"?)",
                "write the value as the data have it; grp has control, treatment");
        Path p = model("placebo.ulam", String.format(model, "placebo"));   // no near spelling: a warning, and the fit runs
        Cli.Result w = Cli.run("run", p.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100", "--chains", "1");
        assertEquals(0, w.status(), w.err());
        assertTrue(w.err().contains("warning: " + p + ":2:29: the text \"placebo\" never occurs in grp (its values: control, treatment),"
                + " so the comparison with it is the same for every row"), w.err());
        Cli.Result frogs = Cli.run("check", "examples/reedfrogs_spg.ulam", "--data", "examples/data/reedfrogs.csv");
        assertEquals(0, frogs.status(), frogs.err());
        assertFalse(frogs.err().contains("warning"), "levels that occur are not warned about:\n" + frogs.err());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // main: reading the pipe waits forever
    void pipesDevicesAndFoldersAreNotReadAsFiles() throws IOException, InterruptedException {
        Path m = model("m.ulam", NORMAL);
        error(Cli.run("check", "/dev/zero"), null, "model file /dev/zero is not a regular file (it is a device or a pipe)", ".ulam text file");
        error(Cli.run("check", dir.toString()), null, "model file " + dir + " is not a regular file (it is a folder)", null);
        error(Cli.run("check", m.toString(), "--data", "/dev/zero"), null,
                "data file '/dev/zero' is not a regular file (it is a character device)", "ulam does not read pipes, devices or folders");
        Path fifo = dir.resolve("fifo.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is available");
        error(Cli.run("check", m.toString(), "--data", fifo.toString()), null,
                "data file '" + fifo + "' is not a regular file (it is a named pipe)", null);   // main: waits forever
        error(Cli.run("check", fifo.toString()), null, "model file " + fifo + " is not a regular file", null);
    }

    @Test
    void aModelFileLargerThanAnyModelIsRefused() throws IOException {
        Path big = dir.resolve("big.ulam");
        byte[] line = "# a comment line of a model file that is far too long to be a model\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(big)) {
            for (long n = 0; n <= (17L << 20); n += line.length) out.write(line);
        }
        error(Cli.run("check", big.toString()), null, "model file " + big + " has 17.8 MB; a model file holds at most 16 MB",
                "data go in --data files");
    }

    @Test
    void theMissingValueHelpSaysHowToImpute() throws IOException {
        Path m = model("m.ulam", "y ~ normal(mu, sigma)\nmu <- a + b * x\na ~ normal(0, 1)\nb ~ normal(0, 1)\n"
                + "sigma ~ exponential(1)\n");
        Path d = data("na.csv", "y,x\n1.5,1\n2,NA\n2.5,3\n");
        Cli.Result r = Cli.run("run", m.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100");
        error(r, m + ":2:", "column 'x' (na.csv) is NA in row 2", "impute the missing values: give the variable a prior line");
        assertFalse(r.err().contains("not supported yet"), r.err());
    }

    @Test
    void aParameterNameOf20000CharactersIsShortenedInPlots() throws IOException {
        String name = "a".repeat(20_000);
        Path m = model("long.ulam", "y ~ normal(" + name + ", 1)\n" + name + " ~ normal(0, 1)\n");
        Path d = data("y.csv", "y\n1\n2\n");
        Path fit = dir.resolve("fit");
        assertEquals(0, Cli.run("run", m.toString(), "--data", d.toString(), "--quiet", "--seed", "1", "--iter", "100",
                "--chains", "1", "-o", fit.toString()).status());
        Cli.Result r = Cli.run("plot", fit.toString());   // main: about a minute in JFreeChart's line breaking
        assertEquals(0, r.status(), r.err());
        String svg = Files.readString(fit.resolve("plots/trace_1.svg"));
        assertTrue(svg.contains("a".repeat(30) + "\u2026") || svg.contains("a".repeat(30) + "&#8230;"), "the shortened title");
        assertFalse(svg.contains("a".repeat(100)), "not the whole name");
    }

    @Test
    void runningOutOfMemorySaysHowToRaiseTheHeap() throws IOException, InterruptedException {
        Path m = model("m.ulam", NORMAL);
        Path d = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder("y\n");
        for (int i = 0; i < 200_000; i++) sb.append(i % 1000).append(".25\n");
        String block = sb.substring(2);
        try (var w = Files.newBufferedWriter(d)) {
            w.write("y\n");
            for (int k = 0; k < 25; k++) w.write(block);   // 5 M rows, 40 MB of numbers
        }
        Cli.Result r = Jvm.ulam(List.of("-Xmx24m", "-XX:TieredStopAtLevel=1"), 120, "check", m.toString(), "--data", d.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("error: the Java virtual machine ran out of memory"), r.out());
        assertTrue(r.out().contains("ULAM_JAVA_OPTS=-Xmx8g ./ulam"), r.out());
        assertFalse(r.out().contains("Exception") || r.out().contains("internal error"), r.out());
    }
}
