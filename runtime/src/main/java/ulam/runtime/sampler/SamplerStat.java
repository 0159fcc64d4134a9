package ulam.runtime.sampler;

/**
 * The per-iteration sampler statistics, in the column order of a Stan CSV file (CmdStan guide,
 * "Stan CSV file format"; Stan reference manual, "MCMC sampling: sampler parameters").
 * {@link #index()} is the position in the {@code double[7]} stats row that {@link ChainResult}
 * stores for every iteration.
 */
public enum SamplerStat {
    /**
     * Stan's {@code lp__}: the log density of the draw on the unconstrained scale, Jacobians
     * included, less the summands of each {@code ~} line that depend on no parameter
     * ({@link ulam.runtime.Model#lp(double)}; docs/stan.md, "lp__").
     */
    LP("lp__"),
    /** Average Metropolis acceptance probability over the whole trajectory, in [0, 1]. */
    ACCEPT_STAT("accept_stat__"),
    /** The step size used for this iteration's trajectory. */
    STEPSIZE("stepsize__"),
    /** Depth of the trajectory's binary tree (number of doublings), 0..max tree depth. */
    TREEDEPTH("treedepth__"),
    /** Number of leapfrog steps (= gradient evaluations) in the trajectory. */
    N_LEAPFROG("n_leapfrog__"),
    /** 1 if the trajectory ended with a divergence (energy error above 1000), else 0. */
    DIVERGENT("divergent__"),
    /** Hamiltonian (potential + kinetic energy) at the selected draw. */
    ENERGY("energy__");

    private final String column;

    SamplerStat(String column) {
        this.column = column;
    }

    /** The Stan CSV column name, e.g. {@code accept_stat__}. */
    public String column() {
        return column;
    }

    /** Position in a stats row ({@code 0..6}). */
    public int index() {
        return ordinal();
    }

    /** Number of sampler statistics per iteration (7). */
    public static final int COUNT = values().length;
}
