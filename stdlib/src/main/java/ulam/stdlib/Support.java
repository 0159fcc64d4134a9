package ulam.stdlib;

/**
 * Where a value lives; used for the constraint a parameter receives from a distribution
 * (language reference 3.5 and A.6).
 *
 * <ul>
 *   <li>{@code REAL}: the whole real line, no constraint;</li>
 *   <li>{@code POSITIVE}: {@code > 0} (Stan {@code <lower=0>});</li>
 *   <li>{@code UNIT}: {@code (0, 1)} (Stan {@code <lower=0, upper=1>});</li>
 *   <li>{@code ARG_BOUNDS}: between two arguments of the distribution, given by
 *       {@link DistributionSpec#lowerArg()} and {@link DistributionSpec#upperArg()}
 *       ({@code uniform(L, U)});</li>
 *   <li>{@code SIMPLEX}, {@code ORDERED}, {@code CORR_MATRIX}, {@code CHOLESKY_FACTOR_CORR},
 *       {@code COV_MATRIX}, {@code CHOLESKY_FACTOR_COV}: the structured types.</li>
 * </ul>
 */
public enum Support {
    REAL, POSITIVE, UNIT, ARG_BOUNDS,
    SIMPLEX, ORDERED, CORR_MATRIX, CHOLESKY_FACTOR_CORR, COV_MATRIX, CHOLESKY_FACTOR_COV
}
