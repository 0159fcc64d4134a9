package ulam.compiler.stanfront;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Generated quantities that are imperative code (a loop with an {@code if}, compound
 * assignments, a local scope), run by {@link StanInterpreter} once per draw on the draw's
 * parameters and transformed parameters ({@link InterpretedQuantities}): the values at a fixed
 * draw against a hand computation, the names, the draw's random stream for {@code _rng}.
 */
class StanGeneratedQuantitiesTest {

    static final String PROGRAM = """
            data {
              int<lower=1> N;
              vector[N] y;
            }
            transformed data {
              real c = 2;
            }
            parameters {
              real mu;
              real<lower=0> sigma;
            }
            transformed parameters {
              real m2 = 2 * mu;
            }
            model {
              y ~ normal(mu, sigma);
            }
            generated quantities {
              int n_above = 0;
              array[N] int above;
              real best = negative_infinity();
              int arg = 0;
              real lp = 0;
              array[2, 2] real corner;
              for (n in 1:N) {
                real l = normal_lpdf(y[n] | mu, sigma);
                above[n] = 0;
                if (y[n] > m2 / c) {
                  above[n] = 1;
                  n_above += 1;
                }
                lp += l;
                if (l > best) {
                  best = l;
                  arg = n;
                }
              }
              {
                array[2] real t = {1.0, 2.0};
                for (i in 1:2) for (j in 1:2) corner[i, j] = t[i] * 10 + j;
              }
              real z = normal_rng(mu, sigma);
            }
            """;

    static final double[] Y = {0.5, 3, 1.2, -1};

