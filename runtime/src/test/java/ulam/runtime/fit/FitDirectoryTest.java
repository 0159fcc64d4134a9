package ulam.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ulam.runtime.UlamException;
import ulam.runtime.cli.RunCommand;
import ulam.runtime.cli.RunOptions;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.TestModels;

/** A run with --output-dir leaves a fit that reads back whole; broken fits give errors naming the file. */
class FitDirectoryTest {
    @TempDir
    static Path tmp;
    static Path fitDir;
    static String stdout;

    /** Runs a 2-parameter model, 3 chains of 40 + 60, with a data file and a data value. */
    @BeforeAll
    static void run() throws Exception {
        Path data = tmp.resolve("d.csv");
        Files.writeString(data, "y,x\n1,2\n3,4\n");
        fitDir = tmp.resolve("fit");
        RunOptions o = new RunOptions();
        new CommandLine(o).parseArgs("--seed", "5", "--chains", "3", "--iter", "100", "--warmup", "40", "--quiet", "--depth", "2",
                "--data", data.toString(), "--data-value", "N=2", "--output-dir", fitDir.toString());
        o.sourceFile("models/corr.ulam");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(d -> new TestModels.Correlated2D(1, 2, 0.5), o, new PrintStream(out, true),
                new PrintStream(err, true));
        stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }

