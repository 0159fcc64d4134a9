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
     * @param dir            the output folder ({@code --output-dir})
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
        List<String> copies = new ArrayList<>();
        List<String> originals = new ArrayList<>();
        Map<String, String> matrices = new java.util.LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            writeText(dir.resolve(sourceFile), source);
            Set<String> used = new HashSet<>();
            for (Path f : dataFiles) {
                copies.add(copy(dir, f, used));
                originals.add(f.toString());
            }
            for (Map.Entry<String, Path> m : dataMatrices.entrySet()) matrices.put(m.getKey(), copy(dir, m.getValue(), used));
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        List<String> csv = new ArrayList<>();
        for (int c = 1; c <= config.chains(); c++) csv.add(StanCsvWriter.fileName(model.name(), c));
        FitManifest m = new FitManifest(FitManifest.FORMAT_VERSION, FitManifest.ULAM_VERSION,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), false, model.name(), sourceFile,
                originalSource, FitDirectory.sha256(source), List.of(model.outputNames()), model.parameterOutputs(),
                model.dimension(), model.observations(), config.chains(), config.iterations(), config.warmup(),
                config.seed(), config.adaptDelta(), config.maxTreeDepth(), config.metric().stanName(), csv, copies,
                originals, dataValues, 0, matrices, priorOnly);
        FitWriter w = new FitWriter(dir, m);
        w.writeManifest();
        return w;
    }

    /** Copies a data file into {@code dir/data/} (a second file of the same name gets a numeric prefix); returns its relative path. */
    private static String copy(Path dir, Path f, Set<String> used) throws IOException {
        String name = f.getFileName().toString();
        String rel = FitDirectory.DATA_FOLDER + "/" + name;
        for (int i = 2; !used.add(rel); i++) rel = FitDirectory.DATA_FOLDER + "/" + i + "_" + name;
        Path target = dir.resolve(rel);
        Files.createDirectories(target.getParent());
        if (!Files.exists(target) || !Files.isSameFile(f, target)) {
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return rel;
    }

    /**
     * Marks the fit complete.
     *
     * @param wallSeconds wall time of sampling
     * @throws UlamException if the manifest cannot be written
     */
    public void finish(double wallSeconds) {
        manifest = manifest.completed(wallSeconds);
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
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
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
                "check that --output-dir names a writable folder and the data files exist");
    }
}
