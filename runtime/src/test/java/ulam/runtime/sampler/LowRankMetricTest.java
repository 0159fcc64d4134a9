package ulam.runtime.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The low-rank modified metric against its dense form, exactly. */
class LowRankMetricTest {

    /** Positive scales 0.5 .. 2. */
    static double[] scales(int d) {
        double[] s = new double[d];
        for (int i = 0; i < d; i++) s[i] = 0.5 + 1.5 * i / Math.max(1, d - 1);
        return s;
    }

    /** k orthonormal vectors in R^d (Gram-Schmidt of a fixed random matrix). */
    static double[][] orthonormal(int d, int k) {
        var rng = RandomSource.XO_SHI_RO_256_PP.create(11L);
        double[][] u = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) u[j][i] = rng.nextDouble() - 0.5;
            for (int b = 0; b < j; b++) {
                double dot = 0;
                for (int i = 0; i < d; i++) dot += u[b][i] * u[j][i];
                for (int i = 0; i < d; i++) u[j][i] -= dot * u[b][i];
            }
            double n = 0;
            for (double v : u[j]) n += v * v;
            for (int i = 0; i < d; i++) u[j][i] /= Math.sqrt(n);
        }
        return u;
    }

    /** Returns the given values in turn, as a standard normal sampler would its draws. */
    private static NormalizedGaussianSampler fixed(double... z) {
        int[] at = {0};
        return () -> z[at[0]++];
    }

    private static LowRankMetric metric(int d, int k) {
        LowRankMetric m = new LowRankMetric(d, d, MetricKind.LOW_RANK);
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) lambda[j] = j % 2 == 0 ? 5.0 + j : 1.0 / (3 + j);
        m.set(scales(d), orthonormal(d, k), lambda, k);
        return m;
    }

    @Test
    void velocityAndKineticEnergyAreTheDenseInverseMetrics() {
        for (int k : new int[] {0, 2, 4, 6}) { // 2k >= d = 7 switches to the dense product
            int d = 7;
            LowRankMetric m = metric(d, k);
            double[] inv = m.inverseMetric();
            double[] p = {0.3, -1.2, 0.7, 2.0, -0.4, 0.1, 1.5};
            double[] v = new double[d];
            m.velocity(p, v);
            double kinetic = 0;
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += inv[i * d + j] * p[j];
                assertEquals(s, v[i], 1e-12, "k " + k + " row " + i);
                kinetic += 0.5 * p[i] * s;
                for (int j = 0; j < d; j++) assertEquals(inv[i * d + j], inv[j * d + i], 1e-14);
            }
            assertEquals(kinetic, m.kineticEnergy(p), 1e-12);
            double[] q = new double[d];
            m.addVelocity(p, 0.5, q);
            for (int i = 0; i < d; i++) assertEquals(0.5 * v[i], q[i], 1e-12);
        }
    }

    /** p = A z with z ~ N(0, I): Cov(p) = A A' must be M, the inverse of M^-1. */
    @Test
    void momentaHaveCovarianceTheMetric() {
        int d = 6;
        LowRankMetric m = metric(d, 3);
        double[] inv = m.inverseMetric();
        double[][] a = new double[d][d]; // column i = A e_i
        for (int i = 0; i < d; i++) {
            double[] z = new double[d];
            z[i] = 1;
            double[] p = new double[d];
            m.sampleMomentum(fixed(z), p);
            for (int r = 0; r < d; r++) a[r][i] = p[r];
        }
        // (A A') M^-1 = I
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double aat = 0;
                    for (int t = 0; t < d; t++) aat += a[r][t] * a[j][t];
                    s += aat * inv[j * d + c];
                }
                assertEquals(r == c ? 1 : 0, s, 1e-12, "(" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void rankZeroIsTheDiagonalMetric() {
        LowRankMetric m = metric(4, 0);
        double[] inv = m.inverseMetric();
        double[] s = scales(4);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(i == j ? s[i] * s[i] : 0, inv[i * 4 + j], 1e-15);
    }
}
