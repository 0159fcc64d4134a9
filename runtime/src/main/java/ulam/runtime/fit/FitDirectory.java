package ulam.runtime.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.output.StanCsvWriter;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.SamplerStat;

/**
 * A fit on disk: the folder {@code ulam run -o DIR} leaves, read back. Layout:
 * <pre>
 * DIR/fit.json            the manifest ({@link FitManifest})
 * DIR/&lt;model&gt;.ulam        the model source as compiled
 * DIR/&lt;model&gt;_&lt;c&gt;.csv     the draws of chain c (Stan CSV, warmup included)
 * DIR/data/&lt;file&gt;         copies of the data files read (--data-value scalars are in the manifest)
 * </pre>
 * Reading checks that the manifest lists only plain names inside the folder, that every file it
 * lists still has the SHA-256 the manifest records (the source and the draws files when read, the
 * data copies when {@link #readData()} reads them) and that every CSV file has the manifest's columns. A run that was stopped leaves an incomplete fit: every complete
 * draw loads, and {@link #drawsPerChain()} is the smallest number of post-warmup draws over the
 * chains (see {@link #notes()}).
 */
public final class FitDirectory {
    /** The manifest's file name. */
    public static final String MANIFEST = "fit.json";
    /** The folder inside a fit holding the data copies. */
    public static final String DATA_FOLDER = "data";

    private final Path dir;
    private final FitManifest manifest;
    private final String source;
    private final List<ChainDraws> chains;
    private final int drawsPerChain;
    private final List<String> notes;

    private FitDirectory(Path dir, FitManifest manifest, String source, List<ChainDraws> chains,
                         int drawsPerChain, List<String> notes) {
        this.dir = dir;
        this.manifest = manifest;
        this.source = source;
        this.chains = List.copyOf(chains);
        this.drawsPerChain = drawsPerChain;
        this.notes = List.copyOf(notes);
    }

