package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;

/** Random variates shared by several {@code rng} methods of the second release's distributions. */
final class Draws {
    private Draws() {}

    /**
     * Below this expected count of the rarer outcome, {@link #binomial} inverts the distribution
     * function itself: commons-rng 1.6's {@code MarsagliaTsangWangDiscreteSampler.Binomial}
     * (behind {@link Binomial#draw}) throws ArrayIndexOutOfBoundsException once
     * N min(p, 1 - p) falls below about 5e-10 (its table of 2^-30 steps is then empty).
     */
    static final double RARE = 1e-6;

    /**
     * A binomial(N, p) variate for N &gt;= 0 and p in [0, 1]: {@link Binomial#draw}, except when
     * N min(p, 1 - p) &lt; {@link #RARE}, where the distribution function is inverted from 0 up
     * (by symmetry, from N down for p near 1); it almost always stops at the first term.
     */
    static int binomial(UniformRandomProvider rng, int n, double p) {
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (n * Math.min(p, 1.0 - p) >= RARE) {
            return Binomial.draw(rng, n, p);
        }
        boolean flip = p > 0.5;
        double q = flip ? 1.0 - p : p;
        double u = rng.nextDouble();
        double mass = Math.exp(n * Math.log1p(-q)); // P(0)
        double cumulative = mass;
        double ratio = q / (1.0 - q);
        int k = 0;
        while (u >= cumulative && k < n) {
            mass *= ratio * (n - k) / (k + 1.0);
            k++;
            cumulative += mass;
            if (mass == 0) {
                break; // u beyond the rounded total: the last value with mass
            }
        }
        return flip ? n - k : k;
    }
}
