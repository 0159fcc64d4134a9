package ulam.runtime.sampler;

/**
 * nutpie's warm-up (pymc-devs/nuts-rs, {@code GlobalStrategy}; Seyboldt, Carlson and Carpenter 2026),
 * written for this sampler: the metric is re-estimated at every iteration from the draws and their
 * log-density gradients ({@link FisherEstimator}) instead of once per window, so it is good after a
 * few dozen iterations. For a warm-up of W iterations:
 * <ul>
 *   <li>start: the metric {@code 1 / |gradient|} at the initial point and Stan's step-size search;</li>
 *   <li>early phase (the first {@code 0.3 W}): the estimator's windows switch every 10 draws that it
 *       kept, so the metric forgets the transient from the initial values quickly;</li>
 *   <li>main phase: windows of 80 draws growing by 1.5 at each switch; a switch happens only if the
 *       next window still ends before the final phase;</li>
 *   <li>final phase (the last {@code 0.15 W}): the metric is fixed and only the step size adapts;</li>
 *   <li>step size: one dual-averaging run ({@link DualAveraging}, target {@code adaptDelta}, step at most
 *       pi) for the whole warm-up, restarted with a new step-size search only when the metric first
 *       changes from its initial guess; the acceptance statistic fed to it is the usual one until the
 *       last switch is over, then the symmetric one ({@link Nuts#acceptStatSym}); at the end
 *       {@code exp(x_bar)};</li>
 *   <li>a draw enters the estimator only if the trajectory moved (it is not the initial point) and,
 *       after a divergence, only if it lies more than 4 leapfrog steps from it;</li>
 *   <li>the step size is jittered by up to 10 % per transition (uniformly), in warm-up and after.</li>
 * </ul>
 */
final class GradientAdaptation implements Adaptation {
    static final double EARLY_WINDOW = 0.3;
    static final double STEP_SIZE_WINDOW = 0.15;
    static final int EARLY_SWITCH = 10;
    static final int FIRST_WINDOW = 80;
    static final double WINDOW_GROWTH = 1.5;
    static final double JITTER = 0.1;
    static final double MAX_STEP_SIZE = Math.PI;

    private final FisherEstimator estimator;
    private final DualAveraging stepAdaptation;
    private final int earlyEnd;
    private final int finalWindowStart;
    private int windowSize = FIRST_WINDOW;
    private boolean initialMetric = true;
    private int lastUpdate;
    private final java.util.List<Integer> switches = new java.util.ArrayList<>();

    GradientAdaptation(SamplerConfig config, int d) {
        int warmup = config.warmup();
        estimator = switch (config.metric()) {
            case DIAG, AUTO -> new DiagonalFisherEstimator(d);   // AUTO: Stan adaptation's switch only
            case LOW_RANK -> new LowRankFisherEstimator(d, warmup + 2, 2);
            case DENSE -> new LowRankFisherEstimator(d, warmup + 2, 1);
        };
        stepAdaptation = new DualAveraging(config.adaptDelta(), config.gamma(), config.kappa(), config.t0(), MAX_STEP_SIZE);
        earlyEnd = (int) (EARLY_WINDOW * warmup);
        finalWindowStart = warmup - (int) (STEP_SIZE_WINDOW * warmup);
    }

    @Override
    public void start(Nuts nuts) {
        nuts.jitter = JITTER;
        estimator.start(nuts.metric, nuts.z.q, nuts.z.g);
        searchStepSize(nuts);
    }

    private void searchStepSize(Nuts nuts) {
        stepAdaptation.restart();
        nuts.findReasonableStepSize();
        stepAdaptation.setMu(Math.log(10 * nuts.stepSize));
    }

    @Override
    public void learn(Nuts nuts, int draw) {
        if (draw >= finalWindowStart) {
            nuts.stepSize = stepAdaptation.learn(nuts.acceptStatSym);
            return;
        }
        boolean early = draw < earlyEnd;
        if (draw == earlyEnd) windowSize = Math.max(windowSize, estimator.backgroundCount());
        int switchAt = early ? EARLY_SWITCH : windowSize;
        if (nuts.z.index != 0 && (!nuts.divergent || Math.abs(nuts.z.index) > 4)) estimator.add(nuts.z.q, nuts.z.g);
        int nextWindow = early ? EARLY_SWITCH : Math.max(windowSize + 1, (int) Math.round(windowSize * WINDOW_GROWTH));
        boolean late = nextWindow + draw > finalWindowStart;
        boolean switched = false;
        if (estimator.backgroundCount() >= switchAt && !late) {
            estimator.switchWindows();
            switches.add(draw);
            switched = true;
            if (!early) windowSize = nextWindow;
        }
        boolean changed = estimator.update(nuts.metric, switched);
        if (changed) lastUpdate = draw;
        nuts.stepSize = stepAdaptation.learn(late ? nuts.acceptStatSym : nuts.acceptStat);
        if (changed && initialMetric) {
            initialMetric = false;
            searchStepSize(nuts);
        }
    }

    @Override
    public void finish(Nuts nuts) {
        nuts.stepSize = stepAdaptation.finalStepSize();
    }

    /** The last warm-up iteration (0-based) after which the metric changed, for tests. */
    int lastUpdate() {
        return lastUpdate;
    }

    /** The warm-up iterations (0-based) at which the estimator's windows switched, for tests. */
    java.util.List<Integer> switches() {
        return switches;
    }
}
