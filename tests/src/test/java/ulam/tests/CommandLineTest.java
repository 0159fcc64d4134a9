package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import ulam.compiler.cli.Main;
import ulam.tests.support.Cli;
import ulam.tests.support.Jvm;

/**
 * One command-line convention (docs/cli.md, "Conventions of every command"): exit status 1 for
 * every user error, a bad option or an unknown command included, with a one-line diagnostic and
 * never picocli's usage text; 2 only for internal errors; the model jar alike. {@code -o/--output}
 * names every command's output (the old spellings still work), {@code --depth} defaults to 1
 * everywhere, and {@code link}/{@code sim} take a random, printed seed unless given one, as
 * {@code run} does.
 */
class CommandLineTest {

    @TempDir
    static Path shared;

    private static Path frogs;

    @BeforeAll
    static void fit() {
        frogs = shared.resolve("frogs");
        Cli.Result r = Cli.run("run", "examples/reedfrogs.ulam", "--data", "examples/data/reedfrogs.csv", "--seed", "3",
                "--chains", "2", "--iter", "300", "--quiet", "-o", frogs.toString());
        assertEquals(0, r.status(), r.err());
    }

    private static void userError(Cli.Result r, String message, String help) {
        assertEquals(1, r.status(), "a user error exits 1:\n" + r.err());
        String diagnostic = r.err().substring(Math.max(0, r.err().indexOf("error: ")));   // after "compiled m in 2 ms"
        assertTrue(diagnostic.startsWith("error: " + message), "'" + message + "' in:\n" + r.err());
        if (help != null) assertTrue(diagnostic.contains("= help: " + help), "'" + help + "' in:\n" + r.err());
        assertFalse(r.err().contains("Usage:"), "no usage text:\n" + r.err());
        assertTrue(diagnostic.lines().count() <= 2, "one short diagnostic:\n" + r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown command      | rnu examples/reedfrogs.ulam                 | unknown command 'rnu'                               | did you mean 'run'? 'ulam --help' lists the commands
            unknown option       | run examples/reedfrogs.ulam --bogus         | unknown option: '--bogus'                           | 'ulam run --help' lists the options
            not a number         | run examples/reedfrogs.ulam --chains abc    | invalid value for option '--chains': 'abc' is not an int | 'ulam run --help' lists the options
            missing argument     | check                                       | missing required parameter: 'MODEL.ulam'           | 'ulam check --help' lists the options
            misspelt option      | loo FIT --pointwize                         | unknown option: '--pointwize'                       | did you mean '--pointwise'?
            negative panels      | plot FIT --max-panels -5                    | --max-panels must be at least 1 (got -5)            | give a whole number of 1 or more
            zero panels          | report FIT --max-panels 0 --no-criteria     | --max-panels must be at least 1 (got 0)             | -
            negative draws       | link FIT --n -3                             | --n must be at least 1 (got -3)                     | -
            no time to measure   | bench examples/reedfrogs.ulam --seconds 0   | --seconds must lie between 0 and 3600 (got 0.0)     | -
            absurd chains        | run examples/funnel.ulam --chains 100000    | --chains 100000 is more than 1000 chains            | 4 chains are usual
            """)
    void badCommandLinesAreUserErrors(String what, String line, String message, String help) {
        String[] args = line.replace("FIT", frogs.toString()).split(" +");
        userError(Cli.run(args), message, help.equals("-") ? null : help);
    }

    @Test
    void theModelJarFollowsTheSameConvention() throws IOException, InterruptedException {
        Path jar = shared.resolve("frogs.jar");
        assertEquals(0, Cli.run("compile", "examples/reedfrogs.ulam", "-o", jar.toString()).status());
        Cli.Result r = Jvm.run(List.of(Jvm.java(), "-jar", jar.toString(), "--bogus"), 60);
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().startsWith("error: unknown option: '--bogus'\n = help: 'java -jar <model>.jar --help' lists the options"),
                r.out());
    }

    @Test
    void everyCommandNamesItsOutputWithDashOAndKeepsTheOldSpellings() throws IOException {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : Main.commands()) cl.addSubcommand(c);
        for (String command : List.of("run", "compile", "sbc", "link", "sim", "plot", "report")) {
            CommandLine.Model.OptionSpec o = cl.getSubcommands().get(command).getCommandSpec().findOption("-o");
            assertTrue(o != null && List.of(o.names()).contains("--output"), command + " has -o/--output");
        }
        Path out = shared.resolve("old_spellings");
        Files.createDirectories(out);
        Cli.Result link = Cli.run("link", frogs.toString(), "--n", "20", "--seed", "2", "--out", out.resolve("l.csv").toString());
        assertEquals(0, link.status(), link.err());
        assertTrue(Files.exists(out.resolve("l.csv")));
        Cli.Result plot = Cli.run("plot", frogs.toString(), "--output-dir", out.resolve("plots").toString());
        assertEquals(0, plot.status(), plot.err());
        assertTrue(Files.exists(out.resolve("plots/precis.png")));
        Cli.Result run = Cli.run("run", "examples/funnel_nc.ulam", "--iter", "100", "--chains", "1", "--quiet", "--seed", "1",
                "--output-dir", out.resolve("fit").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.exists(out.resolve("fit/fit.json")));
    }

    @Test
    void depthIsOneByDefaultInEveryCommand() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : Main.commands()) cl.addSubcommand(c);
        int seen = 0;
        for (var e : cl.getSubcommands().entrySet()) {
            CommandLine.Model.OptionSpec depth = e.getValue().getCommandSpec().findOption("--depth");
            if (depth == null) continue;
            seen++;
            assertEquals("1", depth.defaultValue(), e.getKey() + " --depth default");
        }
        assertTrue(seen >= 3, "run, plot and report take --depth");
    }

    @Test
    void linkAndSimPrintTheirRandomSeedAndRepeatWithIt() throws IOException {
        Pattern seed = Pattern.compile("seed (\\d+) \\(random; repeat this run with --seed \\1\\)");
        for (String command : List.of("link", "sim")) {
            Path first = shared.resolve(command + "_random.csv");
            Cli.Result r = Cli.run(command, frogs.toString(), "--n", "50", "-o", first.toString());
            assertEquals(0, r.status(), r.err());
            Matcher m = seed.matcher(r.out());
            assertTrue(m.find(), "the seed is printed:\n" + r.out());
            Path again = shared.resolve(command + "_again.csv");
            Cli.Result r2 = Cli.run(command, frogs.toString(), "--n", "50", "--seed", m.group(1), "-o", again.toString());
            assertEquals(0, r2.status(), r2.err());
            assertTrue(r2.out().contains("seed " + m.group(1) + "\n") || r2.out().contains("seed " + m.group(1) + System.lineSeparator()),
                    "a given seed is printed without the note:\n" + r2.out());
            assertEquals(Files.readString(first), Files.readString(again), command + " repeats with the printed seed");
        }
    }

    @Test
    void paretoKAdviceFitsTheLikelihood() {
        Cli.Result r = Cli.run("loo", frogs.toString());   // m13.2: a tank intercept per row gives high k
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("have a Pareto k above 0.7"), r.err());
        assertTrue(r.err().contains("a beta-binomial likelihood, dbetabinom"), r.err());
        assertFalse(r.err().contains("Student-t"), "no Student-t advice for a binomial model:\n" + r.err());
    }

    @Test
    void predictionsDoNotListInternalValuesAsDataColumns() throws IOException {
        Path spg = shared.resolve("spg");
        assertEquals(0, Cli.run("run", "examples/reedfrogs_spg.ulam", "--data", "examples/data/reedfrogs.csv", "--seed", "1",
                "--chains", "1", "--iter", "200", "--quiet", "-o", spg.toString()).status());
        Path tanks = Files.writeString(shared.resolve("tanks.csv"), "T,pred,size\n1,no,big\n2,pred,small\n");
        Cli.Result r = Cli.run("sim", spg.toString(), "--data", tanks.toString(), "--new-groups", "T");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("the data have: T, pred, size; add density"), r.err());
        assertFalse(r.err().contains("fit_levels"), "no internal name:\n" + r.err());
    }
}
