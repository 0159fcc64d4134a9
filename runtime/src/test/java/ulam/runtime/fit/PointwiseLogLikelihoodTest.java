package ulam.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.sampler.TestModels;

/** The S x N matrix goes through unconstrain and logLikelihood of each draw, in any block split. */
class PointwiseLogLikelihoodTest {
    static final double[] Y = {0.3, -1.2, 2.5};

    /** {@code y[i] ~ normal(mu, sigma)}, sigma > 0 sampled as log(sigma); outputs mu, sigma, then a gq. */
    static final class NormalModel extends TestModels.Base {
        NormalModel() {
            super("normal", 2, "mu", "sigma", "y_rep");
        }

        @Override
        public int parameterOutputs() {
            return 2;
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            return 0;
        }

        @Override
        public void unconstrain(double[] c, double[] q) {
            if (c[1] <= 0) throw new IllegalArgumentException("sigma must be positive, got " + c[1]);
            q[0] = c[0];
            q[1] = Math.log(c[1]);
        }

        @Override
        public int observations() {
            return Y.length;
        }

        @Override
        public void logLikelihood(double[] q, double[] out) {
            double sigma = Math.exp(q[1]);
            for (int i = 0; i < Y.length; i++) {
                double z = (Y[i] - q[0]) / sigma;
                out[i] = -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            }
        }

        @Override
        public Model copy() {
            return new NormalModel();
        }
    }

    @Test
    void everyDrawAndObservation() {
        double[][] draws = new double[1000][];
        for (int s = 0; s < draws.length; s++) draws[s] = new double[] {Math.sin(s), 0.5 + (s % 13) / 10.0, 99};
        double[][] ll = PointwiseLogLikelihood.compute(new NormalModel(), draws);
        assertEquals(1000, ll.length);
        for (int s = 0; s < ll.length; s += 37) {
            for (int i = 0; i < Y.length; i++) {
                double expected = new NormalDistribution(null, draws[s][0], draws[s][1]).logDensity(Y[i]);
                assertEquals(expected, ll[s][i], 1e-12, "draw " + s + " obs " + i);
            }
        }
    }

    @Test
    void aDrawOutsideTheSupportOrAModelWithoutLikelihoodIsAnError() {
        double[][] draws = {{0, 1, 0}, {0, -1, 0}};
        UlamException e = assertThrows(UlamException.class, () -> PointwiseLogLikelihood.compute(new NormalModel(), draws));
        assertTrue(e.getMessage().startsWith("draw 2 does not fit model 'normal': sigma must be positive"), e.getMessage());
        e = assertThrows(UlamException.class, () -> PointwiseLogLikelihood.compute(new TestModels.StdNormal(1),
                new double[][] {{0}, {1}}));
        assertTrue(e.getMessage().contains("has no likelihood"), e.getMessage());
    }
}
