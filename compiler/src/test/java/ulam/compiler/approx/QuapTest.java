package ulam.compiler.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.approx.ApproxDraws;
import ulam.runtime.approx.Lbfgs;
import ulam.runtime.approx.QuadraticApproximation;
import ulam.runtime.approx.QuadraticApproximation.Kind;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.VariableSummary;

/**
 * quap and the Laplace approximation on compiled models, against closed forms: a conjugate
 * normal (exact posterior), the mode and Hessian of a normal model with unknown sd written out by
 * hand, the log density without Jacobian, and the errors for a Hessian that cannot be inverted.
 */
class QuapTest {
    static final double[] Y = {4.1, 5.3, 2.2, 6.0, 4.8, 3.9, 5.5};

    @TempDir Path dir;

    private DataSet data() throws Exception {
        StringBuilder sb = new StringBuilder("{\"y\": [");
        for (int i = 0; i < Y.length; i++) sb.append(i > 0 ? "," : "").append(Y[i]);
        Path f = dir.resolve("y.json");
        Files.writeString(f, sb.append("]}").toString());
        return DataSet.read(List.of(f), Map.of());
    }

    private static QuadraticApproximation quap(Model m, Kind kind) {
        return QuadraticApproximation.fit(m, new double[m.dimension()], kind, Lbfgs.Settings.defaults().tight());
    }

    /** Normal likelihood with known sd 2 and a normal(1, 3) prior: the posterior is normal (BDA3 2.5). */
    @Test
    void conjugateNormalIsExact() throws Exception {
        Model m = Models.inline("y ~ dnorm(mu, 2)\nmu ~ dnorm(1, 3)\n", data());
        double prec = 1 / 9.0 + Y.length / 4.0;
        double sum = 0;
        for (double v : Y) sum += v;
        double mean = (1 / 9.0 + sum / 4.0) / prec;
        double sd = Math.sqrt(1 / prec);
        for (Kind k : Kind.values()) {
            QuadraticApproximation qa = quap(m, k);
            assertEquals(mean, qa.mode()[0], 1e-8 * sd, k.toString());
            if (k == Kind.QUAP) {
                VariableSummary s = qa.precis(0.89).get(0);
                assertEquals(sd, s.sd(), 1e-6 * sd);
                assertEquals(mean - 1.598193139923 * sd, s.lower(), 1e-6 * sd);
            }
            ApproxDraws d = qa.draw(40_000, 7L);
            VariableSummary s = d.summaries(0.89).get(0);
            assertEquals(mean, s.mean(), 4 * sd / Math.sqrt(40_000), "draws' mean");
            assertEquals(sd, s.sd(), 0.02 * sd, "draws' sd");
        }
    }

    /**
     * y ~ normal(mu, sigma), mu ~ normal(0, 10), sigma ~ exponential(1): the mode solves
     * sum(y - mu)/sigma^2 = mu/100 and -n/sigma + sum((y - mu)^2)/sigma^3 = 1, and the Hessian of
     * log p on the parameters' own scale is written out; quap's covariance is its negative inverse.
     */
    @Test
    void modeAndHessianOnTheParametersOwnScale() throws Exception {
        Model m = Models.inline("y ~ dnorm(mu, sigma)\nmu ~ dnorm(0, 10)\nsigma ~ dexp(1)\n", data());
        QuadraticApproximation qa = quap(m, Kind.QUAP);
        double mu = qa.mode()[0];
        double sigma = qa.mode()[1];
        int n = Y.length;
        double r1 = 0;
        double r2 = 0;
        for (double v : Y) {
            r1 += v - mu;
            r2 += (v - mu) * (v - mu);
        }
        assertEquals(0, r1 / (sigma * sigma) - mu / 100, 1e-5, "d/dmu at the mode");
        assertEquals(0, -n / sigma + r2 / Math.pow(sigma, 3) - 1, 1e-5, "d/dsigma at the mode");
        double hmm = -n / (sigma * sigma) - 1 / 100.0;
        double hms = -2 * r1 / Math.pow(sigma, 3);
        double hss = n / (sigma * sigma) - 3 * r2 / Math.pow(sigma, 4);
        double det = hmm * hss - hms * hms;
        double[] cov = qa.covariance();
        assertEquals(-hss / det, cov[0], 1e-6 * Math.abs(cov[0]));
        assertEquals(hms / det, cov[1], 1e-6 * Math.sqrt(cov[0] * cov[3]));
        assertEquals(-hmm / det, cov[3], 1e-6 * Math.abs(cov[3]));
        // Laplace's mode is on the log scale with the Jacobian: log p(mu, sigma) + log sigma, so a larger sigma
        QuadraticApproximation la = quap(m, Kind.LAPLACE);
        double s2 = la.mode()[1];
        assertEquals(0, -n / s2 + r2(la.mode()[0]) / Math.pow(s2, 3) - 1 + 1 / s2, 1e-5, "Laplace: d/dsigma + 1/sigma");
        assertTrue(s2 > sigma);
        ApproxDraws d = la.draw(5000, 3L);
        for (double[] row : d.values()) assertTrue(row[1] > 0, "Laplace draws stay in bounds");
    }

    private static double r2(double mu) {
        double s = 0;
        for (double v : Y) s += (v - mu) * (v - mu);
        return s;
    }

