package ulam.runtime.sampler;

/**
 * Stan's warm-up ({@code adapt_diag_e_nuts} / {@code adapt_dense_e_nuts} with
 * {@code run_adaptive_sampler}; Stan reference manual, "HMC algorithm parameters: automatic
 * parameter tuning"): a step-size search at the initial point with dual averaging's
 * {@code mu = log(10 eps_0)} set from the initial step size; every iteration one dual-averaging
 * step on the acceptance statistic; at the end of each slow window of {@link WindowedAdaptation} a
 * new metric from that window's draws ({@link MetricAdaptation}), a new step-size search from the
 * current state, {@code mu = log(10 eps)} and dual averaging restarted; at the end the step size
 * {@code exp(x_bar)}.
 */
final class StanAdaptation implements Adaptation {
    private final DualAveraging stepAdaptation;
    private final MetricAdaptation metricAdaptation;

    StanAdaptation(SamplerConfig config, int dimension) {
        stepAdaptation = new DualAveraging(config.adaptDelta(), config.gamma(), config.kappa(), config.t0());
        metricAdaptation = new MetricAdaptation(
                new WindowedAdaptation(config.warmup(), config.initBuffer(), config.termBuffer(), config.baseWindow()),
                config.metric(), dimension);
    }

    @Override
    public void start(Nuts nuts) {
        stepAdaptation.setMu(Math.log(10 * nuts.stepSize));
        nuts.findReasonableStepSize();
    }

    @Override
    public void learn(Nuts nuts, int iteration) {
        nuts.stepSize = stepAdaptation.learn(nuts.acceptStat);
        EuclideanMetric next = metricAdaptation.learn(nuts.metric, nuts.z.q);
        if (next != null) {
            nuts.metric = next;   // the same object, or a dense metric that replaces the diagonal one (MetricKind.AUTO)
            nuts.findReasonableStepSize();
            stepAdaptation.setMu(Math.log(10 * nuts.stepSize));
            stepAdaptation.restart();
        }
    }

    @Override
    public void finish(Nuts nuts) {
        nuts.stepSize = stepAdaptation.finalStepSize();
    }
}
