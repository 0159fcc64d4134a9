package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.AbstractIntegerDistribution;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Support;
import ulam.stdlib.ValueType;
import ulam.stdlib.math.LogIncompleteGamma;
import ulam.stdlib.math.Numerics;
import ulam.stdlib.testing.DistributionMethods;
import ulam.stdlib.testing.FiniteDifference;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.References;
import ulam.stdlib.testing.Seeds;

/**
 * The cumulative distribution functions (for truncation): for every distribution with
 * {@code hasCdf}, at random points, lcdf and lccdf against the reference distribution function
 * (commons-math3), their exponentials summing to 1, the {@code Grad} methods giving the same
 * values and partials that agree with finite differences, in the bulk and far into both tails;
 * then accuracy in the extreme tails against asymptotic expansions.
 */
class CdfTest {
    static final int POINTS = 200;
    static final int GRADIENT_POINTS = 20;

    static Stream<DistributionMethods> distributions() {
        return DistributionMethods.withCdf();
    }

    @Test
    void everyDistributionWithACdfHasAReferenceDistributionFunction() {
        distributions().forEach(dist -> assertTrue(References.CONTINUOUS.containsKey(dist.spec.name())
                || References.DISCRETE.containsKey(dist.spec.name()), dist + " has no reference"));
        assertTrue(distributions().count() >= 9, "normal, lognormal, exponential, gamma, weibull, cauchy, uniform, half_normal, poisson");
    }

    /** The reference P(Y &lt;= y) at the point v. */
    static double referenceCdf(DistributionMethods dist, double[] v) {
        String name = dist.spec.name();
        if (dist.spec.outcome() == ValueType.INT) {
            return References.DISCRETE.get(name).apply(v).cumulativeProbability((int) v[0]);
        }
        return References.CONTINUOUS.get(name).apply(v).cumulativeProbability(v[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void lcdfAndLccdfMatchTheReferenceDistributionFunction(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/cdf");
        for (int i = 0; i < POINTS; i++) {
            double[] v = RandomPoints.draw(dist, source);
            if (dist.spec.outcome() == ValueType.REAL && i % 2 == 1) {
                v[0] += RandomPoints.uniform(source, -1, 1); // also points the sampler seldom gives
            }
            double p = referenceCdf(dist, v);
            double lcdf = dist.lcdf(v);
            double lccdf = dist.lccdf(v);
            String where = dist + " at " + Arrays.toString(v);
            assertEquals(p, Math.exp(lcdf), 1e-12, where + ": exp(lcdf)");
            assertEquals(1 - p, Math.exp(lccdf), 1e-12, where + ": exp(lccdf)");
            if (p > 1e-3 && p < 1 - 1e-3) {
                assertClose(Math.log(p), lcdf, 1e-10, where + ": lcdf");
                assertClose(Math.log1p(-p), lccdf, 1e-10, where + ": lccdf");
            }
        }
    }

    /** Points in the bulk, and at the reference's 1e-12 and 1 - 1e-12 quantiles (far into both tails). */
    static List<double[]> points(DistributionMethods dist, UniformRandomProvider source, int count) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] v = RandomPoints.draw(dist, source);
            points.add(v);
            if (dist.spec.outcomeSupport() == Support.ARG_BOUNDS) {
                continue; // the bounds are kinks of the uniform's distribution function
            }
            for (double q : new double[] {1e-12, 1 - 1e-12}) {
                double[] w = v.clone();
                if (dist.spec.outcome() == ValueType.INT) {
                    AbstractIntegerDistribution law = References.DISCRETE.get(dist.spec.name()).apply(v);
                    w[0] = law.inverseCumulativeProbability(q);
                } else {
                    AbstractRealDistribution law = References.CONTINUOUS.get(dist.spec.name()).apply(v);
                    w[0] = quantile(law, q, v[0], dist.spec.outcomeSupport() == Support.POSITIVE);
                }
                if (Double.isFinite(w[0]) && (dist.spec.outcomeSupport() != Support.POSITIVE || w[0] > 0)) {
                    points.add(w);
                }
            }
        }
        return points;
    }

