package ulam.runtime.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.output.SafeOutput;
import ulam.runtime.output.StanCsvWriter;
import ulam.runtime.sampler.SamplerConfig;

/**
 * Makes a folder a fit (see {@link FitDirectory} for the layout): before sampling,
 * {@link #begin} saves the model source, copies the data files and writes the manifest marked
 * incomplete; the Stan CSV files are written by {@link StanCsvWriter} as the chains run; after
 * sampling, {@link #finish} marks the manifest complete. A run that is killed thus leaves a fit
 * whose complete draws still load.
 */
public final class FitWriter {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private FitManifest manifest;

    private FitWriter(Path dir, FitManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Starts a fit in {@code dir}: creates it if needed, writes {@code <model>.ulam} (the model's
     * source), copies each data file into {@code data/} (a second file of the same name gets a
     * numeric prefix) and writes the manifest with {@code complete = false}.
     *
     * @param dir            the output folder ({@code -o})
     * @param model          the bound model
     * @param config         the sampler configuration (seed resolved)
     * @param dataFiles      the data files read, in order (may be empty)
     * @param dataValues     {@code --data-value} scalars (may be empty)
     * @param dataMatrices   {@code --data-matrix} matrices, name to CSV file (may be empty); copied like the data files
     * @param originalSource the model file as the user named it, or null when unknown
     * @param priorOnly      whether the run samples the prior
     * @return the writer, to {@link #finish} after sampling
     * @throws UlamException if the folder or a file in it cannot be written, naming the file
     */
    public static FitWriter begin(Path dir, Model model, SamplerConfig config, List<Path> dataFiles,
                                  Map<String, String> dataValues, Map<String, Path> dataMatrices, String originalSource,
                                  boolean priorOnly) {
        String sourceFile = model.name() + ".ulam";
        String source = model.source() == null ? "" : model.source();
        List<String> csv = new ArrayList<>();
        for (int c = 1; c <= config.chains(); c++) csv.add(StanCsvWriter.fileName(model.name(), c));
        SafeOutput guard = SafeOutput.protecting();
        if (originalSource != null) guard.input(Path.of(originalSource), "the model file");
        for (Path f : dataFiles) guard.input(f, "a data file");
        for (Path f : dataMatrices.values()) guard.input(f, "a data file");
        guard.check(dir.resolve(sourceFile), dir, "the fit's model source");
        guard.check(dir.resolve(FitDirectory.MANIFEST), dir, "the fit's manifest");
        for (String f : csv) guard.check(dir.resolve(f), dir, "the fit's draws file");
        List<String> copies = new ArrayList<>();
        List<String> originals = new ArrayList<>();
        Map<String, String> matrices = new java.util.LinkedHashMap<>();
        Map<String, String> sums = new java.util.LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            writeText(dir.resolve(sourceFile), source);
            sums.put(sourceFile, FitDirectory.sha256(source));
            String program = stanProgramFile(model.name(), originalSource);
            if (program != null) {   // a Stan program: the fit commands recompile it, transformed data and all
                guard.check(dir.resolve(program), dir, "the fit's copy of the Stan program");
                String text = Files.readString(Path.of(originalSource), java.nio.charset.StandardCharsets.UTF_8);
                writeText(dir.resolve(program), text);
                sums.put(program, FitDirectory.sha256(text));
            }
            Set<String> used = new HashSet<>();
            for (Path f : dataFiles) {
                copies.add(copy(dir, f, used, guard, sums));
                originals.add(f.toString());
            }
            for (Map.Entry<String, Path> m : dataMatrices.entrySet()) {
                matrices.put(m.getKey(), copy(dir, m.getValue(), used, guard, sums));
            }
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        FitManifest m = new FitManifest(FitManifest.FORMAT_VERSION, FitManifest.ULAM_VERSION,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), false, model.name(), sourceFile,
                originalSource, FitDirectory.sha256(source), List.of(model.outputNames()), model.parameterOutputs(),
                model.dimension(), model.observations(), config.chains(), config.iterations(), config.warmup(),
                config.seed(), config.adaptDelta(), config.maxTreeDepth(), config.metric().stanName(), csv, copies,
                originals, dataValues, 0, matrices, priorOnly, sums);
        FitWriter w = new FitWriter(dir, m);
        w.writeManifest();
        return w;
    }

    /**
     * The name under which a fit keeps its Stan program ({@code <model>.stan}) when the model was
     * compiled from one, else null: the saved {@code .ulam} is the alist the Stan front end made,
     * which lacks what the program computes from the data (its transformed data).
     */
    static String stanProgramFile(String model, String originalSource) {
        return originalSource != null && originalSource.endsWith(".stan") ? model + ".stan" : null;
    }

    /** Copies a data file into {@code dir/data/} (a second file of the same name gets a numeric prefix); returns its relative path. */
    private static String copy(Path dir, Path f, Set<String> used, SafeOutput guard, Map<String, String> sums)
            throws IOException {
        String name = f.getFileName().toString();
        String rel = FitDirectory.DATA_FOLDER + "/" + name;
        for (int i = 2; !used.add(rel); i++) rel = FitDirectory.DATA_FOLDER + "/" + i + "_" + name;
        Path target = dir.resolve(rel);
        guard.check(target, dir, "the fit's copy of " + f);
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);   // a link is replaced, never written through
        Files.copy(f, target);
        sums.put(rel, FitDirectory.sha256(target));
        return rel;
    }

    /**
     * Marks the fit complete and records the SHA-256 of its draws files.
     *
     * @param wallSeconds wall time of sampling
     * @throws UlamException if the manifest cannot be written
     */
    public void finish(double wallSeconds) {
        Map<String, String> sums = new java.util.LinkedHashMap<>();
        for (String f : manifest.csvFiles()) sums.put(f, FitDirectory.sha256(dir.resolve(f)));
        manifest = manifest.completed(wallSeconds, sums);
        writeManifest();
    }

    /** The manifest as last written. */
    public FitManifest manifest() {
        return manifest;
    }

    /** The fit folder. */
    public Path dir() {
        return dir;
    }

    private void writeManifest() {
        Path file = dir.resolve(FitDirectory.MANIFEST);
        try {
            writeText(file, JSON.writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    /** Writes through a temporary file and a move, so a reader never sees half a file. */
    private static void writeText(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);   // never written through a link
        Files.writeString(tmp, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static UlamException cannotWrite(Path dir, IOException e) {
        String what = e instanceof java.nio.file.NoSuchFileException n ? "no such file " + n.getFile()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UlamException("cannot write the fit into " + dir + ": " + what, null,
                "check that -o names a writable folder and the data files exist");
    }
}
