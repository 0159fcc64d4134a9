package ulam.compiler.stanfront;

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
 * User-defined functions ({@link FunctionInliner}): a program whose functions call each other,
 * fill a vector in a loop, branch on a size and are called from transformed data and the model
 * has the log density and gradient of the same program written without functions (brms's
 * approximate GP, {@code spd_cov_exp_quad} and {@code gpa}, in one dimension); recursion and the
 * forms not supported are located errors.
 */
class StanFunctionsTest {

    static final String DATA = """
            data {
              int<lower=1> N;
              int<lower=1> M;
              vector[N] y;
              matrix[N, M] X;
              vector[M] lambda;
            }
            """;

    static final String PARAMETERS = """
            parameters {
              real<lower=0> sdgp;
              vector<lower=0>[1] ls;
              vector[M] z;
              real<lower=0> sigma;
            }
            """;

    static final String PRIORS = """
              target += normal_lpdf(z | 0, 1);
              target += normal_lpdf(sdgp | 0, 1);
              target += normal_lpdf(ls | 0, 1);
              target += exponential_lpdf(sigma | 1);
              target += normal_lpdf(y | mu, sigma);
            }
            """;

    /** With functions: spd fills a vector in a loop under an if on rows(lscale); pred calls spd; half is called in transformed data. */
    static final String WITH = """
            functions {
              vector half(vector v) {
                vector[rows(v)] o;
                for (i in 1:rows(v)) o[i] = v[i] / 2;
                return o;
              }
              vector spd(vector x, real sdgp, vector lscale) {
                int NB = size(x);
                int Dls = rows(lscale);
                vector[NB] out;
                if (Dls == 1) {
                  real c = square(sdgp) * sqrt(2 * pi()) * lscale[1];
                  for (m in 1:NB) {
                    out[m] = c * exp(-0.5 * square(lscale[1]) * square(x[m]));
                  }
                } else {
                  real c = square(sdgp);
                  for (m in 1:NB) out[m] = c;
                }
                return out;
              }
              vector pred(matrix X, real sdgp, vector lscale, vector z, vector lambda) {
                vector[cols(X)] d = sqrt(spd(lambda, sdgp, lscale));
                return X * (d .* z);
              }
            }
            """ + DATA + """
            transformed data {
              vector[M] lam = half(lambda);
            }
            """ + PARAMETERS + """
            model {
              vector[N] mu = 1 + pred(X, sdgp, ls, z, lam);
            """ + PRIORS;

    /** The same program written without functions. */
    static final String WITHOUT = DATA + """
            transformed data {
              vector[M] lam = lambda / 2;
            }
            """ + PARAMETERS + """
            model {
              real c = square(sdgp) * sqrt(2 * pi()) * ls[1];
              vector[M] out;
              for (m in 1:M) out[m] = c * exp(-0.5 * square(ls[1]) * square(lam[m]));
              vector[M] d = sqrt(out);
              vector[N] mu = 1 + X * (d .* z);
            """ + PRIORS;

    /**
     * WITH with brms's argument, an array of one-element vectors: {@code dot_self(x[m])} in the
     * loop is one dot product per row ({@code rows_dot_product}); its data are lambda / 2, so
     * that it is WITHOUT's density without the transformed data.
     */
    static final String WITH_ARRAY = WITH.replace("vector[M] lambda;", "array[M] vector[1] lambda;")
            .replace("vector spd(vector x,", "vector spd(array[] vector x,").replace("square(x[m])", "dot_self(x[m])")
            .replace("vector z, vector lambda)", "vector z, array[] vector lambda)")
            .replace("transformed data {\n  vector[M] lam = half(lambda);\n}\n", "").replace("pred(X, sdgp, ls, z, lam)", "pred(X, sdgp, ls, z, lambda)");

    static DataSet data() {
        return data("[0.5, 1.0, 1.5]");
    }

    static DataSet data(String lambda) {
        String json = "{\"N\": 4, \"M\": 3, \"y\": [0.1, -0.3, 0.8, 1.2], \"X\": [[1, 0.5, 0.2], [0.3, -1, 0.4], [0.0, 0.7, -0.2], [1.1, 0.1, 0.9]],"
                + " \"lambda\": " + lambda + "}";
        return ulam.compiler.testing.Models.json(json);
    }

