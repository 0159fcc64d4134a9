package ulam.runtime.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.Convergence;

/**
 * NUTS against posteriors known exactly. Tolerances come from the Monte Carlo standard errors of
 * the run itself (4 MCSE), so a correct sampler passes for any seed with high probability and a
 * biased one fails; the seeds are fixed, so results are reproducible.
 */
class SamplerTest {

    private static SamplerConfig.Builder config() {
        return SamplerConfig.builder().seed(20240607).cores(2);
    }

    /** |mean - truth| within 4 MCSE, and E[(x - m)^2] within 4 MCSE of the true variance. */
    private static void assertMoments(Fit fit, int output, double mean, double sd) {
        double[][] x = fit.draws(output);
        double mcse = Convergence.mcseMean(x);
        double m = Convergence.mean(x);
        String name = fit.outputNames()[output];
        assertTrue(Math.abs(m - mean) <= 4 * mcse, name + " mean " + m + " vs " + mean + " (mcse " + mcse + ")");
        double[][] sq = new double[x.length][x[0].length];
        for (int c = 0; c < x.length; c++) for (int i = 0; i < x[c].length; i++) sq[c][i] = (x[c][i] - mean) * (x[c][i] - mean);
        double var = Convergence.mean(sq);
        double varMcse = Convergence.mcseMean(sq);
        assertTrue(Math.abs(var - sd * sd) <= 4 * varMcse,
                name + " variance " + var + " vs " + sd * sd + " (mcse " + varMcse + ")");
    }

    private static double meanStat(Fit fit, SamplerStat s) {
        return Convergence.mean(fit.stat(s));
    }

    @Test
    void iidStandardNormal10D() {
        Fit fit = Sampler.run(new TestModels.StdNormal(10), config().build(), ProgressListener.NONE);
        assertEquals(4, fit.chainCount());
        assertEquals(500, fit.drawsPerChain());
        for (int j = 0; j < 10; j++) {
            assertMoments(fit, j, 0, 1);
            assertTrue(Convergence.rhat(fit.draws(j)) < 1.01);
        }
        assertEquals(0, meanStat(fit, SamplerStat.DIVERGENT));
        // the adapted metric approaches the posterior variances (1)
        for (ChainResult c : fit.chains()) {
            for (double v : c.inverseMetric()) assertEquals(1.0, v, 0.35);
        }
    }

    /**
     * Dual averaging drives the running mean of the acceptance statistic to adapt_delta during
     * warmup (Hoffman and Gelman 2014, Sec. 3.2), so the terminal buffer averages close to it. After
     * warmup Stan uses exp(x_bar), a smaller step than the noisy adaptive ones, so the acceptance is
     * then somewhat above the target, as with Stan (the more so in low dimension).
     */
    @Test
    void stepSizeAdaptationReachesTargetAcceptance() {
        for (double delta : new double[] {0.8, 0.95}) {
            Fit fit = Sampler.run(new TestModels.StdNormal(10), config().adaptDelta(delta).warmup(1000).build(),
                    ProgressListener.NONE);
            double terminal = 0;
            int n = 0;
            for (ChainResult c : fit.chains()) {
                for (int i = 950; i < 1000; i++) {
                    terminal += c.warmupStats()[i][SamplerStat.ACCEPT_STAT.index()];
                    n++;
                }
            }
            assertEquals(delta, terminal / n, 0.04, "terminal buffer, adapt_delta " + delta);
            double accept = meanStat(fit, SamplerStat.ACCEPT_STAT);
            assertTrue(accept > delta - 0.02 && accept < delta + 0.1, "after warmup " + accept + ", adapt_delta " + delta);
            // the adapted step size is the one used after warmup
            for (ChainResult c : fit.chains()) {
                for (double[] s : c.stats()) assertEquals(c.stepSize(), s[SamplerStat.STEPSIZE.index()]);
            }
        }
    }

    @Test
    void positiveParameterWithJacobian() {
        // sigma ~ gamma(3, 2): mean 1.5, sd sqrt(3)/2; sampled as log(sigma)
        Fit fit = Sampler.run(new TestModels.PositiveGamma(3, 2), config().build(), ProgressListener.NONE);
        assertMoments(fit, 0, 1.5, Math.sqrt(3) / 2);
        for (ChainResult c : fit.chains()) for (double[] v : c.values()) assertTrue(v[0] > 0);
    }