    /** The log density without Jacobian: its gradient against finite differences, and the Jacobian terms themselves. */
    @Test
    void logDensityWithoutJacobian() throws Exception {
        Model m = Models.inline("y ~ dnorm(mu, sigma)\nmu ~ dnorm(0, 10)\nsigma ~ dexp(1)\nreal:p ~ dbeta(2, 2)\n"
                + "simplex[3]: w ~ dirichlet(c(2, 2, 2))\n", data());
        int d = m.dimension();
        double[] q = new double[d];
        for (int i = 0; i < d; i++) q[i] = 0.3 * (i + 1) - 0.7;
        double[] g = new double[d];
        double[] gj = new double[d];
        double with = m.logDensity(q);
        double without = m.logDensityGradient(q, g, false);
        double lj = m.logJacobian(q, gj);
        assertEquals(with, without + lj, 1e-10);
        // sigma = exp(q) adds q; p = inv_logit(q) adds log p(1-p)
        double pq = q[2];
        double ip = 1 / (1 + Math.exp(-pq));
        double partial = q[1] + Math.log(ip * (1 - ip));
        double simplexPart = lj - partial;
        assertTrue(Double.isFinite(simplexPart));
        for (int k = 0; k < d; k++) {
            double h = 1e-5;
            double[] a = q.clone();
            double[] b = q.clone();
            a[k] += h;
            b[k] -= h;
            double[] scratch = new double[d];
            double fd = (m.logDensityGradient(a, scratch, false) - m.logDensityGradient(b, scratch, false)) / (2 * h);
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "d/dq" + k);
        }
    }

    @Test
    void aFlatDirectionIsAClearErrorNamingTheParameters() throws Exception {
        Model m = Models.inline("y ~ dnorm(a + b, 1)\na ~ dnorm(0, 1e6)\nb ~ dnorm(0, 1e6)\nreal:c ~ dnorm(0, 1)\n", data());
        UlamException e = assertThrows(UlamException.class, () -> quap(m, Kind.QUAP));
        assertTrue(e.getMessage().contains("a, b") && !e.getMessage().contains("c,"), e.getMessage());
        assertTrue(e.format().contains("proper priors"), e.format());
    }

    @Test
    void quapCommandAndRunOnAQuapFileWriteAFitThatWaicAndLinkRead() throws Exception {
        data();
        Path model = dir.resolve("m.ulam");
        Files.writeString(model, """
                m <- quap(
                    alist(
                        y ~ dnorm(mu, sigma),
                        mu ~ dnorm(0, 10),
                        sigma ~ dexp(1)
                    ), data=d, start=list(mu=mean(y), sigma=sd(y)))
                """);
        String[] r = Cli.run("quap", model.toString(), "--data", dir.resolve("y.json").toString(), "--seed", "1",
                "--output-dir", dir.resolve("fit").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("mean   sd 5.5% 94.5%") && !r[1].contains("rhat"), r[1]);
        assertTrue(!r[2].contains("'start'"), "quap's own arguments are not reported as ignored: " + r[2]);
        String[] w = Cli.run("waic", dir.resolve("fit").toString());
        assertEquals("0", w[0], w[2]);
        assertTrue(w[1].contains("10000 draws"), w[1]);
        String[] run = Cli.run("run", model.toString(), "--data", dir.resolve("y.json").toString(), "--seed", "1");
        assertEquals("0", run[0], run[2]);
        assertTrue(run[2].contains("quap(...) call"), run[2]);
        assertEquals(r[1].lines().skip(1).findFirst().orElseThrow(), run[1].lines().skip(1).findFirst().orElseThrow(),
                "ulam run on a quap(...) file gives ulam quap's table");
    }

    @Test
    void startValuesOutsideTheSupportAreAnError() throws Exception {
        data();
        Path model = dir.resolve("m.ulam");
        Files.writeString(model, "m <- quap(alist(y ~ dnorm(mu, sigma), mu ~ dnorm(0, 10), sigma ~ dexp(1)),"
                + " data=d, start=list(sigma=-1))\n");
        String[] r = Cli.run("quap", model.toString(), "--data", dir.resolve("y.json").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("sigma") && r[2].contains("start"), r[2]);
    }

    /** The book's globe tossing (R code 2.6): quap's normal for p crosses 1, such draws are drawn again and counted. */
    @Test
    void drawsOutsideTheSupportAreDrawnAgainAndCounted() {
        Model m = Models.inline("W ~ dbinom(W + L, p)\np ~ dunif(0, 1)\n", DataSet.read(List.of(), Map.of("W", "6", "L", "3")));
        QuadraticApproximation qa = quap(m, Kind.QUAP);
        assertEquals(2 / 3.0, qa.mode()[0], 1e-7);
        assertEquals(Math.sqrt((2 / 3.0) * (1 / 3.0) / 9), Math.sqrt(qa.covariance()[0]), 1e-6, "binomial: p(1-p)/n");
        ApproxDraws d = qa.draw(10_000, 1L);
        for (double[] row : d.values()) assertTrue(row[0] > 0 && row[0] < 1);
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("outside the support of p") && n.contains("--laplace")), d.notes().toString());
    }

    @Test
    void laplaceFromTheCommandLineSummarisesItsDraws() throws Exception {
        data();
        Path model = dir.resolve("m.ulam");
        Files.writeString(model, "y ~ dnorm(mu, sigma)\nmu ~ dnorm(0, 10)\nsigma ~ dexp(1)\n");
        String[] r = Cli.run("quap", model.toString(), "--data", dir.resolve("y.json").toString(), "--seed", "1", "--laplace",
                "--digits", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("Laplace approximation of m: mode and Hessian on the unconstrained scale"), r[1]);
        assertTrue(r[1].matches("(?s).*sigma +1\\.[0-9]{3} .*"), r[1]);
    }
}
