package ulam.runtime.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.runtime.Model;
import ulam.runtime.diagnostics.Convergence;

/** nutpie's schedule, and sampling with the gradient-based adaptation against exact posteriors. */
class GradientAdaptationTest {

    private static SamplerConfig.Builder config() {
        return SamplerConfig.builder().seed(20240607).cores(2).adapt(AdaptKind.GRADIENT);
    }

    /** Runs the warm-up of one chain by hand and returns its adaptation. */
    private static GradientAdaptation warmup(Model model, SamplerConfig config) {
        Nuts nuts = new Nuts(model, EuclideanMetric.unit(config.adapt(), config.metric(), model.dimension()),
                RandomSource.XO_SHI_RO_256_PP.create(3L), 10, 1000);
        double[] q = new double[model.dimension()];
        java.util.Arrays.fill(q, 1.5);
        double[] g = new double[q.length];
        nuts.setPosition(q, model.logDensityGradient(q, g), g);
        nuts.stepSize = 1;
        GradientAdaptation a = new GradientAdaptation(config, model.dimension());
        a.start(nuts);
        for (int it = 0; it < config.warmup(); it++) {
            nuts.transition();
            a.learn(nuts, it);
        }
        a.finish(nuts);
        return a;
    }

    @Test
    void scheduleOf300Iterations() {
        GradientAdaptation a = warmup(new TestModels.StdNormal(5), config().warmup(300).build());
        List<Integer> switches = a.switches();
        // early phase (draws 0-89): a switch whenever the background holds 10 kept draws (draws that
        // moved; the initial point counts as the first), so at least 10 iterations apart
        assertTrue(switches.size() >= 7 && switches.get(0) >= 8, "switches " + switches);
        for (int i = 1; i < switches.size(); i++) assertTrue(switches.get(i) - switches.get(i - 1) >= 10, "switches " + switches);
        // main phase: the next window (80, then 120) would end after the final phase starts at 255: none
        assertTrue(switches.get(switches.size() - 1) < 90, "switches " + switches);
        // the metric is fixed in the final phase (the last 15 %)
        assertTrue(a.lastUpdate() < 255 && a.lastUpdate() >= 250, "last update " + a.lastUpdate());
    }

    @Test
    void mainPhaseWindowsGrowByHalf() {
        List<Integer> switches = warmup(new TestModels.StdNormal(3), config().warmup(1000).build()).switches();
        // early phase until 300, then windows of 80 (at least the background's size), 120, 180, ...
        // while the window after the next still ends before the final phase (850): 80 and 120 only
        List<Integer> early = switches.stream().filter(s -> s < 300).toList();
        List<Integer> main = switches.stream().filter(s -> s >= 300).toList();
        int lastEarly = early.get(early.size() - 1);
        assertEquals(List.of(lastEarly + 80, lastEarly + 200), main, "switches " + switches);
    }

    @Test
    void iidNormalIsExactlyEstimated() {
        Fit fit = Sampler.run(new TestModels.StdNormal(10), config().warmup(300).build(), ProgressListener.NONE);
        for (int j = 0; j < 10; j++) {
            double[][] x = fit.draws(j);
            assertEquals(0, Convergence.mean(x), 4 * Convergence.mcseMean(x));
            assertTrue(Convergence.rhat(x) < 1.01);
        }
        // for a Gaussian, sqrt(var(x) / var(g)) is the variance exactly, whatever the draws
        for (ChainResult c : fit.chains()) for (double v : c.inverseMetric()) assertEquals(1.0, v, 1e-9);
        // jittered step sizes: the post-warm-up step sizes vary within 10 % of the adapted one
        for (ChainResult c : fit.chains()) {
            double min = Double.POSITIVE_INFINITY, max = 0;
            for (double[] s : c.stats()) {
                min = Math.min(min, s[SamplerStat.STEPSIZE.index()]);
                max = Math.max(max, s[SamplerStat.STEPSIZE.index()]);
            }
            assertTrue(min >= 0.9 * c.stepSize() && max <= 1.1 * c.stepSize() && max > min, min + " .. " + max);
        }
    }

    @Test
    void lowRankMetricFindsTheCorrelation() {
        Model m = new TestModels.Correlated2D(1, 10, 0.95);
        Fit lowRank = Sampler.run(m, config().warmup(300).metric(MetricKind.LOW_RANK).build(), ProgressListener.NONE);
        Fit diag = Sampler.run(m, config().warmup(300).build(), ProgressListener.NONE);
        double[][] y = lowRank.draws(1);
        assertEquals(0, Convergence.mean(y), 4 * Convergence.mcseMean(y));
        double steps = Convergence.mean(lowRank.stat(SamplerStat.N_LEAPFROG));
        double diagSteps = Convergence.mean(diag.stat(SamplerStat.N_LEAPFROG));
        assertTrue(steps < 0.6 * diagSteps, "low rank " + steps + " vs diag " + diagSteps + " leapfrog steps");
        // the metric is the covariance [[1, 9.5], [9.5, 100]] (exact for a Gaussian once 2 draws span the plane)
        double[] cov = lowRank.chains().get(0).inverseMetric();
        assertEquals(1, cov[0], 1e-6);
        assertEquals(9.5, cov[1], 1e-5);
        assertEquals(100, cov[3], 1e-4);
    }

    @Test
    void sameSeedSameDrawsWhateverTheCores() {
        Model m = new TestModels.Correlated2D(1, 3, 0.5);
        SamplerConfig c1 = config().metric(MetricKind.LOW_RANK).cores(1).warmup(200).draws(100).build();
        Fit a = Sampler.run(m, c1, ProgressListener.NONE);
        Fit b = Sampler.run(m, c1.toBuilder().cores(3).build(), ProgressListener.NONE);
        for (int ch = 0; ch < 4; ch++) {
            for (int i = 0; i < 100; i++) {
                assertEquals(java.util.Arrays.toString(a.chains().get(ch).values()[i]),
                        java.util.Arrays.toString(b.chains().get(ch).values()[i]));
            }
        }
    }

    @Test
    void stanAdaptationHasNoLowRankMetric() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(ulam.runtime.UlamException.class,
                () -> SamplerConfig.builder().adapt(AdaptKind.STAN).metric(MetricKind.LOW_RANK).build());
        assertTrue(e.getMessage().startsWith("--metric lowrank needs the gradient-based adaptation"), e.getMessage());
    }
}
