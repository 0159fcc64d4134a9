package ulam.api;

import java.util.List;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;
import ulam.runtime.UlamException;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;

/**
 * A compiled model bound to its data ({@link Ulam#compile}): its log density and gradient are
 * generated JVM bytecode (docs/architecture.md). Sampling is thread-safe: each call works on its
 * own copies of the model.
 */
public final class UlamModel {
    private final Model model;
    private final Source source;
    private final DataSet data;

    UlamModel(Model model, Source source, DataSet data) {
        this.model = model;
        this.source = source;
        this.data = data;
    }

    /** The model's name (the file's stem, or the name given to {@link Ulam#compile(String, String, UlamData)}). */
    public String name() {
        return model.name();
    }

    /** Number of unconstrained parameters (the sampler's dimension). */
    public int dimension() {
        return model.dimension();
    }

    /**
     * The outputs every draw has, in order: the constrained parameters element by element
     * ({@code a[1]}, {@code b[1,2]}), then the generated quantities.
     */
    public List<String> outputNames() {
        return List.of(model.outputNames());
    }

    /**
     * Samples the posterior with NUTS (multinomial sampling, diagonal metric adapted in Stan's
     * windows; docs/architecture.md, "Runtime"). No progress is printed.
     *
     * @param options chains, iterations, seed, ... ({@link SampleOptions#defaults()})
     * @return the draws
     * @throws UlamException if an option is out of range, or no chain can start (no initial
     *                       value with a finite log density)
     */
    public Posterior sample(SampleOptions options) {
        Model m = model.copy();
        return new Posterior(m, Sampler.run(m, options.toConfig(), ProgressListener.NONE), source, data);
    }
}
