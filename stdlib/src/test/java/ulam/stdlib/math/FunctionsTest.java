package ulam.stdlib.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Support;
import ulam.stdlib.testing.FiniteDifference;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.Seeds;
import ulam.stdlib.testing.Signatures;

/**
 * The scalar functions of the registry: values against straightforward references where those
 * are accurate, every {@code D<j>} partial against finite differences at random points of the
 * function's domain, and stability at extreme arguments.
 */
class FunctionsTest {
    static final int POINTS = 200;

    /** Random points of each function's domain, away from kinks and poles. */
    static final Map<String, Function<UniformRandomProvider, double[]>> DOMAIN = Map.ofEntries(
            Map.entry("exp", r -> new double[] {u(r, -20, 20)}),
            Map.entry("log", r -> new double[] {Math.exp(u(r, -20, 20))}),
            Map.entry("log10", r -> new double[] {Math.exp(u(r, -20, 20))}),
            Map.entry("log2", r -> new double[] {Math.exp(u(r, -20, 20))}),
            Map.entry("inv_logit", r -> new double[] {u(r, -30, 30)}),
            Map.entry("logit", r -> new double[] {u(r, 1e-6, 1 - 1e-6)}),
            Map.entry("log1m", r -> new double[] {u(r, -10, 0.999)}),
            Map.entry("log1p", r -> new double[] {u(r, -0.999, 10)}),
            Map.entry("log1p_exp", r -> new double[] {u(r, -40, 40)}),
            Map.entry("log_inv_logit", r -> new double[] {u(r, -40, 40)}),
            Map.entry("log1m_inv_logit", r -> new double[] {u(r, -40, 40)}),
            Map.entry("inv_cloglog", r -> new double[] {u(r, -20, 3)}),
            Map.entry("cloglog", r -> new double[] {u(r, 1e-6, 1 - 1e-6)}),
            Map.entry("square", r -> new double[] {u(r, -100, 100)}),
            Map.entry("sqrt", r -> new double[] {Math.exp(u(r, -20, 20))}),
            Map.entry("pow", r -> new double[] {Math.exp(u(r, -3, 3)), u(r, -4, 4)}),
            Map.entry("abs", r -> new double[] {awayFromZero(r)}),
            Map.entry("fmin", FunctionsTest::distinctPair),
            Map.entry("fmax", FunctionsTest::distinctPair),
            Map.entry("lgamma", r -> new double[] {r.nextBoolean() ? Math.exp(u(r, -5, 5)) : negativeNonInteger(r)}),
            Map.entry("log_mix", r -> new double[] {u(r, 0.01, 0.99), u(r, -20, 5), u(r, -20, 5)}),
            Map.entry("log_sum_exp2", r -> new double[] {u(r, -50, 50), u(r, -50, 50)}),
            Map.entry("log_diff_exp", r -> {
                double a = u(r, -20, 20);
                return new double[] {a, a - Math.exp(u(r, -1, 3))}; // gaps well above the finite-difference step
            }),
            Map.entry("log1m_exp", r -> new double[] {-Math.exp(u(r, -5, 3))}),
            Map.entry("log_inv_logit_diff", r -> {
                double x = u(r, -20, 20);
                return new double[] {x, x - Math.exp(u(r, -1, 3))};
            }),
            Map.entry("Phi", r -> new double[] {u(r, -10, 10)}),
            Map.entry("Phi_approx", r -> new double[] {u(r, -10, 10)}),
            Map.entry("inv_Phi", r -> new double[] {u(r, 1e-6, 1 - 1e-6)}),
            Map.entry("lbeta", r -> new double[] {Math.exp(u(r, -3, 5)), Math.exp(u(r, -3, 5))}),
            Map.entry("lchoose", r -> {
                double n = u(r, 0.5, 60);
                return new double[] {n, u(r, 0, n)};
            }));

