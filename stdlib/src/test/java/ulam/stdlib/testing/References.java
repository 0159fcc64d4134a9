package ulam.stdlib.testing;

import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.AbstractIntegerDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * Independent reference implementations: for each distribution of the registry (by canonical
 * name), the commons-math3 distribution with the same law, given the arguments a = v[1..k] of a
 * point. Truncated and location-scale forms are built from the plain commons-math3 ones by the
 * closed forms in {@link Truncated} and {@link LocationScale}; the logit and log
 * parameterisations map to the plain distribution at inv_logit(alpha) or exp(alpha).
 */
public final class References {
    private References() {}

    /** Continuous laws by canonical name; the function receives the point v (v[0] = y unused). */
    public static final Map<String, Function<double[], AbstractRealDistribution>> CONTINUOUS = Map.ofEntries(
            Map.entry("normal", v -> new NormalDistribution(null, v[1], v[2])),
            Map.entry("half_normal", v -> new Truncated(new NormalDistribution(null, v[1], v[2]),
                    new NormalDistribution(null, -v[1], v[2]))),
            Map.entry("cauchy", v -> new CauchyDistribution(null, v[1], v[2])),
            Map.entry("half_cauchy", v -> new Truncated(new CauchyDistribution(null, v[1], v[2]),
                    new CauchyDistribution(null, -v[1], v[2]))),
            Map.entry("student_t", v -> new LocationScale(new TDistribution(null, v[1]), v[2], v[3])),
            Map.entry("lognormal", v -> new LogNormalDistribution(null, v[1], v[2])),
            Map.entry("gamma", v -> new GammaDistribution(null, v[1], 1 / v[2])),
            Map.entry("gamma2", v -> new GammaDistribution(null, v[1] / v[2], v[2])),
            Map.entry("exponential", v -> new ExponentialDistribution(null, 1 / v[1])),
            Map.entry("uniform", v -> new UniformRealDistribution(null, v[1], v[2])),
            Map.entry("beta", v -> new BetaDistribution(null, v[1], v[2])),
            Map.entry("beta2", v -> new BetaDistribution(null, v[1] * v[2], (1 - v[1]) * v[2])));

    /** Discrete laws by canonical name. */
    public static final Map<String, Function<double[], AbstractIntegerDistribution>> DISCRETE = Map.ofEntries(
            Map.entry("bernoulli", v -> new BinomialDistribution(null, 1, v[1])),
            Map.entry("bernoulli_logit", v -> new BinomialDistribution(null, 1, invLogit(v[1]))),
            Map.entry("binomial", v -> new BinomialDistribution(null, (int) v[1], v[2])),
            Map.entry("binomial_logit", v -> new BinomialDistribution(null, (int) v[1], invLogit(v[2]))),
            Map.entry("poisson", v -> poisson(v[1])),
            Map.entry("poisson_log", v -> poisson(Math.exp(v[1]))));

    /**
     * Closed forms used instead of commons-math3's logDensity where that loses precision:
     * {@link GammaDistribution#logDensity} switches to a Lanczos-based form for y / scale below
     * about 1e-6 (or large) that is off by about 1e-9 relative (checked against 40-digit
     * arithmetic), so the gamma family is referenced by shape log(rate) - log Gamma(shape)
     * + (shape - 1) log(y) - rate y with commons-math3's log Gamma; {@code GammaReferenceTest}
     * still compares with {@code GammaDistribution} in the bulk of the distribution.
     */
    public static final Map<String, Function<double[], Double>> LOG_DENSITY_OVERRIDES = Map.of(
            "gamma", v -> gammaLogDensity(v[0], v[1], v[2]),
            "gamma2", v -> gammaLogDensity(v[0], v[1] / v[2], 1 / v[2]));

    /** The gamma log density by shape and rate from commons-math3's log Gamma. */
    public static double gammaLogDensity(double y, double shape, double rate) {
        return shape * Math.log(rate) - org.apache.commons.math3.special.Gamma.logGamma(shape)
                + (shape - 1) * Math.log(y) - rate * y;
    }

    /** Reference log density or log mass at the point v. */
    public static double logDensity(String name, double[] v) {
        if (LOG_DENSITY_OVERRIDES.containsKey(name)) {
            return LOG_DENSITY_OVERRIDES.get(name).apply(v);
        }
        if (CONTINUOUS.containsKey(name)) {
            return CONTINUOUS.get(name).apply(v).logDensity(v[0]);
        }
        return DISCRETE.get(name).apply(v).logProbability((int) v[0]);
    }

    private static PoissonDistribution poisson(double lambda) {
        return new PoissonDistribution(null, lambda, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS);
    }

    private static double invLogit(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Base class filling in what the tests do not use. */
    private abstract static class Wrapper extends AbstractRealDistribution {
        private static final long serialVersionUID = 1L;

        Wrapper() {
            super(null);
        }

        @Override
        public double getNumericalMean() {
            return Double.NaN;
        }

        @Override
        public double getNumericalVariance() {
            return Double.NaN;
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return false;
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }

        @Override
        public double density(double x) {
            return Math.exp(logDensity(x));
        }
    }

    /**
     * A law truncated to [0, inf) and renormalised: log f(y) - log(1 - F(0)) for y &gt;= 0,
     * (F(y) - F(0)) / (1 - F(0)) for the distribution function. The mass above 0 is taken as the
     * mirrored law's (that of -Y) distribution function at 0, which commons-math3 evaluates
     * without cancellation in the tail.
     */
    public static final class Truncated extends Wrapper {
        private static final long serialVersionUID = 1L;
        private final AbstractRealDistribution base;
        private final double above;

        public Truncated(AbstractRealDistribution base, RealDistribution mirrored) {
            this.base = base;
            this.above = mirrored.cumulativeProbability(0);
        }

        @Override
        public double logDensity(double x) {
            return x < 0 ? Double.NEGATIVE_INFINITY : base.logDensity(x) - Math.log(above);
        }

        @Override
        public double cumulativeProbability(double x) {
            return x < 0 ? 0 : (base.cumulativeProbability(x) - (1 - above)) / above;
        }

        @Override
        public double getSupportLowerBound() {
            return 0;
        }

        @Override
        public double getSupportUpperBound() {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** mu + sigma X for a standard law X: log f((y - mu) / sigma) - log sigma. */
    public static final class LocationScale extends Wrapper {
        private static final long serialVersionUID = 1L;
        private final AbstractRealDistribution base;
        private final double mu;
        private final double sigma;

        public LocationScale(AbstractRealDistribution base, double mu, double sigma) {
            this.base = base;
            this.mu = mu;
            this.sigma = sigma;
        }

        @Override
        public double logDensity(double x) {
            return base.logDensity((x - mu) / sigma) - Math.log(sigma);
        }

        @Override
        public double cumulativeProbability(double x) {
            return base.cumulativeProbability((x - mu) / sigma);
        }

        @Override
        public double getSupportLowerBound() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public double getSupportUpperBound() {
            return Double.POSITIVE_INFINITY;
        }
    }
}
