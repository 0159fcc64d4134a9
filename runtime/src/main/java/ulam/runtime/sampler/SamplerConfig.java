package ulam.runtime.sampler;

import ulam.runtime.UlamException;

/**
 * Settings of one sampling run: number and length of chains, seed, and the tuning constants of
 * NUTS and its warmup. Defaults follow Stan (Stan reference manual, "MCMC sampling") except
 * {@code adaptDelta}, whose default 0.95 is the one of rethinking's {@code ulam()}.
 *
 * <p>Build with {@link #builder()}; the canonical constructor validates every value and throws
 * {@link UlamException} naming the command-line option when one is out of range.
 *
 * @param chains          number of chains (at least 1)
 * @param cores           number of threads the chains run on (at least 1); results do not depend on it
 * @param warmup          warmup iterations per chain (adaptation; saved but not used for inference), at least 0
 * @param draws           post-warmup iterations per chain, at least 1
 * @param seed            seed of all random streams: chain {@code c}'s streams depend on it and {@code c} only
 * @param adaptDelta      target average acceptance statistic of step-size adaptation, in (0, 1)
 * @param maxTreeDepth    maximum number of trajectory doublings per iteration (1..30)
 * @param metric          diagonal, dense or (gradient adaptation only) low-rank modified diagonal inverse metric
 * @param adapt           the warm-up's adaptation: Stan's windowed one or nutpie's gradient-based one
 * @param initRadius      initial values are drawn uniformly from (-initRadius, initRadius) on the
 *                        unconstrained scale (0 puts every parameter at 0)
 * @param initialStepSize step size before the first step-size search (Stan: 1)
 * @param gamma           dual-averaging regularisation scale (Stan: 0.05)
 * @param kappa           dual-averaging relaxation exponent (Stan: 0.75)
 * @param t0              dual-averaging iteration offset (Stan: 10)
 * @param initBuffer      fast initial adaptation interval (Stan: 75)
 * @param termBuffer      fast terminal adaptation interval (Stan: 50)
 * @param baseWindow      first slow (metric) adaptation window (Stan: 25)
 * @param maxDeltaH       energy error above which a trajectory is divergent (Stan: 1000)
 */