    private static Path copyFit(String name) throws Exception {
        Path to = tmp.resolve(name);
        Files.createDirectories(to.resolve("data"));
        try (var files = Files.walk(fitDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(fitDir.relativize(p).toString()));
            }
        }
        return to;
    }

    @Test
    void manifestRecordsTheRun() {
        FitDirectory f = FitDirectory.read(fitDir);
        FitManifest m = f.manifest();
        assertTrue(m.complete());
        assertEquals(FitManifest.FORMAT_VERSION, m.formatVersion());
        assertEquals("correlated", m.model());
        assertEquals("correlated.ulam", m.sourceFile());
        assertEquals("models/corr.ulam", m.originalSource());
        assertEquals(List.of("y[1]", "y[2]"), m.outputNames());
        assertEquals(2, m.parameterOutputs());
        assertEquals(3, m.chains());
        assertEquals(100, m.iter());
        assertEquals(40, m.warmup());
        assertEquals(5, m.seed());
        assertEquals(0.95, m.adaptDelta());
        assertEquals("diag_e", m.metric());
        assertEquals(List.of("data/d.csv"), m.dataFiles());
        assertEquals("2", m.dataValues().get("N"));
        assertEquals(FitDirectory.sha256("# test model correlated"), m.sourceSha256());
        assertTrue(m.wallSeconds() > 0);
        assertEquals("# test model correlated", f.source());
        assertEquals("y,x\n1,2\n3,4\n", read(f.dataPaths().get(0)));
        assertTrue(stdout.contains("Fit saved in " + fitDir), stdout);
        assertEquals(List.of(), f.notes());
    }

    @Test
    void drawsReadBackBitForBitAndGiveTheSameSummary() {
        FitDirectory f = FitDirectory.read(fitDir);
        assertEquals(3, f.chains().size());
        assertEquals(60, f.drawsPerChain());
        assertEquals(180, f.totalDraws());
        for (ChainDraws c : f.chains()) {
            assertEquals(40, c.warmup());
            assertEquals(60, c.draws());
            assertEquals(2, c.inverseMetric().length);
            assertTrue(c.stepSize() > 0);
            assertTrue(c.complete());
        }
        Fit fit = f.toFit();
        VariableSummary y1 = VariableSummary.of(fit, 0.89).get(0);
        assertEquals("y[1]", y1.name());
        // the precis line printed by the run is the one the saved draws give
        String line = stdout.lines().filter(l -> l.startsWith("y[1]")).findFirst().orElseThrow();
        assertTrue(line.contains(String.format(java.util.Locale.ROOT, "%.2f", y1.mean())), line + " vs " + y1);
        assertEquals(180, f.draws().length);
        assertArrayEquals(f.chains().get(1).values()[0], f.draws()[60]);
    }

    @Test
    void aKilledRunLoadsItsCompleteLines() throws Exception {
        Path broken = copyFit("killed");
        Path csv = broken.resolve("correlated_2.csv");
        List<String> lines = Files.readAllLines(csv);
        // keep the header, all warmup, the adaptation comments and 25 draws, plus half a line
        int firstDraw = -1;
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("#") && !lines.get(i).startsWith("lp__")) {
                if (++seen == 41) {
                    firstDraw = i;
                    break;
                }
            }
        }
        String kept = String.join("\n", lines.subList(0, firstDraw + 25)) + "\n"
                + lines.get(firstDraw + 25).substring(0, 9);
        Files.writeString(csv, kept);
        unfinished(broken);
        FitDirectory f = FitDirectory.read(broken);
        assertEquals(25, f.drawsPerChain());
        assertFalse(f.chains().get(1).complete());
        assertEquals(60, f.chains().get(0).draws());
        assertTrue(f.notes().get(0).contains("chain 2 has 40 of 40 warmup and 25 of 60 draws"), f.notes().toString());
        assertTrue(f.notes().get(0).endsWith("using the first 25 draws of each chain"), f.notes().toString());
        assertEquals(25, f.toFit().drawsPerChain());
    }

    @Test
    void aFolderWithoutManifestIsNotAFit() {
        UlamException e = assertThrows(UlamException.class, () -> FitDirectory.read(tmp));
        assertEquals(tmp + " is not a fit folder: it has no fit.json", e.getMessage());
        e = assertThrows(UlamException.class, () -> FitDirectory.read(tmp.resolve("nothing")));
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
    }

    @Test
    void anEditedSourceIsRejected() throws Exception {
        Path edited = copyFit("edited");
        Files.writeString(edited.resolve("correlated.ulam"), "# changed");
        UlamException e = assertThrows(UlamException.class, () -> FitDirectory.read(edited));
        assertTrue(e.getMessage().contains("correlated.ulam was changed after the run"), e.getMessage());
    }

    @Test
    void aDamagedLineInTheMiddleIsNamed() throws Exception {
        Path bad = copyFit("damaged");
        Path csv = bad.resolve("correlated_1.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        int i = lines.size() - 10;
        while (lines.get(i).startsWith("#")) i--;
        lines.set(i, lines.get(i).replaceFirst(",[^,]*$", ",x1"));
        Files.write(csv, lines);
        UlamException changed = assertThrows(UlamException.class, () -> FitDirectory.read(bad));
        assertTrue(changed.getMessage().contains("the fit's file " + csv + " was changed after the run"), changed.getMessage());
        unfinished(bad);   // as a killed run leaves it: no checksums of the draws yet
        UlamException e = assertThrows(UlamException.class, () -> FitDirectory.read(bad));
        assertTrue(e.getMessage().contains("correlated_1.csv line " + (i + 1) + ": 'x1' is not a number"),
                e.getMessage());
    }

    /** Marks a fit's manifest as a killed run leaves it: incomplete, no checksums of the draws files. */
    private static void unfinished(Path fit) throws Exception {
        Path mf = fit.resolve(FitDirectory.MANIFEST);
        Files.writeString(mf, Files.readString(mf).replace("\"complete\" : true", "\"complete\" : false")
                .replaceAll(",\\s*\"correlated_[0-9]+\\.csv\" : \"[0-9a-f]+\"", ""));
    }

    @Test
    void aMissingChainFileOrBadManifestIsNamed() throws Exception {
        Path bad = copyFit("missing");
        Files.delete(bad.resolve("correlated_3.csv"));
        UlamException e = assertThrows(UlamException.class, () -> FitDirectory.read(bad));
        assertTrue(e.getMessage().contains("correlated_3.csv is missing"), e.getMessage());
        Files.writeString(bad.resolve("fit.json"), "{ not json");
        e = assertThrows(UlamException.class, () -> FitDirectory.read(bad));
        assertTrue(e.getMessage().startsWith("the fit manifest " + bad.resolve("fit.json") + " is not valid"),
                e.getMessage());
    }

    @Test
    void theRecompiledModelMustMatch() {
        FitDirectory f = FitDirectory.read(fitDir);
        f.checkModel(new TestModels.Correlated2D(1, 1, 0));
        UlamException e = assertThrows(UlamException.class, () -> f.checkModel(new TestModels.StdNormal(2)));
        assertTrue(e.getMessage().contains("comes from another version of model 'correlated'"), e.getMessage());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
