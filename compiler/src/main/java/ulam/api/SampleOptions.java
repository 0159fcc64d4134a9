package ulam.api;

import ulam.runtime.UlamException;
import ulam.runtime.sampler.SamplerConfig;

/**
 * How to sample: chains, warm-up and post-warm-up iterations per chain, seed, cores, target
 * acceptance ({@code adapt_delta}) and maximum tree depth, with {@code ulam run}'s defaults
 * (4 chains, 500 warm-up + 500 draws, adapt delta 0.95, tree depth 10, all processors, seed 1
 * unless set). Immutable: each setter returns a new value.
 *
 * @param chains       number of chains, at least 1
 * @param warmup       warm-up iterations per chain (step size and diagonal metric adaptation,
 *                     Stan's windowed scheme), at least 0
 * @param draws        post-warm-up draws per chain, at least 1
 * @param seed         the seed: the same seed gives the same draws, whatever the cores
 * @param cores        chains run at once, at least 1
 * @param adaptDelta   target mean acceptance of the step-size adaptation, in (0, 1)
 * @param maxTreeDepth largest NUTS tree depth, 1..30
 */
public record SampleOptions(int chains, int warmup, int draws, long seed, int cores, double adaptDelta, int maxTreeDepth) {

    /** {@code ulam run}'s defaults, with seed 1. */
    public static SampleOptions defaults() {
        SamplerConfig d = SamplerConfig.builder().seed(1).build();
        return new SampleOptions(d.chains(), d.warmup(), d.draws(), d.seed(), d.cores(), d.adaptDelta(), d.maxTreeDepth());
    }

    /** These options with another number of chains. */
    public SampleOptions chains(int v) { return new SampleOptions(v, warmup, draws, seed, cores, adaptDelta, maxTreeDepth); }

    /** These options with another number of warm-up iterations per chain. */
    public SampleOptions warmup(int v) { return new SampleOptions(chains, v, draws, seed, cores, adaptDelta, maxTreeDepth); }

    /** These options with another number of post-warm-up draws per chain. */
    public SampleOptions draws(int v) { return new SampleOptions(chains, warmup, v, seed, cores, adaptDelta, maxTreeDepth); }

    /** These options with another seed. */
    public SampleOptions seed(long v) { return new SampleOptions(chains, warmup, draws, v, cores, adaptDelta, maxTreeDepth); }

    /** These options with another number of cores. */
    public SampleOptions cores(int v) { return new SampleOptions(chains, warmup, draws, seed, v, adaptDelta, maxTreeDepth); }

    /** These options with another target acceptance. */
    public SampleOptions adaptDelta(double v) { return new SampleOptions(chains, warmup, draws, seed, cores, v, maxTreeDepth); }

    /** These options with another maximum tree depth. */
    public SampleOptions maxTreeDepth(int v) { return new SampleOptions(chains, warmup, draws, seed, cores, adaptDelta, v); }

    /**
     * The sampler's settings.
     *
     * @throws UlamException if a value is out of range (the message names it)
     */
    SamplerConfig toConfig() {
        return SamplerConfig.builder().chains(chains).warmup(warmup).draws(draws).seed(seed).cores(cores)
                .adaptDelta(adaptDelta).maxTreeDepth(maxTreeDepth).build();
    }
}
