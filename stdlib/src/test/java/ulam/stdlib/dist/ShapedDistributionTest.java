package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Support;
import ulam.stdlib.TableAccess;
import ulam.stdlib.ValueType;
import ulam.stdlib.testing.FiniteDifference;
import ulam.stdlib.testing.ShapedMethods;
import ulam.stdlib.testing.ShapedMethods.Kernel;
import ulam.stdlib.testing.ShapedMethods.Point;
import ulam.stdlib.testing.ShapedReferences;
import ulam.stdlib.testing.Seeds;

/**
 * The distributions with vector operands (cutpoints, probability vectors, count vectors,
 * simplexes), called with the calling convention of {@link ulam.stdlib.Signatures} (arrays at an
 * offset, then the dimensions, then one partials array per non-scalar real operand): lpdf
 * against an independent reference, kernel + constant against lpdf, offsets respected, every
 * entry of every partials array written and equal to a finite difference of lpdf, invalid
 * arguments NaN (and rng rejecting them), outcomes outside the support -inf, nothing thrown on
 * special values, and every rng against its law with a test that rejects a permuted sampler.
 */
class ShapedDistributionTest {
    static final int REFERENCE_POINTS = 200;
    static final int GRADIENT_POINTS = 25;
    static final int DRAWS = 4000;
    static final double ALPHA = 1e-3;

    static Stream<ShapedMethods> distributions() {
        return ShapedMethods.shapedSpecs().filter(s -> ShapedReferences.LOG_DENSITY.containsKey(s.name()))
                .map(ShapedMethods::of);
    }

