package ulam.runtime.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Warmup schedule and dual averaging, against Stan's documented behaviour. */
class AdaptationTest {

    private static int[][] windows(int warmup) {
        return WindowedAdaptation.windows(warmup, 75, 50, 25).toArray(new int[0][]);
    }

    @Test
    void defaultWindowsDoubleAndTheLastStretches() {
        // Stan reference manual: 75 initial, then 25, 50, 100, 200, 500 (stretched), 50 terminal
        assertArrayEquals(new int[][] {{75, 99}, {100, 149}, {150, 249}, {250, 449}, {450, 949}}, windows(1000));
        // 500 warmup: 25, 50, 100, then 200 stretched to 200 (75..449)
        assertArrayEquals(new int[][] {{75, 99}, {100, 149}, {150, 249}, {250, 449}}, windows(500));
        // exactly 150: one window of 25
        assertArrayEquals(new int[][] {{75, 99}}, windows(150));
    }

    @Test
    void shortWarmupUses15_75_10Percent() {
        // 100 warmup: 15 initial, one window of 75, 10 terminal
        assertArrayEquals(new int[][] {{15, 89}}, windows(100));
        assertArrayEquals(new int[][] {{7, 44}}, windows(50));
        // fewer than 20 warmup iterations: no metric adaptation
        assertEquals(List.of(), WindowedAdaptation.windows(19, 75, 50, 25));
    }

    @Test
    void dualAveragingHoldsStillAtTheTarget() {
        DualAveraging da = new DualAveraging(0.8, 0.05, 0.75, 10);
        da.setMu(Math.log(10 * 0.5));
        double eps = 0;
        for (int i = 0; i < 50; i++) eps = da.learn(0.8);
        assertEquals(5.0, eps, 1e-12);
        assertEquals(5.0, da.finalStepSize(), 1e-12);
    }

    @Test
    void dualAveragingShrinksTheStepWhenAcceptanceIsLow() {
        DualAveraging da = new DualAveraging(0.8, 0.05, 0.75, 10);
        da.setMu(0);
        double first = da.learn(0.2);
        assertTrue(first < 1);
        // one step by hand: s_bar = (0.8 - 0.2) / 11, x = -s_bar / 0.05
        assertEquals(Math.exp(-(0.6 / 11) / 0.05), first, 1e-15);
        da.restart();
        da.setMu(0);
        assertTrue(da.learn(1.5) > 1, "acceptance above the target (capped at 1) grows the step size");
    }

    @Test
    void metricAdaptationRegularisesTheVariance() {
        // 20 warmup iterations: init 3, window 15 (iterations 3..17), term 2
        WindowedAdaptation w = new WindowedAdaptation(20, 75, 50, 25);
        MetricAdaptation ma = new MetricAdaptation(w, MetricKind.DIAG, 1);
        DiagonalMetric metric = new DiagonalMetric(1);
        double[] q = new double[1];
        double sum = 0, sumSq = 0;
        int n = 0;
        boolean updated = false;
        for (int it = 0; it < 20; it++) {
            q[0] = it * it % 7; // any values
            if (it >= 3 && it <= 17) {
                sum += q[0];
                sumSq += q[0] * q[0];
                n++;
            }
            boolean u = ma.learn(metric, q) != null;
            assertEquals(it == 17, u, "update at iteration " + it);
            updated |= u;
        }
        assertTrue(updated);
        double var = (sumSq - sum * sum / n) / (n - 1);
        double expected = (n / (n + 5.0)) * var + 1e-3 * (5.0 / (n + 5.0));
        assertEquals(expected, metric.inverse[0], 1e-12);
    }

    @Test
    void denseMetricAdaptationRegularisesTheCovariance() {
        // Stan: (n / (n + 5)) S + 1e-3 (5 / (n + 5)) I, S the sample covariance of the window
        WindowedAdaptation w = new WindowedAdaptation(20, 75, 50, 25);
        MetricAdaptation ma = new MetricAdaptation(w, MetricKind.DENSE, 2);
        DenseMetric metric = new DenseMetric(2);
        double[] q = new double[2];
        java.util.List<double[]> window = new java.util.ArrayList<>();
        for (int it = 0; it < 20; it++) {
            q[0] = it * it % 7;
            q[1] = 0.5 * q[0] + (it % 3) - 100; // correlated with q[0], far from 0
            if (it >= 3 && it <= 17) window.add(q.clone());
            assertEquals(it == 17, ma.learn(metric, q) != null, "update at iteration " + it);
        }
        int n = window.size();
        double[] mean = new double[2];
        for (double[] x : window) for (int i = 0; i < 2; i++) mean[i] += x[i] / n;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (double[] x : window) s += (x[i] - mean[i]) * (x[j] - mean[j]);
                double expected = (n / (n + 5.0)) * s / (n - 1) + (i == j ? 1e-3 * (5.0 / (n + 5.0)) : 0);
                assertEquals(expected, metric.inverse[i * 2 + j], 1e-10, "M^-1[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void denseMomentumHasTheMetricAsCovariance() {
        DenseMetric m = new DenseMetric(2);
        // M^-1 = [[4, 1], [1, 1]] so M = [[1, -1], [-1, 4]] / 3
        m.set(new double[] {4, 1, 1, 1});
        var rng = org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(1L);
        var normal = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[] p = new double[2];
        double s00 = 0, s01 = 0, s11 = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            m.sampleMomentum(normal, p);
            s00 += p[0] * p[0];
            s01 += p[0] * p[1];
            s11 += p[1] * p[1];
        }
        assertEquals(1.0 / 3, s00 / n, 0.01);
        assertEquals(-1.0 / 3, s01 / n, 0.01);
        assertEquals(4.0 / 3, s11 / n, 0.02);
        // kinetic energy p' M^-1 p / 2 and velocity M^-1 p
        double[] v = new double[2];
        m.velocity(new double[] {1, 2}, v);
        assertArrayEquals(new double[] {6, 3}, v, 1e-15);
        assertEquals(0.5 * (1 * 6 + 2 * 3), m.kineticEnergy(new double[] {1, 2}), 1e-15);
    }

    @Test
    void logSumExpAsStan() {
        assertEquals(Math.log(Math.exp(1) + Math.exp(2)), Nuts.logSumExp(1, 2), 1e-15);
        assertEquals(3.0, Nuts.logSumExp(Double.NEGATIVE_INFINITY, 3), 0);
        assertEquals(Double.NEGATIVE_INFINITY, Nuts.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }
}
