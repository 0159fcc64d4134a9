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
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.distribution.WeibullDistribution;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.CombinatoricsUtils;
import java.util.function.IntToDoubleFunction;

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
            Map.entry("inv_gamma", v -> new Reciprocal(new GammaDistribution(null, v[1], 1 / v[2]))),
            Map.entry("exponential", v -> new ExponentialDistribution(null, 1 / v[1])),
            Map.entry("uniform", v -> new UniformRealDistribution(null, v[1], v[2])),
            Map.entry("beta", v -> new BetaDistribution(null, v[1], v[2])),
            Map.entry("beta2", v -> new BetaDistribution(null, v[1] * v[2], (1 - v[1]) * v[2])),
            Map.entry("pareto", v -> new ParetoDistribution(null, v[1], v[2])),
            Map.entry("weibull", v -> new WeibullDistribution(null, v[1], v[2])),
            Map.entry("exp_mod_normal", v -> new ExpModNormalLaw(v[1], v[2], v[3])),
            Map.entry("von_mises", v -> new VonMisesLaw(v[1], v[2])),
            Map.entry("skew_normal", v -> new SkewNormalLaw(v[1], v[2], v[3])));

    /** Discrete laws by canonical name. */
    public static final Map<String, Function<double[], AbstractIntegerDistribution>> DISCRETE = Map.ofEntries(
            Map.entry("bernoulli", v -> new BinomialDistribution(null, 1, v[1])),
            Map.entry("bernoulli_logit", v -> new BinomialDistribution(null, 1, invLogit(v[1]))),
            Map.entry("binomial", v -> new BinomialDistribution(null, (int) v[1], v[2])),
            Map.entry("binomial_logit", v -> new BinomialDistribution(null, (int) v[1], invLogit(v[2]))),
            Map.entry("poisson", v -> poisson(v[1])),
            Map.entry("poisson_log", v -> poisson(Math.exp(v[1]))),
            Map.entry("neg_binomial_2", v -> new LogMass(k -> negBinomial2(k, v[1], v[2]), 0, Integer.MAX_VALUE)),
            Map.entry("neg_binomial_2_log", v -> new LogMass(k -> negBinomial2(k, Math.exp(v[1]), v[2]), 0, Integer.MAX_VALUE)),
            Map.entry("beta_binomial", v -> new LogMass(k -> betaBinomial(k, (int) v[1], v[2], v[3]), 0, (int) v[1])),
            Map.entry("betabinomial", v -> new LogMass(k -> betaBinomial(k, (int) v[1], v[2] * v[3], (1 - v[2]) * v[3]),
                    0, (int) v[1])),
            Map.entry("zipoisson", v -> new LogMass(k -> zeroInflated(k, v[1], poisson(v[2]).logProbability(k),
                    -v[2]), 0, Integer.MAX_VALUE)),
            Map.entry("zigampois", v -> new LogMass(k -> zeroInflated(k, v[1], negBinomial2(k, v[2], v[3]),
                    negBinomial2(0, v[2], v[3])), 0, Integer.MAX_VALUE)),
            Map.entry("zibinom", v -> new LogMass(k -> zeroInflated(k, v[1],
                    new BinomialDistribution(null, (int) v[2], v[3]).logProbability(k),
                    (int) v[2] * Math.log1p(-v[3])), 0, (int) v[2])));

    /**
     * The neg_binomial_2 log mass by its textbook form, log Gamma(k + phi) - log Gamma(k + 1)
     * - log Gamma(phi) + k log(mu / (mu + phi)) + phi log(phi / (mu + phi)), commons-math3's log Gamma
     * (commons-math3 has only the integer-size {@link PascalDistribution}, used where phi is whole).
     */
    public static double negBinomial2(int k, double mu, double phi) {
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Gamma.logGamma(k + phi) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(phi)
                + k * Math.log(mu / (mu + phi)) + phi * Math.log(phi / (mu + phi));
    }

    /** The beta-binomial log mass log C(N, k) + log B(k + a, N - k + b) - log B(a, b) (commons-math3). */
    public static double betaBinomial(int k, int n, double a, double b) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return CombinatoricsUtils.binomialCoefficientLog(n, k) + Beta.logBeta(k + a, n - k + b) - Beta.logBeta(a, b);
    }

    /**
     * rethinking's zero inflation of a count law with log mass {@code logCount} at k and
     * {@code logCountAtZero} at 0: log(p + (1 - p) e^logCountAtZero) at k = 0, log(1 - p) + logCount above.
     */
    public static double zeroInflated(int k, double p, double logCount, double logCountAtZero) {
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k == 0) {
            return Math.log(p + (1 - p) * Math.exp(logCountAtZero));
        }
        return Math.log1p(-p) + logCount;
    }

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
            "gamma2", v -> gammaLogDensity(v[0], v[1] / v[2], 1 / v[2]),
            "inv_gamma", v -> gammaLogDensity(1 / v[0], v[1], v[2]) - 2 * Math.log(v[0]));

    /** The gamma log density by shape and rate from commons-math3's log Gamma. */
    public static double gammaLogDensity(double y, double shape, double rate) {
        return shape * Math.log(rate) - Gamma.logGamma(shape)
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

    /** A {@link Wrapper} for laws on [0, inf). */
    private abstract static class PositiveWrapper extends Wrapper {
        private static final long serialVersionUID = 1L;

        @Override
        public double getSupportLowerBound() {
            return 0;
        }

        @Override
        public double getSupportUpperBound() {
            return Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A law truncated to [0, inf) and renormalised: log f(y) - log(1 - F(0)) for y &gt;= 0,
     * 1 - (1 - F(y)) / (1 - F(0)) for the distribution function. The masses above y and above 0 are
     * taken as the mirrored law's (that of -Y) distribution function at -y and 0, which
     * commons-math3 evaluates without cancellation in the tail.
     */
    public static final class Truncated extends PositiveWrapper {
        private static final long serialVersionUID = 1L;
        private final AbstractRealDistribution base;
        private final RealDistribution mirrored;
        private final double above;

        public Truncated(AbstractRealDistribution base, RealDistribution mirrored) {
            this.base = base;
            this.mirrored = mirrored;
            this.above = mirrored.cumulativeProbability(0);
        }

        @Override
        public double logDensity(double x) {
            return x < 0 ? Double.NEGATIVE_INFINITY : base.logDensity(x) - Math.log(above);
        }

        @Override
        public double cumulativeProbability(double x) {
            return x < 0 ? 0 : 1 - mirrored.cumulativeProbability(-x) / above; // 1 - P(Y > x) / P(Y > 0)
        }
    }

    /** The law of 1 / X for X with positive support: density f(1/y) / y^2, P(Y &lt;= y) = P(X &gt;= 1/y). */
    public static final class Reciprocal extends PositiveWrapper {
        private static final long serialVersionUID = 1L;
        private final AbstractRealDistribution base;

        public Reciprocal(AbstractRealDistribution base) {
            this.base = base;
        }

        @Override
        public double logDensity(double y) {
            return y <= 0 ? Double.NEGATIVE_INFINITY : base.logDensity(1 / y) - 2 * Math.log(y);
        }

        @Override
        public double cumulativeProbability(double y) {
            return y <= 0 ? 0 : 1 - base.cumulativeProbability(1 / y);
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

    /**
     * A discrete law given by its log mass on {lower, lower + 1, ...} (at most up to {@code upper}):
     * probabilities from the log mass, the distribution function from a table of partial sums built
     * on first use (until the mass reaches 1 - 1e-12 and the terms fall below 1e-20), mean and variance from the same table.
     */
    public static final class LogMass extends AbstractIntegerDistribution {
        private static final long serialVersionUID = 1L;
        private final transient IntToDoubleFunction logMass;
        private final int lower;
        private final int upper;
        private double[] cumulative;
        private double mean;
        private double variance;

        public LogMass(IntToDoubleFunction logMass, int lower, int upper) {
            super(null);
            this.logMass = logMass;
            this.lower = lower;
            this.upper = upper;
        }

        private double[] table() {
            if (cumulative == null) {
                double[] c = new double[64];
                double sum = 0;
                double first = 0;
                double second = 0;
                int n = 0;
                for (long k = lower; k <= upper; k++, n++) {
                    double p = Math.exp(logMass.applyAsDouble((int) k));
                    sum += p;
                    first += p * k;
                    second += p * (double) k * k;
                    if (n == c.length) {
                        c = java.util.Arrays.copyOf(c, 2 * n);
                    }
                    c[n] = sum;
                    if (sum > 1 - 1e-12 && p < 1e-20) {
                        n++;
                        break;
                    }
                    if (n > 10_000_000) {
                        throw new IllegalStateException("LogMass: the mass does not converge");
                    }
                }
                cumulative = java.util.Arrays.copyOf(c, n);
                mean = first;
                variance = second - first * first;
            }
            return cumulative;
        }

        @Override
        public double probability(int x) {
            return Math.exp(logProbability(x));
        }

        @Override
        public double logProbability(int x) {
            return x < lower || x > upper ? Double.NEGATIVE_INFINITY : logMass.applyAsDouble(x);
        }

        @Override
        public double cumulativeProbability(int x) {
            double[] c = table();
            if (x < lower) {
                return 0;
            }
            long i = (long) x - lower;
            return i >= c.length ? 1.0 : Math.min(1.0, c[(int) i]);
        }

        @Override
        public double getNumericalMean() {
            table();
            return mean;
        }

        @Override
        public double getNumericalVariance() {
            table();
            return variance;
        }

        @Override
        public int getSupportLowerBound() {
            return lower;
        }

        @Override
        public int getSupportUpperBound() {
            return (int) Math.min(upper, (long) lower + table().length - 1);
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }

    /** log Phi(x) from commons-math3's erfc, accurate in the lower tail. */
    static double logPhi(double x) {
        return Math.log(0.5 * Erf.erfc(-x / Math.sqrt(2)));
    }

    /** The integral of f over [a, b] by iterated 16-point Gauss-Legendre (commons-math3), to about 1e-13. */
    public static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b) {
        if (a == b) {
            return 0;
        }
        if (a > b) {
            return -integrate(f, b, a);
        }
        return new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15, 2, 60)
                .integrate(100_000_000, f::applyAsDouble, a, b);
    }

    /**
     * exp_mod_normal by Stan's closed form with commons-math3's erfc: log(lambda/2) + lambda (mu - y)
     * + lambda^2 sigma^2 / 2 + log erfc((mu + lambda sigma^2 - y) / (sqrt 2 sigma)); distribution function
     * Phi(z) - exp(-lambda (y - mu) + lambda^2 sigma^2 / 2 + log Phi(z - lambda sigma)).
     */
    public static final class ExpModNormalLaw extends Wrapper {
        private static final long serialVersionUID = 1L;
        private final double mu;
        private final double sigma;
        private final double lambda;

        public ExpModNormalLaw(double mu, double sigma, double lambda) {
            this.mu = mu;
            this.sigma = sigma;
            this.lambda = lambda;
        }

        @Override
        public double logDensity(double y) {
            return Math.log(lambda / 2) + lambda * (mu - y) + lambda * lambda * sigma * sigma / 2
                    + Math.log(Erf.erfc((mu + lambda * sigma * sigma - y) / (Math.sqrt(2) * sigma)));
        }

        @Override
        public double cumulativeProbability(double y) {
            double z = (y - mu) / sigma;
            return 0.5 * Erf.erfc(-z / Math.sqrt(2))
                    - Math.exp(-lambda * (y - mu) + lambda * lambda * sigma * sigma / 2 + logPhi(z - lambda * sigma));
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

    /**
     * von_mises with its normaliser by the trapezoidal rule over one period (which converges
     * geometrically for a periodic analytic integrand: 4000 points give full precision for
     * kappa up to about 1e4), and its distribution function on [mu - pi, mu + pi] by quadrature.
     */
    public static final class VonMisesLaw extends Wrapper {
        private static final long serialVersionUID = 1L;
        private final double mu;
        private final double kappa;
        private final double logNormaliser;

        public VonMisesLaw(double mu, double kappa) {
            this.mu = mu;
            this.kappa = kappa;
            this.logNormaliser = logNormaliser(kappa);
        }

        /** log of the integral of exp(kappa cos t) over a period. */
        public static double logNormaliser(double kappa) {
            int n = 4000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(kappa * (Math.cos(-Math.PI + 2 * Math.PI * i / n) - 1));
            }
            return kappa + Math.log(sum * 2 * Math.PI / n);
        }

        @Override
        public double logDensity(double y) {
            return kappa * Math.cos(y - mu) - logNormaliser;
        }

        @Override
        public double cumulativeProbability(double y) {
            if (y <= mu - Math.PI) {
                return 0;
            }
            if (y >= mu + Math.PI) {
                return 1;
            }
            return integrate(s -> Math.exp(kappa * Math.cos(s) - logNormaliser), -Math.PI, y - mu);
        }

        @Override
        public double getSupportLowerBound() {
            return mu - Math.PI;
        }

        @Override
        public double getSupportUpperBound() {
            return mu + Math.PI;
        }
    }

    /**
     * skew_normal: 2 phi(z) Phi(alpha z) / omega with commons-math3's normal density and erfc; the
     * distribution function Phi(z) - 2 T(z, alpha), Owen's T function by quadrature of its defining
     * integral T(h, a) = (1 / 2 pi) int_0^a exp(-h^2 (1 + x^2) / 2) / (1 + x^2) dx.
     */
    public static final class SkewNormalLaw extends Wrapper {
        private static final long serialVersionUID = 1L;
        private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);
        private final double xi;
        private final double omega;
        private final double alpha;

        public SkewNormalLaw(double xi, double omega, double alpha) {
            this.xi = xi;
            this.omega = omega;
            this.alpha = alpha;
        }

        @Override
        public double logDensity(double y) {
            double z = (y - xi) / omega;
            return Math.log(2) + STANDARD.logDensity(z) - Math.log(omega) + logPhi(alpha * z);
        }

        @Override
        public double cumulativeProbability(double y) {
            double h = (y - xi) / omega;
            double owenT = integrate(x -> Math.exp(-h * h * (1 + x * x) / 2) / (1 + x * x), 0, alpha) / (2 * Math.PI);
            return STANDARD.cumulativeProbability(h) - 2 * owenT;
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
