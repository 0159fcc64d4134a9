package ulam.runtime.sampler;

/**
 * The Euclidean metric (inverse mass matrix) used by the Hamiltonian of NUTS (Stan reference
 * manual, "Hamiltonian Monte Carlo: Euclidean metrics"). The kinetic energy is
 * {@code K(p) = p' M^-1 p / 2}; warmup estimates {@code M^-1} from the draws.
 */
public enum MetricKind {
    /** Diagonal {@code M^-1}: one variance per unconstrained parameter (Stan's {@code diag_e}, the default). */
    DIAG("diag_e"),
    /** Dense {@code M^-1}: the full covariance of the unconstrained parameters (Stan's {@code dense_e}). */
    DENSE("dense_e"),
    /**
     * Diagonal {@code M^-1} with a low-rank correction along the directions where the scaled
     * posterior's variance is far from 1 ({@link LowRankMetric}; gradient-based adaptation only).
     * Stan has no such metric: its CSV files write the equivalent dense {@code M^-1} ({@code dense_e}).
     */
    LOW_RANK("dense_e"),
    /**
     * Diagonal {@code M^-1} that becomes dense at the end of a slow warm-up window whose draws are
     * strongly correlated: the condition number of their correlation matrix above
     * {@link MetricAdaptation#AUTO_CONDITION}, for 2 to {@link MetricAdaptation#AUTO_MAX_DIMENSION}
     * unconstrained parameters (Stan's adaptation; with the gradient-based adaptation it is
     * {@link #DIAG}). {@code --metric auto}; a chain that never switches is Stan's
     * {@code diag_e} draw for draw. Not yet the default: the reference suites have not been run with it.
     */
    AUTO("diag_e");

    private final String stanName;

    MetricKind(String stanName) {
        this.stanName = stanName;
    }

    /** The name Stan uses in its CSV header ({@code diag_e} or {@code dense_e}; the low-rank metric is written dense). */
    public String stanName() {
        return stanName;
    }
}
