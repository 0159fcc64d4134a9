package ulam.runtime.sampler;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.runtime.Model;

/**
 * Hand-written {@link Model}s with known posteriors, for the runtime's tests: what the compiler
 * would generate, written by hand. Log densities keep their constants, like generated code.
 */
public final class TestModels {
    private TestModels() {
    }

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Common boilerplate: everything but the density and the outputs. */
    public abstract static class Base implements Model {
        private final String name;
        private final String[] outputs;
        protected final int d;
        private final double[] scratch;
        private Map<String, String> sourceOptions = Map.of();

        protected Base(String name, int d, String... outputs) {
            this.name = name;
            this.d = d;
            this.outputs = outputs;
            this.scratch = new double[d];
        }

        @Override public String name() { return name; }
        @Override public int dimension() { return d; }
        @Override public String[] outputNames() { return outputs.clone(); }
        @Override public int parameterOutputs() { return outputs.length; }
        @Override public double logDensity(double[] q) { return logDensityGradient(q, scratch); }
        @Override public void unconstrain(double[] constrained, double[] q) {
            System.arraycopy(constrained, 0, q, 0, d);
        }
        @Override public int observations() { return 0; }
        @Override public void logLikelihood(double[] q, double[] out) { }
        @Override public List<String> notes() { return List.of(); }
        @Override public Map<String, String> sourceOptions() { return sourceOptions; }
        @Override public String source() { return "# test model " + name; }

        /** Sets what {@link #sourceOptions()} returns. */
        public Base withSourceOptions(Map<String, String> options) {
            this.sourceOptions = options;
            return this;
        }

        /** Identity output: {@code out = q}. */
        @Override
        public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
            System.arraycopy(q, 0, out, 0, d);
        }
    }

    /** {@code x[i] ~ normal(0, 1)}, i = 1..d: iid standard normal. */
    public static class StdNormal extends Base {
        public StdNormal(int d) {
            super("std_normal", d, names("x", d));
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            double lp = 0;
            for (int i = 0; i < d; i++) {
                lp += -0.5 * q[i] * q[i] - LOG_SQRT_2PI;
                g[i] = -q[i];
            }
            return lp;
        }

        @Override
        public Model copy() {
            return new StdNormal(d).withSourceOptions(sourceOptions());
        }
    }

    /** Bivariate normal, means 0, sds {@code s1, s2}, correlation {@code r}. Outputs {@code y[1], y[2]}. */
    public static final class Correlated2D extends Base {
        final double s1, s2, r;
        private final double a, b, c; // precision matrix entries [a b; b c]
        private final double logNorm;

        public Correlated2D(double s1, double s2, double r) {
            super("correlated", 2, "y[1]", "y[2]");
            this.s1 = s1;
            this.s2 = s2;
            this.r = r;
            double det = s1 * s1 * s2 * s2 * (1 - r * r);
            a = s2 * s2 / det;
            c = s1 * s1 / det;
            b = -r * s1 * s2 / det;
            logNorm = -Math.log(2 * Math.PI) - 0.5 * Math.log(det);
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            double x = q[0], y = q[1];
            g[0] = -(a * x + b * y);
            g[1] = -(b * x + c * y);
            return logNorm - 0.5 * (a * x * x + 2 * b * x * y + c * y * y);
        }

        @Override
        public Model copy() {
            return new Correlated2D(s1, s2, r);
        }
    }

    /**
     * {@code sigma ~ gamma(shape, rate)} with {@code sigma > 0} sampled as {@code q = log(sigma)}:
     * the log density includes the log Jacobian {@code log |d sigma / dq| = q}. Output {@code sigma}.
     */
    public static final class PositiveGamma extends Base {
        final double shape, rate;
        private final double logConst;

        public PositiveGamma(double shape, double rate) {
            super("positive", 1, "sigma");
            this.shape = shape;
            this.rate = rate;
            this.logConst = shape * Math.log(rate) - org.apache.commons.math3.special.Gamma.logGamma(shape);
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            double sigma = Math.exp(q[0]);
            // (shape-1) log sigma - rate sigma + log jacobian (q)
            g[0] = shape - rate * sigma;
            return logConst + (shape - 1) * q[0] - rate * sigma + q[0];
        }

        @Override
        public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
            out[0] = Math.exp(q[0]);
        }

        @Override
        public Model copy() {
            return new PositiveGamma(shape, rate);
        }
    }

    /**
     * Neal's funnel, centred: {@code v ~ normal(0, 3)}, {@code x[k] ~ normal(0, exp(v/2))}, k = 1..n.
     * Its neck defeats a single step size: NUTS reports divergent transitions.
     */
    public static final class Funnel extends Base {
        final int n;

        public Funnel(int n) {
            super("funnel", n + 1, funnelNames(n));
            this.n = n;
        }

        private static String[] funnelNames(int n) {
            String[] s = new String[n + 1];
            s[0] = "v";
            System.arraycopy(names("x", n), 0, s, 1, n);
            return s;
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            double v = q[0];
            double lp = -v * v / 18 - Math.log(3) - LOG_SQRT_2PI;
            g[0] = -v / 9;
            double inv = Math.exp(-v); // 1 / sigma^2
            for (int k = 1; k <= n; k++) {
                double x = q[k];
                lp += -0.5 * x * x * inv - 0.5 * v - LOG_SQRT_2PI;
                g[k] = -x * inv;
                g[0] += 0.5 * x * x * inv - 0.5;
            }
            return lp;
        }

        @Override
        public Model copy() {
            return new Funnel(n);
        }
    }

    /** A model whose density is -infinity everywhere: initialisation must fail cleanly. */
    public static final class Impossible extends Base {
        public Impossible() {
            super("impossible", 1, "z");
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            g[0] = 0;
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public Model copy() {
            return new Impossible();
        }
    }

    /**
     * No parameters, one generated quantity {@code y_sim ~ normal(2, 1)} drawn in {@code writeDraw}:
     * sampling degenerates to repeated output draws (Stan's fixed_param).
     */
    public static final class NoParameters extends Base {
        public NoParameters() {
            super("no_parameters", 0, "y_sim");
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            return 0;
        }

        @Override
        public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
            out[0] = 2 + org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng).sample();
        }

        @Override
        public Model copy() {
            return new NoParameters();
        }
    }

    /** {@code prefix[1]}, ..., {@code prefix[n]}. */
    public static String[] names(String prefix, int n) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) s[i] = prefix + "[" + (i + 1) + "]";
        return s;
    }
}
