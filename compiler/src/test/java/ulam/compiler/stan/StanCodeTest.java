package ulam.compiler.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The Stan text of small models, line by line. (That the programs compile in Stan and give our
 * model's log density, gradient and posterior is checked against rstan by the tests module's
 * StanExportTest, under the validation tag.)
 */
class StanCodeTest {

    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());
    private static final DataSet CHIMPS = DataSet.read(List.of(Path.of("../examples/data/chimpanzees.csv")), Map.of());
    private static final DataSet MILK = DataSet.read(List.of(Path.of("../examples/data/milk.csv")), Map.of());

    private static Compiler.Compiled compile(String text, DataSet data) {
        return Compiler.compile(new Source("m.ulam", text), data == null ? null : Compiler.schema(data));
    }

    private static String stan(String text, DataSet data, StanSyntax syntax, boolean logLik) {
        return StanProgram.of(compile(text, data).spec(), syntax, logLik).text();
    }

    private static String modern(String text, DataSet data) {
        return stan(text, data, StanSyntax.MODERN, false);
    }

    @Test
    void modelWithoutData() {
        assertEquals("""
                // m.ulam: written by ulam stancode
                parameters {
                  real v;
                  real z;
                }
                model {
                  v ~ normal(0, 3);
                  z ~ normal(0, 1);
                }
                generated quantities {
                  real x;
                  x = z * exp(v);
                }
                """, modern("v ~ normal(0, 3)\nz ~ normal(0, 1)\ngq> real[1]:x <<- z*exp(v)\n", null));
    }

    @Test
    void rowsLoopWhereStanCannotVectoriseAndOldArraySyntax() {
        String m = """
                P ~ bernoulli(p)
                logit(p) <- b[T,B] + a[A]
                matrix[T,B]:b ~ dnorm(0, 1)
                a[A] ~ dnorm(a_bar, sigma_A)
                a_bar ~ dnorm(0, 1.5)
                sigma_A ~ dexp(1)
                P <- pulled_left
                A <- actor
                B <- block
                T <- 1 + prosoc_left + 2*condition
                """;
        assertEquals("""
                // m.ulam: written by ulam stancode (Stan 2.21 syntax)
                data {
                  int<lower=0> N;  // length(P)
                  int<lower=0> N_T;  // max(T)
                  int<lower=0> N_B;  // max(B)
                  int<lower=0> N_A;  // max(A)
                  int P[N];  // P <- pulled_left
                  int A[N];  // A <- actor
                  int B[N];  // B <- block
                  int T[N];  // T <- 1 + prosoc_left + 2*condition
                }
                parameters {
                  matrix[N_T, N_B] b;
                  vector[N_A] a;
                  real a_bar;
                  real<lower=0> sigma_A;
                }
                model {
                  for (i in 1:N) {
                    P[i] ~ bernoulli_logit(b[T[i], B[i]] + a[A[i]]);
                  }
                  to_vector(b) ~ normal(0, 1);
                  a ~ normal(a_bar, sigma_A);
                  a_bar ~ normal(0, 1.5);
                  sigma_A ~ exponential(1);
                }
                generated quantities {
                  vector[N] log_lik;
                  for (i in 1:N) {
                    log_lik[i] = bernoulli_logit_lpmf(P[i] | b[T[i], B[i]] + a[A[i]]);
                  }
                }
                """, stan(m, CHIMPS, StanSyntax.STAN_2_21, true));
    }

    @Test
    void vectorisedLikelihoodAndLocalAndModernArrays() {
        String m = """
                S ~ dbinom(N, p)
                logit(p) <- a[tank] + b*D
                a[tank] ~ dnorm(0, 1.5)
                b ~ dnorm(0, 1)
                S <- surv
                N <- density
                D <- density / 10
                tank <- 1:length(surv)
                """;
        String text = modern(m, FROGS);
        // N is the model's name for density: the number of rows is N_obs
        assertTrue(text.contains("  int<lower=0> N_obs;  // length(S)\n"), text);
        assertTrue(text.contains("  array[N_obs] int S;  // S <- surv\n"), text);
        assertTrue(text.contains("  vector[N_obs] D;  // D <- density / 10\n"), text);
        assertTrue(text.contains("  S ~ binomial_logit(N, a[tank] + b * D);\n"), text);
        assertTrue(text.contains("  a ~ normal(0, 1.5);\n"), text);
        String local = modern("y ~ normal(mu, sigma)\nmu <- a + b*exp(x)\nc(a, b) ~ normal(0, 1)\nsigma ~ exponential(1)\n"
                + "y <- surv\nx <- density / 10\n", FROGS);
        assertTrue(local.contains("""
                model {
                  vector[N] mu;
                  mu = a + b * exp(x);
                  y ~ normal(mu, sigma);
                """), local);
    }

    @Test
    void conditionsCustomLinesAndTestsOnText() {
        String m = """
                S | pred == "no" ~ binomial(N, p)
                S | pred != "no" ~ custom(binomial_lpmf(!Y | N, p) + 0.5)
                logit(p) <- a + b*D + ifelse(size == "big", c1, 0)
                c(a, b, c1) ~ dnorm(0, 1)
                S <- surv
                N <- density
                D <- density / 10
                """;
        Compiler.Compiled c = compile(m, FROGS);
        StanProgram p = StanProgram.of(c.spec(), StanSyntax.MODERN, true);
        String text = p.text();
        assertTrue(text.contains("  array[N_obs] int pred_is_no;  // (pred[i] == \"no\"), computed by ulam\n"), text);
        assertTrue(text.contains("    if (pred_is_no[i]) S[i] ~ binomial_logit(N[i], a + b * D[i] + (size_is_big[i] ? c1 : 0));\n"), text);
        assertTrue(text.contains("    if (pred_not_no[i]) target += binomial_logit_lpmf(S[i] | N[i], a + b * D[i] + (size_is_big[i] ? c1 : 0)) + 0.5;\n"),
                text);
        assertTrue(text.contains("""
                  log_lik = rep_vector(0, N_obs);
                  for (i in 1:N_obs) {
                    if (pred_is_no[i]) log_lik[i] += binomial_logit_lpmf(S[i] | N[i], a + b * D[i] + (size_is_big[i] ? c1 : 0));
                  }
                """), text);
        // the tests are computed from the data
        String json = p.dataJson(c, FROGS);
        String[] pred = FROGS.strings("pred", null);
        StringBuilder expected = new StringBuilder("\"pred_is_no\": [");
        for (int i = 0; i < pred.length; i++) expected.append(i > 0 ? ", " : "").append(pred[i].equals("no") ? 1 : 0);
        assertTrue(json.contains(expected + "]"), json);
        assertEquals(1, count(text, "int size_is_big;") + count(text, "int size_is_big["), "one array for the same test: " + text);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void imputationDataAndTheirJson() {
        String m = """
                K ~ dnorm(mu, sigma)
                mu <- a + bB*B
                B ~ dnorm(nu, sigma_B)
                c(a, nu, bB) ~ dnorm(0, 0.5)
                sigma_B ~ dexp(1)
                sigma ~ dexp(1)
                K <- standardize(kcal.per.g)
                B <- standardize(neocortex.perc)
                """;
        Compiler.Compiled c = compile(m, MILK);
        StanProgram p = StanProgram.of(c.spec(), StanSyntax.MODERN, false);
        assertEquals("""
                // m.ulam: written by ulam stancode
                data {
                  int<lower=0> N;  // length(B)
                  int<lower=0> N_missing_B;  // missing(B)
                  vector[N] K;  // K <- standardize(kcal.per.g)
                  vector[N] B;  // B <- standardize(neocortex.perc)
                  array[N] int B_missing;  // computed by ulam
                  array[N] int B_slot;  // computed by ulam
                }
                parameters {
                  real a;
                  real nu;
                  real bB;
                  real<lower=0> sigma_B;
                  real<lower=0> sigma;
                  vector[N_missing_B] B_impute;
                }
                model {
                  vector[N] B_merge;
                  vector[N] mu;
                  for (i in 1:N) {
                    B_merge[i] = B_missing[i] != 0 ? B_impute[B_slot[i] + 1] : B[i];
                  }
                  mu = a + bB * B_merge;
                  K ~ normal(mu, sigma);
                  B_merge ~ normal(nu, sigma_B);
                  a ~ normal(0, 0.5);
                  nu ~ normal(0, 0.5);
                  bB ~ normal(0, 0.5);
                  sigma_B ~ exponential(1);
                  sigma ~ exponential(1);
                }
                """, p.text());
        String json = p.dataJson(c, MILK);
        assertTrue(json.contains("\"N\": 29,"), json);
        assertTrue(json.contains("\"N_missing_B\": 12,"), json);
        assertTrue(json.contains("\"B_missing\": [0, 1, 1, 1, 1, 0, 0, 0, 1, 0,"), json);
        assertTrue(json.contains("\"B_slot\": [0, 0, 1, 2, 3, 0, 0, 0, 4, 0,"), json);
        assertTrue(json.contains("\"B\": [-2.0801960251136546, 0, 0, 0, 0, -0.5086412889378649,"), "missing values written as 0: " + json);
    }

    @Test
    void arraysTransformedParametersSavedAndGenerated() {
        String m = """
                S ~ binomial(N, p)
                logit(p) <- a + bD*sum(dj[1:E])
                vector[3]:d ~ normal(0, 1)
                vector[4]:dj <<- append_row(0, d)
                c(a, bD) ~ normal(0, 1)
                transpars> vector[3]:v <<- c(a, bD, a + bD)
                save> s2 <- bD^2
                gq> S_sim <- binomial_rng(N, p)
                S <- surv
                N <- density
                E <- ifelse(density == 10, 1, ifelse(density == 25, 2, 4))
                """;
        String text = modern(m, FROGS);
        assertTrue(text.contains("""
                transformed parameters {
                  vector[3] v;
                  real s2;
                  v = [a, bD, a + bD]';
                  s2 = bD ^ 2;
                }
                model {
                  vector[4] dj;
                  vector[5] tmp1;
                  dj = append_row(0, d);
                  tmp1 = append_row(0, cumulative_sum(dj));
                  for (i in 1:N_obs) {
                    S[i] ~ binomial_logit(N[i], a + bD * tmp1[E[i] + 1]);
                  }
                """), text);
        assertTrue(text.contains("""
                generated quantities {
                  array[N_obs] int S_sim;
                  {
                    vector[4] dj;
                    vector[5] tmp1;
                    vector[N_obs] p;
                """), text);
        assertTrue(text.contains("      S_sim[i] = binomial_rng(N[i], p[i]);\n"), text);
    }

    @Test
    void rethinkingDistributionsInStansTermsAndRenamedNames() {
        String m = """
                vector[2]:v[[1]] ~ normal(0, 4)
                v[[2]] ~ normal(1, 0.5)
                z ~ normal(v[1] + v[2], 1)
                w ~ dgamma2(2, 0.5)
                u ~ dbeta2(0.3, 4)
                h ~ dhalfnorm(z, 1)
                h2 ~ dhalfnorm(0, 1)
                sd ~ dunif(0, 10)
                log_lik ~ normal(0, 1)
                gq> q <- abs(z) / 3
                """;
        assertEquals("""
                // m.ulam: written by ulam stancode (Stan 2.21 syntax)
                parameters {
                  vector[2] v;
                  real z;
                  real<lower=0> w;
                  real<lower=0, upper=1> u;
                  real<lower=0> h;
                  real<lower=0> h2;
                  real<lower=0, upper=10> sd_;
                  real log_lik;
                }
                model {
                  v[1] ~ normal(0, 4);
                  v[2] ~ normal(1, 0.5);
                  z ~ normal(v[1] + v[2], 1);
                  w ~ gamma(2 / 0.5, 1.0 / 0.5);
                  u ~ beta(0.3 * 4, (1 - 0.3) * 4);
                  target += normal_lpdf(h | z, 1) - normal_lccdf(0 | z, 1);
                  h2 ~ normal(0, 1);
                  sd_ ~ uniform(0, 10);
                  log_lik ~ normal(0, 1);
                }
                generated quantities {
                  real q;
                  q = fabs(z) / 3;
                }
                """, stan(m, null, StanSyntax.STAN_2_21, true));
        assertTrue(modern(m, null).contains("  q = abs(z) / 3;\n"));
        StanProgram p = StanProgram.of(compile(m, null).spec(), StanSyntax.MODERN, false);
        assertEquals("sd_", p.stanName("sd"));
        assertEquals("v[2]", p.stanName("v[2]"));
    }

    @Test
    void reservedAndIllegalNames() {
        assertEquals("sd_", StanNames.legal("sd"));
        assertEquals("lower_", StanNames.legal("lower"));
        assertEquals("target_", StanNames.legal("target"));
        assertEquals("v__x", StanNames.legal("_x"));
        assertEquals("a__x", StanNames.legal("a__"));
        assertEquals("tmp3", StanNames.legal("#3"));
        assertEquals("K_missing", StanNames.legal("#K_missing"));
        assertEquals("sigma", StanNames.legal("sigma"));
        assertEquals("normal", StanNames.legal("normal"));   // Stan 2.21 accepts family names as variables
    }

    @Test
    void wholeNumberDivisionIsRealDivision() {
        // N is whole numbers (a binomial count), so Stan would divide N[i] / 2 as integers
        String ints = modern("S ~ binomial(N, p)\nlogit(p) <- a + N / 2\na ~ normal(0, 1)\nS <- surv\nN <- density\n", FROGS);
        assertTrue(ints.contains("binomial_logit(N[i], a + 1.0 * N[i] / 2)"), ints);
        String reals = modern("S ~ binomial(N, p)\nlogit(p) <- a + N / M\na ~ normal(0, 1)\nS <- surv\nN <- density\nM <- density + 1\n", FROGS);
        assertTrue(reals.contains("binomial_logit(N[i], a + N[i] / M[i])"), reals);
    }

    @Test
    void dataJsonOfAnExample() {
        Compiler.Compiled c = Compiler.compile(Source.read(Path.of("../examples/reedfrogs_spg.ulam")), Compiler.schema(FROGS));
        StanProgram p = StanProgram.of(c.spec(), StanSyntax.STAN_2_21, false);
        String json = p.dataJson(c, FROGS);
        assertTrue(json.startsWith("{\n  \"N\": 48,\n  \"N_T\": 48,\n  \"N_P\": 2,\n  \"N_G\": 2,\n  \"S\": [9, 10, 7, 10,"), json);
        assertTrue(json.contains("\"T\": [1, 2, 3, 4,"), json);
        assertTrue(json.contains("\"P\": [1, 1, 1, 1, 1, 1, 1, 1, 2, 2,"), json);   // ifelse(pred == "no", 1, 2)
        assertTrue(json.endsWith("]\n}\n"), json);
        assertTrue(stan("x ~ normal(0, 1)\n", null, StanSyntax.MODERN, false).contains("parameters"));
        Compiler.Compiled none = compile("x ~ normal(0, 1)\n", null);
        assertEquals("{}\n", StanProgram.of(none.spec(), StanSyntax.MODERN, false).dataJson(none, DataSet.empty()));
    }

    @Test
    void commandLinePrintsTheProgramAndWritesTheData(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path json = dir.resolve("frogs.json");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = ulam.compiler.cli.Main.execute(new String[] {"stancode", "../examples/reedfrogs.ulam", "--data",
                "../examples/data/reedfrogs.csv", "--stan-2.21", "--log-lik", "--data-out", json.toString()},
                new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"));
        String text = out.toString("UTF-8");
        assertEquals(0, status, err.toString("UTF-8"));
        assertTrue(text.contains("  int S[N_obs];  // S <- surv\n") && text.contains("  S ~ binomial_logit(N, a[tank]);\n")
                && text.contains("log_lik[i] = binomial_logit_lpmf(S[i] | N[i], a[tank[i]]);"), text);
        assertTrue(java.nio.file.Files.readString(json).contains("\"N_obs\": 48,"));
        Path bad = dir.resolve("bad.ulam");
        java.nio.file.Files.writeString(bad, "y ~ normal(mu, 1)\nmu <- a + x\na ~ normal(0, 1)\ngq> h <- half_normal_rng(mu, 1)\n"
                + "y <- surv\nx <- density\n");
        err.reset();
        status = ulam.compiler.cli.Main.execute(new String[] {"stancode", bad.toString(), "--data", "../examples/data/reedfrogs.csv"},
                new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"));
        assertEquals(1, status);
        assertTrue(err.toString("UTF-8").contains("error: stancode does not support half_normal_rng yet"), err.toString("UTF-8"));
    }

    @Test
    void unsupportedFormsAreLocatedErrors() {
        String m = "y ~ normal(mu, 1)\nmu <- a + x\na ~ normal(0, 1)\ngq> h <- half_normal_rng(mu, 1)\ny <- surv\nx <- density\n";
        UlamException e = assertThrows(UlamException.class, () -> modern(m, FROGS));
        assertTrue(e.getMessage().contains("stancode does not support half_normal_rng yet"), e.getMessage());
        assertTrue(e.format().contains("m.ulam:4:"), e.format());
    }

    @Test
    void orderedLogisticWithInferredOrderedCutpoints() throws Exception {
        DataSet trolley = DataSet.read(List.of(Path.of("../examples/data/Trolley.csv")), Map.of());
        String m = java.nio.file.Files.readString(Path.of("../examples/trolley.ulam"))
                .replace("cutpoints ~ dnorm( 0 , 1.5 )", "cutpoints ~ dnorm( 0 , 1.5 ),\ngq> r1 <- ordered_logistic_rng( 0.5 , cutpoints )");
        String text = stan(m, trolley, StanSyntax.STAN_2_21, true);
        assertTrue(text.contains("  int<lower=0> N_R;  // max(R)\n"), text);
        assertTrue(text.contains("  ordered[N_R - 1] cutpoints;\n"), text);   // inferred from dordlogit
        assertTrue(text.contains("  R ~ ordered_logistic(phi, cutpoints);\n  bA ~ normal(0, 0.5);\n"), text);
        assertTrue(text.contains("  cutpoints ~ normal(0, 1.5);\n"), text);
        assertTrue(text.contains("      log_lik[i] = ordered_logistic_lpmf(R[i] | phi[i], cutpoints);\n"), text);
        assertTrue(text.contains(" = ordered_logistic_rng(0.5, cutpoints);\n"), text);
    }

    @Test
    void betabinomialAndZipoissonAreDefinedInTheFunctionsBlock() {
        DataSet ucb = DataSet.read(List.of(Path.of("../examples/data/UCBadmit.csv")), Map.of());
        String bb = stan("A ~ dbetabinom(N, pbar, theta)\nlogit(pbar) <- a[gid]\na[gid] ~ dnorm(0, 1.5)\n"
                + "transpars> theta <<- phi + 2.0\nphi ~ dexp(1)\ngq> k <- betabinomial_rng(10, 0.3, theta)\n"
                + "A <- admit\nN <- applications\ngid <- ifelse(applicant_gender == \"male\", 1, 2)\n", ucb, StanSyntax.STAN_2_21, true);
        assertTrue(bb.startsWith("""
                // m.ulam: written by ulam stancode (Stan 2.21 syntax)
                functions {
                  // rethinking's dbetabinom: beta_binomial(N, pbar * theta, (1 - pbar) * theta), written out
                  // (rstan 2.21's beta_binomial_lpmf computes a wrong log density)
                  real betabinomial_lpmf(int y, int N, real pbar, real theta) {
                    real a = pbar * theta;
                    real b = (1 - pbar) * theta;
                    return lchoose(N, y) + lbeta(y + a, N - y + b) - lbeta(a, b);
                  }
                }
                data {
                """), bb);
        assertTrue(bb.contains("""
                  for (i in 1:N_obs) {
                    A[i] ~ betabinomial(N[i], pbar[i], theta);
                  }
                """), bb);   // a function of single values: a loop
        assertTrue(bb.contains("log_lik[i] = betabinomial_lpmf(A[i] | N[i], pbar[i], theta);"), bb);
        assertTrue(bb.contains("k = beta_binomial_rng(10, 0.3 * theta, (1 - 0.3) * theta);"), bb);   // Stan's generator is right

        DataSet monks = DataSet.read(List.of(Path.of("../examples/data/monks.csv")), Map.of());
        String zi = stan("y ~ dzipois(p, lambda)\nlogit(p) <- ap\nlog(lambda) <- al\nap ~ dnorm(-1.5, 1)\nal ~ dnorm(1, 0.5)\n"
                + "gq> y_new <- zipoisson_rng(p, lambda)\n", monks, StanSyntax.MODERN, false);
        assertTrue(zi.contains("""
                functions {
                  // rethinking's dzipois: a zero with probability p, else poisson(lambda)
                  real zipoisson_lpmf(int y, real p, real lambda) {
                    if (y == 0) return log_sum_exp(log(p), log1m(p) + poisson_lpmf(0 | lambda));
                    return log1m(p) + poisson_lpmf(y | lambda);
                  }
                  int zipoisson_rng(real p, real lambda) {
                    if (bernoulli_rng(p) == 1) return 0;
                    return poisson_rng(lambda);
                  }
                }
                """), zi);
        assertTrue(zi.contains("    y[i] ~ zipoisson(p, lambda);\n") && zi.contains("    y_new = zipoisson_rng(p, lambda);\n"), zi);
    }

    @Test
    void vectorDensitiesConstrainedTypesAndCovGPL2() throws Exception {
        DataSet cafes = DataSet.read(List.of(Path.of("../examples/data/cafes.csv")), Map.of());
        String c = stan(java.nio.file.Files.readString(Path.of("../examples/cafes.ulam")), cafes, StanSyntax.STAN_2_21, false);
        assertTrue(c.contains("  corr_matrix[2] Rho;\n"), c);   // inferred from lkj_corr
        assertTrue(c.contains("""
                  tmp1 = append_col(a_cafe, b_cafe);
                  tmp2 = tmp1';
                  tmp3 = [a, b]';
                  tmp4 = quad_form_diag(Rho, sigma_cafe);
                """), c);
        assertTrue(c.contains("""
                  for (i in 1:N_cafe) {
                    target += multi_normal_lpdf(col(tmp2, i) | tmp3, tmp4);
                  }
                """), c);   // c(a_cafe, b_cafe)[cafe] ~ multi_normal(...): one column per cafe
        assertTrue(c.contains("  Rho ~ lkj_corr(2);\n"), c);

        DataSet trolley = DataSet.read(List.of(Path.of("../examples/data/Trolley.csv")), Map.of());
        String e = stan(java.nio.file.Files.readString(Path.of("../examples/trolley_edu.ulam")), trolley, StanSyntax.STAN_2_21, false);
        assertTrue(e.contains("  simplex[7] delta;\n") && e.contains("  delta ~ dirichlet(alpha);\n"), e);
        assertTrue(e.contains("  delta_j = append_row(0, delta);\n  tmp1 = append_row(0, cumulative_sum(delta_j));\n"), e);
        assertTrue(e.contains("    phi[i] = bE * tmp1[E[i] + 1] + bA * action[i]"), e);   // sum(delta_j[1:E])

        DataSet chimps = CHIMPS;
        String ch = stan(java.nio.file.Files.readString(Path.of("../examples/chimpanzees_slopes.ulam")), chimps, StanSyntax.STAN_2_21, false);
        assertTrue(ch.contains("  cholesky_factor_corr[4] L_Rho_actor;\n"), ch);
        assertTrue(ch.contains("  L_Rho_actor ~ lkj_corr_cholesky(2);\n"), ch);
        assertTrue(ch.contains("  Rho_actor = multiply_lower_tri_self_transpose(L_Rho_actor);\n"), ch);

        DataSet kline = DataSet.read(List.of(Path.of("../examples/data/Kline2.csv")), Map.of(),
                Map.of("Dmat", Path.of("../examples/data/islandsDistMatrix.csv")));
        String k = stan(java.nio.file.Files.readString(Path.of("../examples/kline_gp.ulam")), kline, StanSyntax.STAN_2_21, false);
        assertTrue(k.contains("functions {\n  // rethinking's L2 kernel") && k.contains("  matrix cov_GPL2(matrix x, real sq_alpha, real sq_rho, real delta) {\n"), k);
        assertTrue(k.contains("  SIGMA = cov_GPL2(Dmat, etasq, rhosq, 0.01);\n") && k.contains("  k ~ multi_normal(tmp1, SIGMA);\n"), k);
    }
}