    /** Support used to move each argument in a finite difference. */
    static final Map<String, Support[]> SUPPORT = Map.ofEntries(
            Map.entry("log", new Support[] {Support.POSITIVE}),
            Map.entry("log10", new Support[] {Support.POSITIVE}),
            Map.entry("log2", new Support[] {Support.POSITIVE}),
            Map.entry("logit", new Support[] {Support.UNIT}),
            Map.entry("cloglog", new Support[] {Support.UNIT}),
            Map.entry("sqrt", new Support[] {Support.POSITIVE}),
            Map.entry("pow", new Support[] {Support.POSITIVE, Support.REAL}),
            Map.entry("log_mix", new Support[] {Support.UNIT, Support.REAL, Support.REAL}),
            Map.entry("inv_Phi", new Support[] {Support.UNIT}),
            Map.entry("lbeta", new Support[] {Support.POSITIVE, Support.POSITIVE}));

    static final org.apache.commons.math3.distribution.NormalDistribution STANDARD_NORMAL =
            new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);

    /** Independent references for the value, accurate on the domains above. */
    static final Map<String, Function<double[], Double>> REFERENCE = Map.ofEntries(
            Map.entry("exp", x -> Math.exp(x[0])),
            Map.entry("log", x -> Math.log(x[0])),
            Map.entry("log10", x -> Math.log(x[0]) / Math.log(10)),
            Map.entry("log2", x -> Math.log(x[0]) / Math.log(2)),
            Map.entry("inv_logit", x -> 1 / (1 + Math.exp(-x[0]))),
            Map.entry("logit", x -> Math.log(x[0]) - Math.log1p(-x[0])),
            Map.entry("log1m", x -> Math.log1p(-x[0])),
            Map.entry("log1p", x -> Math.log1p(x[0])),
            Map.entry("log1p_exp", x -> Math.log1p(Math.exp(x[0]))),
            Map.entry("log_inv_logit", x -> -Math.log1p(Math.exp(-x[0]))),
            Map.entry("log1m_inv_logit", x -> -Math.log1p(Math.exp(x[0]))),
            Map.entry("inv_cloglog", x -> -Math.expm1(-Math.exp(x[0]))),
            Map.entry("cloglog", x -> Math.log(-Math.log1p(-x[0]))),
            Map.entry("square", x -> x[0] * x[0]),
            Map.entry("sqrt", x -> Math.sqrt(x[0])),
            Map.entry("pow", x -> Math.exp(x[1] * Math.log(x[0]))),
            Map.entry("abs", x -> Math.abs(x[0])),
            Map.entry("fmin", x -> x[0] < x[1] ? x[0] : x[1]),
            Map.entry("fmax", x -> x[0] > x[1] ? x[0] : x[1]),
            Map.entry("lgamma", x -> x[0] > 0 ? Gamma.logGamma(x[0]) : lgammaByReflection(x[0])),
            Map.entry("log_mix", x -> Math.log(x[0] * Math.exp(x[1]) + (1 - x[0]) * Math.exp(x[2]))),
            Map.entry("log_sum_exp2", x -> Math.log(Math.exp(x[0]) + Math.exp(x[1]))),
            Map.entry("log_diff_exp", x -> Math.log(Math.exp(x[0]) - Math.exp(x[1]))),
            Map.entry("log1m_exp", x -> Math.log(-Math.expm1(x[0]))),
            Map.entry("log_inv_logit_diff", x -> x[0] + x[1] > 0
                    ? Math.log(1 / (1 + Math.exp(x[1])) - 1 / (1 + Math.exp(x[0])))
                    : Math.log(1 / (1 + Math.exp(-x[0])) - 1 / (1 + Math.exp(-x[1])))),
            Map.entry("Phi", x -> STANDARD_NORMAL.cumulativeProbability(x[0])),
            Map.entry("Phi_approx", x -> 1 / (1 + Math.exp(-(0.07056 * x[0] * x[0] * x[0] + 1.5976 * x[0])))),
            Map.entry("inv_Phi", x -> STANDARD_NORMAL.inverseCumulativeProbability(x[0])),
            Map.entry("lbeta", x -> org.apache.commons.math3.special.Beta.logBeta(x[0], x[1])),
            Map.entry("lchoose", x -> Gamma.logGamma(x[0] + 1) - Gamma.logGamma(x[1] + 1) - Gamma.logGamma(x[0] - x[1] + 1)));

    static Stream<FunctionSpec> scalars() {
        return Registry.functions().stream().filter(f -> f.kind() == FunctionSpec.Kind.SCALAR);
    }

    @Test
    void everyScalarFunctionIsCovered() {
        scalars().forEach(f -> {
            assertTrue(DOMAIN.containsKey(f.name()), f.name() + " has no test domain");
            assertTrue(REFERENCE.containsKey(f.name()), f.name() + " has no reference");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalars")
    void valuesMatchReferences(FunctionSpec f) throws Exception {
        Method value = f.implementation().getMethod(f.method(), Signatures.function(f));
        UniformRandomProvider source = Seeds.source(f.name());
        for (int i = 0; i < POINTS; i++) {
            double[] x = DOMAIN.get(f.name()).apply(source);
            assertClose(REFERENCE.get(f.name()).apply(x), call(value, x), 1e-12, f.name() + Arrays.toString(x));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalars")
    void partialsMatchFiniteDifferences(FunctionSpec f) throws Exception {
        Method value = f.implementation().getMethod(f.method(), Signatures.function(f));
        UniformRandomProvider source = Seeds.source(f.name() + "/D");
        for (int i = 0; i < POINTS; i++) {
            double[] x = DOMAIN.get(f.name()).apply(source);
            double fx = call(value, x);
            double[] withValue = Arrays.copyOf(x, x.length + 1);
            withValue[x.length] = fx;
            for (int j = 0; j < f.arity(); j++) {
                Method partial = f.implementation().getMethod(f.method() + "D" + j, Signatures.functionPartial(f));
                final int slot = j;
                DoubleUnaryOperator along = t -> {
                    double[] moved = x.clone();
                    moved[slot] = t;
                    return call(value, moved);
                };
                Support support = SUPPORT.containsKey(f.name()) ? SUPPORT.get(f.name())[j] : Support.REAL;
                assertDerivative(FiniteDifference.derivative(along, x[j], support), call(partial, withValue),
                        f.name() + "D" + j + Arrays.toString(x));
            }
        }
    }

    @Test
    void logisticFamilyIsStableAtExtremeArguments() {
        for (double x : new double[] {-800, -700, -40, 40, 700, 800}) {
            double p = Functions.invLogit(x);
            assertTrue(p >= 0 && p <= 1, "inv_logit(" + x + ")");
            assertTrue(Double.isFinite(Functions.logInvLogit(x)), "log_inv_logit(" + x + ")");
            assertTrue(Double.isFinite(Functions.log1mInvLogit(x)), "log1m_inv_logit(" + x + ")");
            assertTrue(Double.isFinite(Functions.log1pExp(x)), "log1p_exp(" + x + ")");
            assertTrue(Double.isFinite(Functions.invLogitD0(x, p)), "inv_logitD0(" + x + ")");
        }
        assertEquals(800.0, Functions.log1pExp(800), 0);
        assertEquals(-800.0, Functions.logInvLogit(-800), 0);
        assertEquals(-800.0, Functions.log1mInvLogit(800), 0);
        assertClose(Math.exp(-700), Functions.invLogit(-700), 1e-15 * Math.exp(-700), "inv_logit(-700) keeps its relative precision");
        // the derivative of inv_logit far in the upper tail keeps its relative precision too
        assertEquals(Math.exp(-40), Functions.invLogitD0(40, Functions.invLogit(40)), 1e-14 * Math.exp(-40));
        assertEquals(-Math.exp(-40), Functions.log1mInvLogitD0(-40, Functions.log1mInvLogit(-40)), 1e-14 * Math.exp(-40));
        assertEquals(Math.exp(-40), Functions.logInvLogitD0(40, Functions.logInvLogit(40)), 1e-14 * Math.exp(-40));
    }

    @Test
    void logitAndCloglogAreFiniteNearZeroAndOne() {
        for (double p : new double[] {Double.MIN_NORMAL, 1e-300, 1e-16, 1 - 1e-16, Math.nextDown(1.0)}) {
            assertTrue(Double.isFinite(Functions.logit(p)), "logit(" + p + ")");
            assertTrue(Double.isFinite(Functions.cloglog(p)), "cloglog(" + p + ")");
        }
        assertClose(Math.log(1e-300), Functions.logit(1e-300), 1e-15, "logit(1e-300)");
        assertClose(-Math.log(0x1p-53), Functions.logit(1 - 0x1p-53), 1e-15, "logit(1 - 2^-53)");
        assertEquals(1e-300, Functions.invCloglog(Math.log(1e-300)), 1e-312, "inv_cloglog keeps small probabilities");
    }

    @Test
    void subgradientsAtKinksAreTheDocumentedOnes() {
        assertEquals(0.0, Functions.absD0(0.0, 0.0));
        assertEquals(1.0, Functions.fminD0(2.0, 2.0, 2.0));
        assertEquals(0.0, Functions.fminD1(2.0, 2.0, 2.0));
        assertEquals(1.0, Functions.fmaxD0(2.0, 2.0, 2.0));
        assertEquals(0.0, Functions.fmaxD1(2.0, 2.0, 2.0));
        assertTrue(Double.isNaN(Functions.fmin(Double.NaN, 1.0)), "NaN propagates");
        assertEquals(0.0, Functions.powD1(0.0, 2.0, 0.0), "d 0^y / dy at y > 0");
        assertEquals(0.0, Functions.powD0(0.0, 2.0, 0.0));
        assertEquals(Double.POSITIVE_INFINITY, Functions.lgamma(0.0));
        assertEquals(Double.POSITIVE_INFINITY, Functions.lgamma(-3.0));
        assertTrue(Double.isNaN(Functions.lgammaD0(-3.0, Double.POSITIVE_INFINITY)));
    }

    @Test
    void outsideTheDomainTheValueIsNaN() {
        assertTrue(Double.isNaN(Functions.log(-1)));
        assertTrue(Double.isNaN(Functions.logit(1.5)));
        assertTrue(Double.isNaN(Functions.log1m(2)));
        assertTrue(Double.isNaN(Functions.log1p(-2)));
        assertTrue(Double.isNaN(Functions.sqrt(-1)));
        assertTrue(Double.isNaN(Functions.cloglog(-0.5)));
        assertTrue(Double.isNaN(Functions.pow(-2, 0.5)));
    }

    static double call(Method m, double[] x) {
        Object[] args = new Object[x.length];
        for (int i = 0; i < x.length; i++) {
            args[i] = x[i];
        }
        try {
            return (double) m.invoke(null, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }

    static double u(UniformRandomProvider r, double lo, double hi) {
        return RandomPoints.uniform(r, lo, hi);
    }

    static double awayFromZero(UniformRandomProvider r) {
        double x = u(r, 0.1, 50);
        return r.nextBoolean() ? x : -x;
    }

    static double[] distinctPair(UniformRandomProvider r) {
        double x = u(r, -10, 10);
        return new double[] {x, x + awayFromZero(r)};
    }

    /** A negative non-integer at least 0.1 from the poles. */
    static double negativeNonInteger(UniformRandomProvider r) {
        return -r.nextInt(10) - u(r, 0.1, 0.9);
    }

    /** log |Gamma(x)| for x &lt; 0 by the reflection formula, from commons-math3's log Gamma. */
    static double lgammaByReflection(double x) {
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - Gamma.logGamma(1 - x);
    }
}