    /**
     * About the q-quantile of a law, by bisection of its distribution function (any point that far
     * into the tail will do), from a bracket grown around the start point: multiplicatively for a
     * positive outcome, additively otherwise.
     */
    static double quantile(AbstractRealDistribution law, double q, double start, boolean positive) {
        double lo = start;
        double hi = start;
        double step = Math.max(1, Math.abs(start));
        for (int i = 0; i < 2000 && law.cumulativeProbability(lo) > q; i++) {
            lo = positive ? lo / 2 : lo - (step *= 2);
        }
        step = Math.max(1, Math.abs(start));
        for (int i = 0; i < 2000 && law.cumulativeProbability(hi) < q; i++) {
            hi = positive ? hi * 2 : hi + (step *= 2);
        }
        for (int i = 0; i < 200; i++) {
            double mid = positive ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
            if (law.cumulativeProbability(mid) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void theTwoTailsSumToOneAndTheGradMethodsGiveTheSameValues(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/sum");
        double[] d = new double[dist.slots()];
        for (double[] v : points(dist, source, POINTS / 2)) {
            double lcdf = dist.lcdf(v);
            double lccdf = dist.lccdf(v);
            String where = dist + " at " + Arrays.toString(v);
            assertTrue(lcdf <= 0 && lccdf <= 0, where + ": " + lcdf + ", " + lccdf);
            assertEquals(0.0, Numerics.logSumExp(lcdf, lccdf), 1e-14, where + ": log(F + (1 - F))");
            assertClose(lcdf, dist.lcdfGrad(v, d), 1e-15, where + ": lcdfGrad value");
            assertClose(lccdf, dist.lccdfGrad(v, d), 1e-15, where + ": lccdfGrad value");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void partialsMatchFiniteDifferences(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/cdf-gradient");
        double[] d = new double[dist.slots()];
        double[] dUpper = new double[dist.slots()];
        for (double[] v : points(dist, source, GRADIENT_POINTS)) {
            double lcdf = dist.lcdfGrad(v, d);
            double lccdf = dist.lccdfGrad(v, dUpper);
            for (int j = 0; j < dist.slots(); j++) {
                if (dist.type(j) == ValueType.REAL) {
                    // F + (1 - F) = 1, so F d log F + (1 - F) d log(1 - F) = 0 (checks the tail where
                    // log(1 - F) or log F is too close to 0 for a finite difference)
                    double a = Math.exp(lcdf) * d[j];
                    double b = Math.exp(lccdf) * dUpper[j];
                    assertEquals(0.0, a + b, 1e-10 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15,
                            dist + " F dlogF + (1-F) dlog(1-F) for " + DensityTest.name(dist.spec, j) + " at " + Arrays.toString(v));
                }
            }
            for (boolean lower : new boolean[] {true, false}) {
                double value = lower ? lcdf : lccdf;
                if (Math.abs(value) < 1e-6) {
                    continue; // a finite difference of a value this close to 0 is mostly rounding
                }
                double[] partials = lower ? d : dUpper;
                for (int j = 0; j < dist.slots(); j++) {
                    if (dist.type(j) != ValueType.REAL) {
                        continue;
                    }
                    final int slot = j;
                    double numeric = FiniteDifference.derivative(x -> {
                        double[] w = v.clone();
                        w[slot] = x;
                        return lower ? dist.lcdf(w) : dist.lccdf(w);
                    }, v[j], DensityTest.support(dist.spec, j));
                    assertDerivative(numeric, partials[j], dist + (lower ? " lcdf" : " lccdf") + " d/d"
                            + DensityTest.name(dist.spec, j) + " at " + Arrays.toString(v));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void invalidArgumentsGiveNaN(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/cdf-invalid");
        double[] d = new double[dist.slots()];
        double[] valid = RandomPoints.draw(dist, source);
        for (int j = 1; j < dist.slots(); j++) {
            for (double bad : EdgeCaseTest.invalidValues(dist.spec.args().get(j - 1), dist.spec.name())) {
                double[] v = valid.clone();
                v[j] = bad;
                String where = dist + " with " + dist.spec.args().get(j - 1).name() + " = " + bad;
                assertTrue(Double.isNaN(dist.lcdf(v)), where + ": lcdf");
                assertTrue(Double.isNaN(dist.lccdf(v)), where + ": lccdf");
                assertTrue(Double.isNaN(dist.lcdfGrad(v, d)), where + ": lcdfGrad");
                assertTrue(Double.isNaN(dist.lccdfGrad(v, d)), where + ": lccdfGrad");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void belowTheSupportTheCdfIsZeroAndAboveItOne(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/cdf-support");
        double[] v = RandomPoints.draw(dist, source);
        DistributionSpec spec = dist.spec;
        double below;
        double above = Double.NaN;
        if (spec.outcome() == ValueType.INT) {
            below = -1;
        } else if (spec.outcomeSupport() == Support.POSITIVE) {
            below = -1;
        } else if (spec.outcomeSupport() == Support.ARG_BOUNDS) {
            below = v[spec.lowerArg() + 1] - 1;
            above = v[spec.upperArg() + 1] + 1;
        } else {
            below = Double.NEGATIVE_INFINITY;
            above = Double.POSITIVE_INFINITY;
        }
        v[0] = below;
        assertEquals(Double.NEGATIVE_INFINITY, dist.lcdf(v), dist + " lcdf below the support");
        assertEquals(0.0, dist.lccdf(v), 0, dist + " lccdf below the support");
        if (spec.outcome() == ValueType.REAL) {
            v[0] = Double.isNaN(above) ? Double.POSITIVE_INFINITY : above;
            assertEquals(0.0, dist.lcdf(v), 0, dist + " lcdf above the support");
            assertEquals(Double.NEGATIVE_INFINITY, dist.lccdf(v), dist + " lccdf above the support");
            double[] d = new double[dist.slots()];
            assertEquals(0.0, dist.lcdfGrad(v, d), 0);
            for (int j = 0; j < d.length; j++) {
                assertEquals(0.0, d[j], 0, dist + " lcdf partial " + j + " where the cdf is 1");
            }
        }
    }

    @Test
    void nothingThrowsOnSpecialValues() {
        double[] specials = {0, -0.0, 1, -1, 0.5, 1e-300, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
        distributions().forEach(dist -> {
            double[] d = new double[dist.slots()];
            int combinations = (int) Math.pow(specials.length, dist.slots());
            for (int c = 0; c < combinations; c++) {
                double[] v = new double[dist.slots()];
                int rest = c;
                for (int j = 0; j < v.length; j++) {
                    double x = specials[rest % specials.length];
                    rest /= specials.length;
                    v[j] = dist.type(j) == ValueType.INT ? (int) Math.max(-3, Math.min(40, x)) : x;
                }
                try {
                    dist.lcdf(v);
                    dist.lccdf(v);
                    dist.lcdfGrad(v, d);
                    dist.lccdfGrad(v, d);
                } catch (RuntimeException e) {
                    throw new AssertionError(dist + " threw at " + Arrays.toString(v), e);
                }
            }
        });
    }

    // ---------------------------------------------------------------- the extreme tails

    /** log Phi(-x) for large x by its asymptotic series (relative error below 2e-12 at x = 30). */
    static double logPhiAsymptotic(double x) {
        double x2 = x * x;
        double series = 1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2) + 105 / (x2 * x2 * x2 * x2);
        return -0.5 * x2 - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log(series);
    }

    @Test
    void normalFamilyTails() {
        for (double x : new double[] {30, 40, 100, 1e4}) {
            assertClose(logPhiAsymptotic(x), Normal.lcdf(-x * 2 + 1, 1, 2), 1e-11, "normal lcdf at z = -" + x);
            assertClose(logPhiAsymptotic(x), Normal.lccdf(x * 2 + 1, 1, 2), 1e-11, "normal lccdf at z = " + x);
            double s = Math.min(0.5, 500 / x); // keep exp(+-s x) a normal double
            assertClose(logPhiAsymptotic(x), LogNormal.lcdf(Math.exp(-x * s), 0, s), 1e-11, "lognormal lcdf");
            assertClose(logPhiAsymptotic(x), LogNormal.lccdf(Math.exp(x * s), 0, s), 1e-11, "lognormal lccdf");
            assertClose(logPhiAsymptotic(x) + Math.log(2), HalfNormal.lccdf(3 * x, 0, 3), 1e-11, "half_normal lccdf");
        }
        double[] d = new double[3];
        Normal.lcdfGrad(-40, 0, 1, d);
        assertClose(40 + 1 / 40.0 - 2 / Math.pow(40, 3), d[0], 1e-8, "d log Phi(z) / dz ~ -z - 1/z + 2/z^3 far in the lower tail");
        // half_normal near 0: F(y) = erf(y / (sigma sqrt 2)) ~ y sqrt(2 / pi) / sigma (1 - y^2 / (6 sigma^2))
        for (double y : new double[] {1e-300, 1e-100, 1e-12, 1e-6}) {
            double expected = Math.log(y * Math.sqrt(2 / Math.PI) / 2) + Math.log1p(-y * y / 24);
            assertClose(expected, HalfNormal.lcdf(y, 0, 2), 1e-14, "half_normal lcdf at " + y);
            // mu != 0: F(y) ~ phi(t) (y / sigma) / Phi(t) to first order, t = mu / sigma
            double t = 0.7;
            double first = Numerics.logStandardNormalDensity(t) + Math.log(y / 2) - Numerics.logPhi(t);
            assertClose(first, HalfNormal.lcdf(y, 2 * t, 2), y < 1e-10 ? 1e-14 : 1e-5, "half_normal(1.4, 2) lcdf at " + y);
        }
        for (double mu : new double[] {-30, -3, 0.5, 3, 30}) {
            // far from the mean on the truncated side the law is nearly exponential: still finite and ordered
            double l1 = HalfNormal.lcdf(0.01, mu, 1);
            double l2 = HalfNormal.lcdf(0.02, mu, 1);
            assertTrue(Double.isFinite(l1) && l1 < l2 && l2 < 0, "half_normal(" + mu + ", 1) lcdf " + l1 + " " + l2);
        }
    }

    @Test
    void exponentialWeibullAndCauchyTails() {
        for (double t : new double[] {1e-300, 1e-20, 1e-8}) {
            assertClose(Math.log(t) - t / 2, Exponential.lcdf(t / 3, 3), 1e-15, "exponential lcdf at t = " + t);
            assertClose(Math.log(t) - t / 2, Weibull.lcdf(2 * Math.pow(t, 1 / 1.7), 1.7, 2), 1e-13, "weibull lcdf at t = " + t);
        }
        assertEquals(-3000.0, Exponential.lccdf(1000, 3), 0);
        assertClose(-Math.pow(500, 1.7), Weibull.lccdf(1000, 1.7, 2), 1e-14, "weibull lccdf");
        for (double z : new double[] {1e3, 1e10, 1e100, 1e300}) {
            double z2 = z * z;
            double expected = -Math.log(Math.PI * z) + Math.log1p(-1 / (3 * z2) + 1 / (5 * z2 * z2)); // atan(1/z) series
            assertClose(expected, Cauchy.lcdf(1 - 2 * z, 1, 2), 1e-14, "cauchy lcdf at z = -" + z);
            assertClose(expected, Cauchy.lccdf(1 + 2 * z, 1, 2), 1e-14, "cauchy lccdf at z = " + z);
            double[] d = new double[3];
            Cauchy.lcdfGrad(-z, 0, 1, d);
            double atan = (1 / z) * (1 - 1 / (3 * z2) + 1 / (5 * z2 * z2)); // atan(1/z)
            assertClose(1 / (z * (z + 1 / z) * atan), d[0], 1e-14, "d log F / dy = 1 / ((1 + z^2) atan(1/|z|))");
        }
    }

    @Test
    void gammaAndPoissonTails() {
        // lower tail: P(a, x) = x^a / Gamma(a + 1) (1 - a x / (a + 1) + ...)
        for (double a : new double[] {0.01, 0.5, 3, 50}) {
            for (double x : new double[] {1e-300, 1e-30, 1e-10}) {
                double expected = a * Math.log(x) - Numerics.lgamma(a + 1) + Math.log1p(-a * x / (a + 1));
                assertClose(expected, Gamma.lcdf(x / 2, a, 2), 1e-13, "gamma(" + a + ") lcdf at " + x);
            }
            // upper tail: Q(a, x) = x^(a-1) e^-x / Gamma(a) (1 + (a-1)/x + (a-1)(a-2)/x^2 + ...)
            double x = 5000;
            double series = 1;
            double term = 1;
            for (int k = 1; k < 40 && Math.abs(term) > 1e-18; k++) {
                term *= (a - k) / x;
                series += term;
            }
            double expected = (a - 1) * Math.log(x) - x - Numerics.lgamma(a) + Math.log(series);
            assertClose(expected, Gamma.lccdf(x / 2, a, 2), 1e-13, "gamma(" + a + ") lccdf at " + x);
        }
        // Poisson: sums of the mass in log space as the reference
        for (double lambda : new double[] {0.001, 3, 1000}) {
            assertClose(-lambda, Poisson.lcdf(0, lambda), 1e-15, "poisson lcdf(0)");
            assertClose(Numerics.log1mExp(-lambda), Poisson.lccdf(0, lambda), 1e-14, "poisson lccdf(0)");
            for (int y : new int[] {1, 10, 900, 2000}) {
                double below = Double.NEGATIVE_INFINITY;
                for (int k = 0; k <= y; k++) {
                    below = Numerics.logSumExp(below, Poisson.lpdf(k, lambda));
                }
                double above = Double.NEGATIVE_INFINITY;
                for (int k = y + 1; k <= y + 3000; k++) {
                    above = Numerics.logSumExp(above, Poisson.lpdf(k, lambda));
                }
                if (below > -700) {
                    assertClose(below, Poisson.lcdf(y, lambda), 1e-12, "poisson(" + lambda + ") lcdf(" + y + ")");
                }
                if (above > -700) {
                    assertClose(above, Poisson.lccdf(y, lambda), 1e-12, "poisson(" + lambda + ") lccdf(" + y + ")");
                }
                assertTrue(Double.isFinite(Poisson.lcdf(y, lambda)) || Poisson.lcdf(y, lambda) == 0);
            }
        }
    }

    /**
     * {a, x, log P(a, x), log Q(a, x), d log P / da, d log Q / da} computed with mpmath at 50 digits (300 for the values near 1e-100)
     * (gammainc, regularized; derivatives by mpmath.diff), where commons-numbers is not accurate
     * enough (it loses about 1e-10 relative at a = 1e6) or the values underflow.
     */
    static final double[][] MPMATH = {
        {1000000.0, 990000.0, -53.567042465432428098, -5.4466446930108086708e-24, -0.010147947551149650383, 5.5272264674421275133e-26},
        {1000000.0, 1010001.0, -1.0501460711612802865e-23, -52.910527868977571978, -1.0553848605769651406e-25, 0.010049886292579199552},
        {10000.0, 9900.0, -1.8410472463668294718, -0.17274895136141594543, -0.015277246485290255631, 0.0028807949162553096251},
        {10000.0, 10500.0, -4.2758733692141704533e-7, -14.665107486336821732, -2.1678333486541540138e-8, 0.05069918348829754952},
        {0.001, 0.5, -0.00056022355238477664966, -7.4874547519064641949, -0.56067341459268605856, 1000.5226942791022849},
        {0.001, 5.0, -1.1509820021103913402e-6, -13.674895640579352998, -0.0011536706191670098792, 1002.3353563520175573},
        {50.0, 5000.0, 0.0, -4727.2134312290656281, 0.0, 4.6154054558006344139},
        {0.5, 1e-200, -230.13772706176932319, -1.1283791670955125739e-100, -460.55350857278771334, 5.1967898440627820985e-98},
        {30.0, 1.0, -75.625481105994083539, -1.4330814167223182148e-33, -3.4188433579654724292, 4.8994808829848469391e-33},
        {7.5, 40.0, -6.9846554169063602862e-11, -23.384720363344735879, -1.2368711335520455679e-10, 1.7708405922431091852},
    };

    /** Relative error at most {@code relative}, plus 2e-15 absolute for a log probability above 1e-10 in size. */
    static void assertRelative(double expected, double actual, double relative, String what) {
        double floor = Math.abs(expected) > 1e-10 ? 2e-15 : 1e-300;
        if (!(Math.abs(actual - expected) <= relative * Math.abs(expected) + floor)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    @Test
    void incompleteGammaAgainstMpmath() {
        double[] g = new double[2];
        for (double[] c : MPMATH) {
            String where = "a = " + c[0] + ", x = " + c[1];
            assertRelative(c[2], LogIncompleteGamma.logP(c[0], c[1], g, 0), 1e-13, where + ": log P");
            assertRelative(c[4], g[0], 1e-9, where + ": d log P / da");
            assertRelative(c[3], LogIncompleteGamma.logQ(c[0], c[1], g, 0), c[0] < 0.01 ? 1e-11 : 1e-13, where + ": log Q");
            assertRelative(c[5], g[0], 1e-9, where + ": d log Q / da");
        }
    }

    @Test
    void incompleteGammaAgainstCommonsNumbersAcrossTheRegions() {
        double[] g = new double[2];
        for (double a : new double[] {1e-3, 0.1, 0.5, 1, 2.5, 10, 100, 1e4}) {
            for (double ratio : new double[] {1e-3, 0.1, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 2, 5}) {
                double x = a * ratio + (ratio >= 1 ? 1 : 0); // both sides of the series / fraction switch at a + 1
                double p = org.apache.commons.numbers.gamma.RegularizedGamma.P.value(a, x);
                double q = org.apache.commons.numbers.gamma.RegularizedGamma.Q.value(a, x);
                String where = "a = " + a + ", x = " + x;
                if (p > 1e-300) {
                    assertClose(Math.log(p), LogIncompleteGamma.logP(a, x), 1e-12, where + ": log P");
                }
                if (q > 1e-300) {
                    assertClose(Math.log(q), LogIncompleteGamma.logQ(a, x), a < 0.01 ? 1e-9 : 1e-12, where + ": log Q");
                }
                assertEquals(LogIncompleteGamma.logP(a, x), LogIncompleteGamma.logP(a, x, g, 0), 0);
                // d P / dx = x^(a-1) e^-x / Gamma(a) (commons-numbers' derivative)
                double dPdx = org.apache.commons.numbers.gamma.RegularizedGamma.P.derivative(a, x);
                if (p > 1e-300 && dPdx > 1e-300) {
                    assertClose(dPdx / p, g[1], 1e-11, where + ": d log P / dx");
                }
                // d log P / da against a finite difference in a
                double numeric = FiniteDifference.derivative(b -> LogIncompleteGamma.logP(b, x), a, Support.POSITIVE);
                assertDerivative(numeric, g[0], where + ": d log P / da");
                LogIncompleteGamma.logQ(a, x, g, 0);
                double numericQ = FiniteDifference.derivative(b -> LogIncompleteGamma.logQ(b, x), a, Support.POSITIVE);
                if (q > 1e-300) {
                    assertDerivative(numericQ, g[0], where + ": d log Q / da");
                }
            }
        }
        if (!Double.isNaN(LogIncompleteGamma.logP(-1, 1))) {
            fail("a <= 0 must give NaN");
        }
    }
}
