package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.compiler.check.Kind;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Symbol;
import ulam.compiler.parse.Source;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The statement forms of the language (reference sections 1-2 and A): what the checker infers,
 * and that the compiled model computes the right log density with the right gradient.
 */
class LanguageTest {

    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());
    private static final DataSet CHIMPS = DataSet.read(List.of(Path.of("../examples/data/chimpanzees.csv")), Map.of());

    private static ModelSpec check(String text, DataSet data) {
        return Compiler.compile(new Source("t.ulam", text), data == null ? null : Compiler.schema(data)).spec();
    }

    private static Symbol symbol(ModelSpec spec, String name) {
        for (List<Symbol> l : List.of(spec.data(), spec.derived(), spec.parameters(), spec.locals(), spec.generated())) {
            for (Symbol s : l) if (s.name().equals(name)) return s;
        }
        throw new AssertionError("no symbol " + name);
    }

    /** Gradient against finite differences at three random points. */
    private static void assertGradient(Model m) {
        Random rng = new Random(5);
        for (int p = 0; p < 3; p++) {
            double[] q = new double[m.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = -1.5 + 3 * rng.nextDouble();
            double[] g = new double[q.length];
            m.logDensityGradient(q, g);
            for (int k = 0; k < q.length; k++) {
                double fd = Models.finiteDifference(m, q, k);
                assertTrue(Math.abs(g[k] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), "d/dq" + k + ": " + g[k] + " vs " + fd);
            }
        }
    }

    private static final String FROGS_M132 = """
            S ~ dbinom(N, p)
            logit(p) <- a[tank]
            a[tank] ~ dnorm(a_bar, sigma)
            a_bar ~ dnorm(0, 1.5)
            sigma ~ dexp(1)
            S <- surv
            N <- density
            tank <- 1:length(surv)
            """;

    @Test
    void logDensityEqualsAnIndependentComputation() {
        Model m = Models.inline(FROGS_M132, FROGS);
        assertEquals(50, m.dimension());
        double[] q = new double[50];
        for (int k = 0; k < 50; k++) q[k] = 0.1 * Math.cos(k);
        int[] surv = FROGS.ints("surv", null);
        int[] density = FROGS.ints("density", null);
        double aBar = q[48];
        double sigma = Math.exp(q[49]);
        double expected = 0;
        for (int i = 0; i < 48; i++) {
            double p = 1 / (1 + Math.exp(-q[i]));
            expected += new BinomialDistribution(null, density[i], p).logProbability(surv[i]);
            expected += new NormalDistribution(null, aBar, sigma).logDensity(q[i]);
        }
        expected += new NormalDistribution(null, 0, 1.5).logDensity(aBar);
        expected += new ExponentialDistribution(null, 1.0).logDensity(sigma) + q[49];   // Jacobian of sigma = exp(q)
        assertEquals(expected, m.logDensity(q), 1e-9 * Math.abs(expected));
        double[] ll = new double[m.observations()];
        m.logLikelihood(q, ll);
        assertEquals(48, ll.length);
        assertEquals(new BinomialDistribution(null, density[3], 1 / (1 + Math.exp(-q[3]))).logProbability(surv[3]), ll[3], 1e-12);
    }

    @Test
    void linesInAnyOrderGiveTheSameModel() {
        String[] lines = FROGS_M132.strip().split("\n");
        StringBuilder reversed = new StringBuilder();
        for (int k = lines.length - 1; k >= 0; k--) reversed.append(lines[k]).append('\n');
        Model a = Models.inline(FROGS_M132, FROGS);
        Model b = Models.inline(reversed.toString(), FROGS);
        // parameters are ordered by their first '~' line: reversed, sigma comes first
        List<String> namesA = List.of(a.outputNames());
        List<String> namesB = List.of(b.outputNames());
        assertEquals("sigma", namesB.get(0));
        assertEquals(new java.util.HashSet<>(namesA), new java.util.HashSet<>(namesB));
        double[] qa = new double[a.dimension()];
        double[] qb = new double[b.dimension()];
        for (int k = 0; k < qa.length; k++) {
            qa[k] = Math.sin(k);
            qb[namesB.indexOf(namesA.get(k))] = qa[k];
        }
        assertEquals(a.logDensity(qa), b.logDensity(qb), 1e-12);
    }

    @Test
    void wrapperFromRCompilesAndGivesSamplerDefaults() {
        String text = "m13.2 <- ulam(\n  alist(\n" + String.join(",\n", FROGS_M132.strip().split("\n"))
                + "\n  ), data=dat, chains=2, iter=600, log_lik=TRUE, control=list(adapt_delta=0.99) )\n";
        Model m = Models.inline(text, FROGS);
        assertEquals(Map.of("chains", "2", "iter", "600", "adapt_delta", "0.99"), m.sourceOptions());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("data=")), m.notes().toString());
    }

    @Test
    void wrapperControlListGivesTreeDepthAndMetric() {
        // rstan's control list: adapt_delta, max_treedepth and metric reach the sampler's defaults
        String text = "m <- ulam( alist(\n" + String.join(",\n", FROGS_M132.strip().split("\n"))
                + "\n), control=list(adapt_delta=0.99, max_treedepth=15, metric=\"dense_e\", stepsize=0.1) )\n";
        Model m = Models.inline(text, FROGS);
        assertEquals(Map.of("adapt_delta", "0.99", "max_treedepth", "15", "metric", "dense_e"), m.sourceOptions());
        Model bad = Models.inline(text.replace("\"dense_e\"", "2"), FROGS);
        assertEquals(Map.of("adapt_delta", "0.99", "max_treedepth", "15"), bad.sourceOptions());
        assertTrue(bad.notes().stream().anyMatch(n -> n.contains("metric")), bad.notes().toString());
    }

    @Test
    void classificationShapesAndConstraints() {
        ModelSpec spec = check(FROGS_M132, FROGS);
        assertEquals(Kind.DATA, symbol(spec, "surv").kind());
        assertEquals(Kind.TRANSFORMED_DATA, symbol(spec, "S").kind());
        assertEquals(Kind.TRANSFORMED_DATA, symbol(spec, "tank").kind());
        assertEquals(Kind.PARAMETER, symbol(spec, "a").kind());
        assertEquals("vector[max(tank)]", symbol(spec, "a").shape().toString());
        assertEquals(Kind.LOCAL, symbol(spec, "p").kind());
        assertEquals("logit", symbol(spec, "p").link());
        assertEquals("<lower=0>", symbol(spec, "sigma").constraint().describe());
        assertEquals("", symbol(spec, "a_bar").constraint().describe());
        assertEquals(List.of("a", "a_bar", "sigma"), spec.parameters().stream().map(Symbol::name).toList());
        assertEquals("binomial_logit", spec.likelihoods().get(0).density().distribution().name());
    }

    @Test
    void scaleOfALikelihoodConstrainsItsParameter() {
        // A.6: sigma has a cauchy prior (no support of its own) and is the scale of the likelihood
        String text = "y ~ dnorm(mu, sigma)\nmu ~ dnorm(0, 10)\nsigma ~ dcauchy(0, 1)\ny <- surv\n";
        ModelSpec spec = check(text, FROGS);
        assertEquals("<lower=0>", symbol(spec, "sigma").constraint().describe());
        assertTrue(symbol(spec, "sigma").constraint().origin().contains("normal"));
        Model m = Models.inline(text, FROGS);
        assertGradient(m);
        // constraints=list(...) overrides
        ModelSpec over = check("m <- ulam(alist(" + text.strip().replace("\n", ",\n") + "), constraints=list(mu=\"lower=0,upper=40\"))", FROGS);
        assertEquals("<lower=0,upper=40>", symbol(over, "mu").constraint().describe());
    }

    @Test
    void uniformBoundsAndUnitSupports() {
        String text = """
                S ~ dbinom(N, p)
                p ~ dbeta(2, 2)
                real:sigma ~ dunif(0, 10)   # an explicit type: nothing else reads sigma
                S <- surv
                N <- density
                """;
        ModelSpec spec = check(text, FROGS);
        assertEquals("<lower=0,upper=1>", symbol(spec, "p").constraint().describe());
        assertEquals("<lower=0,upper=10>", symbol(spec, "sigma").constraint().describe());
        assertGradient(Models.inline(text, FROGS));
    }

    @Test
    void gammaIsShapeRateAndGamma2IsMeanScale() {
        Model shapeRate = Models.inline("x ~ dgamma(2, 0.5)\n", null);
        Model meanScale = Models.inline("x ~ dgamma2(2, 0.5)\n", null);
        double q = 0.3;
        double x = Math.exp(q);
        assertEquals(new GammaDistribution(2, 1 / 0.5).logDensity(x) + q, shapeRate.logDensity(new double[] {q}), 1e-10);
        assertEquals(new GammaDistribution(2 / 0.5, 0.5).logDensity(x) + q, meanScale.logDensity(new double[] {q}), 1e-10);
    }

    @Test
    void linksPoissonAndCloglog() {
        String text = """
                S ~ dpois(lambda)
                log(lambda) <- a + b*D
                c(a, b) ~ dnorm(0, 1)
                S <- surv
                D <- density / 10
                """;
        ModelSpec spec = check(text, FROGS);
        assertEquals("poisson_log", spec.likelihoods().get(0).density().distribution().name());
        assertEquals(Kind.PARAMETER, symbol(spec, "b").kind());
        assertGradient(Models.inline(text, FROGS));
        String cloglog = "S ~ dbinom(N, p)\ncloglog(p) <- a\na ~ dnorm(0, 1)\nS <- surv\nN <- density\n";
        Model m = Models.inline(cloglog, FROGS);
        assertGradient(m);
    }

    @Test
    void explicitTypesAndDataScalars() {
        DataSet data = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of("K", "3"));
        String text = """
                S ~ dbinom(N, p)
                logit(p) <- a[1] + a[2] + z
                vector[K]:a ~ dnorm(0, 1)
                real[1]:z ~ dnorm(0, 1)
                S <- surv
                N <- density
                """;
        Model m = Models.inline(text, data);
        assertEquals(4, m.dimension());
        assertEquals(List.of("a[1]", "a[2]", "a[3]", "z"), List.of(m.outputNames()));
        assertGradient(m);
    }

    @Test
    void derivedDataFunctions() {
        String text = """
                S ~ dbinom(N, p)
                logit(p) <- a[P] + b*D_std + c[G]
                a[P] ~ dnorm(0, 1)
                c[G] ~ dnorm(0, 1)
                b ~ dnorm(0, 1)
                S <- surv
                N <- density
                D_std <- standardize(density)
                P <- ifelse(pred == "no", 1, 2)
                G <- as_index(size)
                """;
        Model m = Models.inline(text, FROGS);
        assertEquals(List.of("a[1]", "a[2]", "c[1]", "c[2]", "b"), List.of(m.outputNames()));
        assertGradient(m);
        // standardized density: mean 0 and sd 1 make b's gradient at a=c=b=0 equal sum((S - N/2) * D_std)
        double[] g = new double[5];
        m.logDensityGradient(new double[5], g);
        double[] d = FROGS.reals("density", null);
        double mean = 0;
        for (double v : d) mean += v / d.length;
        double ss = 0;
        for (double v : d) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (d.length - 1));
        int[] s = FROGS.ints("surv", null);
        double expected = 0;
        for (int i = 0; i < d.length; i++) expected += (s[i] - d[i] / 2) * (d[i] - mean) / sd;
        assertEquals(expected, g[4], 1e-9 * Math.abs(expected));
    }

    @Test
    void rRepOfAValueIsRepVector() {
        String template = """
                simplex[7]:delta ~ dirichlet(alpha)
                vector[7]:alpha <- %s
                """;
        Model rep = Models.inline(template.formatted("rep(2, 7)"), null);
        Model named = Models.inline(template.formatted("rep(2, times = 7)"), null);
        Model repVector = Models.inline(template.formatted("rep_vector(2, 7)"), null);
        java.util.Random random = new java.util.Random(3);
        for (int t = 0; t < 3; t++) {
            double[] q = new double[6];
            for (int k = 0; k < q.length; k++) q[k] = random.nextGaussian();
            assertEquals(repVector.logDensity(q), rep.logDensity(q), 0.0);
            assertEquals(repVector.logDensity(q), named.logDensity(q), 0.0);
        }
        assertError("simplex[7]:delta ~ dirichlet(alpha)\nvector[7]:alpha <- rep(2, each = 7)\n", 2, "not 'each='");
    }

    @Test
    void generatedQuantitiesSavedAndTransformedParameters() {
        String text = """
                S ~ dbinom(N, p)
                logit(p) <- a_bar + z[tank]*sigma
                z[tank] ~ dnorm(0, 1)
                a_bar ~ dnorm(0, 1.5)
                sigma ~ dexp(1)
                transpars> vector[tank]:a <<- a_bar + z*sigma
                save> sigma2 <- sigma^2
                gq> S_sim <- binomial_rng(N, p)
                gq> first <- a[1]
                S <- surv
                N <- density
                tank <- 1:length(surv)
                """;
        Model m = Models.inline(text, FROGS);
        String[] names = m.outputNames();
        assertEquals(50 + 48 + 1 + 48 + 1, names.length);
        assertEquals("a[1]", names[50]);
        assertEquals("sigma2", names[98]);
        assertEquals("S_sim[1]", names[99]);
        assertEquals("first", names[147]);
        double[] q = new double[m.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = 0.2 * Math.sin(k);
        double[] out = new double[names.length];
        m.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        double sigma = Math.exp(q[49]);
        assertEquals(q[48] + q[0] * sigma, out[50], 1e-12);
        assertEquals(sigma * sigma, out[98], 1e-12);
        assertEquals(out[50], out[147], 0);
        int[] n = FROGS.ints("density", null);
        for (int i = 0; i < 48; i++) assertTrue(out[99 + i] >= 0 && out[99 + i] <= n[i] && out[99 + i] == Math.rint(out[99 + i]));
        assertGradient(m);
    }

    @Test
    void aScalarRandomDrawInAGeneratedQuantityIsDrawn() {
        // a gq> line of one value is a straight (loop-free) segment: its draw must be made there too
        Model m = Models.inline("y ~ normal(mu, 1)\nmu ~ normal(0, 1)\ngq> z <- normal_rng(mu, 2)\ngq> w <- z + 1\n",
                DataSet.read(List.of(), Map.of("y", "0.5")));
        double[] q = {1.5};
        double[] out = new double[m.outputNames().length];
        var rng = RandomSource.XO_SHI_RO_256_PP.create(4L);
        int n = 4000;
        double sum = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            m.writeDraw(q, rng, out);
            assertEquals(out[1] + 1, out[2], 1e-12, "w reads the z drawn, not a second draw");
            sum += out[1];
            ss += (out[1] - 1.5) * (out[1] - 1.5);
        }
        // normal(1.5, 2): the mean within 4 standard errors (2 / sqrt(n)), the variance 4 within 4 of its
        // standard errors (4 sqrt(2 / n))
        assertEquals(1.5, sum / n, 4 * 2 / Math.sqrt(n));
        assertEquals(4, ss / n, 4 * 4 * Math.sqrt(2.0 / n));
    }

    @Test
    void stackedPriorsAndModelsWithoutData() {
        ModelSpec spec = check("c(x, y) ~ normal(0, 1)\nz ~ normal(x + y, 1)\n", null);
        assertEquals(List.of("x", "y", "z"), spec.parameters().stream().map(Symbol::name).toList());
        assertEquals(3, spec.terms().size());
        assertGradient(Models.inline("c(x, y) ~ normal(0, 1)\nz ~ normal(x + y, exp(x))\n", null));
    }

    @Test
    void matrixParametersAreColumnMajor() {
        Model m = Models.inline("""
                P ~ bernoulli(p)
                logit(p) <- b[T, B]
                matrix[T,B]:b ~ dnorm(0, 1)
                P <- pulled_left
                B <- block
                T <- 1 + prosoc_left + 2*condition
                """, CHIMPS);
        String[] names = m.outputNames();
        assertEquals("b[1,1]", names[0]);
        assertEquals("b[2,1]", names[1]);
        assertEquals("b[1,2]", names[4]);
        assertEquals("b[4,6]", names[23]);
        assertGradient(m);
    }

    @Test
    void jsonDataGiveTheSameModelAsCsvWithDerivedLines() {
        DataSet json = DataSet.read(List.of(Path.of("../bench/stan/data/mBT.json")), Map.of());
        Model fromJson = Models.inline("P ~ bernoulli(p)\nlogit(p) <- b[T,B] + a[A]\nmatrix[T,B]:b ~ dnorm(0, sigma_B)\n"
                + "a[A] ~ dnorm(a_bar, sigma_A)\na_bar ~ dnorm(0, 1.5)\nsigma_A ~ dexp(1)\nsigma_B ~ dexp(1)\n", json);
        Model fromCsv = Models.example("chimpanzees.ulam", "chimpanzees.csv");
        assertEquals(List.of(fromCsv.outputNames()), List.of(fromJson.outputNames()));
        double[] q = new double[fromCsv.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = 0.3 * Math.cos(k);
        assertEquals(fromCsv.logDensity(q), fromJson.logDensity(q), 1e-10);
    }

    @Test
    void matrixDataFromACsvFile() {
        DataSet data = DataSet.read(List.of(Path.of("../examples/data/Kline2.csv")), Map.of(),
                Map.of("Dmat", Path.of("../examples/data/islandsDistMatrix.csv")));
        assertEquals(List.of(10, 10), java.util.Arrays.stream(data.dims("Dmat", null)).boxed().toList());
        Model m = Models.inline("T ~ dpois(lambda)\nlog(lambda) <- a + b*Dmat[soc, 1]\nc(a, b) ~ dnorm(0, 1)\n"
                + "T <- total_tools\nsoc <- 1:length(total_tools)\n", data);
        double[] d = data.realMatrix("Dmat", null);
        int[] tools = data.ints("total_tools", null);
        double a = 0.5;
        double b = -0.3;
        double expected = new NormalDistribution(null, 0, 1).logDensity(a) + new NormalDistribution(null, 0, 1).logDensity(b);
        for (int i = 0; i < 10; i++) {
            expected += new org.apache.commons.math3.distribution.PoissonDistribution(null, Math.exp(a + b * d[i]), 1e-12, 1000)
                    .logProbability(tools[i]);   // Dmat[i, 1] is column-major position i
        }
        assertEquals(expected, m.logDensity(new double[] {a, b}), 1e-9 * Math.abs(expected));
    }

    @Test
    void checkerErrorsAreLocated() {
        assertError("x <- y + 1\ny <- x * 2\nz ~ normal(x, 1)\n", 1, "cycle");
        assertError("a ~ normal(0, 1)\nmu <- a\nmu <- 2*a\ny ~ normal(mu, 1)\n", 3, "defined twice");
        assertError("gq> a ~ normal(0, 1)\n", 1, "tag goes on a '<-'");
        assertError("probit(p) <- a\na ~ normal(0, 1)\n", 1, "unknown link function 'probit'");
        assertError("a[tank] ~ normal(0, 1)\nreal:b ~ normal(a, 1)\ntank <- 1:48\n", 2, "a single value is needed here");
        assertError("matrix[2,2]:b ~ normal(0, 1)\nS ~ dbinom(N, p)\nlogit(p) <- b[1]\nS <- surv\nN <- density\n", 3,
                "takes 2 indices, not 1");
        assertError("a ~ normal(0, 1)\ngq> g <- a * 2\nreal:b ~ normal(g, 1)\n", 3, "generated quantity");
        assertError("a ~ normal(0, 1, 2)\n", 1, "takes 2 arguments, not 3");
        assertError("a ~ multi_normal(0, 1)\n", 1, "the outcome of multi_normal must be a vector[K], not a scalar");
        assertError("a ~ multi_normal(0, 1, 2, 3)\n", 1, "multi_normal takes 2 arguments");
        assertError("Rho ~ lkj_corr(2)\n", 1, "needs a type");
        assertError("corr_matrix[2]:R ~ dirichlet(a)\nvector[2]:a <- rep_vector(1, 2)\n", 1, "dirichlet is a distribution of a simplex");
        assertError("y | y > 0 ~ normal(0, 1)\n", 1, "only applies to data outcomes");
        assertError("a ~ normal(0, 1)\nlp__ ~ normal(a, 1)\n", 2, "'lp__' is a parameter and its name ends in two underscores");
        assertError("a ~ normal(0, 1)\ngq> x__ <- a * 2\n", 2, "'x__' is a generated quantity");
    }

    private static void assertError(String text, int line, String phrase) {
        UlamException e = assertThrows(UlamException.class, () -> check(text, FROGS));
        assertNotNull(e.location(), e.getMessage());
        assertEquals(line, e.location().line(), e.format());
        assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in: " + e.format());
        ulam.compiler.testing.GoldenErrors.assertGolden(LanguageTest.class, phrase, text, e);
    }
}