    @Test
    void autoMetricTurnsDenseOnlyForStronglyCorrelatedDraws() {
        // correlation 0.95: condition number 39, below MetricAdaptation.AUTO_CONDITION: Stan's diag_e, draw for draw
        Model moderate = new TestModels.Correlated2D(1, 10, 0.95);
        Fit auto = Sampler.run(moderate, config().metric(MetricKind.AUTO).build(), ProgressListener.NONE);
        Fit diag = Sampler.run(moderate, config().metric(MetricKind.DIAG).build(), ProgressListener.NONE);
        for (int c = 0; c < auto.chainCount(); c++) {
            assertEquals(MetricKind.DIAG, auto.chains().get(c).metricKind());
            assertTrue(java.util.Arrays.deepEquals(diag.chains().get(c).values(), auto.chains().get(c).values()), "chain " + c);
        }
        // correlation 0.9995: condition number 3999: every chain ends with the dense metric, fewer leapfrog steps
        Model strong = new TestModels.Correlated2D(1, 10, 0.9995);
        Fit autoStrong = Sampler.run(strong, config().metric(MetricKind.AUTO).build(), ProgressListener.NONE);
        Fit diagStrong = Sampler.run(strong, config().metric(MetricKind.DIAG).build(), ProgressListener.NONE);
        for (ChainResult c : autoStrong.chains()) assertEquals(MetricKind.DENSE, c.metricKind(), "chain " + c.id());
        assertMoments(autoStrong, 0, 0, 1);
        assertMoments(autoStrong, 1, 0, 10);
        double autoSteps = meanStat(autoStrong, SamplerStat.N_LEAPFROG);
        double diagSteps = meanStat(diagStrong, SamplerStat.N_LEAPFROG);
        assertTrue(autoSteps < 0.5 * diagSteps, "auto " + autoSteps + " vs diag " + diagSteps + " leapfrog steps");
    }

    @Test
    void correlatedGaussianDenseMetricHelps() {
        Model m = new TestModels.Correlated2D(1, 10, 0.95);
        Fit dense = Sampler.run(m, config().metric(MetricKind.DENSE).build(), ProgressListener.NONE);
        assertMoments(dense, 0, 0, 1);
        assertMoments(dense, 1, 0, 10);
        Fit diag = Sampler.run(m, config().metric(MetricKind.DIAG).build(), ProgressListener.NONE);
        assertMoments(diag, 0, 0, 1);
        assertMoments(diag, 1, 0, 10);
        double denseSteps = meanStat(dense, SamplerStat.N_LEAPFROG);
        double diagSteps = meanStat(diag, SamplerStat.N_LEAPFROG);
        assertTrue(denseSteps < 0.75 * diagSteps, "dense " + denseSteps + " vs diag " + diagSteps + " leapfrog steps");
        // the dense metric estimates the covariance: [[1, 9.5], [9.5, 100]]
        double[] cov = dense.chains().get(0).inverseMetric();
        assertEquals(4, cov.length);
        assertEquals(9.5 / Math.sqrt(100), cov[1] / Math.sqrt(cov[0] * cov[3]), 0.05);
        assertEquals(cov[1], cov[2]);
        // and its draws have the right covariance: E[x y] = 9.5 within 4 MCSE of the product
        double[][] x = dense.draws(0);
        double[][] y = dense.draws(1);
        double[][] xy = new double[x.length][x[0].length];
        for (int c = 0; c < x.length; c++) for (int i = 0; i < x[c].length; i++) xy[c][i] = x[c][i] * y[c][i];
        double mcse = Convergence.mcseMean(xy);
        assertEquals(9.5, Convergence.mean(xy), 4 * mcse, "E[xy] (mcse " + mcse + ")");
    }

    @Test
    void funnelReportsDivergences() {
        Fit fit = Sampler.run(new TestModels.Funnel(9), config().adaptDelta(0.8).build(), ProgressListener.NONE);
        int divergent = 0;
        for (ChainResult c : fit.chains()) for (double[] s : c.stats()) divergent += (int) s[SamplerStat.DIVERGENT.index()];
        assertTrue(divergent > 0, "the centred funnel must produce divergent transitions");
    }

    @Test
    void treeDepthIsCapped() {
        Fit fit = Sampler.run(new TestModels.Correlated2D(1, 100, 0.999), config().maxTreeDepth(3).warmup(150)
                .draws(100).build(), ProgressListener.NONE);
        double maxDepth = 0;
        for (ChainResult c : fit.chains()) {
            for (double[] s : c.stats()) {
                maxDepth = Math.max(maxDepth, s[SamplerStat.TREEDEPTH.index()]);
                assertTrue(s[SamplerStat.N_LEAPFROG.index()] <= 7);
            }
        }
        assertEquals(3, maxDepth);
    }