    static DataSet data() {
        try {
            Path f = Files.createTempFile("gq", ".json");
            Files.writeString(f, "{\"N\": 4, \"y\": " + java.util.Arrays.toString(Y) + "}");
            f.toFile().deleteOnExit();
            return DataSet.read(List.of(f), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model model(String program) {
        DataSet d = data();
        return Compiler.compile(new Source("gq.stan", program), Compiler.schema(d)).factory().apply(d);
    }

    @Test
    void imperativeBlockRunsOnTheDraw() {
        Model m = model(PROGRAM);
        assertEquals(List.of("mu", "sigma", "m2", "n_above", "above[1]", "above[2]", "above[3]", "above[4]", "best", "arg", "lp",
                "corner[1,1]", "corner[2,1]", "corner[1,2]", "corner[2,2]", "z"), List.of(m.outputNames()));
        double mu = 1;
        double sigma = 2;
        double[] q = {mu, Math.log(sigma)};
        double[] out = new double[m.outputNames().length];
        m.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(7L), out);
        assertEquals(mu, out[0], 1e-15);
        assertEquals(sigma, out[1], 1e-15);
        assertEquals(2 * mu, out[2], 1e-15);
        // y > m2 / c = mu: 3 and 1.2
        assertEquals(2, out[3]);
        assertArrayEquals(new double[] {0, 1, 1, 0}, java.util.Arrays.copyOfRange(out, 4, 8));
        double lp = 0;
        for (double y : Y) lp += -0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * Math.pow((y - mu) / sigma, 2);
        double best = -0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * Math.pow((1.2 - mu) / sigma, 2);   // y = 1.2 is nearest mu
        assertEquals(best, out[8], 1e-14);
        assertEquals(3, out[9]);
        assertEquals(lp, out[10], 1e-13);
        assertArrayEquals(new double[] {11, 21, 12, 22}, java.util.Arrays.copyOfRange(out, 11, 15));
        // the model's own draw uses no random numbers, so z is the stream's first normal draw
        double z = ulam.stdlib.dist.Normal.rng(RandomSource.XO_SHI_RO_256_PP.create(7L), mu, sigma);
        assertEquals(z, out[15], 0);
        Model copy = m.copy();
        double[] again = new double[out.length];
        copy.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(7L), again);
        assertArrayEquals(out, again);
    }

    @Test
    void declarativeBlockStaysLines() {
        String p = PROGRAM.substring(0, PROGRAM.indexOf("generated quantities")) + "generated quantities {\n  real m3 = 3 * mu;\n}\n";
        StanFrontEnd.Translation t = StanFrontEnd.translate(new Source("gq.stan", p), Compiler.schema(data()));
        assertNull(t.quantities());
        assertTrue(t.alist().text().contains("gq> m3"), t.alist().text());
    }

    @Test
    void errorInADrawIsLocated() {
        String p = PROGRAM.replace("corner[i, j] = t[i] * 10 + j;", "corner[i, j] = t[i + 1] * 10 + j;");
        Model m = model(p);
        double[] out = new double[m.outputNames().length];
        UlamException e = assertThrows(UlamException.class, () -> m.writeDraw(new double[] {1, 0}, RandomSource.XO_SHI_RO_256_PP.create(7L), out));
        assertTrue(e.format().contains("index 3 is out of range for 't'"), e.format());
        assertTrue(e.format().contains("gq.stan:"), e.format());
    }

    /**
     * posteriordb's hmm_example Viterbi pass, verbatim but for theta built in the block (its
     * model's forward pass and array-of-simplexes transformed parameter are not lowered yet), at
     * a fixed draw against the same recursion written in Java.
     */
    @Test
    void viterbiOfHmmExample() throws IOException {
        String p = """
                data {
                  int<lower=0> N;
                  int<lower=0> K;
                  array[N] real y;
                }
                parameters {
                  simplex[K] theta1;
                  simplex[K] theta2;
                  positive_ordered[K] mu;
                }
                model {
                  mu[1] ~ normal(3, 1);
                  mu[2] ~ normal(10, 1);
                }
                generated quantities {
                  array[N] int<lower=1, upper=K> z_star;
                  real log_p_z_star;
                  {
                    array[K] vector[K] theta = {theta1, theta2};
                    array[N, K] int back_ptr;
                    array[N, K] real best_logp;
                    for (k in 1 : K) {
                      best_logp[1, k] = normal_lpdf(y[1] | mu[k], 1);
                    }
                    for (t in 2 : N) {
                      for (k in 1 : K) {
                        best_logp[t, k] = negative_infinity();
                        for (j in 1 : K) {
                          real logp;
                          logp = best_logp[t - 1, j] + log(theta[j, k])
                                 + normal_lpdf(y[t] | mu[k], 1);
                          if (logp > best_logp[t, k]) {
                            back_ptr[t, k] = j;
                            best_logp[t, k] = logp;
                          }
                        }
                      }
                    }
                    log_p_z_star = max(best_logp[N]);
                    for (k in 1 : K) {
                      if (best_logp[N, k] == log_p_z_star) {
                        z_star[N] = k;
                      }
                    }
                    for (t in 1 : (N - 1)) {
                      z_star[N - t] = back_ptr[N - t + 1, z_star[N - t + 1]];
                    }
                  }
                }
                """;
        double[] y = {2.5, 3.1, 9.0, 10.2, 2.0, 11.0, 9.5};
        Path f = Files.createTempFile("hmm", ".json");
        Files.writeString(f, "{\"N\": 7, \"K\": 2, \"y\": " + java.util.Arrays.toString(y) + "}");
        f.toFile().deleteOnExit();
        DataSet d = DataSet.read(List.of(f), Map.of());
        Model m = Compiler.compile(new Source("hmm.stan", p), Compiler.schema(d)).factory().apply(d);
        assertEquals(List.of("theta1[1]", "theta1[2]", "theta2[1]", "theta2[2]", "mu[1]", "mu[2]", "z_star[1]", "z_star[2]", "z_star[3]",
                "z_star[4]", "z_star[5]", "z_star[6]", "z_star[7]", "log_p_z_star"), List.of(m.outputNames()));
        double[] q = new double[m.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = 0.3 * k - 0.4;
        double[] out = new double[m.outputNames().length];
        m.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        double[][] theta = {{out[0], out[1]}, {out[2], out[3]}};
        double[] mu = {out[4], out[5]};
        int n = y.length;
        double[][] best = new double[n][2];
        int[][] back = new int[n][2];
        for (int k = 0; k < 2; k++) best[0][k] = ulam.stdlib.dist.Normal.lpdf(y[0], mu[k], 1);
        for (int t = 1; t < n; t++) {
            for (int k = 0; k < 2; k++) {
                best[t][k] = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 2; j++) {
                    double lp = best[t - 1][j] + Math.log(theta[j][k]) + ulam.stdlib.dist.Normal.lpdf(y[t], mu[k], 1);
                    if (lp > best[t][k]) {
                        back[t][k] = j;
                        best[t][k] = lp;
                    }
                }
            }
        }
        int[] z = new int[n];
        z[n - 1] = best[n - 1][1] >= best[n - 1][0] ? 1 : 0;
        for (int t = n - 2; t >= 0; t--) z[t] = back[t + 1][z[t + 1]];
        for (int t = 0; t < n; t++) assertEquals(z[t] + 1, out[6 + t], "z_star[" + (t + 1) + "]");
        assertEquals(Math.max(best[n - 1][0], best[n - 1][1]), out[13], 1e-12);
        assertTrue(mu[0] < mu[1]);
    }
}
