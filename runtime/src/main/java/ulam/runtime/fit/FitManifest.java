package ulam.runtime.fit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The manifest of a fit folder, {@value FitDirectory#MANIFEST} (JSON, written with Jackson): what
 * was run, on which model and data, so that every later command ({@code ulam waic}, {@code loo},
 * {@code compare}, {@code plot}, {@code report}, {@code link}, {@code sim}) can recompile the same
 * model on the same data without the user's original files.
 *
 * <p>All paths are relative to the fit folder. Unknown fields are ignored when read, so a newer
 * ulam may add fields without breaking older readers of the same {@link #formatVersion()}.
 *
 * @param formatVersion      layout version of the fit folder ({@link #FORMAT_VERSION})
 * @param ulamVersion        version of ulam that wrote it
 * @param created            creation time, ISO-8601 instant (UTC)
 * @param complete           false while sampling (or when the run was stopped), true once every chain finished
 * @param model              the model's name ({@code Model.name()}, the source file's stem)
 * @param sourceFile         the saved copy of the model source, e.g. {@code chimpanzees.ulam}
 * @param originalSource     the model file as the user named it, or null when unknown (a model jar)
 * @param sourceSha256       SHA-256 of the saved source text (UTF-8), lower-case hex
 * @param outputNames        {@code Model.outputNames()}: the draw columns after the sampler statistics
 * @param parameterOutputs   {@code Model.parameterOutputs()}: how many leading outputs are parameters
 * @param dimension          {@code Model.dimension()}: number of unconstrained parameters
 * @param observations       {@code Model.observations()}: length of the pointwise log-likelihood
 * @param chains             number of chains
 * @param iter               iterations per chain, warmup included
 * @param warmup             warmup iterations per chain
 * @param seed               the seed
 * @param adaptDelta         target acceptance rate
 * @param maxTreedepth       maximum tree depth
 * @param metric             {@code diag_e} or {@code dense_e}
 * @param csvFiles           the Stan CSV files, one per chain in chain order
 * @param dataFiles          copies of the data files, in the order they were read ({@code data/...})
 * @param originalDataFiles  the data files as the user named them, same order
 * @param dataValues         {@code --data-value} scalars, name to text as given
 * @param wallSeconds        wall time of sampling, seconds (0 while incomplete)
 * @param dataMatrices       {@code --data-matrix} matrices: name to the copy of its CSV ({@code data/...})
 * @param priorOnly          whether the run sampled the prior ({@code --prior-only}: likelihood left out)
 * @param sha256             SHA-256 (lower-case hex) of the bytes of every file the manifest lists, by its
 *                           relative path: the source and data copies from the start, the draws files once
 *                           the run is complete; every command that reads the fit checks them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FitManifest(int formatVersion, String ulamVersion, String created, boolean complete, String model,
                          String sourceFile, String originalSource, String sourceSha256, List<String> outputNames,
                          int parameterOutputs, int dimension, int observations, int chains, int iter, int warmup,
                          long seed, double adaptDelta, int maxTreedepth, String metric, List<String> csvFiles,
                          List<String> dataFiles, List<String> originalDataFiles, Map<String, String> dataValues,
                          double wallSeconds, Map<String, String> dataMatrices, boolean priorOnly,
                          Map<String, String> sha256) {

    /** The layout version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** The ulam version written into new manifests. */
    public static final String ULAM_VERSION = "0.1.0";

    /** Normalises null lists and maps to empty ones and copies them (the record is immutable). */
    public FitManifest {
        outputNames = outputNames == null ? List.of() : List.copyOf(outputNames);
        csvFiles = csvFiles == null ? List.of() : List.copyOf(csvFiles);
        dataFiles = dataFiles == null ? List.of() : List.copyOf(dataFiles);
        originalDataFiles = originalDataFiles == null ? List.of() : List.copyOf(originalDataFiles);
        dataValues = dataValues == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(dataValues));
        dataMatrices = dataMatrices == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(dataMatrices));
        sha256 = sha256 == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sha256));
    }

    /** Post-warmup draws per chain planned by the run ({@code iter - warmup}). */
    public int draws() {
        return iter - warmup;
    }

    /**
     * This manifest marked complete, with the run's wall time and more checksums.
     *
     * @param seconds wall time of sampling
     * @param more    SHA-256 of further files (the draws files), by relative path
     */
    public FitManifest completed(double seconds, Map<String, String> more) {
        Map<String, String> all = new java.util.LinkedHashMap<>(sha256);
        all.putAll(more);
        return new FitManifest(formatVersion, ulamVersion, created, true, model, sourceFile, originalSource,
                sourceSha256, outputNames, parameterOutputs, dimension, observations, chains, iter, warmup, seed,
                adaptDelta, maxTreedepth, metric, csvFiles, dataFiles, originalDataFiles, dataValues, seconds, dataMatrices,
                priorOnly, all);
    }
}
