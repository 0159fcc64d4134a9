package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import ulam.runtime.UlamException;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * Automatic imputation (language reference 2.15): a variable with NA on the left of a {@code ~}
 * line gets a parameter {@code name_impute} for its missing values, and every use reads the
 * observed value or that parameter. Checked against the book's m15.5 written out by hand.
 */
class ImputationTest {

    private static final DataSet MILK = DataSet.read(List.of(Path.of("../examples/data/milk.csv")), Map.of());
    private static final String M15_5 = """
            K ~ dnorm(mu, sigma)
            mu <- a + bB*B + bM*M
            B ~ dnorm(nu, sigma_B)
            c(a, nu) ~ dnorm(0, 0.5)
            c(bB, bM) ~ dnorm(0, 0.5)
            sigma_B ~ dexp(1)
            sigma ~ dexp(1)
            K <- standardize(kcal.per.g)
            B <- standardize(neocortex.perc)
            M <- standardize(log(mass))
            """;

    /** (x - mean) / sd over the observed values, NaN kept. */
    private static double[] standardize(double[] x) {
        double[] obs = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        double mean = Arrays.stream(obs).average().orElseThrow();
        double ss = 0;
        for (double v : obs) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (obs.length - 1));
        return Arrays.stream(x).map(v -> (v - mean) / sd).toArray();
    }

    private static double handWritten(double[] q, double[] k, double[] b, double[] m) {
        double a = q[0];
        double nu = q[1];
        double bB = q[2];
        double bM = q[3];
        double sigmaB = Math.exp(q[4]);
        double sigma = Math.exp(q[5]);
        NormalDistribution prior = new NormalDistribution(null, 0, 0.5);
        ExponentialDistribution exp1 = new ExponentialDistribution(null, 1);
        double lp = prior.logDensity(a) + prior.logDensity(nu) + prior.logDensity(bB) + prior.logDensity(bM)
                + exp1.logDensity(sigmaB) + q[4] + exp1.logDensity(sigma) + q[5];
        int slot = 6;
        for (int i = 0; i < k.length; i++) {
            double bi = Double.isNaN(b[i]) ? q[slot++] : b[i];
            lp += new NormalDistribution(null, nu, sigmaB).logDensity(bi);
            lp += new NormalDistribution(null, a + bB * bi + bM * m[i], sigma).logDensity(k[i]);
        }
        assertEquals(q.length, slot, "one parameter per missing value");
        return lp;
    }

    @Test
    void missingValuesBecomeParametersOfTheirLine() {
        Model model = Models.inline(M15_5, MILK);
        double[] b = standardize(MILK.realsWithMissing("neocortex_perc", null));
        double[] k = standardize(MILK.reals("kcal_per_g", null));
        double[] m = standardize(Arrays.stream(MILK.reals("mass", null)).map(Math::log).toArray());
        long missing = Arrays.stream(b).filter(Double::isNaN).count();
        assertEquals(12, missing);
        assertEquals(6 + 12, model.dimension());
        List<String> names = List.of(model.outputNames());
        assertTrue(names.contains("B_impute[1]") && names.contains("B_impute[12]") && !names.contains("B_impute[13]"), names.toString());
        assertTrue(model.notes().stream().anyMatch(n -> n.contains("Found 12 NA values in neocortex_perc")), model.notes().toString());

        Random rng = new Random(3);
        for (int point = 0; point < 5; point++) {
            double[] q = new double[model.dimension()];
            for (int j = 0; j < q.length; j++) q[j] = 0.5 * rng.nextGaussian();
            double expected = handWritten(q, k, b, m);
            assertEquals(expected, model.logDensity(q), 1e-9 * Math.abs(expected));
            double[] g = new double[q.length];
            assertEquals(expected, model.logDensityGradient(q, g), 1e-9 * Math.abs(expected));
            for (int j = 0; j < q.length; j++) {
                double fd = Models.finiteDifference(model, q, j);
                assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), "d lp / dq[" + j + "]");
            }
        }
    }

    @Test
    void derivedDataFunctionsTakeElementwiseExpressions() {
        // M <- standardize(log(mass)) reads the same values as log_mass <- log(mass); M <- standardize(log_mass)
        Model direct = Models.inline(M15_5, MILK);
        Model named = Models.inline(M15_5.replace("M <- standardize(log(mass))", "L <- log(mass)\nM <- standardize(L)"), MILK);
        double[] q = new double[direct.dimension()];
        Arrays.fill(q, 0.2);
        assertEquals(named.logDensity(q), direct.logDensity(q), 0.0);
    }

    @Test
    void mergeMissingIsTheExplicitFormOfImputation() {
        // the book's explicit form: B_merge <- merge_missing(B, B_impute) with the '~' line on B_merge
        Model auto = Models.inline(M15_5, MILK);
        Model explicit = Models.inline(M15_5.replace("mu <- a + bB*B + bM*M", "mu <- a + bB*B_merge + bM*M")
                .replace("B ~ dnorm(nu, sigma_B)", "B_merge ~ dnorm(nu, sigma_B)\nvector[29]:B_merge <- merge_missing(B, B_impute)"), MILK);
        assertEquals(auto.dimension(), explicit.dimension());
        assertEquals(Arrays.asList(auto.outputNames()), Arrays.asList(explicit.outputNames()));
        double[] q = new double[auto.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = 0.1 * (k % 7) - 0.3;
        double[] g1 = new double[q.length];
        double[] g2 = new double[q.length];
        assertEquals(auto.logDensityGradient(q, g1), explicit.logDensityGradient(q, g2), 0.0);
        assertArrayEquals(g1, g2, 0.0);
        UlamException e = assertThrows(UlamException.class, () -> Models.inline(M15_5.replace("mu <- a + bB*B + bM*M",
                "mu <- a + bB*B + bM*X\nX <- merge_missing(M, X_impute)"), MILK));
        assertTrue(e.getMessage().contains("'X' needs a distribution"), e.getMessage());
    }

    @Test
    void integerVariablesWithMissingValuesAreRefused() {
        DataSet data = DataSet.read(List.of(Path.of("../examples/data/milk.csv")), Map.of());
        UlamException e = assertThrows(UlamException.class, () -> Models.inline("""
                C ~ dpois(lambda)
                log(lambda) <- a
                a ~ dnorm(0, 1)
                C <- round(neocortex.perc)
                """, data));
        assertTrue(e.getMessage().contains("only real-valued variables can be imputed"), e.getMessage());
    }
}
