package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.fit.FitFolder;
import ulam.tests.support.Cli;
import ulam.tests.support.Jvm;

/**
 * Fits that must not be lost, damaged or misread (docs/cli.md, "Fits on disk"): a lock against two
 * runs into one folder (stale after a crash), no replaced fit without {@code --overwrite},
 * outputs that never replace a command's inputs or a fit's files nor write through a link out of
 * their folder, manifests that name only plain files inside the fit, every listed file checked
 * against its SHA-256, and {@code link}/{@code sim} saying when a fit is unfinished.
 */
class FitSafetyTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path frogs;

    private static final String MODEL = "examples/reedfrogs.ulam";
    private static final String DATA = "examples/data/reedfrogs.csv";

    @BeforeAll
    static void fit() {
        frogs = shared.resolve("frogs");
        Cli.Result r = Cli.run("run", MODEL, "--data", DATA, "--seed", "3", "--chains", "2", "--iter", "300", "--quiet",
                "-o", frogs.toString());
        assertEquals(0, r.status(), r.err());
    }

    /** A copy of the shared fit, to damage. */
    private Path copyOfFit(String name) throws IOException {
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(frogs)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(frogs.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    private static Cli.Result run(Path out, String... more) {
        String[] base = {"run", MODEL, "--data", DATA, "--seed", "3", "--chains", "1", "--iter", "100", "--quiet", "-o", out.toString()};
        String[] args = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
        return Cli.run(args);
    }

    private static void refused(Cli.Result r, String message, String help) {
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("error: " + message), "'" + message + "' in:\n" + r.err());
        if (help != null) assertTrue(r.err().contains(help), "'" + help + "' in:\n" + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws IOException {
        Path out = dir.resolve("busy");
        try (FitFolder first = FitFolder.claim(out, false)) {
            refused(run(out), "another run is writing into " + out + " (pid " + ProcessHandle.current().pid(), "wait for it to finish");
        }
        Cli.Result after = run(out);
        assertEquals(0, after.status(), after.err());
        assertFalse(Files.exists(out.resolve(FitFolder.LOCK)), "the lock is released at the end");
    }

    @Test
    void aLockLeftByAKilledRunIsRecognisedAsStale() throws IOException, InterruptedException {
        Path out = dir.resolve("killed");
        Process p = Jvm.start(List.of(), dir.resolve("log.txt"), "run", MODEL, "--data", DATA, "--seed", "5", "--chains", "1",
                "--iter", "1000000", "--quiet", "-o", out.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(out.resolve("reedfrogs_1.csv"))) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, Files.readString(dir.resolve("log.txt")));
                Thread.sleep(20);
            }
            Cli.Result meanwhile = run(out, "--overwrite");   // another process holds the lock
            refused(meanwhile, "another run is writing into " + out + " (pid " + p.pid(), null);
        } finally {
            p.destroyForcibly();   // SIGKILL: the lock file stays, the system's lock goes
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(out.resolve(FitFolder.LOCK)), "kill -9 leaves the lock file");
        Cli.Result again = run(out, "--overwrite");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("note: a lock left in " + out + " by a run that stopped (pid " + p.pid()), again.err());
    }

    @Test
    void anExistingFitIsReplacedOnlyWithOverwrite() throws IOException {
        Path out = copyOfFit("old");
        byte[] before = Files.readAllBytes(out.resolve("reedfrogs_2.csv"));
        refused(run(out), out + " already holds a fit of model 'reedfrogs' (created ", "give --overwrite to replace it");
        Path stopped = copyOfFit("stopped");
        Path mf = stopped.resolve("fit.json");
        Files.writeString(mf, Files.readString(mf).replace("\"complete\" : true", "\"complete\" : false"));
        refused(run(stopped), stopped + " already holds a fit of model 'reedfrogs' (unfinished, created ", null);
        assertArrayEquals(before, Files.readAllBytes(out.resolve("reedfrogs_2.csv")), "nothing replaced");
        Cli.Result r = run(out, "--overwrite");   // one chain now: the old second chain must not survive
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("note: replacing the fit in " + out + " (--overwrite)"), r.err());
        assertFalse(Files.exists(out.resolve("reedfrogs_2.csv")), "the old fit's second chain is gone");
        assertEquals(0, Cli.run("waic", out.toString()).status());
    }

    @Test
    void quapAndPathfinderClaimTheirFolderAsRunDoes() throws IOException {
        Path out = copyOfFit("approx");
        byte[] before = Files.readAllBytes(out.resolve("reedfrogs_1.csv"));
        refused(Cli.run("quap", MODEL, "--data", DATA, "--seed", "1", "--draws", "100", "-o", out.toString()),
                out + " already holds a fit of model 'reedfrogs' (created ", "give --overwrite to replace it");
        refused(Cli.run("pathfinder", MODEL, "--data", DATA, "--seed", "1", "--output-dir", out.toString()),
                out + " already holds a fit of model 'reedfrogs' (created ", "give --overwrite to replace it");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("reedfrogs_1.csv")), "nothing replaced");
        try (FitFolder busy = FitFolder.claim(dir.resolve("busy"), false)) {
            refused(Cli.run("quap", MODEL, "--data", DATA, "--seed", "1", "-o", dir.resolve("busy").toString()),
                    "another run is writing into " + dir.resolve("busy"), null);
        }
        Cli.Result r = Cli.run("quap", MODEL, "--data", DATA, "--seed", "1", "--draws", "100", "-o", out.toString(), "--overwrite");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("note: replacing the fit in " + out + " (--overwrite)"), r.err());
        assertFalse(Files.exists(out.resolve("reedfrogs_2.csv")), "the old fit's second chain is gone");
        assertFalse(Files.exists(out.resolve(FitFolder.LOCK)), "the lock is released at the end");
        assertEquals(0, Cli.run("waic", out.toString()).status());
    }

    @Test
    void aFolderOfOtherFilesIsNotWrittenInto() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "my notes");
        refused(run(out), out + " is not empty and holds no fit (it has notes.txt)", "a fit is written into a new or empty folder");
        Path examples = Path.of("examples");   // the model's own folder: with --overwrite the model file is still protected
        refused(run(examples, "--overwrite"), "the fit's model source examples/reedfrogs.ulam is the model file", null);
    }

    @Test
    void outputsNeverReplaceTheirInputsOrTheFitsFiles() throws IOException {
        Path m = dir.resolve("m.ulam");
        Files.copy(Path.of(MODEL), m);
        byte[] source = Files.readAllBytes(m);
        refused(Cli.run("compile", m.toString(), "-o", m.toString()), "-o " + m + " is the model file (" + m + ")", null);
        assertArrayEquals(source, Files.readAllBytes(m));
        refused(Cli.run("compile", m.toString(), "-o", dir.toString()), "-o " + dir + " is a folder; the output is a file",
                "give a file's path, e.g. " + dir.resolve("NAME"));   // main: "cannot write DIR: DIR"
        Path data = dir.resolve("d.csv");
        Files.copy(Path.of(DATA), data);
        refused(Cli.run("stancode", m.toString(), "--data", data.toString(), "--data-out", data.toString()),
                "--data-out " + data + " is a data file", null);

        Path fit = copyOfFit("protected");
        byte[] draws = Files.readAllBytes(fit.resolve("reedfrogs_1.csv"));
        byte[] manifest = Files.readAllBytes(fit.resolve("fit.json"));
        refused(Cli.run("link", fit.toString(), "--n", "10", "-o", fit.resolve("reedfrogs_1.csv").toString()),
                "the link output " + fit.resolve("reedfrogs_1.csv") + " is a draws file of the fit", null);
        refused(Cli.run("sim", fit.toString(), "--n", "10", "--out", fit.resolve("data/reedfrogs.csv").toString()),
                "the sim output " + fit.resolve("data/reedfrogs.csv") + " is a data file of the fit", null);
        refused(Cli.run("report", fit.toString(), "--no-criteria", "-o", fit.resolve("fit.json").toString()),
                "the report " + fit.resolve("fit.json") + " is the fit's manifest", null);
        assertArrayEquals(draws, Files.readAllBytes(fit.resolve("reedfrogs_1.csv")));
        assertArrayEquals(manifest, Files.readAllBytes(fit.resolve("fit.json")));
    }

    @Test
    void outputsDoNotWriteThroughALinkOutOfTheirFolder() throws IOException {
        Path fit = copyOfFit("linked");
        Path outside = Files.writeString(dir.resolve("outside.csv"), "precious\n");
        Files.createSymbolicLink(fit.resolve("link.csv"), outside);
        refused(Cli.run("link", fit.toString(), "--n", "10"), "the link output " + fit.resolve("link.csv")
                + " is a symbolic link to " + outside + ", outside " + fit.toAbsolutePath(), "remove the link");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("trace_1.png"), "precious\n");
        Path plots = Files.createDirectories(dir.resolve("plots"));
        Files.createSymbolicLink(plots.resolve("trace_1.png"), elsewhere.resolve("trace_1.png"));
        refused(Cli.run("plot", fit.toString(), "-o", plots.toString()), "the plot " + plots.resolve("trace_1.png")
                + " is a symbolic link to " + elsewhere.resolve("trace_1.png"), null);
        assertEquals("precious\n", Files.readString(outside));
        assertEquals("precious\n", Files.readString(elsewhere.resolve("trace_1.png")));
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.createSymbolicLink(run.resolve("reedfrogs_1.csv"), outside);
        refused(run(run, "--overwrite"), "the fit's draws file " + run.resolve("reedfrogs_1.csv") + " is a symbolic link to "
                + outside, null);
        assertEquals("precious\n", Files.readString(outside));
    }

    @Test
    void aManifestNamesOnlyPlainFilesInsideTheFit() throws IOException {
        for (String bad : List.of("/etc/passwd", "../../etc/passwd", "data/../../x.csv")) {
            Path fit = copyOfFit("names" + Math.abs(bad.hashCode()));
            Path mf = fit.resolve("fit.json");
            Files.writeString(mf, Files.readString(mf).replace("\"data/reedfrogs.csv\"", "\"" + bad + "\""));
            refused(Cli.run("link", fit.toString(), "--n", "10"), "the fit manifest " + mf + " lists the file '" + bad
                    + "': a fit's files are plain names inside its folder", null);
        }
    }

    @Test
    void everyCommandNamesAFitFileThatChangedAfterTheRun() throws IOException {
        Path fit = copyOfFit("edited");
        List<String> rows = Files.readAllLines(fit.resolve("data/reedfrogs.csv"));
        Files.write(fit.resolve("data/reedfrogs.csv"), rows.subList(0, 40));   // rows deleted: link would match the wrong tanks
        for (String command : List.of("link", "sim", "waic", "loo", "report", "plot")) {
            Cli.Result r = Cli.run(command, fit.toString());
            if (command.equals("plot")) {   // plot reads the draws, not the data
                assertEquals(0, r.status(), r.err());
                continue;
            }
            refused(r, "the fit's file " + fit.resolve("data/reedfrogs.csv") + " was changed after the run: its SHA-256 differs"
                    + " from the one in fit.json", "restore the file");
        }
        Path drawsEdited = copyOfFit("drawsEdited");
        Path csv = drawsEdited.resolve("reedfrogs_2.csv");
        Files.writeString(csv, Files.readString(csv).replaceFirst("\n(-?[0-9])", "\n9$1"));
        refused(Cli.run("plot", drawsEdited.toString()), "the fit's file " + csv + " was changed after the run", null);
    }

    @Test
    void linkAndSimSayWhenTheFitIsUnfinished() throws IOException {
        Path fit = copyOfFit("unfinished");
        Path mf = fit.resolve("fit.json");
        String json = Files.readString(mf).replace("\"complete\" : true", "\"complete\" : false")
                .replaceAll(",\\s*\"reedfrogs_[12].csv\" : \"[0-9a-f]+\"", "");
        Files.writeString(mf, json);
        Path csv = fit.resolve("reedfrogs_1.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Files.write(csv, lines.subList(0, lines.size() - 60));   // killed: the last draws and the trailer are missing
        for (String command : List.of("link", "sim")) {
            Cli.Result r = Cli.run(command, fit.toString(), "--seed", "1");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("note: the run did not finish: chain 1 has 150 of 150 warmup and"), command + ":\n" + r.err());
        }
    }
}
