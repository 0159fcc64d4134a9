package ulam.runtime.sampler;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.runtime.Model;
import ulam.runtime.UlamException;

/**
 * Runs one chain as Stan's {@code run_adaptive_sampler} does: random initial values, warm-up
 * iterations whose {@link Adaptation} tunes the step size and the metric ({@link StanAdaptation}
 * or {@link GradientAdaptation}), then the post-warm-up iterations with everything fixed. Each
 * draw goes to the {@link DrawSink} as soon as it is made.
 */
final class ChainRunner {
    /** Initial values are tried this many times (Stan: 100). */
    static final int MAX_INIT_TRIES = 100;

    private final int id;
    private final Model model;
    private final SamplerConfig config;
    private final UniformRandomProvider rng;
    private final UniformRandomProvider outputRng;
    private final ProgressListener progress;
    private final DrawSink sink;
    private final AtomicBoolean cancelled;
    private long initEvaluations;

    /**
     * @param id        1-based chain id
     * @param model     this chain's own model instance
     * @param rng       stream for initial values and NUTS
     * @param outputRng stream for {@code Model.writeDraw} (generated quantities)
     * @param sink      receives draws as they are made, or null
     * @param cancelled set by another chain that failed: stop at the next iteration
     */
    ChainRunner(int id, Model model, SamplerConfig config, UniformRandomProvider rng, UniformRandomProvider outputRng,
                ProgressListener progress, DrawSink sink, AtomicBoolean cancelled) {
        this.id = id;
        this.model = model;
        this.config = config;
        this.rng = rng;
        this.outputRng = outputRng;
        this.progress = progress;
        this.sink = sink;
        this.cancelled = cancelled;
    }

    private double[] start;

    /** Starts at this unconstrained point instead of random initial values (if finite there). */
    void startAt(double[] q) {
        this.start = q.clone();
    }

    /**
     * Runs the chain to the end.
     *
     * @return the chain's draws, statistics and adapted tuning
     * @throws UlamException      if no finite initial value is found, adaptation fails, or the sink
     *                            cannot write
     * @throws CancelledException if another chain failed
     */
    ChainResult run() {
        final int d = model.dimension();
        final int nOut = model.outputNames().length;
        final int warmup = config.warmup();
        final int draws = config.draws();
        final int total = warmup + draws;
        double[][] warmupValues = new double[warmup][nOut];
        double[][] warmupStats = new double[warmup][SamplerStat.COUNT];
        double[][] values = new double[draws][nOut];
        double[][] stats = new double[draws][SamplerStat.COUNT];

        Nuts nuts = new Nuts(model, EuclideanMetric.unit(config.adapt(), config.metric(), d), rng,
                config.maxTreeDepth(), config.maxDeltaH());
        double[] q = new double[d];
        double[] g = new double[d];
        double lp = initialise(q, g);
        double[] initialPoint = q.clone();
        nuts.gradientEvaluations = initEvaluations;
        nuts.setPosition(q, lp, g);
        nuts.stepSize = config.initialStepSize();

        progress.chainStarted(id, total);
        long start = System.nanoTime();
        Adaptation adaptation = Adaptation.of(config, d);
        boolean fixed = d == 0;
        if (!fixed) adaptation.start(nuts);
        for (int it = 0; it < warmup; it++) {
            checkCancelled();
            iterate(nuts, fixed, warmupStats[it], warmupValues[it]);
            if (!fixed) adaptation.learn(nuts, it);
            emit(true, warmupStats[it], warmupValues[it]);
            progress.iteration(id, it + 1, total, true);
        }
        if (!fixed && warmup > 0) adaptation.finish(nuts);
        long warmupEnd = System.nanoTime();
        double[] inverseMetric = nuts.metric.inverseMetric();
        if (sink != null) {
            try {
                sink.adaptationFinished(nuts.stepSize, nuts.metric.kind(), inverseMetric);
            } catch (IOException e) {
                throw writeError(e);
            }
        }
        for (int it = 0; it < draws; it++) {
            checkCancelled();
            iterate(nuts, fixed, stats[it], values[it]);
            emit(false, stats[it], values[it]);
            progress.iteration(id, warmup + it + 1, total, false);
        }
        long end = System.nanoTime();
        double warmupSeconds = (warmupEnd - start) * 1e-9;
        double samplingSeconds = (end - warmupEnd) * 1e-9;
        if (sink != null) {
            try {
                sink.finished(warmupSeconds, samplingSeconds);
            } catch (IOException e) {
                throw writeError(e);
            }
        }
        progress.chainFinished(id);
        return new ChainResult(id, warmupValues, warmupStats, values, stats, nuts.stepSize, nuts.metric.kind(),
                inverseMetric, initialPoint, warmupSeconds, samplingSeconds, nuts.gradientEvaluations);
    }

