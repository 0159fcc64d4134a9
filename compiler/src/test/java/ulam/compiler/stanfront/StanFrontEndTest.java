package ulam.compiler.stanfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The Stan front end: the alist the pooling lecture's programs become, and located errors for
 * bad syntax and for what it does not support yet (the line, the caret's column, the message).
 */
class StanFrontEndTest {
    static final DataSet DATA = DataSet.read(List.of(Path.of("../examples/stan/bangladesh.json")), Map.of());

    static final String HEAD = "data {\n  int<lower=1> N;\n  int<lower=1> J;\n  array[N] int g;\n  vector[N] x;\n  int y[N];\n}\n"
            + "parameters {\n  real a;\n  real<lower=0> s;\n  vector[J] z;\n}\n";

    @Test
    void theNonCentredProgramBecomesTheAlistItSays() {
        Source s = Source.read(Path.of("../examples/stan/hierarchical_nc.stan"));
        StanFrontEnd.Translation t = StanFrontEnd.translate(s, Compiler.schema(DATA));
        assertEquals("""
                stan <- ulam(
                  alist(
                    mu_alpha ~ normal(0, 2.5),
                    sigma_alpha ~ exponential(1),
                    vector[J]:z ~ normal(0, 1),
                    beta ~ normal(0, 2.5),
                    transpars> vector[J]:alpha <<- mu_alpha + sigma_alpha * z,
                    y ~ bernoulli_logit(alpha[g] + beta * x),
                    gq> p_urban_1 <- inv_logit(alpha[1] + beta)
                  ),
                  constraints = list(
                    sigma_alpha = "lower=0"))
                """, t.alist().text());
    }

    @Test
    void loopsAndTargetIncrementsAreVectorisedLines() {
        String model = HEAD + "model {\n  vector[N] eta;\n  for (n in 1:N)\n    eta[n] = z[g[n]] + a * x[n];\n"
                + "  target += normal_lpdf(z | 0, s) + exponential_lpdf(s | 1);\n  for (j in 1:J) z[j] ~ normal(0, 1);\n"
                + "  for (n in 1:N) y[n] ~ bernoulli_logit(eta[n]);\n}\n";
        StanFrontEnd.Translation t = StanFrontEnd.translate(new Source("m.stan", model), Compiler.schema(DATA));
        String alist = t.alist().text();
        // target += dist_lpdf keeps its constants in lp__: the line is tagged target> (docs/stan.md, "lp__")
        assertTrue(alist.contains("    a ~ flat(),\n    target> s ~ exponential(1),\n    target> vector[J]:z ~ normal(0, s),\n"), alist);
        assertTrue(alist.contains("eta <- z[g] + a * x,\n    z ~ normal(0, 1),\n    y ~ bernoulli_logit(eta)\n"), alist);
        assertNotNull(Compiler.compile(new Source("m.stan", model), Compiler.schema(DATA)));
    }

    @Test
    void lagsLoopsFromKAndAccumulatingLocalsAreRowLinesOnDerivedIndexes() {
        String model = HEAD + "model {\n  for (n in 3:N) {\n    real m = a;\n    for (k in 1:2) m += s * x[n - k];\n"
                + "    y[n] ~ bernoulli_logit(m);\n  }\n}\n";
        StanFrontEnd.Translation t = StanFrontEnd.translate(new Source("m.stan", model), Compiler.schema(DATA));
        String alist = t.alist().text();
        assertTrue(alist.contains("""
                    transdata> stan_row_1 <- 1:N,
                    transdata> stan_lag_1 <- ifelse(stan_row_1 > 1, stan_row_1 - 1, 1),
                    transdata> stan_lag_2 <- ifelse(stan_row_1 > 2, stan_row_1 - 2, 1),
                    y | stan_row_1 >= 3 ~ bernoulli_logit((((a) + s * x[stan_lag_1]) + s * x[stan_lag_2]))
                """), alist);
        assertNotNull(Compiler.compile(new Source("m.stan", model), Compiler.schema(DATA)));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // syntax: a missing semicolon is reported at the end of the statement that lacks it
                Arguments.of(HEAD + "model {\n  a ~ normal(0, 1)\n  s ~ exponential(1);\n}\n", 14, 19, "missing ';' at the end of the statement"),
                Arguments.of(HEAD + "model {\n  real m = a\n    + 1;  // ok: the statement goes on\n  s ~ exponential(1)\n\n}\n", 16, 21,
                        "missing ';' at the end of the statement"),
                Arguments.of(HEAD + "model {\n  a ~ normal(0, 1);\n", 15, 1, "the end of the file"),
                Arguments.of("data { int N; }\nmodel { }\nparameters { real a; }\n", 3, 1, "Stan syntax error"),
                Arguments.of(HEAD + "model {\n  a ~ normal(0, 1) @ 2;\n}\n", 14, 20, "unexpected character '@'"),
                // not supported yet, located
                Arguments.of("functions {\n  real f(real x) { return f(x); }\n}\n" + HEAD, 2, 27, "recursion ('f' calls itself)"),
                Arguments.of(HEAD + "model {\n  while (1) { }\n}\n", 14, 3, "a while loop is not supported yet"),
                Arguments.of(HEAD + "model {\n  if (a > 1) a ~ normal(0, 1);\n}\n", 14, 3, "if / else whose condition depends on parameters"),
                Arguments.of(HEAD + "model {\n  for (j in 2:J) z[j] ~ normal(z[j - 1], s);\n}\n", 14, 18, "in a loop that does not start at 1"),
                Arguments.of(HEAD + "model {\n  for (n in 1:N) y[n] ~ bernoulli_logit(x[n - 1]);\n}\n", 14, 43, "the loop reads index 0"),
                Arguments.of(HEAD + "model {\n  for (n in 2:N) y[n] ~ bernoulli_logit(x[n + 1]);\n}\n", 14, 43, "an index after the loop's variable"),
                Arguments.of(HEAD + "model {\n  vector[N] e;\n  for (n in 2:N) e[n] = x[n - 1];\n}\n", 15, 18, "in a loop that does not start at 1"),
                Arguments.of(HEAD + "model {\n  for (n in 1:N) { real m; m += x[n]; y[n] ~ bernoulli_logit(m); }\n}\n", 14, 28,
                        "read (+=) before it is given a value"),
                Arguments.of(HEAD + "model {\n  for (j in 1:J) z[j] ~ normal(j, s);\n}\n", 14, 32, "using the loop variable 'j'"),
                Arguments.of(HEAD + "model {\n  for (n in 1:J) y[n] ~ bernoulli_logit(a);\n}\n", 14, 20, "whose size here is N"),
                Arguments.of(HEAD + "model {\n  target += reduce_sum(f, y, 1);\n}\n", 14, 13, "reduce_sum() (ODE"),
                Arguments.of(HEAD + "model {\n  target += -0.5 * a^2;\n}\n", 14, 13, "target += of an expression"),
                Arguments.of(HEAD + "model {\n  a ~ normal(0, 1);\n  b ~ normal(0, 1);\n}\n", 15, 3, "'b' is not declared"),
                Arguments.of(HEAD + "transformed parameters {\n  real m;\n}\n", 14, 8, "never given a value"),
                // a checker error on the alist line comes back to the Stan statement
                Arguments.of(HEAD + "model {\n  y ~ bernouli_logit(a + z[g]);\n}\n", 14, 3, "bernouli_logit"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("errors")
    void errorsAreLocated(String model, int line, int column, String message) {
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.stan", model), Compiler.schema(DATA)));
        assertTrue(e.getMessage().contains(message), e.format());
        assertNotNull(e.location(), e.format());
        assertEquals("m.stan", e.location().file(), e.format());
        assertEquals(line, e.location().line(), e.format());
        assertEquals(column, e.location().column(), e.format());
    }

    static Stream<Arguments> badData() {
        return Stream.of(
                Arguments.of("int<lower=0> N;\n  array[N] int<lower=0, upper=0> y;", 3, "y[11] = 1 is above its upper bound 0"),
                Arguments.of("int<lower=0> N;\n  vector<lower=0.5>[N] x;", 3, "x[64] = 0 is below its lower bound 0.5"),
                Arguments.of("int<lower=2000> N;", 2, "N = 1934 is below its lower bound 2000"),
                Arguments.of("int<lower=0> J;\n  vector[J] x;", 3, "'x' is declared with J = 60 elements, but the data have 1934"),
                Arguments.of("int<lower=0> N;\n  array[N] int<lower=1, upper=59> g;", 3, "g[1893] = 60 is above its upper bound 59"),
                Arguments.of("int<lower=0> N;\n  matrix[N, 2] x;", 3, "'x' is declared with 2 indices, but the data have 1 indices"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badData")
    void dataThatDoNotMatchTheDataBlockAreErrorsAtTheDeclaration(String decls, int line, String message) {
        String model = "data {\n  " + decls + "\n}\nparameters {\n  real a;\n}\nmodel {\n  a ~ normal(0, 1);\n}\n";
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.stan", model), Compiler.schema(DATA)));
        assertTrue(e.getMessage().contains(message), e.format());
        assertEquals(line, e.location().line(), e.format());
    }

    @Test
    void aSizeThatIsArithmeticOfDataScalarsIsItsValue() {
        String model = "data {\n  int J;\n}\nparameters {\n  ordered[J - 1] c;\n  vector[2 * (J + 1)] b;\n}\nmodel {\n  b ~ normal(0, 1);\n}\n";
        StanFrontEnd.Translation t = StanFrontEnd.translate(new Source("m.stan", model), Compiler.schema(DATA));
        assertTrue(t.alist().text().contains("ordered[59]:c ~ flat(),\n    vector[122]:b ~ normal(0, 1)"), t.alist().text());
        UlamException e = assertThrows(UlamException.class, () -> StanFrontEnd.translate(new Source("m.stan", model), null));
        assertTrue(e.getMessage().contains("a size that is an expression (without the data)"), e.format());
    }

    @Test
    void dataMissingAVariableIsAnErrorAtItsDeclaration() {
        String model = HEAD.replace("vector[N] x;", "vector[N] x;\n  vector[N] w;") + "model {\n  y ~ bernoulli_logit(a + w);\n}\n";
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.stan", model), Compiler.schema(DATA)));
        assertTrue(e.getMessage().contains("the data have no 'w'"), e.format());
        assertEquals(6, e.location().line());
        assertEquals(13, e.location().column());
    }
}
