package ulam.stdlib.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.Support;
import ulam.stdlib.testing.FiniteDifference;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.Seeds;

/**
 * The constraint transforms at random unconstrained points q and random bounds: derivative
 * against d constrain / dq numerically, logJacobian against log |numerical dx/dq|,
 * logJacobianDerivative against the numerical derivative of logJacobian, and
 * unconstrain(constrain(q)) == q; plus stability for |q| up to 700 and rejection outside the
 * support.
 */
class TransformTest {
    static final int POINTS = 300;

    /** One transform with its bounds bound in, so the checks below are written once. */
    interface Bound {
        double constrain(double q);

        double logJacobian(double q, double x);

        double derivative(double q, double x);

        double logJacobianDerivative(double q, double x);

        double unconstrain(double x);
    }

    record Case(String name, Bound transform, double lb, double ub) {
        @Override
        public String toString() {
            return name + "(" + lb + ", " + ub + ")";
        }
    }

    static Stream<Case> cases() {
        UniformRandomProvider r = Seeds.source("transform bounds");
        List<Case> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double lb = i == 0 ? 0 : RandomPoints.uniform(r, -5, 5);
            double ub = i == 0 ? 1 : lb + Math.exp(RandomPoints.uniform(r, -2, 3));
            cases.add(new Case("LowerBound", lower(lb), lb, Double.POSITIVE_INFINITY));
            cases.add(new Case("UpperBound", upper(ub), Double.NEGATIVE_INFINITY, ub));
            cases.add(new Case("LowerUpperBound", lowerUpper(lb, ub), lb, ub));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivativesJacobianAndInverse(Case c) {
        UniformRandomProvider r = Seeds.source("transform " + c);
        Bound t = c.transform();
        for (int i = 0; i < POINTS; i++) {
            double q = RandomPoints.uniform(r, -8, 8);
            double x = t.constrain(q);
            assertTrue(x > c.lb() && x < c.ub(), c + ": constrain(" + q + ") = " + x + " is outside the support");
            double numeric = FiniteDifference.derivative(t::constrain, q, Support.REAL);
            assertDerivative(numeric, t.derivative(q, x), c + " dx/dq at q = " + q);
            assertClose(Math.log(Math.abs(numeric)), t.logJacobian(q, x), 1e-8, c + " log Jacobian at q = " + q);
            DoubleUnaryOperator logJacobian = s -> t.logJacobian(s, t.constrain(s));
            assertDerivative(FiniteDifference.derivative(logJacobian, q, Support.REAL),
                    t.logJacobianDerivative(q, x), c + " d logJacobian/dq at q = " + q);
            assertClose(q, t.unconstrain(x), 1e-9, c + " unconstrain(constrain(" + q + "))");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unconstrainRejectsValuesOutsideTheSupport(Case c) {
        Bound t = c.transform();
        if (Double.isFinite(c.lb())) {
            assertThrows(IllegalArgumentException.class, () -> t.unconstrain(c.lb()));
            assertThrows(IllegalArgumentException.class, () -> t.unconstrain(c.lb() - 1));
        }
        if (Double.isFinite(c.ub())) {
            assertThrows(IllegalArgumentException.class, () -> t.unconstrain(c.ub()));
            assertThrows(IllegalArgumentException.class, () -> t.unconstrain(c.ub() + 1));
        }
        assertThrows(IllegalArgumentException.class, () -> t.unconstrain(Double.NaN));
    }

    @Test
    void lowerUpperBoundIsStableForLargeQ() {
        for (double q : new double[] {-800, -700, -100, -40, 40, 100, 700, 800}) {
            double x = LowerUpperBound.constrain(q, 0, 1);
            assertTrue(x > 0 && x < 1, "(0, 1) at q = " + q + ": " + x);
            double y = LowerUpperBound.constrain(q, 2, 3);
            assertTrue(y > 2 && y < 3, "(2, 3) at q = " + q + " gives " + y + ": the neighbouring double, never a bound");
            assertTrue(Double.isFinite(LowerUpperBound.logJacobian(q, x, 0, 1)), "log Jacobian at q = " + q);
            assertEquals(-Math.abs(q), LowerUpperBound.logJacobian(q, x, 0, 1), 1e-12 * Math.abs(q));
            assertEquals(-Math.signum(q), LowerUpperBound.logJacobianDerivative(q, x, 0, 1), 1e-15);
        }
        // near the lower bound 0 of (0, 1) the value keeps its relative precision
        assertEquals(Math.exp(-700), LowerUpperBound.constrain(-700, 0, 1), 1e-15 * Math.exp(-700));
        assertEquals(-700, LowerUpperBound.unconstrain(LowerUpperBound.constrain(-700, 0, 1), 0, 1), 1e-12);
        assertEquals(Math.log(10), LowerUpperBound.logJacobian(0, 5, 0, 40), 1e-15);
    }

    @Test
    void oneSidedTransformsAtTheBoundsOfDoubles() {
        assertEquals(Double.MIN_VALUE, LowerBound.constrain(-745, 0), 0);
        assertEquals(-745, LowerBound.logJacobian(-745, 0, 0));
        assertEquals(Math.exp(5), LowerBound.derivative(5, 1 + Math.exp(5), 1), 1e-12);
        assertEquals(-Math.exp(5), UpperBound.derivative(5, 1 - Math.exp(5), 1), 1e-12);
        assertEquals(-3, UpperBound.unconstrain(UpperBound.constrain(-3, 0), 0), 1e-15);
    }

    static Bound lower(double lb) {
        return new Reflective(LowerBound.class, lb);
    }

    static Bound upper(double ub) {
        return new Reflective(UpperBound.class, ub);
    }

    static Bound lowerUpper(double lb, double ub) {
        return new Reflective(LowerUpperBound.class, lb, ub);
    }

    /**
     * A transform class called through reflection, with its bounds appended to every call: the
     * three classes share the method names and differ only in the number of bounds.
     */
    static final class Reflective implements Bound {
        private final Class<?> transform;
        private final double[] bounds;

        Reflective(Class<?> transform, double... bounds) {
            this.transform = transform;
            this.bounds = bounds;
        }

        public double constrain(double q) {
            return call("constrain", q);
        }

        public double logJacobian(double q, double x) {
            return call("logJacobian", q, x);
        }

        public double derivative(double q, double x) {
            return call("derivative", q, x);
        }

        public double logJacobianDerivative(double q, double x) {
            return call("logJacobianDerivative", q, x);
        }

        public double unconstrain(double x) {
            return call("unconstrain", x);
        }

        private double call(String name, double... leading) {
            Object[] values = new Object[leading.length + bounds.length];
            Class<?>[] types = new Class<?>[values.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = i < leading.length ? leading[i] : bounds[i - leading.length];
                types[i] = double.class;
            }
            try {
                return (double) transform.getMethod(name, types).invoke(null, values);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw new AssertionError(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(transform.getSimpleName() + " lacks public static double " + name, e);
            }
        }
    }
}
