package ulam.runtime.sampler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import ulam.runtime.Model;
import ulam.runtime.UlamException;

/**
 * Runs NUTS chains in parallel: the entry point of sampling.
 *
 * <p>Random streams depend on the seed alone: a {@code XO_SHI_RO_256_PP} (xoshiro256++) generator seeded with
 * {@link SamplerConfig#seed()} gives, by one long jump (2^192 steps), two independent bases, one
 * for the sampler and one for {@code Model.writeDraw}; chain c (1-based) takes each base after
 * {@code c - 1} jumps (2^128 steps each). So draws are identical whatever the number of threads or
 * their timing. Each chain has its own {@link Model#copy()} and preallocated buffers.
 */
public final class Sampler {
    private Sampler() {
    }

    /**
     * Samples without writing draws anywhere.
     *
     * @see #run(Model, SamplerConfig, ProgressListener, IntFunction)
     */
    public static Fit run(Model model, SamplerConfig config, ProgressListener progress) {
        return run(model, config, progress, null);
    }

    /**
     * Samples {@code config.chains()} chains on {@code min(config.cores(), config.chains())} threads.
     *
     * @param model    the model bound to its data; only {@link Model#copy()} and the metadata
     *                 methods are called on it, each chain samples its own copy
     * @param config   the settings
     * @param progress receives per-iteration progress (thread-safe), or {@link ProgressListener#NONE}
     * @param sinks    given a 1-based chain id, a sink that receives that chain's draws as they are
     *                 made (e.g. a Stan CSV writer), or null for none; every sink is closed at the end
     * @return the draws, statistics, adapted tuning and timings of every chain
     * @throws UlamException for problems the user can fix (no finite initial value, improper
     *                       posterior, metric overflow, unwritable output); the other chains are stopped
     */
    public static Fit run(Model model, SamplerConfig config, ProgressListener progress, IntFunction<DrawSink> sinks) {
        return run(model, config, progress, sinks, null);
    }

    /**
     * As {@link #run(Model, SamplerConfig, ProgressListener, IntFunction)}, each chain starting at
     * a given point (e.g. a Pathfinder draw, {@code ulam run --init pathfinder}) instead of a
     * random one; a chain whose point has a log density or gradient that is not finite falls back
     * to random initial values.
     *
     * @param initialPoints {@code double[chains][dimension]} on the unconstrained scale, or null for random ones
     */
    public static Fit run(Model model, SamplerConfig config, ProgressListener progress, IntFunction<DrawSink> sinks,
                          double[][] initialPoints) {
        if (progress == null) progress = ProgressListener.NONE;
        final int chains = config.chains();
        UniformRandomProvider[] samplerRngs = new UniformRandomProvider[chains];
        UniformRandomProvider[] outputRngs = new UniformRandomProvider[chains];
        streams(config.seed(), samplerRngs, outputRngs);

        List<DrawSink> opened = new ArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        int threads = Math.min(config.cores(), chains);
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ulam-chain-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // cores beyond the running chains go to the row blocks of the chains' large loops (docs/architecture.md)
        ulam.runtime.model.RowThreads rowThreads = config.cores() > 1 ? new ulam.runtime.model.RowThreads(config.cores()) : null;
        long start = System.nanoTime();
        try {
            List<Future<ChainResult>> futures = new ArrayList<>();
            for (int c = 0; c < chains; c++) {
                DrawSink sink = sinks == null ? null : sinks.apply(c + 1);
                if (sink != null) opened.add(sink);
                Model chainModel = model.copy();
                chainModel.rowThreads(rowThreads);
                ChainRunner runner = new ChainRunner(c + 1, chainModel, config, samplerRngs[c], outputRngs[c],
                        progress, sink, cancelled);
                if (initialPoints != null) runner.startAt(initialPoints[c % initialPoints.length]);
                futures.add(pool.submit(() -> {
                    if (rowThreads == null) return runner.run();
                    rowThreads.chainStarted();
                    try {
                        return runner.run();
                    } finally {
                        rowThreads.chainEnded();
                    }
                }));
            }
            List<ChainResult> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<ChainResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    cancelled.set(true);
                    RuntimeException cause = unwrap(e.getCause());
                    if (failure == null || failure instanceof ChainRunner.CancelledException) failure = cause;
                } catch (InterruptedException e) {
                    cancelled.set(true);
                    Thread.currentThread().interrupt();
                    throw new UlamException("sampling was interrupted");
                }
            }
            if (failure != null) throw failure;
            double wall = (System.nanoTime() - start) * 1e-9;
            return new Fit(model.name(), model.outputNames(), model.parameterOutputs(), model.dimension(), config,
                    results, wall);
        } finally {
            cancelled.set(true); // stops chains still running if we leave early (e.g. a sink failed to open)
            pool.shutdownNow();
            if (rowThreads != null) rowThreads.close();
            closeAll(opened);
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    private static void closeAll(List<DrawSink> sinks) {
        UlamException first = null;
        for (DrawSink s : sinks) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = new UlamException("cannot write the draws: " + e.getMessage(), null,
                            "check that the output directory is writable and has free space");
                }
            }
        }
        if (first != null) throw first;
    }

    /**
     * Fills the per-chain random streams derived from a seed (see the class documentation).
     *
     * @param seed    the run's seed
     * @param sampler receives chain c's sampler stream at index c - 1
     * @param output  receives chain c's output ({@code writeDraw}) stream at index c - 1
     */
    static void streams(long seed, UniformRandomProvider[] sampler, UniformRandomProvider[] output) {
        LongJumpableUniformRandomProvider root =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        JumpableUniformRandomProvider samplerBase = root.longJump(); // copy before the jump
        JumpableUniformRandomProvider outputBase = root;             // 2^192 steps later
        for (int c = 0; c < sampler.length; c++) {
            sampler[c] = samplerBase.jump();
            output[c] = outputBase.jump();
        }
    }
}
