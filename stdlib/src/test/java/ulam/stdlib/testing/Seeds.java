package ulam.stdlib.testing;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Fixed-seed random sources, so every test run sees the same numbers. */
public final class Seeds {
    private Seeds() {}

    /** A generator whose seed depends only on the label (e.g. a distribution's name). */
    public static UniformRandomProvider source(String label) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(20240611L * 31 + label.hashCode());
    }
}
