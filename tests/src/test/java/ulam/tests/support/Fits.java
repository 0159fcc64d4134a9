package ulam.tests.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
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
        for (String d : data) files.add(Path.of(d));
        DataSet ds = files.isEmpty() ? DataSet.empty() : DataSet.read(files, Map.of());
        Compiler.Compiled c = Compiler.compile(Source.read(Path.of(model)), files.isEmpty() ? null : Compiler.schema(ds));
        return c.factory().apply(ds);
    }

    /** Samples with ulam's defaults (adapt_delta 0.95), the given warmup, draws and seed. */
    public static Fit sample(Model model, int chains, int warmup, int draws, long seed) {
        SamplerConfig config = SamplerConfig.builder().chains(chains).cores(2).warmup(warmup).draws(draws).seed(seed).build();
        return Sampler.run(model, config, ProgressListener.NONE);
    }
}
