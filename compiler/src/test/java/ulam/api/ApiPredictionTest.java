package ulam.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ulam.runtime.UlamException;

/**
 * {@link Posterior#link} and {@link Posterior#sim} on a varying-intercept binomial model: link's
 * p at each draw is inv_logit(a[g]) of that draw exactly; a new group's logit p is a_bar + sigma
 * z with z standard normal (its mean and variance checked against their Monte Carlo errors);
 * sim's counts are Binomial(n, p) (their mean checked against n p).
 */
class ApiPredictionTest {
    static final String MODEL = "y ~ dbinom(n, p)\nlogit(p) <- a[g]\na[g] ~ dnorm(a_bar, sigma)\na_bar ~ dnorm(0, 1.5)\nsigma ~ dexp(1)\n";
    static final int[] G = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5};
    static final int[] Y = {2, 5, 7, 9, 4, 3, 6, 8, 9, 5};
    static Posterior post;

    @BeforeAll
    static void fit() {
        UlamData data = UlamData.of(Map.of("y", Y, "n", new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, "g", G));
        post = Ulam.compile("groups", MODEL, data).sample(SampleOptions.defaults().seed(3).chains(2));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Test
    void linkIsTheInverseLinkOfEachDrawsLinearModel() {
        Predictions p = post.link(null);
        assertEquals(G.length, p.names().size());
        assertEquals(post.chains() * post.drawsPerChain(), p.draws());
        for (int i = 0; i < G.length; i++) {
            double[] a = post.draws("a[" + G[i] + "]");
            double[] pi = p.column("p[" + (i + 1) + "]");
            for (int s = 0; s < a.length; s++) assertEquals(1 / (1 + Math.exp(-a[s])), pi[s], 1e-12, "p[" + (i + 1) + "] at draw " + s);
        }
    }

    @Test
    void aNewGroupIsDrawnFromThePopulation() {
        UlamData fresh = UlamData.of(Map.of("g", new int[] {6}, "n", new int[] {10}));
        double[] p = post.link(fresh, "g").column("p[1]");
        double[] abar = post.draws("a_bar");
        double[] sigma = post.draws("sigma");
        double d = 0, z2 = 0, s2 = 0;
        int n = p.length;
        for (int s = 0; s < n; s++) {
            double e = logit(p[s]) - abar[s];
            d += e / n;
            z2 += e * e / (sigma[s] * sigma[s]) / n;
            s2 += sigma[s] * sigma[s];
        }
        // logit p - a_bar = sigma z, z iid N(0, 1) given the draws: the mean's sd is sqrt(sum sigma^2) / n
        assertEquals(0, d, 4.5 * Math.sqrt(s2) / n, "mean of logit p - a_bar");
        assertEquals(1, z2, 4.5 * Math.sqrt(2.0 / n), "mean of z^2");
        UlamException e = assertThrows(UlamException.class, () -> post.link(fresh));
        assertTrue(e.getMessage().contains("a[6]"), e.getMessage());
    }

    @Test
    void simDrawsBinomialCountsAroundTheirMeans() {
        Predictions y = post.sim(null, 7);
        Predictions p = post.link(null);
        assertEquals(List.of("y[1]", "y[2]", "y[3]", "y[4]", "y[5]", "y[6]", "y[7]", "y[8]", "y[9]", "y[10]"), y.names());
        int n = y.draws();
        for (int i = 1; i <= G.length; i++) {
            double[] yi = y.column("y[" + i + "]");
            double[] pi = p.column("p[" + i + "]");
            double d = 0, v = 0;
            for (int s = 0; s < n; s++) {
                assertTrue(yi[s] >= 0 && yi[s] <= 10 && yi[s] == Math.rint(yi[s]), "a count of 10 trials: " + yi[s]);
                d += (yi[s] - 10 * pi[s]) / n;
                v += 10 * pi[s] * (1 - pi[s]);
            }
            assertEquals(0, d, 4.5 * Math.sqrt(v) / n, "mean of y[" + i + "] - 10 p[" + i + "]");
        }
        assertArrayEquals(y.column("y[4]"), post.sim(null, 7).column("y[4]"), "the same seed, the same draws");
        UlamException none = assertThrows(UlamException.class, () -> y.column("z"));
        assertTrue(none.help().contains("y[1]"), none.help());
    }
}