    /**
     * Uniform(-R, R) initial values on the unconstrained scale until the log density and its
     * gradient are finite (Stan's {@code services::util::initialize}).
     */
    private double initialise(double[] q, double[] g) {
        if (start != null && start.length == q.length) {
            System.arraycopy(start, 0, q, 0, q.length);
            double lp = model.logDensityGradient(q, g);
            initEvaluations++;
            if (Double.isFinite(lp) && allFinite(g)) return lp;
        }
        double r = config.initRadius();
        double[] first = null;
        for (int attempt = 0; attempt < MAX_INIT_TRIES; attempt++) {
            for (int i = 0; i < q.length; i++) q[i] = r * (2 * rng.nextDouble() - 1);
            if (first == null) first = q.clone();
            double lp = model.logDensityGradient(q, g);
            initEvaluations++;
            if (Double.isFinite(lp) && allFinite(g)) return lp;
        }
        throw notFinite(first);
    }

    /** The error when no initial value works: at the first, the model's first term that is not finite, located at its line. */
    private UlamException notFinite(double[] first) {
        String head = "the log density is not finite at any of " + MAX_INIT_TRIES + " random initial values";
        Model.NonFiniteTerm t = first == null ? null : model.nonFiniteTerm(first);
        if (t != null) {
            return new UlamException(head + "; at the first, the term of this line is " + t.description(), t.at(), t.help());
        }
        return new UlamException(head + "; check priors and data", null,
                "look for data outside a distribution's support (e.g. a negative count, a probability above 1),"
                        + " or try a smaller --init radius such as --init 0.5");
    }

    private static boolean allFinite(double[] g) {
        for (double v : g) if (!Double.isFinite(v)) return false;
        return true;
    }

    private void iterate(Nuts nuts, boolean fixed, double[] statsRow, double[] valuesRow) {
        if (fixed) {
            statsRow[SamplerStat.LP.index()] = model.lp(nuts.z.logDensity);
        } else {
            nuts.transition();
            double stepSize = nuts.usedStepSize;
            statsRow[SamplerStat.LP.index()] = model.lp(nuts.z.logDensity);
            statsRow[SamplerStat.ACCEPT_STAT.index()] = nuts.acceptStat;
            statsRow[SamplerStat.STEPSIZE.index()] = stepSize;
            statsRow[SamplerStat.TREEDEPTH.index()] = nuts.depth;
            statsRow[SamplerStat.N_LEAPFROG.index()] = nuts.nLeapfrog;
            statsRow[SamplerStat.DIVERGENT.index()] = nuts.divergent ? 1 : 0;
            statsRow[SamplerStat.ENERGY.index()] = nuts.energy + model.droppedConstant();   // -lp__ + kinetic, as Stan's
        }
        model.writeDraw(nuts.z.q, outputRng, valuesRow);
    }

    private void emit(boolean warmup, double[] statsRow, double[] valuesRow) {
        if (sink == null) return;
        try {
            sink.draw(warmup, statsRow, valuesRow);
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    private static UlamException writeError(IOException e) {
        return new UlamException("cannot write the draws: " + e.getMessage(), null,
                "check that the output directory exists, is writable and has free space");
    }

    private void checkCancelled() {
        if (cancelled.get()) throw new CancelledException();
    }

    /** Thrown inside a chain when another chain has failed. */
    static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledException() {
            super("cancelled", null, false, false);
        }
    }
}