public record SamplerConfig(int chains, int cores, int warmup, int draws, long seed, double adaptDelta,
                            int maxTreeDepth, MetricKind metric, AdaptKind adapt, double initRadius, double initialStepSize,
                            double gamma, double kappa, double t0, int initBuffer, int termBuffer,
                            int baseWindow, double maxDeltaH) {

    /** Validates; see the class documentation. */
    public SamplerConfig {
        require(chains >= 1, "--chains must be at least 1 (got " + chains + ")", "use e.g. --chains 4");
        require(cores >= 1, "--cores must be at least 1 (got " + cores + ")", "use e.g. --cores 4");
        require(warmup >= 0, "--warmup must not be negative (got " + warmup + ")",
                "give the number of warmup iterations per chain, e.g. --warmup 500");
        require(draws >= 1, "there must be at least 1 draw after warmup (got " + draws + ")",
                "--iter counts all iterations including warmup: make --iter larger than --warmup");
        require(adaptDelta > 0 && adaptDelta < 1, "--adapt-delta must lie strictly between 0 and 1 (got "
                + adaptDelta + ")", "use e.g. --adapt-delta 0.95, or 0.99 against divergent transitions");
        require(maxTreeDepth >= 1 && maxTreeDepth <= 30, "--max-treedepth must lie between 1 and 30 (got "
                + maxTreeDepth + ")", "the default is 10; 12 or 15 for hard posteriors");
        require(metric != null, "the metric must be diag, dense or lowrank", "use --metric diag or --metric dense");
        require(adapt != null, "the adaptation must be stan or gradient", "use --adapt gradient or --adapt stan");
        require(!(metric == MetricKind.LOW_RANK && adapt == AdaptKind.STAN),
                "--metric lowrank needs the gradient-based adaptation: Stan's adaptation has no low-rank metric",
                "use --metric lowrank with --adapt gradient, or --metric dense with --adapt stan");
        require(initRadius >= 0 && Double.isFinite(initRadius), "--init must be a finite radius of at least 0 (got "
                + initRadius + ")", "the default is 2: initial values uniform in (-2, 2) on the unconstrained scale");
        require(initialStepSize > 0 && Double.isFinite(initialStepSize),
                "the initial step size must be positive (got " + initialStepSize + ")", null);
        require(gamma > 0 && kappa > 0 && t0 >= 0, "dual averaging needs gamma > 0, kappa > 0, t0 >= 0", null);
        require(initBuffer >= 0 && termBuffer >= 0 && baseWindow >= 0, "adaptation windows must not be negative", null);
        require(maxDeltaH > 0, "the divergence threshold must be positive", null);
    }

    private static void require(boolean ok, String message, String help) {
        if (!ok) throw new UlamException(message, null, help);
    }

    /** Total iterations per chain: warmup + draws. */
    public int iterations() {
        return warmup + draws;
    }

    /** A builder holding the defaults: 4 chains, all processors, 500 + 500 iterations, adapt delta 0.95. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.chains = chains;
        b.cores = cores;
        b.warmup = warmup;
        b.draws = draws;
        b.seed = seed;
        b.adaptDelta = adaptDelta;
        b.maxTreeDepth = maxTreeDepth;
        b.metric = metric;
        b.adapt = adapt;
        b.initRadius = initRadius;
        b.initialStepSize = initialStepSize;
        b.gamma = gamma;
        b.kappa = kappa;
        b.t0 = t0;
        b.initBuffer = initBuffer;
        b.termBuffer = termBuffer;
        b.baseWindow = baseWindow;
        b.maxDeltaH = maxDeltaH;
        return b;
    }

    /** Mutable builder of a {@link SamplerConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int chains = 4;
        private int cores = Runtime.getRuntime().availableProcessors();
        private int warmup = 500;
        private int draws = 500;
        private long seed = 1;
        private double adaptDelta = 0.95;
        private int maxTreeDepth = 10;
        private MetricKind metric = MetricKind.DIAG;
        private AdaptKind adapt = AdaptKind.STAN;
        private double initRadius = 2;
        private double initialStepSize = 1;
        private double gamma = 0.05;
        private double kappa = 0.75;
        private double t0 = 10;
        private int initBuffer = 75;
        private int termBuffer = 50;
        private int baseWindow = 25;
        private double maxDeltaH = 1000;

        private Builder() {
        }

        /** Number of chains. */
        public Builder chains(int v) { chains = v; return this; }
        /** Number of threads. */
        public Builder cores(int v) { cores = v; return this; }
        /** Warmup iterations per chain. */
        public Builder warmup(int v) { warmup = v; return this; }
        /** Post-warmup draws per chain. */
        public Builder draws(int v) { draws = v; return this; }
        /** Seed of all random streams. */
        public Builder seed(long v) { seed = v; return this; }
        /** Target acceptance statistic. */
        public Builder adaptDelta(double v) { adaptDelta = v; return this; }
        /** Maximum tree depth. */
        public Builder maxTreeDepth(int v) { maxTreeDepth = v; return this; }
        /** Diagonal, dense or low-rank metric. */
        public Builder metric(MetricKind v) { metric = v; return this; }
        /** Stan's or the gradient-based adaptation. */
        public Builder adapt(AdaptKind v) { adapt = v; return this; }
        /** Radius of the uniform initial values on the unconstrained scale. */
        public Builder initRadius(double v) { initRadius = v; return this; }
        /** Step size before the first step-size search. */
        public Builder initialStepSize(double v) { initialStepSize = v; return this; }
        /** Dual-averaging gamma. */
        public Builder gamma(double v) { gamma = v; return this; }
        /** Dual-averaging kappa. */
        public Builder kappa(double v) { kappa = v; return this; }
        /** Dual-averaging t0. */
        public Builder t0(double v) { t0 = v; return this; }
        /** Initial fast adaptation buffer. */
        public Builder initBuffer(int v) { initBuffer = v; return this; }
        /** Terminal fast adaptation buffer. */
        public Builder termBuffer(int v) { termBuffer = v; return this; }
        /** First slow adaptation window. */
        public Builder baseWindow(int v) { baseWindow = v; return this; }
        /** Divergence threshold on the energy error. */
        public Builder maxDeltaH(double v) { maxDeltaH = v; return this; }

        /**
         * @return the validated configuration
         * @throws UlamException if a value is out of range
         */
        public SamplerConfig build() {
            return new SamplerConfig(chains, cores, warmup, draws, seed, adaptDelta, maxTreeDepth, metric, adapt,
                    initRadius, initialStepSize, gamma, kappa, t0, initBuffer, termBuffer, baseWindow, maxDeltaH);
        }
    }
}
