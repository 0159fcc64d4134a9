package ulam.compiler.stanfront;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The forms of brms's generated programs (posteriordb's diamonds): a transformed data block run
 * on the data ({@link StanInterpreter}: the centred design matrix filled column by column through
 * slices), an empty functions block, {@code if (!prior_only)} decided by the data, and
 * {@code target += ... - student_t_lccdf(0 | ...)} (a constant of the data). The computed data
 * and the log density are compared with hand computations; what stays unsupported is a located error.
 */
class StanTransformedDataTest {

    /** brms 2.10's program for {@code y ~ x1 + x2} with a half-t prior on sigma (diamonds' shape). */
    static final String BRMS = """
            functions {
            }
            data {
              int<lower=1> N;
              vector[N] Y;
              int<lower=1> K;
              matrix[N, K] X;
              int prior_only;
            }
            transformed data {
              int Kc = K - 1;
              matrix[N, Kc] Xc;
              vector[Kc] means_X;
              for (i in 2:K) {
                means_X[i - 1] = mean(X[:, i]);
                Xc[:, i - 1] = X[:, i] - means_X[i - 1];
              }
            }
            parameters {
              vector[Kc] b;
              real Intercept;
              real<lower=0> sigma;
            }
            transformed parameters {
            }
            model {
              target += normal_lpdf(b | 0, 1);
              target += student_t_lpdf(Intercept | 3, 8, 10);
              target += student_t_lpdf(sigma | 3, 0, 10)
                        - 1 * student_t_lccdf(0 | 3, 0, 10);
              if (!prior_only) {
                target += normal_id_glm_lpdf(Y | Xc, Intercept, b, sigma);
              }
            }
            generated quantities {
              real b_Intercept = Intercept - dot_product(means_X, b);
            }
            """;

    static final double[][] X = {{1, 2, 10}, {1, 4, 20}, {1, 6, 60}, {1, 0, 30}};
    static final double[] Y = {1.5, 2.5, 0.5, 4.0};

    static DataSet data(int priorOnly) {
        StringBuilder x = new StringBuilder();
        for (double[] r : X) x.append(x.length() == 0 ? "" : ", ").append(java.util.Arrays.toString(r));
        String json = "{\"N\": 4, \"K\": 3, \"prior_only\": " + priorOnly + ", \"Y\": " + java.util.Arrays.toString(Y) + ", \"X\": [" + x + "]}";
        return ulam.compiler.testing.Models.json(json);
    }

    @Test
    void theTransformedDataAreTheCentredColumnsAndTheirMeans() {
        DataSet d = data(0);
        StanFrontEnd.Translation t = StanFrontEnd.translate(new Source("brms.stan", BRMS), Compiler.schema(d));
        DataSet with = t.transformedData().apply(d);
        // by hand: the means of columns 2 and 3 are 3 and 30; Xc holds those columns less their means
        assertEquals(2, with.intScalar("Kc", null));
        assertArrayEquals(new double[] {3, 30}, with.reals("means_X", null), 0.0);
        assertArrayEquals(new int[] {4, 2}, with.dims("Xc", null));
        assertArrayEquals(new double[] {-1, 1, 3, -3, -20, -10, 30, 0}, with.realMatrix("Xc", null), 0.0);   // column-major
        String alist = t.alist().text();
        assertTrue(alist.contains("target> stan_const ~ custom(0.6931471805599453)"), alist);   // - student_t_lccdf(0 | 3, 0, 10) = log 2
        assertTrue(alist.contains("target> Y ~ normal_id_glm(Xc, Intercept, b, sigma)"), alist);
        assertTrue(alist.contains("gq> b_Intercept <<- Intercept - dot_product(means_X, b)"), alist);
    }

    /** The log density at q = (b1, b2, Intercept, log sigma), by hand: the priors, Stan's half-t normalisation, the likelihood, the Jacobian. */
    static double byHand(double[] q, boolean likelihood) {
        double[][] xc = {{-1, -20}, {1, -10}, {3, 30}, {-3, 0}};
        double sigma = Math.exp(q[3]);
        double lp = normal(q[0], 0, 1) + normal(q[1], 0, 1) + studentT(q[2], 3, 8, 10) + studentT(sigma, 3, 0, 10) + Math.log(2) + q[3];
        if (likelihood) for (int i = 0; i < 4; i++) lp += normal(Y[i], q[2] + xc[i][0] * q[0] + xc[i][1] * q[1], sigma);
        return lp;
    }

    static double normal(double y, double mu, double s) {
        double z = (y - mu) / s;
        return -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }

    static double studentT(double y, double nu, double mu, double s) {
        double z = (y - mu) / s;
        return ulam.stdlib.math.Numerics.lgamma((nu + 1) / 2) - ulam.stdlib.math.Numerics.lgamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(s)
                - (nu + 1) / 2 * Math.log1p(z * z / nu);
    }

    @Test
    void theLogDensityIsTheHandComputationAndPriorOnlyDropsTheLikelihood() {
        double[] q = {0.3, -0.05, 2.0, 0.4};
        for (int priorOnly : new int[] {0, 1}) {
            DataSet d = data(priorOnly);
            Compiler.Compiled c = Compiler.compile(new Source("brms.stan", BRMS), Compiler.schema(d));
            Model m = c.factory().apply(d);
            assertEquals(4, m.dimension());
            double lp = m.logDensity(q);
            assertEquals(byHand(q, priorOnly == 0), m.lp(lp), 1e-10, "prior_only = " + priorOnly);
            double[] g = new double[4];
            m.logDensityGradient(q, g);
            for (int k = 0; k < 4; k++) {
                double[] a = q.clone();
                double[] b = q.clone();
                a[k] += 1e-6;
                b[k] -= 1e-6;
                assertEquals((byHand(a, priorOnly == 0) - byHand(b, priorOnly == 0)) / 2e-6, g[k], 1e-6, "d/dq" + k);
            }
        }
    }

    @Test
    void compiledWithoutTheDataTheTransformedDataAreComputedWhenTheyAreBound() {
        String noIf = BRMS.replace("if (!prior_only) {", "{");
        Compiler.Compiled c = Compiler.compile(new Source("brms.stan", noIf), null);
        Model m = c.factory().apply(data(0));
        double[] q = {0.3, -0.05, 2.0, 0.4};
        assertEquals(byHand(q, true), m.lp(m.logDensity(q)), 1e-10);
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("brms.stan", BRMS), null));
        assertTrue(e.getMessage().contains("if / else on the data without the data"), e.format());
    }

    static Stream<Arguments> errors() {
        String td = "transformed data {\n  int Kc = K - 1;\n  matrix[N, Kc] Xc;\n  vector[Kc] means_X;\n";
        String rest = "}\nparameters {\n  real a;\n}\nmodel {\n  a ~ normal(0, 1);\n}\n";
        String head = BRMS.substring(BRMS.indexOf("data {"), BRMS.indexOf("transformed data"));
        return Stream.of(
                // the data's errors in transformed data, at their expression, when the data are bound
                Arguments.of(head + td + "  for (i in 1:K) means_X[i] = mean(X[:, i]);\n  Xc = X[:, 2:K];\n" + rest, 12, 26,
                        "index 3 is out of range for 'means_X'"),
                Arguments.of(head + td + "  for (i in 2:K) means_X[i - 1] = 0;\n  Xc[:, 1] = X[:, 1:2];\n" + rest, 13, 14,
                        "'Xc[:, 1]' is vector[4], and this value is matrix[4, 2]"),
                Arguments.of(head + td + "  means_X[1] = 0;\n  Xc = X[:, 2:K];\n" + rest, 11, 14, "means_X[2] is never given a value"),
                Arguments.of(head + td + "  Xc = X[:, 2:K];\n  means_X = sort_asc(rep_vector(0, Kc));\n" + rest, 13, 13,
                        "sort_asc() in transformed data"),
                // a condition on a parameter stays a refusal
                Arguments.of(head + "parameters {\n  real a;\n}\nmodel {\n  if (a > 0) a ~ normal(0, 1);\n}\n", 12, 3,
                        "if / else whose condition depends on parameters"),
                Arguments.of("functions {\n  real f(real x) { return f(x); }\n}\n" + head + "parameters {\n  real a;\n}\nmodel {\n  a ~ normal(0, 1);\n}\n",
                        2, 27, "recursion ('f' calls itself)"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("errors")
    void errorsAreLocated(String model, int line, int column, String message) {
        DataSet d = data(0);
        UlamException e = assertThrows(UlamException.class, () -> {
            Compiler.Compiled c = Compiler.compile(new Source("m.stan", model), Compiler.schema(d));
            c.factory().apply(d);
        });
        assertTrue(e.getMessage().contains(message), e.format());
        assertNotNull(e.location(), e.format());
        assertEquals("m.stan", e.location().file(), e.format());
        assertEquals(line, e.location().line(), e.format());
        assertEquals(column, e.location().column(), e.format());
    }
}