    /**
     * Reads a fit folder.
     *
     * @param dir the folder given to {@code -o}
     * @return the fit
     * @throws UlamException naming the file if the folder does not exist, has no manifest (it is
     *                       not a fit), its manifest is unreadable or of a newer format, the saved
     *                       source is missing or was edited (SHA-256 mismatch), or a draws file is
     *                       missing or damaged
     */
    public static FitDirectory read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UlamException(dir + (Files.exists(dir) ? " is a file, not a fit folder" : " does not exist"),
                    null, "give the folder that ulam run -o wrote");
        }
        Path mf = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(mf)) {
            throw new UlamException(dir + " is not a fit folder: it has no " + MANIFEST, null,
                    "a fit is the folder written by ulam run MODEL.ulam -o DIR (ulam 0.1.0 or later)");
        }
        FitManifest m;
        try {
            m = FitWriter.JSON.readValue(mf.toFile(), FitManifest.class);
        } catch (JsonProcessingException e) {
            throw new UlamException("the fit manifest " + mf + " is not valid: " + e.getOriginalMessage(), null,
                    "it is written by ulam run -o; run the model again");
        } catch (IOException e) {
            throw new UlamException("cannot read the fit manifest " + mf + ": " + e.getMessage(), null, null);
        }
        if (m.formatVersion() < 1 || m.formatVersion() > FitManifest.FORMAT_VERSION) {
            throw new UlamException("the fit " + dir + " has format version " + m.formatVersion() + "; this ulam reads"
                    + " version " + FitManifest.FORMAT_VERSION, null, "use the ulam version that wrote it ("
                    + m.ulamVersion() + "), or run the model again");
        }
        if (m.model() == null || m.sourceFile() == null || m.chains() < 1 || m.csvFiles().size() != m.chains()) {
            throw new UlamException("the fit manifest " + mf + " is incomplete (model, source or chains missing)",
                    null, "run the model again with -o");
        }
        checkNames(dir, m);
        Path sp = dir.resolve(m.sourceFile());
        String src;
        try {
            verify(dir, m, m.sourceFile());
            src = Files.readString(sp, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UlamException("the fit's model source " + sp + " is missing", null,
                    "the fit folder is incomplete: run the model again with -o");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UlamException("cannot read the fit's model source " + sp + ": " + e.getMessage(), null, null);
        }
        if (m.sourceSha256() != null && !m.sourceSha256().equals(sha256(src))) {
            throw new UlamException("the model source " + sp + " was changed after the run: its SHA-256 differs from"
                    + " the one in " + MANIFEST, null, "the draws belong to the model as it was run; restore the"
                    + " file, or run the edited model again with -o");
        }
        List<String> expected = new ArrayList<>();
        for (SamplerStat s : SamplerStat.values()) expected.add(s.column());
        for (String n : m.outputNames()) expected.add(StanCsvWriter.stanColumnName(n));
        List<ChainDraws> chains = new ArrayList<>();
        for (int c = 0; c < m.chains(); c++) {
            String f = m.csvFiles().get(c);
            chains.add(StanCsvReader.read(dir.resolve(f), c + 1, expected, m.sha256().get(f)));
        }

        int per = Integer.MAX_VALUE;
        for (ChainDraws c : chains) per = Math.min(per, c.draws());
        List<String> notes = new ArrayList<>();
        if (!m.complete() || per < m.draws()) {
            StringBuilder sb = new StringBuilder("the run did not finish: ");
            for (int c = 0; c < chains.size(); c++) {
                if (c > 0) sb.append(", ");
                ChainDraws ch = chains.get(c);
                sb.append(String.format(Locale.ROOT, "chain %d has %d of %d warmup and %d of %d draws", ch.id(),
                        ch.warmup(), m.warmup(), ch.draws(), m.draws()));
            }
            sb.append(per < m.draws() ? "; using the first " + per + " draws of each chain" : "");
            notes.add(sb.toString());
        }
        return new FitDirectory(dir, m, src, chains, per, notes);
    }

    /**
     * Whether a name in a manifest's file lists is a plain name inside the fit folder: relative,
     * made of {@code /}-separated parts that are neither empty, {@code .} nor {@code ..}, without
     * {@code \\}, {@code :} or control characters ({@code chimpanzees_1.csv}, {@code data/chimpanzees.csv}).
     */
    public static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.length() > 255) return false;
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') return false;
        }
        return true;
    }

    /** Refuses a manifest whose file lists name anything but plain names inside the folder (or links out of it). */
    private static void checkNames(Path dir, FitManifest m) {
        List<String> names = new ArrayList<>();
        names.add(m.sourceFile());
        names.addAll(m.csvFiles());
        names.addAll(m.dataFiles());
        names.addAll(m.dataMatrices().values());
        names.addAll(m.sha256().keySet());
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            root = dir.toAbsolutePath().normalize();
        }
        for (String n : names) {
            if (!isPlainName(n)) {
                throw new UlamException("the fit manifest " + dir.resolve(MANIFEST) + " lists the file '" + n
                        + "': a fit's files are plain names inside its folder", null,
                        "the manifest was edited or damaged; run the model again with -o");
            }
            Path p = dir.resolve(n);
            if (Files.exists(p)) {
                try {
                    if (!p.toRealPath().startsWith(root)) {
                        throw new UlamException("the fit's file " + p + " is a link to " + p.toRealPath()
                                + ", outside the fit folder", null, "a fit's files lie inside its folder; run the model again with -o");
                    }
                } catch (IOException e) {
                    // unreadable: reported where it is read
                }
            }
        }
    }

    /**
     * Checks a listed file against the SHA-256 the manifest records for it (nothing to check when
     * it records none: a fit of an older ulam, or draws of an unfinished run).
     *
     * @throws UlamException naming the file if its checksum differs
     */
    private static void verify(Path dir, FitManifest m, String name) {
        String expected = m.sha256().get(name);
        if (expected == null || !Files.isRegularFile(dir.resolve(name))) return;
        if (!expected.equalsIgnoreCase(sha256(dir.resolve(name)))) throw changed(dir.resolve(name));
    }

    /** The error for a fit's file whose checksum differs from the manifest's. */
    static UlamException changed(Path file) {
        return new UlamException("the fit's file " + file + " was changed after the run: its SHA-256 differs from the one in "
                + MANIFEST, null, "the draws belong to the files as they were: restore the file, or run the model again with -o");
    }

    /**
     * SHA-256 of a file's bytes, lower-case hex, read in blocks (a file of any size).
     *
     * @throws UlamException naming the file if it cannot be read
     */
    public static String sha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UlamException("cannot read " + file + ": " + e.getMessage(), null, null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 of bytes, lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The fit's own files, which no command's output may replace: the manifest, the lock file and
     * every file the manifest lists.
     *
     * @return a rule protecting them (add a command's other inputs to it)
     */
    public ulam.runtime.output.SafeOutput protectedFiles() {
        ulam.runtime.output.SafeOutput guard = ulam.runtime.output.SafeOutput.protecting()
                .input(dir.resolve(MANIFEST), "the fit's manifest")
                .input(dir.resolve(manifest.sourceFile()), "the fit's model source");
        for (String f : manifest.csvFiles()) guard.input(dir.resolve(f), "a draws file of the fit");
        for (String f : manifest.dataFiles()) guard.input(dir.resolve(f), "a data file of the fit");
        for (String f : manifest.dataMatrices().values()) guard.input(dir.resolve(f), "a data file of the fit");
        return guard;
    }

    /**
     * SHA-256 of a text's UTF-8 bytes, lower-case hex: the manifest's {@code sourceSha256}.
     *
     * @param text any text
     * @return 64 hex digits
     */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The fit folder. */
    public Path dir() {
        return dir;
    }

    /** The manifest. */
    public FitManifest manifest() {
        return manifest;
    }

    /** The saved model source text. */
    public String source() {
        return source;
    }

    /** The saved model source file ({@code DIR/<model>.ulam}): compile it under this name to get the same model name. */
    public Path sourcePath() {
        return dir.resolve(manifest.sourceFile());
    }

    /**
     * The saved copy of the Stan program the model was compiled from ({@code DIR/<model>.stan}),
     * or null when the model is an alist (or the fit was written before ulam kept the program).
     * Compile it rather than {@link #source()}: the alist lacks the program's transformed data.
     *
     * @throws UlamException if the copy was changed after the run
     */
    public Path stanProgram() {
        String name = FitWriter.stanProgramFile(manifest.model(), manifest.originalSource());
        if (name == null || !manifest.sha256().containsKey(name) || !Files.isRegularFile(dir.resolve(name))) return null;
        verify(dir, manifest, name);
        return dir.resolve(name);
    }

    /** The saved copies of the data files, in the order they were read. */
    public List<Path> dataPaths() {
        return manifest.dataFiles().stream().map(dir::resolve).toList();
    }

    /** The {@code --data-value} scalars of the run. */
    public Map<String, String> dataValues() {
        return manifest.dataValues();
    }

    /**
     * Reads the data the run used (the saved copies and scalars).
     *
     * @return the data, or {@link DataSet#empty()} for a model run without data
     * @throws UlamException if a copy is missing or unreadable
     */
    public DataSet readData() {
        if (!hasData()) return DataSet.empty();
        for (String f : manifest.dataFiles()) verify(dir, manifest, f);
        for (String f : manifest.dataMatrices().values()) verify(dir, manifest, f);
        Map<String, Path> matrices = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> m : manifest.dataMatrices().entrySet()) matrices.put(m.getKey(), dir.resolve(m.getValue()));
        return DataSet.read(dataPaths(), dataValues(), matrices);
    }

    /** Whether the run was given any data (files, values or matrices). */
    public boolean hasData() {
        return !manifest.dataFiles().isEmpty() || !manifest.dataValues().isEmpty() || !manifest.dataMatrices().isEmpty();
    }

    /** Every chain as read (their numbers of draws may differ when the run was stopped). */
    public List<ChainDraws> chains() {
        return chains;
    }

    /** Post-warmup draws used per chain: the smallest number read over the chains. */
    public int drawsPerChain() {
        return drawsPerChain;
    }

    /** Total post-warmup draws used, {@code S = chains * drawsPerChain()}. */
    public int totalDraws() {
        return chains.size() * drawsPerChain;
    }

    /** Notes about the fit, e.g. that the run was stopped and how many draws are used. */
    public List<String> notes() {
        return notes;
    }

    /** Index of an output by name ({@code a[3]}), or -1. */
    public int indexOf(String output) {
        return manifest.outputNames().indexOf(output);
    }

    /**
     * The post-warmup draws of every output, chains stacked in chain order.
     *
     * @return {@code double[S][outputs]} with {@code S = totalDraws()}; rows are the stored arrays, do not modify
     */
    public double[][] draws() {
        double[][] out = new double[totalDraws()][];
        int s = 0;
        for (ChainDraws c : chains) for (int i = 0; i < drawsPerChain; i++) out[s++] = c.values()[i];
        return out;
    }

    /**
     * Checks that a model recompiled from the saved source is the model that was run: same name,
     * output names and parameter count.
     *
     * @param model the recompiled, bound model
     * @throws UlamException if it differs (the fit comes from another model version)
     */
    public void checkModel(Model model) {
        if (!model.name().equals(manifest.model()) || model.parameterOutputs() != manifest.parameterOutputs()
                || !Arrays.asList(model.outputNames()).equals(manifest.outputNames())) {
            throw new UlamException("the fit " + dir + " comes from another version of model '" + manifest.model()
                    + "': recompiled, its source gives other outputs than the draws hold", null,
                    "the fit was written by ulam " + manifest.ulamVersion() + "; run the model again with"
                            + " -o using this version");
        }
        if (model.observations() != manifest.observations()) {
            throw new UlamException("the fit " + dir + " holds a model with " + manifest.observations()
                    + " observations, but recompiled on its data it has " + model.observations(), null,
                    "run the model again with -o");
        }
    }

    /**
     * The fit as the sampler returns it, for the summaries and diagnostics of
     * {@link ulam.runtime.diagnostics} ({@code VariableSummary.of(fit, prob)},
     * {@code SamplerDiagnostics.warnings}). Each chain holds its first {@link #drawsPerChain()}
     * post-warmup draws. Initial points are unknown (empty); gradient counts are the sum of
     * {@code n_leapfrog__}.
     *
     * @throws UlamException if there are no post-warmup draws (the run stopped during warmup)
     */
    public Fit toFit() {
        if (drawsPerChain < 1) {
            throw new UlamException("the fit " + dir + " has no draws after warmup: the run stopped during warmup",
                    null, "run the model again and let it finish");
        }
        SamplerConfig config = SamplerConfig.builder().chains(chains.size()).cores(1).warmup(manifest.warmup())
                .draws(drawsPerChain).seed(manifest.seed()).adaptDelta(manifest.adaptDelta())
                .maxTreeDepth(manifest.maxTreedepth())
                .metric("dense_e".equals(manifest.metric()) ? MetricKind.DENSE : MetricKind.DIAG).build();
        List<ChainResult> results = new ArrayList<>();
        double wall = 0;
        for (ChainDraws c : chains) {
            double[][] v = Arrays.copyOf(c.values(), drawsPerChain);
            double[][] s = Arrays.copyOf(c.stats(), drawsPerChain);
            long grads = 0;
            for (double[] row : c.warmupStats()) grads += (long) row[SamplerStat.N_LEAPFROG.index()];
            for (double[] row : s) grads += (long) row[SamplerStat.N_LEAPFROG.index()];
            double ws = Double.isNaN(c.warmupSeconds()) ? 0 : c.warmupSeconds();
            double ss = Double.isNaN(c.samplingSeconds()) ? 0 : c.samplingSeconds();
            wall = Math.max(wall, ws + ss);
            results.add(new ChainResult(c.id(), c.warmupValues(), c.warmupStats(), v, s, c.stepSize(),
                    config.metric(), c.inverseMetric(), new double[0], ws, ss, grads));
        }
        double seconds = manifest.wallSeconds() > 0 ? manifest.wallSeconds() : wall;
        return new Fit(manifest.model(), manifest.outputNames().toArray(String[]::new), manifest.parameterOutputs(),
                manifest.dimension(), config, results, seconds);
    }
}
