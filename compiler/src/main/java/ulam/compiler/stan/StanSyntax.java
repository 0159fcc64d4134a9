package ulam.compiler.stan;

/** Which Stan language the program is written in. */
public enum StanSyntax {
    /** Current Stan (2.33 and later): {@code array[N] int y;}, {@code abs}. */
    MODERN,
    /** Stan 2.21, as Debian's rstan has it: {@code int y[N];}, {@code fabs} for reals. */
    STAN_2_21
}
