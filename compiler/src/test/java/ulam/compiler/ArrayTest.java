package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * Whole vectors and matrices as values: concatenation, cumulative sums of slices
 * ({@code sum(v[1:E])}), transposition; materialized locals read by the model and reported.
 */
class ArrayTest {

    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());

    private static void assertGradient(Model m) {
        Models.assertGradient(m, 17);
    }

    @Test
    void sumOfASliceOfAnAppendedVector() {
        // book m12.6's monotonic effect: delta_j <<- append_row(0, delta); sum(delta_j[1:E])
        Model m = Models.inline("""
                S ~ binomial(N, p)
                logit(p) <- a + bD*sum(dj[1:E])
                vector[3]:d ~ normal(0, 1)
                vector[4]:dj <<- append_row(0, d)
                c(a, bD) ~ normal(0, 1)
                S <- surv
                N <- density
                E <- ifelse(density == 10, 1, ifelse(density == 25, 2, 4))
                """, FROGS);
        assertEquals(List.of("d[1]", "d[2]", "d[3]", "a", "bD"), List.of(m.outputNames()));
        double[] q = {0.3, -0.5, 0.8, 0.2, 0.7};
        int[] s = FROGS.ints("surv", null);
        int[] n = FROGS.ints("density", null);
        double[] dj = {0, 0.3, -0.5, 0.8};
        double expected = 0;
        for (int i = 0; i < s.length; i++) {
            int e = n[i] == 10 ? 1 : n[i] == 25 ? 2 : 4;
            double sum = 0;
            for (int k = 0; k < e; k++) sum += dj[k];
            double p = 1 / (1 + Math.exp(-(0.2 + 0.7 * sum)));
            expected += new BinomialDistribution(null, n[i], p).logProbability(s[i]);
        }
        NormalDistribution std = new NormalDistribution(null, 0, 1);
        for (double v : q) expected += std.logDensity(v);
        assertEquals(expected, m.logDensity(q), 1e-9 * Math.abs(expected));
        assertGradient(m);
    }

    @Test
    void concatenatedTransformedParameterIsUsedAndReported() {
        Model m = Models.inline("""
                S ~ binomial(N, p)
                logit(p) <- v[G]
                c(a, b) ~ normal(0, 1)
                transpars> vector[3]:v <<- c(a, b, a + b)
                S <- surv
                N <- density
                G <- ifelse(density == 10, 1, ifelse(density == 25, 2, 3))
                """, FROGS);
        assertEquals(List.of("a", "b", "v[1]", "v[2]", "v[3]"), List.of(m.outputNames()));
        double[] out = new double[5];
        m.writeDraw(new double[] {0.4, -0.1}, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        assertEquals(0.4, out[2], 0);
        assertEquals(-0.1, out[3], 0);
        assertEquals(0.3, out[4], 1e-15);
        assertGradient(m);
    }

    @Test
    void transposedMatrixAsAGeneratedQuantity() {
        Model m = Models.inline("""
                matrix[2,3]:z ~ normal(0, 1)
                gq> matrix[3,2]:zt <<- t(z)
                gq> total <- zt[3,1] + zt[1,2]
                """, null);
        double[] q = {1, 2, 3, 4, 5, 6};   // z[1,1]=1, z[2,1]=2, z[1,2]=3, z[2,2]=4, z[1,3]=5, z[2,3]=6
        double[] out = new double[m.outputNames().length];
        m.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        // zt = t(z) is 3x2: zt[r,c] = z[c,r]; column-major: zt[1,1]=1, zt[2,1]=3, zt[3,1]=5, zt[1,2]=2, zt[2,2]=4, zt[3,2]=6
        assertEquals(List.of(1.0, 3.0, 5.0, 2.0, 4.0, 6.0), List.of(out[6], out[7], out[8], out[9], out[10], out[11]));
        assertEquals("zt[3,1]", m.outputNames()[8]);
        assertEquals(5.0 + 2.0, out[12], 0);
    }
}