    static Model model(String program, DataSet d) {
        return Compiler.compile(new Source("m.stan", program), Compiler.schema(d)).factory().apply(d);
    }

    @Test
    void inlinedFunctionsGiveTheDensityAndGradientOfTheProgramWithoutThem() {
        DataSet d = data();
        assertSameDensity(model(WITH, d), model(WITHOUT, d));
    }

    @Test
    void anArrayOfVectorsArgumentGivesTheSameDensity() {
        assertTrue(!WITH_ARRAY.contains("half(lambda)") && WITH_ARRAY.contains("dot_self(x[m])"), WITH_ARRAY);
        assertSameDensity(model(WITH_ARRAY, data("[[0.25], [0.5], [0.75]]")), model(WITHOUT, data()));
    }

    /** The log density and its gradient agree (relative 1e-12) at three points. */
    static void assertSameDensity(Model with, Model without) {
        assertEquals(6, with.dimension());
        double[][] points = {{0.1, -0.2, 0.3, -0.4, 0.5, 0.2}, {-0.7, 0.4, 1.1, 0.0, -0.3, -0.5}, {0.9, 0.8, -1.2, 0.6, 0.1, 0.3}};
        for (double[] q : points) {
            double[] ga = new double[q.length];
            double[] gb = new double[q.length];
            double a = with.logDensityGradient(q, ga);
            double b = without.logDensityGradient(q, gb);
            assertEquals(b, a, 1e-12 * Math.abs(b), "log density");
            assertEquals(b, with.logDensity(q), 1e-12 * Math.abs(b), "log density without the gradient");
            for (int k = 0; k < q.length; k++) assertEquals(gb[k], ga[k], 1e-12 * Math.max(1, Math.abs(gb[k])), "d/dq" + k);
        }
    }

    @Test
    void theIfOnASizeIsDecidedAndTheBodysLocalsAreRenamed() {
        DataSet d = data();
        StanFrontEnd.Translation t = StanFrontEnd.translate(new Source("m.stan", WITH), Compiler.schema(d));
        String alist = t.alist().text();
        assertTrue(alist.contains("out_spd"), alist);
        assertTrue(t.notes().stream().anyMatch(n -> n.contains("if (1 == 1) is true")), t.notes().toString());
    }

    static Stream<Arguments> errors() {
        String rest = DATA + "parameters {\n  real a;\n}\nmodel {\n  a ~ normal(f(1.0), 1);\n}\n";
        return Stream.of(
                Arguments.of("functions {\n  real f(real x) { return f(x); }\n}\n" + rest, 2, 27, "recursion ('f' calls itself)"),
                Arguments.of("functions {\n  real g(real x);\n  real f(real x) { return g(x); }\n  real g(real x) { return 2 * f(x); }\n}\n" + rest,
                        4, 31, "'f' calls itself through f -> g -> f"),
                Arguments.of("functions {\n  real f(real x) {\n    for (i in 1:2) return x;\n    return x;\n  }\n}\n" + rest, 3, 20,
                        "a return other than as the last statement"),
                Arguments.of("functions {\n  real f(real x) {\n    if (x > 0) return x;\n    else return -x;\n  }\n}\n" + rest, 3, 5,
                        "does not end in 'return e;'"),
                Arguments.of("functions {\n  real f_rng(real x) { return x; }\n  real f(real x) { return f_rng(x); }\n}\n" + rest, 3, 27,
                        "f_rng() (a function ending in _rng or _lp)"),
                Arguments.of("functions {\n  real f(real x) { return x; }\n}\n" + rest.replace("f(1.0)", "f(1.0, 2.0)"), 15, 14,
                        "f() takes 1 argument(s), but the call gives 2"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("errors")
    void errorsAreLocated(String program, int line, int column, String message) {
        DataSet d = data();
        UlamException e = assertThrows(UlamException.class, () -> model(program, d));
        assertTrue(e.getMessage().contains(message), e.format());
        assertNotNull(e.location(), e.format());
        assertEquals("m.stan", e.location().file(), e.format());
        assertEquals(line, e.location().line(), e.format());
        assertEquals(column, e.location().column(), e.format());
    }
}
