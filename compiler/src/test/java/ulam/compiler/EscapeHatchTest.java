package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * custom(...) lines with the !Y placeholder, _lpdf calls in expressions, conditional lines
 * {@code y | cond ~ ...} and element priors {@code v[[k]] ~ ...} (language reference 2.7, 2.9, 2.11).
 */
class EscapeHatchTest {

    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());
    private static final String HEAD = "logit(p) <- a + b*D\nc(a, b) ~ dnorm(0, 1)\nS <- surv\nN <- density\nD <- density / 10\n";

    private static void assertSameModel(Model x, Model y) {
        Random rng = new Random(9);
        for (int point = 0; point < 4; point++) {
            double[] q = {rng.nextGaussian(), 0.3 * rng.nextGaussian()};
            double[] gx = new double[2];
            double[] gy = new double[2];
            assertEquals(y.logDensityGradient(q, gy), x.logDensityGradient(q, gx), 1e-9 * Math.abs(y.logDensity(q)));
            assertEquals(gy[0], gx[0], 1e-9 * Math.max(1, Math.abs(gy[0])));
            assertEquals(gy[1], gx[1], 1e-9 * Math.max(1, Math.abs(gy[1])));
            double[] lx = new double[x.observations()];
            double[] ly = new double[y.observations()];
            x.logLikelihood(q, lx);
            y.logLikelihood(q, ly);
            for (int i = 0; i < lx.length; i++) assertEquals(ly[i], lx[i], 1e-10, "pointwise log-likelihood " + i);
        }
    }

    @Test
    void customLineEqualsTheDistribution() {
        Model plain = Models.inline("S ~ binomial(N, p)\n" + HEAD, FROGS);
        Model custom = Models.inline("S ~ custom(binomial_lpmf(!Y | N, p))\n" + HEAD, FROGS);
        assertSameModel(custom, plain);
    }

    @Test
    void complementaryConditionalLinesEqualTheWholeLikelihood() {
        Model plain = Models.inline("S ~ binomial(N, p)\n" + HEAD, FROGS);
        Model split = Models.inline("S | S > 10 ~ binomial(N, p)\nS | S <= 10 ~ custom(binomial_lpmf(S | N, p))\n" + HEAD, FROGS);
        assertSameModel(split, plain);
    }

    @Test
    void conditionalLineCoversOnlyItsRows() {
        Model m = Models.inline("S | pred == \"no\" ~ binomial(N, p)\n" + HEAD, FROGS);
        double[] q = {0.4, -0.2};
        int[] s = FROGS.ints("surv", null);
        int[] n = FROGS.ints("density", null);
        String[] pred = FROGS.strings("pred", null);
        double expected = new NormalDistribution(null, 0, 1).logDensity(0.4) + new NormalDistribution(null, 0, 1).logDensity(-0.2);
        double[] ll = new double[m.observations()];
        m.logLikelihood(q, ll);
        for (int i = 0; i < s.length; i++) {
            double p = 1 / (1 + Math.exp(-(0.4 - 0.2 * n[i] / 10.0)));
            double li = new BinomialDistribution(null, n[i], p).logProbability(s[i]);
            if (pred[i].equals("no")) {
                expected += li;
                assertEquals(li, ll[i], 1e-10, "row " + i);
            } else {
                assertEquals(0.0, ll[i], 0.0, "row " + i + " is not covered");
            }
        }
        assertEquals(expected, m.logDensity(q), 1e-9 * Math.abs(expected));
    }

    @Test
    void elementPriors() {
        Model m = Models.inline("vector[2]:v[[1]] ~ normal(0, 4)\nv[[2]] ~ normal(1, 0.5)\nz ~ normal(v[1] + v[2], 1)\n", null);
        double[] q = {0.7, -0.3, 0.2};
        double expected = new NormalDistribution(null, 0, 4).logDensity(0.7) + new NormalDistribution(null, 1, 0.5).logDensity(-0.3)
                + new NormalDistribution(null, 0.4, 1).logDensity(0.2);
        assertEquals(expected, m.logDensity(q), 1e-12);
    }
}
