package ulam.runtime.sampler;

/**
 * How one chain's warm-up tunes the step size and the metric of its {@link Nuts} sampler. The chain
 * calls {@link #start} once at its initial point, {@link #learn} after every warm-up transition, and
 * {@link #finish} when warm-up ends; afterwards the tuning stays fixed. Implementations:
 * {@link StanAdaptation} (Stan's windowed adaptation, {@code --adapt stan}) and
 * {@link GradientAdaptation} (nutpie's gradient-based adaptation, {@code --adapt gradient}).
 * Not thread-safe: one instance per chain.
 */
interface Adaptation {

    /** Before the first warm-up iteration: the initial metric and step size (the chain is at its initial point). */
    void start(Nuts nuts);

    /**
     * After warm-up iteration {@code iteration} (0-based): learns from the transition just made and
     * sets the metric and step size of the next one.
     *
     * @throws ulam.runtime.UlamException if the adapted metric is not finite or positive definite
     */
    void learn(Nuts nuts, int iteration);

    /**
     * Whether warm-up may end after {@code iteration} (before its planned length), because the
     * metric is stable; checked after {@link #learn}.
     */
    default boolean converged(int iteration) {
        return false;
    }

    /** At the end of warm-up: the step size kept for sampling. */
    void finish(Nuts nuts);

    /** The adaptation a configuration asks for (Stan's when there is no warm-up: the metric stays the identity). */
    static Adaptation of(SamplerConfig config, int dimension) {
        return config.adapt() == AdaptKind.STAN || config.warmup() == 0 ? new StanAdaptation(config, dimension)
                : new GradientAdaptation(config, dimension);
    }
}