    @Test
    void everyShapedDistributionOfTheUnivariateTableIsCovered() {
        ShapedMethods.shapedSpecs().filter(s -> TableAccess.univariateDistributions().contains(s.name()))
                .forEach(s -> {
                    assertTrue(ShapedReferences.LOG_DENSITY.containsKey(s.name()), s.name() + " has no reference");
                    assertTrue(CASES.containsKey(s.name()), s.name() + " has no goodness-of-fit case");
                });
        assertTrue(distributions().count() >= 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void lpdfMatchesReferenceAndKernelPlusConstantIsLpdf(ShapedMethods dist) {
        UniformRandomProvider source = Seeds.source(dist + "/shaped");
        for (int i = 0; i < REFERENCE_POINTS; i++) {
            Point p = ShapedReferences.draw(dist, source, 1, 6);
            double lpdf = dist.lpdf(p, 2);
            assertClose(ShapedReferences.LOG_DENSITY.get(dist.spec.name()).apply(p), lpdf, 1e-10, dist + " lpdf at " + p);
            Kernel k = dist.kernel(p, 2);
            assertClose(lpdf, k.value + dist.constant(p, 2), 1e-13, dist + " kernel + constant at " + p);
            // the offset changes nothing
            assertEquals(lpdf, dist.lpdf(p, 0), 0, dist + " lpdf with offset 0");
            Kernel k0 = dist.kernel(p, 0);
            assertEquals(k.value, k0.value, 0);
            for (int a = 0; a < k.partials.size(); a++) {
                assertTrue(Arrays.equals(k.partials.get(a), k0.partials.get(a)), dist + " partials with offset 0");
            }
            assertEquals(dist.constant(p, 2), dist.constant(p, 0), 0);
        }
    }

    /** The support in which element values of operand i may be moved by a finite difference. */
    static Support elementSupport(ShapedMethods dist, int i) {
        switch (dist.support(i)) {
            case SIMPLEX:
                return Support.UNIT;
            case POSITIVE:
                return Support.POSITIVE;
            case UNIT:
                return Support.UNIT;
            default:
                return Support.REAL;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void everyPartialIsWrittenAndMatchesFiniteDifferences(ShapedMethods dist) {
        UniformRandomProvider source = Seeds.source(dist + "/shaped-gradient");
        for (int n = 0; n < GRADIENT_POINTS; n++) {
            Point p = ShapedReferences.draw(dist, source, 2, 5); // a simplex of one element has no interior
            Kernel k = dist.kernel(p, 1);
            int array = 0;
            for (int i = 0; i < dist.operands(); i++) {
                if (dist.type(i) != ValueType.REAL) {
                    continue;
                }
                final int operand = i;
                if (dist.scalar(i)) {
                    DoubleUnaryOperator along = x -> {
                        Point q = p.copy();
                        q.values[operand] = x;
                        return dist.lpdf(q, 0);
                    };
                    assertDerivative(FiniteDifference.derivative(along, p.scalar(i), elementSupport(dist, i)), k.d[i],
                            dist + " d/d" + dist.name(i) + " at " + p);
                    continue;
                }
                double[] partials = k.partials.get(array++);
                double[] values = p.reals(i);
                assertEquals(values.length, partials.length);
                for (int e = 0; e < values.length; e++) {
                    final int element = e;
                    assertTrue(Double.isFinite(partials[e]), dist + " d/d" + dist.name(i) + "[" + (e + 1)
                            + "] was not written (or is not finite) at " + p);
                    DoubleUnaryOperator along = x -> {
                        Point q = p.copy();
                        q.reals(operand)[element] = x;
                        return dist.lpdf(q, 0);
                    };
                    assertDerivative(FiniteDifference.derivative(along, values[e], elementSupport(dist, i)), partials[e],
                            dist + " d/d" + dist.name(i) + "[" + (e + 1) + "] at " + p);
                }
            }
        }
    }

    /** Values that make a whole argument invalid (every element set to one of them). */
    static double[] invalidValues(ShapedMethods dist, int i) {
        if (dist.type(i) == ValueType.INT) {
            return new double[] {-1};
        }
        switch (dist.support(i)) {
            case POSITIVE:
                return new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY};
            case SIMPLEX:
            case UNIT:
                return new double[] {-0.1, 1.1, Double.NaN};
            default:
                return new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void invalidArgumentsGiveNaNAndRngRejectsThem(ShapedMethods dist) {
        UniformRandomProvider source = Seeds.source(dist + "/shaped-invalid");
        for (int trial = 0; trial < 5; trial++) {
            Point valid = ShapedReferences.draw(dist, source, 1, 5);
            for (int i = 1; i < dist.operands(); i++) {
                for (double bad : invalidValues(dist, i)) {
                    Point p = valid.copy();
                    if (dist.scalar(i)) {
                        p.values[i] = dist.type(i) == ValueType.INT ? (Object) (int) bad : (Object) bad;
                    } else if (dist.type(i) == ValueType.INT) {
                        Arrays.fill(p.ints(i), (int) bad);
                    } else {
                        Arrays.fill(p.reals(i), bad);
                    }
                    String where = dist + " with " + dist.name(i) + " = " + bad + " at " + p;
                    assertTrue(Double.isNaN(dist.lpdf(p, 1)), where + ": lpdf " + dist.lpdf(p, 1));
                    assertTrue(Double.isNaN(dist.kernel(p, 1).value), where + ": kernel");
                    assertThrows(IllegalArgumentException.class, () -> dist.rng(source, p, 1), where + ": rng");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void outcomesOutsideTheSupportGiveMinusInfinity(ShapedMethods dist) {
        UniformRandomProvider source = Seeds.source(dist + "/shaped-support");
        for (int trial = 0; trial < 5; trial++) {
            Point valid = ShapedReferences.draw(dist, source, 1, 5);
            List<Point> outside = new ArrayList<>();
            if (dist.scalar(0)) { // a category: 1..K
                for (int y : new int[] {0, -1, 1000}) {
                    Point p = valid.copy();
                    p.values[0] = y;
                    outside.add(p);
                }
            } else if (dist.type(0) == ValueType.INT) { // counts
                Point p = valid.copy();
                p.ints(0)[p.ints(0).length - 1] = -1;
                outside.add(p);
            } else { // a simplex
                for (double bad : new double[] {-0.1, 1.1, Double.NEGATIVE_INFINITY}) {
                    Point p = valid.copy();
                    p.reals(0)[0] = bad;
                    outside.add(p);
                }
            }
            for (Point p : outside) {
                assertEquals(Double.NEGATIVE_INFINITY, dist.lpdf(p, 1), dist + " lpdf at " + p);
                assertEquals(Double.NEGATIVE_INFINITY, dist.kernel(p, 1).value + dist.constant(p, 1), dist + " kernel at " + p);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void nothingThrowsOnSpecialValuesAndEmptyOrTinyVectors(ShapedMethods dist) {
        double[] specials = {0, -0.0, 1, -1, 0.5, 1e-300, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
        UniformRandomProvider source = Seeds.source(dist + "/shaped-specials");
        for (int trial = 0; trial < 3000; trial++) {
            int[] sizes = new int[dist.dims.size()];
            for (int k = 0; k < sizes.length; k++) {
                sizes[k] = source.nextInt(4); // 0..3, empty vectors included
            }
            Object[] values = new Object[dist.operands()];
            for (int i = 0; i < values.length; i++) {
                if (dist.scalar(i)) {
                    double x = specials[source.nextInt(specials.length)];
                    values[i] = dist.type(i) == ValueType.INT ? (Object) (source.nextInt(8) - 2) : (Object) x;
                } else if (dist.type(i) == ValueType.INT) {
                    int[] v = new int[dist.size(i, sizes)];
                    for (int e = 0; e < v.length; e++) {
                        v[e] = source.nextInt(8) - 2;
                    }
                    values[i] = v;
                } else {
                    double[] v = new double[dist.size(i, sizes)];
                    for (int e = 0; e < v.length; e++) {
                        v[e] = specials[source.nextInt(specials.length)];
                    }
                    values[i] = v;
                }
            }
            Point p = new Point(values, sizes);
            try {
                dist.lpdf(p, 1);
                dist.kernel(p, 1);
                dist.constant(p, 1);
            } catch (RuntimeException e) {
                throw new AssertionError(dist + " threw at " + p, e);
            }
        }
    }

    // ---------------------------------------------------------------- rng against the law

    /** Argument sets for the goodness-of-fit tests (the outcome slot holds the number of trials of a count vector). */
    static final Map<String, Point[]> CASES = Map.of(
            "ordered_logistic", new Point[] {
                point(0, 0.3, new double[] {-1.5, 0, 0.8, 2.5}),
                point(0, -2.0, new double[] {-1, 1}),
                point(0, 4.0, new double[] {-3, -2.5, 3})},
            "categorical", new Point[] {
                point(0, new double[] {0.1, 0.2, 0.3, 0.4}),
                point(0, new double[] {0.7, 0.05, 0.25})},
            "categorical_logit", new Point[] {
                point(0, new double[] {1, -1, 0.5, 2}),
                point(0, new double[] {-3, 0, 3})},
            "multinomial", new Point[] {
                point(new int[] {10, 0, 0}, new double[] {0.2, 0.5, 0.3}),
                point(new int[] {0, 40, 0, 0}, new double[] {0.05, 0.15, 0.3, 0.5})},
            "dirichlet", new Point[] {
                point(new double[3], new double[] {1, 2, 3}),
                point(new double[4], new double[] {0.3, 0.5, 4, 1})});

    /** A point whose dimension (one size name in all these distributions) is the length of its last vector. */
    static Point point(Object... values) {
        Object last = values[values.length - 1];
        int size = last instanceof double[] ? ((double[]) last).length : ((int[]) last).length;
        Object[] boxed = values.clone();
        for (int i = 0; i < boxed.length; i++) {
            if (boxed[i] instanceof Double && i == 0) {
                boxed[i] = ((Double) boxed[i]).intValue();
            }
        }
        return new Point(boxed, new int[] {size});
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        distributions().forEach(d -> {
            for (Point p : CASES.getOrDefault(d.spec.name(), new Point[0])) {
                all.add(Arguments.of(d, p));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void drawsFollowTheLawAndAPermutedSamplerIsRejected(ShapedMethods dist, Point p) {
        UniformRandomProvider source = Seeds.source(dist + p.toString());
        Object[] draws = new Object[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = dist.rng(source, p, 1);
        }
        if (dist.scalar(0)) {
            categories(dist, p, draws);
        } else if (dist.type(0) == ValueType.INT) {
            counts(p, draws);
        } else {
            simplexes(p, draws);
        }
    }

    /** Chi-square over the categories 1..K against the reference probabilities; a cyclic relabelling is rejected. */
    static void categories(ShapedMethods dist, Point p, Object[] draws) {
        List<Double> probabilities = new ArrayList<>();
        for (int y = 1; y <= 1000; y++) {
            Point q = p.copy();
            q.values[0] = y;
            double lp = ShapedReferences.LOG_DENSITY.get(dist.spec.name()).apply(q);
            if (lp == Double.NEGATIVE_INFINITY) {
                break;
            }
            probabilities.add(Math.exp(lp));
        }
        int k = probabilities.size();
        double[] expected = new double[k];
        long[] observed = new long[k];
        long[] shifted = new long[k];
        for (int c = 0; c < k; c++) {
            expected[c] = DRAWS * probabilities.get(c);
        }
        for (Object draw : draws) {
            int y = ((Number) draw).intValue();
            assertTrue(y >= 1 && y <= k, dist + " drew " + y);
            observed[y - 1]++;
            shifted[y % k]++;
        }
        double pValue = new ChiSquareTest().chiSquareTest(expected, observed);
        double pShifted = new ChiSquareTest().chiSquareTest(expected, shifted);
        assertTrue(pValue > ALPHA, dist + " " + p + ": draws rejected, p = " + pValue);
        assertTrue(pShifted < ALPHA, dist + " " + p + ": relabelled draws not rejected, p = " + pShifted);
    }

    /** Each component's counts against its binomial(N, theta_k) marginal, and the means; a cyclic permutation is rejected. */
    static void counts(Point p, Object[] draws) {
        int[] start = p.ints(0);
        int n = Arrays.stream(start).sum();
        double[] theta = p.reals(1);
        int k = theta.length;
        double smallest = 1;
        double smallestShifted = 1;
        for (int c = 0; c < k; c++) {
            double[] component = new double[DRAWS];
            double[] permuted = new double[DRAWS];
            double mean = 0;
            for (int i = 0; i < DRAWS; i++) {
                int[] y = (int[]) draws[i];
                assertEquals(n, Arrays.stream(y).sum(), "multinomial draws keep the number of trials");
                component[i] = y[c];
                permuted[i] = y[(c + 1) % k];
                mean += y[c] / (double) DRAWS;
            }
            double sd = Math.sqrt(n * theta[c] * (1 - theta[c]) / DRAWS);
            assertEquals(n * theta[c], mean, 5 * sd + 1e-12, "multinomial mean of component " + (c + 1));
            BinomialDistribution law = new BinomialDistribution(null, n, theta[c]);
            smallest = Math.min(smallest, RngGoodnessOfFitTest.chiSquarePValue(law, component));
            smallestShifted = Math.min(smallestShifted, RngGoodnessOfFitTest.chiSquarePValue(law, permuted));
        }
        assertTrue(smallest * k > ALPHA, "multinomial " + p + ": a marginal rejected, p = " + smallest);
        assertTrue(smallestShifted < ALPHA, "multinomial " + p + ": permuted draws not rejected, p = " + smallestShifted);
    }

    /** Each component against its beta(alpha_k, sum(alpha) - alpha_k) marginal (Kolmogorov-Smirnov), sums and means. */
    static void simplexes(Point p, Object[] draws) {
        double[] alpha = p.reals(1);
        int k = alpha.length;
        double total = Arrays.stream(alpha).sum();
        double smallest = 1;
        double smallestShifted = 1;
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        for (int c = 0; c < k; c++) {
            double[] component = new double[DRAWS];
            double[] permuted = new double[DRAWS];
            double mean = 0;
            for (int i = 0; i < DRAWS; i++) {
                double[] theta = (double[]) draws[i];
                assertEquals(1.0, Arrays.stream(theta).sum(), 1e-14, "dirichlet draws are simplexes");
                component[i] = theta[c];
                permuted[i] = theta[(c + 1) % k];
                mean += theta[c] / DRAWS;
            }
            double m = alpha[c] / total;
            double sd = Math.sqrt(m * (1 - m) / (total + 1) / DRAWS);
            assertEquals(m, mean, 5 * sd, "dirichlet mean of component " + (c + 1));
            BetaDistribution law = new BetaDistribution(null, alpha[c], total - alpha[c]);
            smallest = Math.min(smallest, ks.kolmogorovSmirnovTest(law, component));
            smallestShifted = Math.min(smallestShifted, ks.kolmogorovSmirnovTest(law, permuted));
        }
        assertTrue(smallest * k > ALPHA, "dirichlet " + p + ": a marginal rejected, p = " + smallest);
        assertTrue(smallestShifted < ALPHA, "dirichlet " + p + ": permuted draws not rejected, p = " + smallestShifted);
    }
}
