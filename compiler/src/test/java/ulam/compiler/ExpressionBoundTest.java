package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import ulam.api.Posterior;
import ulam.api.SampleOptions;
import ulam.api.Ulam;
import ulam.api.UlamData;
import ulam.api.UlamModel;
import ulam.compiler.parse.Source;
import ulam.compiler.stan.StanProgram;
import ulam.compiler.stan.StanSyntax;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Bounds that are expressions of the data and of earlier parameters (Stan reference manual,
 * "Constraint transforms": x = L + (U - L) inv_logit(u), log Jacobian log(U - L) +
 * log inv_logit(u) + log(1 - inv_logit(u)); x = L + exp(u); x = U - exp(u)), as garch11's
 * {@code real<lower=0, upper=(1 - alpha1)> beta1} needs: the log density equals its closed form,
 * the gradient (through the bound's {@code log(U - L)} to the parameter it reads) equals finite
 * differences, draws stay inside their bounds, and bad bounds get located errors.
 */
class ExpressionBoundTest {

    private static final String Y = "{\"y\": [0.1, 0.5, 0.35, 0.2], \"L\": -0.5}";

    /** b in (0, 1 - a): y ~ normal(mu + b, 1) reads it, so both its adjoint and its Jacobian reach a. */
    private static final String SCALAR = "m <- ulam(alist(\n"
            + "  y ~ normal(mu + b, 1),\n"
            + "  mu ~ normal(0, 1),\n"
            + "  a ~ beta(2, 2),\n"
            + "  b ~ normal(0.2, 0.5)\n"
            + "), constraints = list(b = \"lower=0,upper=1 - a\"))\n";

    /** A vector with a data lower bound and an upper bound of a parameter; an upper-only bound of a parameter. */
    private static final String VECTOR = "m <- ulam(alist(\n"
            + "  y ~ normal(mu + sum(z) + c, 1),\n"
            + "  mu ~ normal(0, 1),\n"
            + "  a ~ beta(2, 2),\n"
            + "  vector[3]:z ~ normal(0, 1),\n"
            + "  c ~ normal(0, 1)\n"
            + "), constraints = list(z = \"lower=L, upper=a + 2 * exp(mu)\", c = \"upper=fmin(a, mu)\"))\n";

    private static final org.apache.commons.rng.UniformRandomProvider RNG = org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(3L);

    private static Model model(String text) {
        return Models.inline(text, Models.json(Y));
    }

    private static double invLogit(double u) {
        return 1 / (1 + Math.exp(-u));
    }

    @Test
    void logDensityIsTheClosedForm() {
        Model m = model(SCALAR);
        assertEquals(List.of("mu", "a", "b"), List.of(m.outputNames()).subList(0, 3));
        double[] y = {0.1, 0.5, 0.35, 0.2};
        for (double[] q : new double[][] {{0.3, -0.4, 0.7}, {-1.1, 2.0, -2.5}, {0, 0, 0}}) {
            double a = invLogit(q[1]);
            double u = 1 - a;
            double b = u * invLogit(q[2]);
            double lp = new NormalDistribution(0, 1).logDensity(q[0]) + new BetaDistribution(2, 2).logDensity(a)
                    + new NormalDistribution(0.2, 0.5).logDensity(b);
            for (double v : y) lp += new NormalDistribution(q[0] + b, 1).logDensity(v);
            lp += Math.log(invLogit(q[1]) * (1 - invLogit(q[1])));                 // a = inv_logit(u_a)
            lp += Math.log(u) + Math.log(invLogit(q[2]) * (1 - invLogit(q[2])));  // b = (1 - a) inv_logit(u_b)
            assertEquals(lp, m.logDensity(q), 1e-10 * Math.abs(lp), "log density at " + java.util.Arrays.toString(q));
            double[] draw = new double[m.outputNames().length];
            m.writeDraw(q, RNG, draw);
            assertEquals(b, draw[2], 1e-14, "b");
        }
    }

    @Test
    void gradientReachesTheParameterABoundReads() {
        Model s = model(SCALAR);
        Models.assertGradient(s, 11);
        // d/du_a alone: the likelihood reads b, whose bound 1 - a moves with u_a, and log(1 - a) is in the Jacobian
        double[] q = {0.2, 0.9, -0.3};
        double[] g = new double[3];
        s.logDensityGradient(q, g);
        assertEquals(Models.finiteDifference(s, q, 1), g[1], 1e-7);
        Model v = model(VECTOR);
        Models.assertGradient(v, 12);
        double[] jac = new double[v.dimension()];
        double[] p = {0.4, -0.2, 0.1, 0.5, -0.7, 0.3};
        double lj = v.logJacobian(p, jac);
        // the log Jacobian alone: z = L + (U - L) inv_logit(u), U = a + 2 exp(mu); c = min(a, mu) - exp(u_c)
        double a = invLogit(p[1]);
        double width = a + 2 * Math.exp(p[0]) + 0.5;
        double expect = Math.log(a * (1 - a)) + p[5];
        for (int k = 2; k < 5; k++) expect += Math.log(width) + Math.log(invLogit(p[k]) * (1 - invLogit(p[k])));
        assertEquals(expect, lj, 1e-12);
        assertEquals(3 * 2 * Math.exp(p[0]) / width, jac[0], 1e-12, "d log|J| / d mu: three log(U - L) terms");
    }

    @Test
    void aUniformPriorOrATruncationOnAnEarlierParameterBoundsTheParameter() {
        // rethinking's ulam writes real<lower=0,upper=a> b for b ~ uniform(0, a): -log(a) + log(a - 0) cancel in a's gradient
        Model m = model("y ~ normal(b, 1)\na ~ exponential(1)\nb ~ uniform(0, a)\n");
        assertEquals(List.of("a", "b"), List.of(m.outputNames()).subList(0, 2));
        double[] q = {0.3, -0.8};
        double a = Math.exp(q[0]);
        double b = a * invLogit(q[1]);
        double lp = -a - Math.log(a) + q[0] + Math.log(a) + Math.log(invLogit(q[1]) * (1 - invLogit(q[1])));
        for (double v : new double[] {0.1, 0.5, 0.35, 0.2}) lp += new NormalDistribution(b, 1).logDensity(v);
        assertEquals(lp, m.logDensity(q), 1e-10 * Math.abs(lp));
        Models.assertGradient(m, 31);
        Model t = model("y ~ normal(b, 1)\na ~ exponential(1)\nb ~ normal(0, 1) T[0, a]\n");
        Models.assertGradient(t, 32);
        UlamException later = error("y ~ normal(b, 1)\nb ~ uniform(0, a)\na ~ exponential(1)\n");
        assertTrue(later.getMessage().contains("a parameter declared after it") && later.location().line() == 2, later.format());
    }

    @Test
    void drawsStayWithinTheirBounds() {
        Model m = model(SCALAR);
        double[] draw = new double[m.outputNames().length];
        for (double ua : new double[] {-30, -3, 0, 3, 30}) {
            for (double ub : new double[] {-30, -1, 0, 1, 30}) {
                m.writeDraw(new double[] {0, ua, ub}, RNG, draw);
                double a = draw[1];
                double b = draw[2];
                assertTrue(a > 0 && a < 1 && b >= 0 && b <= 1 - a, "a = " + a + ", b = " + b);
            }
        }
        UlamModel fit = Ulam.compile("bounded", SCALAR, UlamData.of(Map.of("y", new double[] {0.1, 0.5, 0.35, 0.2})));
        Posterior post = fit.sample(SampleOptions.defaults().draws(300).warmup(300).chains(2).seed(7));
        double[] a = post.draws("a");
        double[] b = post.draws("b");
        for (int i = 0; i < a.length; i++) assertTrue(b[i] > 0 && b[i] < 1 - a[i], "draw " + i + ": a = " + a[i] + ", b = " + b[i]);
    }

    @Test
    void userInitsAreUnconstrainedWithTheBoundOfTheirValues() {
        Model m = model(SCALAR);
        double[] q = new double[3];
        m.unconstrain(new double[] {0.1, 0.6, 0.3}, q);
        assertEquals(Math.log(0.6 / 0.4), q[1], 1e-12);
        assertEquals(Math.log(0.3 / 0.1), q[2], 1e-12, "b = 0.3 in (0, 0.4)");
        assertThrows(RuntimeException.class, () -> m.unconstrain(new double[] {0.1, 0.6, 0.5}, new double[3]), "b = 0.5 is above 1 - a");
    }

    private static UlamException error(String text) {
        return assertThrows(UlamException.class, () -> Models.inline(text, Models.json(Y)));
    }

    @Test
    void aBoundOnALaterParameterOrAVectorIsALocatedError() {
        UlamException later = error(SCALAR.replace("b = \"lower=0,upper=1 - a\"", "a = \"lower=0,upper=1 - b\""));
        assertTrue(later.getMessage().contains("'b', a parameter declared after it"), later.format());
        assertTrue(later.location() != null && later.location().line() == 6, later.format());
        UlamException self = error(SCALAR.replace("upper=1 - a", "upper=1 - b"));
        assertTrue(self.getMessage().contains("the parameter itself"), self.format());
        UlamException vector = error(VECTOR.replace("c = \"upper=fmin(a, mu)\"", "c = \"upper=z\""));
        assertTrue(vector.getMessage().contains("in the bound 'z' of 'c'"), vector.format());
        assertTrue(vector.location() != null && vector.location().line() == 7, vector.format());
        UlamException local = error(SCALAR.replace("upper=1 - a", "upper=nu").replace("a ~ beta(2, 2),", "a ~ beta(2, 2),\n  nu <- a / 2,"));
        assertTrue(local.getMessage().contains("neither data nor a parameter"), local.format());
    }

    private static final String STAN = "data { int N; vector[N] y; }\n"
            + "parameters {\n  real mu;\n  real<lower=0, upper=1> a;\n  real<lower=0, upper=(1 - a)> b;\n}\n"
            + "model { y ~ normal(mu + b, 1); mu ~ normal(0, 1); a ~ beta(2, 2); b ~ normal(0.2, 0.5); }\n";

    private static final DataSet STAN_DATA = Models.json("{\"N\": 4, \"y\": [0.1, 0.5, 0.35, 0.2]}");

    @Test
    void theStanFrontEndLowersAnExpressionBound() {
        Model stan = Compiler.compile(new Source("m.stan", STAN), Compiler.schema(STAN_DATA)).factory().apply(STAN_DATA);
        Model alist = model(SCALAR);
        double[] q = {0.3, -0.4, 0.7};
        // Stan's ~ drops constants: the same density up to a constant, the same gradient
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        double d1 = stan.logDensityGradient(q, g1) - stan.logDensityGradient(new double[3], new double[3]);
        double d2 = alist.logDensityGradient(q, g2) - alist.logDensityGradient(new double[3], new double[3]);
        assertEquals(d2, d1, 1e-10);
        for (int k = 0; k < 3; k++) assertEquals(g2[k], g1[k], 1e-10);
        UlamException later = assertThrows(UlamException.class, () -> Compiler.compile(
                new Source("m.stan", STAN.replace("real<lower=0, upper=1> a;", "real<lower=0, upper=b> a;")), Compiler.schema(STAN_DATA)));
        assertTrue(later.getMessage().contains("'b' is not declared") && later.location().line() == 4, later.format());
        UlamException vector = assertThrows(UlamException.class, () -> Compiler.compile(
                new Source("m.stan", STAN.replace("real mu;", "vector[2] mu;").replace("mu + b", "mu[1] + b")
                        .replace("mu ~", "mu[1] ~").replace("upper=(1 - a)", "upper=mu")), Compiler.schema(STAN_DATA)));
        assertTrue(vector.location() != null && vector.location().line() == 5 && vector.location().file().equals("m.stan"), vector.format());
    }

    @Test
    void aStanVectorWithBothBoundsExpressions() {
        String program = "data { int N; vector[N] y; real L; }\n"
                + "parameters {\n  real<lower=0, upper=1> a;\n  vector<lower=L, upper=L + 2 * a>[2] z;\n  real<lower=-a> c;\n}\n"
                + "model { y ~ normal(sum(z) + c, 1); z ~ normal(0, 1); c ~ normal(0, 1); }\n";
        DataSet data = Models.json("{\"N\": 4, \"y\": [0.1, 0.5, 0.35, 0.2], \"L\": -0.5}");
        Model m = Compiler.compile(new Source("m.stan", program), Compiler.schema(data)).factory().apply(data);
        Models.assertGradient(m, 21);
        double[] q = {0.4, -1.0, 2.0, 0.3};
        double[] draw = new double[m.outputNames().length];
        m.writeDraw(q, RNG, draw);
        double a = invLogit(0.4);
        assertEquals(-0.5 + 2 * a * invLogit(-1.0), draw[1], 1e-14, "z[1] = L + (U - L) inv_logit(u)");
        assertEquals(-0.5 + 2 * a * invLogit(2.0), draw[2], 1e-14, "z[2]");
        assertEquals(-a + Math.exp(0.3), draw[3], 1e-14, "c = -a + exp(u)");
    }

    @Test
    void stanExportWritesTheBoundBack() {
        Compiler.Compiled c = Compiler.compile(new Source("m.ulam", SCALAR), Compiler.schema(Models.json(Y)));
        String text = StanProgram.of(c.spec(), StanSyntax.MODERN, false).text();
        assertTrue(text.contains("real<lower=0, upper=1 - a> b;"), text);
    }
}
