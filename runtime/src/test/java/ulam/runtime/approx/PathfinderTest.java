package ulam.runtime.approx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.runtime.sampler.TestModels;

/** Pathfinder's normal approximations and its draws on targets with known moments. */
class PathfinderTest {

    /** The compact inverse BFGS matrix satisfies the secant condition of its newest pair, H y = s. */
    @Test
    void compactInverseHessianSatisfiesTheSecantCondition() {
        int n = 6;
        var rng = RandomSource.XO_SHI_RO_256_PP.create(3L);
        double[][] s = new double[3][n];
        double[][] y = new double[3][n];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < n; i++) {
                s[j][i] = rng.nextDouble() - 0.5;
                y[j][i] = (1 + i) * s[j][i] + 0.01 * (rng.nextDouble() - 0.5);   // a Hessian diag(1..n), slightly perturbed
            }
        }
        double[] alpha = {0.5, 0.7, 1, 1.2, 0.9, 0.3};
        double[] x = new double[n];
        double[] g = new double[n];
        LowRankNormal q = LowRankNormal.at(x, g, alpha, s, y);
        assertNotNull(q);
        double[] h = q.covariance();
        double[] hy = new double[n];
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) hy[i] += h[i + k * n] * y[2][k];
        assertArrayEquals(s[2], hy, 1e-10);
        // symmetric and positive definite
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) assertEquals(h[i + k * n], h[k + i * n], 1e-12);
        Eigen e = Eigen.of(h, n);
        assertTrue(e.values()[0] > 0);
        // log det from the factorisation equals the eigenvalues' sum of logs
        double logDet = 0;
        for (double v : e.values()) logDet += Math.log(v);
        assertEquals(logDet, q.logDetSigma, 1e-9);
    }

    /** The draws of one approximation have its covariance, and their log q is the normal density. */
    @Test
    void lowRankNormalDrawsHaveItsCovariance() {
        int n = 4;
        double[][] s = {{1, 0.2, 0, 0}, {0, 1, 0.3, 0}};
        double[][] y = {{2, 0.5, 0, 0}, {0.3, 3, 0.8, 0}};
        double[] alpha = {1, 0.5, 2, 1.5};
        double[] mu0 = {1, -1, 0.5, 0};
        LowRankNormal q = LowRankNormal.at(mu0, new double[n], alpha, s, y);
        double[] cov = q.covariance();
        var normal = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(5L));
        int draws = 200_000;
        double[] sum = new double[n];
        double[] sq = new double[n * n];
        double[] u = new double[n];
        double[] x = new double[n];
        for (int d = 0; d < draws; d++) {
            double lq = q.draw(normal, u, x);
            if (d == 0) assertEquals(denseLogDensity(x, mu0, cov, n), lq, 1e-9);
            for (int i = 0; i < n; i++) {
                sum[i] += x[i];
                for (int k = 0; k < n; k++) sq[i + k * n] += (x[i] - mu0[i]) * (x[k] - mu0[k]);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(mu0[i], sum[i] / draws, 5 * Math.sqrt(cov[i + i * n] / draws));
            for (int k = 0; k < n; k++) assertEquals(cov[i + k * n], sq[i + k * n] / draws, 0.02 * Math.sqrt(cov[i + i * n] * cov[k + k * n]) + 1e-3);
        }
    }

    private static double denseLogDensity(double[] x, double[] mu, double[] cov, int n) {
        double[] l = new double[n * n];
        ulam.stdlib.linalg.Dense.cholesky(cov, 0, n, l, 0);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = x[i] - mu[i];
        ulam.stdlib.linalg.Dense.forwardSolve(l, 0, n, z, 0);
        return -0.5 * (2 * ulam.stdlib.linalg.Dense.sumLogDiagonal(l, 0, n) + Vectors.dot(z, z) + n * Math.log(2 * Math.PI));
    }

    @Test
    void multiPathDrawsMatchACorrelatedNormal() {
        Pathfinder.Result r = Pathfinder.run(new TestModels.Correlated2D(2, 0.5, 0.8), Pathfinder.Settings.defaults(), 11L);
        double[][] v = r.draws().values();
        assertEquals(1000, v.length);
        double m0 = 0, m1 = 0, s0 = 0, s1 = 0, c = 0;
        for (double[] d : v) {
            m0 += d[0];
            m1 += d[1];
        }
        m0 /= v.length;
        m1 /= v.length;
        for (double[] d : v) {
            s0 += (d[0] - m0) * (d[0] - m0);
            s1 += (d[1] - m1) * (d[1] - m1);
            c += (d[0] - m0) * (d[1] - m1);
        }
        s0 = Math.sqrt(s0 / v.length);
        s1 = Math.sqrt(s1 / v.length);
        assertEquals(0, m0, 0.3 * 2);
        assertEquals(0, m1, 0.3 * 0.5);
        assertEquals(2, s0, 0.2 * 2);
        assertEquals(0.5, s1, 0.2 * 0.5);
        assertEquals(0.8, c / v.length / (s0 * s1), 0.1);
        assertTrue(!r.flagged(), "k = " + r.paretoK() + ", relative efficiency " + r.relativeEfficiency());
        for (Pathfinder.Path p : r.paths()) assertTrue(p.elbo() > -1 && p.elbo() < 0.1, "ELBO near 0 for an exact fit: " + p.elbo());
    }

    @Test
    void singlePathOnAStandardNormal() {
        Pathfinder.Settings s = new Pathfinder.Settings(1, 2000, 25, 1000, 5, 1000, 2, 1);
        Pathfinder.Result r = Pathfinder.run(new TestModels.StdNormal(10), s, 3L);
        assertEquals(2000, r.draws().count(), "single path: the path's draws, not resampled");
        double[][] v = r.draws().values();
        for (int i = 0; i < 10; i++) {
            double m = 0, q = 0;
            for (double[] d : v) m += d[i];
            m /= v.length;
            for (double[] d : v) q += (d[i] - m) * (d[i] - m);
            assertEquals(0, m, 0.15);
            assertEquals(1, Math.sqrt(q / v.length), 0.1);
        }
    }

    @Test
    void diagnosticsFlagTheFunnel() {
        for (long seed = 1; seed <= 3; seed++) {
            Pathfinder.Result r = Pathfinder.run(new TestModels.Funnel(9), Pathfinder.Settings.defaults(), seed);
            assertTrue(r.flagged(), "k = " + r.paretoK() + ", relative efficiency " + r.relativeEfficiency());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("Pareto k")));
            for (Pathfinder.Path p : r.paths()) assertTrue(p.elbo() < -1, "ELBO = -KL(q||p) of a normalised funnel: " + p.elbo());
        }
    }

    @Test
    void anExactApproximationHasNoParetoK() {
        Pathfinder.Result r = Pathfinder.run(new TestModels.StdNormal(3), Pathfinder.Settings.defaults(), 2L);
        assertTrue(Double.isNaN(r.paretoK()), "constant ratios: " + r.paretoK());
        assertEquals(1, r.relativeEfficiency(), 1e-6);
        assertTrue(!r.flagged());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        var m = new TestModels.Correlated2D(1, 1, 0.3);
        Pathfinder.Settings one = new Pathfinder.Settings(4, 200, 10, 300, 5, 1000, 2, 1);
        Pathfinder.Settings two = new Pathfinder.Settings(4, 200, 10, 300, 5, 1000, 2, 2);
        double[][] a = Pathfinder.run(m, one, 9L).draws().values();
        double[][] b = Pathfinder.run(m, two, 9L).draws().values();
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0);
    }

    @Test
    void chainsStartAtTheGivenPointsAndFallBackWhereTheyAreNotFinite() {
        var config = ulam.runtime.sampler.SamplerConfig.builder().chains(2).cores(1).warmup(20).draws(10).seed(4L).build();
        double[][] inits = {{0.5, -0.25}, {Double.NaN, 1}};
        var fit = ulam.runtime.sampler.Sampler.run(new TestModels.StdNormal(2), config, null, null, inits);
        assertArrayEquals(inits[0], fit.chains().get(0).initialPoint(), 0);
        double[] fallback = fit.chains().get(1).initialPoint();
        assertTrue(Double.isFinite(fallback[0]) && Math.abs(fallback[0]) <= 2, "random initial values instead");
    }
}
