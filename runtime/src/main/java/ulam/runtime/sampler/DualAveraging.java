package ulam.runtime.sampler;

/**
 * Step-size adaptation by Nesterov's dual averaging (Hoffman and Gelman 2014, "The No-U-Turn
 * Sampler", Sec. 3.2, Algorithm 5, eq. 6; Stan's {@code stepsize_adaptation}), on
 * {@code x = log(step size)}:
 * <pre>
 *   s_bar_t = (1 - 1/(t + t0)) s_bar_{t-1} + (delta - min(1, a_t)) / (t + t0)
 *   x_t     = mu - sqrt(t) s_bar_t / gamma
 *   x_bar_t = (1 - t^-kappa) x_bar_{t-1} + t^-kappa x_t
 * </pre>
 * where {@code a_t} is the iteration's acceptance statistic. The step size used next is
 * {@code exp(x_t)}; the one kept after warmup is {@code exp(x_bar)}. An optional cap on the step
 * size clamps {@code x_t} at {@code log(max)} (nuts-rs's {@code max_step_size}; Stan has none). Not thread-safe.
 */
public final class DualAveraging {
    private final double delta;
    private final double gamma;
    private final double kappa;
    private final double t0;
    private final double logMaxStepSize;
    private double mu;
    private long counter;
    private double sBar;
    private double xBar;

    /**
     * @param delta target acceptance statistic, in (0, 1)
     * @param gamma regularisation scale (Stan: 0.05)
     * @param kappa relaxation exponent (Stan: 0.75)
     * @param t0    iteration offset (Stan: 10)
     */
    public DualAveraging(double delta, double gamma, double kappa, double t0) {
        this(delta, gamma, kappa, t0, Double.POSITIVE_INFINITY);
    }

    /**
     * @param delta       target acceptance statistic, in (0, 1)
     * @param gamma       regularisation scale (Stan: 0.05)
     * @param kappa       relaxation exponent (Stan: 0.75)
     * @param t0          iteration offset (Stan: 10)
     * @param maxStepSize the largest step size returned (nuts-rs: pi)
     */
    public DualAveraging(double delta, double gamma, double kappa, double t0, double maxStepSize) {
        this.delta = delta;
        this.gamma = gamma;
        this.kappa = kappa;
        this.t0 = t0;
        this.logMaxStepSize = Math.log(maxStepSize);
    }

    /** Sets the shrinkage target {@code mu}, on the log step-size scale (Stan: {@code log(10 eps)}). */
    public void setMu(double mu) {
        this.mu = mu;
    }

    /** Forgets all iterations (counter, s_bar and x_bar to 0); keeps {@code mu}. */
    public void restart() {
        counter = 0;
        sBar = 0;
        xBar = 0;
    }

    /**
     * One adaptation step.
     *
     * @param acceptStat the iteration's average acceptance statistic (values above 1 count as 1)
     * @return the step size for the next iteration, {@code exp(x_t)}
     */
    public double learn(double acceptStat) {
        counter++;
        double a = acceptStat > 1 ? 1 : acceptStat;
        double eta = 1.0 / (counter + t0);
        sBar = (1.0 - eta) * sBar + eta * (delta - a);
        double x = Math.min(mu - sBar * Math.sqrt(counter) / gamma, logMaxStepSize);
        double xEta = Math.pow(counter, -kappa);
        xBar = (1.0 - xEta) * xBar + xEta * x;
        return Math.exp(x);
    }

    /** The adapted step size at the end of warmup: {@code exp(x_bar)}. */
    public double finalStepSize() {
        return Math.exp(xBar);
    }
}
