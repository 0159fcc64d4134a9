package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;

/** Random variates shared by several {@code rng} methods of the second release's distributions. */
final class Draws {
    private Draws() {}

    /**
     * Up to this expected count of the rarer outcome, {@link #binomial} inverts the distribution
     * function from 0 (Kachitvichyanukul and Schmeiser 1988, "Binomial random variate
     * generation", algorithm BINV: about N min(p, 1 - p) + 1 steps) instead of building the table
     * sampler's tables, which costs far more than one draw for the small N of a posterior
     * predictive simulation (35 tadpoles: 80 % of {@code ulam sim}'s time went there). It also
     * covers the vanishing rare outcome that commons-rng 1.6's table sampler cannot draw (it
     * throws ArrayIndexOutOfBoundsException once N min(p, 1 - p) falls below about 5e-10).
     */
    static final double INVERSION = 30;

    /**
     * A binomial(N, p) variate for N &gt;= 0 and p in [0, 1]: {@link Binomial#draw} when
     * N min(p, 1 - p) &gt; {@link #INVERSION}; otherwise the distribution function is inverted
     * from 0 up (by symmetry, from N down for p above 1/2).
     */
    static int binomial(UniformRandomProvider rng, int n, double p) {
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (n * Math.min(p, 1.0 - p) > INVERSION) {
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