    @Test
    void sameSeedSameDrawsWhateverTheCores() {
        Model m = new TestModels.StdNormal(3);
        SamplerConfig c1 = config().cores(1).warmup(200).draws(100).build();
        Fit a = Sampler.run(m, c1, ProgressListener.NONE);
        Fit b = Sampler.run(m, c1.toBuilder().cores(2).build(), ProgressListener.NONE);
        Fit c = Sampler.run(m, c1.toBuilder().cores(4).build(), ProgressListener.NONE);
        for (int ch = 0; ch < 4; ch++) {
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(a.chains().get(ch).values()[i], b.chains().get(ch).values()[i]);
                assertArrayEquals(a.chains().get(ch).stats()[i], c.chains().get(ch).stats()[i]);
            }
        }
        Fit other = Sampler.run(m, c1.toBuilder().seed(99).build(), ProgressListener.NONE);
        assertFalse(java.util.Arrays.equals(a.chains().get(0).values()[0], other.chains().get(0).values()[0]));
        // chains differ from each other
        assertFalse(java.util.Arrays.equals(a.chains().get(0).values()[0], a.chains().get(1).values()[0]));
    }

    @Test
    void noFiniteInitialValueIsAUserError() {
        UlamException e = assertThrows(UlamException.class,
                () -> Sampler.run(new TestModels.Impossible(), config().build(), ProgressListener.NONE));
        assertEquals("the log density is not finite at any of 100 random initial values; check priors and data",
                e.getMessage());
    }

    @Test
    void modelWithoutParametersDrawsGeneratedQuantities() {
        Fit fit = Sampler.run(new TestModels.NoParameters(), config().build(), ProgressListener.NONE);
        assertMoments(fit, 0, 2, 1);
        assertEquals(4, fit.gradientEvaluations(), "one evaluation per chain, to check the initial point");
    }

    @Test
    void warmupAndDrawCountsAndProgress() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ProgressListener counting = (chain, iteration, total, warmup) -> {
            calls.incrementAndGet();
            assertEquals(warmup, iteration <= 30);
            assertEquals(50, total);
        };
        Fit fit = Sampler.run(new TestModels.StdNormal(2), config().chains(3).warmup(30).draws(20).build(), counting);
        assertEquals(150, calls.get());
        for (ChainResult c : fit.chains()) {
            assertEquals(30, c.warmup());
            assertEquals(20, c.draws());
            assertEquals(30, c.warmupStats().length);
            long leapfrogs = 0;
            for (double[] s : c.warmupStats()) leapfrogs += (long) s[SamplerStat.N_LEAPFROG.index()];
            for (double[] s : c.stats()) leapfrogs += (long) s[SamplerStat.N_LEAPFROG.index()];
            // plus initialisation and the step-size searches
            assertTrue(c.gradientEvaluations() > leapfrogs);
        }
    }

    @Test
    void transitionsAllocateNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        for (MetricKind kind : MetricKind.values()) {
            Model model = new TestModels.StdNormal(20);
            AdaptKind adapt = kind == MetricKind.LOW_RANK ? AdaptKind.GRADIENT : AdaptKind.STAN;
            EuclideanMetric metric = EuclideanMetric.unit(adapt, kind, model.dimension());
            if (metric instanceof LowRankMetric lr) lr.set(LowRankMetricTest.scales(20), LowRankMetricTest.orthonormal(20, 3),
                    new double[] {4, 0.25, 9}, 3);
            Nuts nuts = new Nuts(model, metric, org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(5L), 10, 1000);
            nuts.jitter = adapt == AdaptKind.GRADIENT ? 0.1 : 0;
            double[] q = new double[20];
            double[] g = new double[20];
            nuts.setPosition(q, model.logDensityGradient(q, g), g);
            nuts.stepSize = 0.5;
            for (int i = 0; i < 2000; i++) nuts.transition(); // warm up the JIT
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            long steps = nuts.gradientEvaluations;
            for (int i = 0; i < 2000; i++) nuts.transition();
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            steps = nuts.gradientEvaluations - steps;
            assertTrue(allocated < 4096, kind + ": " + allocated + " bytes allocated over " + steps + " leapfrog steps");
        }
    }
}
