package ulam.tests.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import picocli.CommandLine;
import ulam.runtime.Model;
import ulam.runtime.cli.RunOptions;
import ulam.runtime.data.DataSet;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;
import ulam.runtime.sampler.SamplerConfig;

/** Compiling an example model, binding its data and sampling it, as {@code ulam run} does. */
public final class Fits {
    private Fits() {}

    /** The example model bound to its data files (paths relative to the repository root). */
    public static Model bind(String model, String... data) {
        List<Path> files = new ArrayList<>();
        Map<String, Path> matrices = new java.util.HashMap<>();
        for (String d : data) {
            if (d.contains("=")) matrices.put(d.substring(0, d.indexOf('=')), Path.of(d.substring(d.indexOf('=') + 1)));
            else files.add(Path.of(d));
        }
        DataSet ds = files.isEmpty() ? DataSet.empty() : DataSet.read(files, Map.of(), matrices);
        Compiler.Compiled c = Compiler.compile(Source.read(Path.of(model)), files.isEmpty() ? null : Compiler.schema(ds));
        return c.factory().apply(ds);
    }

    /** Samples with ulam's defaults (adapt_delta 0.95), the given warmup, draws and seed. */
    public static Fit sample(Model model, int chains, int warmup, int draws, long seed) {
        SamplerConfig config = SamplerConfig.builder().chains(chains).cores(2).warmup(warmup).draws(draws).seed(seed).build();
        return Sampler.run(model, config, ProgressListener.NONE);
    }

    /**
     * Samples as {@code ulam run --chains C --warmup W --iter W+D --seed S --cores 2} would: the
     * options of the model's {@code ulam(...)} wrapper ({@code control=list(adapt_delta=0.99,
     * max_treedepth=15)}, ...) apply where the command line gives none.
     *
     * @param extraArgs further {@code ulam run} sampler options, e.g. {@code "--metric", "dense"}
     * @throws ulam.runtime.UlamException if an option is invalid
     */
    public static Fit sampleAsRun(Model model, int chains, int warmup, int draws, long seed, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--chains", Integer.toString(chains), "--cores", "2",
                "--warmup", Integer.toString(warmup), "--iter", Integer.toString(warmup + draws),
                "--seed", Long.toString(seed)));
        args.addAll(List.of(extraArgs));
        RunOptions options = new RunOptions();
        new CommandLine(options).parseArgs(args.toArray(new String[0]));
        SamplerConfig config = options.toConfig(model.sourceOptions(), () -> seed);
        return Sampler.run(model, config, ProgressListener.NONE);
    }
}
