package ulam.runtime.approx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** L-BFGS and its line search on functions with known minimisers. */
class LbfgsTest {

    /** Rosenbrock's function, minimum 0 at (1, 1, ..., 1). */
    static final Objective ROSENBROCK = (x, g) -> {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    };

    @Test
    void findsRosenbrocksMinimum() {
        double[] x0 = {-1.2, 1, -1.2, 1, 0.5};
        Lbfgs.Result r = Lbfgs.minimise(ROSENBROCK, x0, Lbfgs.Settings.defaults().tight(), true);
        assertTrue(r.stop().converged(), r.stop().toString());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, r.x(), 1e-6);
        assertEquals(r.iterations() + 1, r.path().size());
        for (int k = 1; k < r.path().size(); k++) {
            assertTrue(r.path().get(k).value() <= r.path().get(k - 1).value(), "the objective decreases along the path");
        }
    }

    @Test
    void solvesAnIllConditionedQuadratic() {
        // f = 1/2 sum_i c_i (x_i - i)^2 with curvatures from 1e-2 to 1e2 (condition number 1e4)
        int n = 20;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = Math.pow(10, -2 + 4.0 * i / (n - 1));
        Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - i;
                v += 0.5 * c[i] * d * d;
                g[i] = c[i] * d;
            }
            return v;
        };
        Lbfgs.Result r = Lbfgs.minimise(f, new double[n], Lbfgs.Settings.defaults().tight(), false);
        assertTrue(r.stop().converged(), r.stop().toString());
        for (int i = 0; i < n; i++) assertEquals(i, r.x()[i], 1e-4 / c[i] + 1e-6, "x" + i);
    }

    @Test
    void staysInsideTheRegionWhereTheObjectiveIsFinite() {
        // -log density of a Gamma(3, 1) on its own scale: infinite for x <= 0; the minimiser is 2
        Objective f = (x, g) -> {
            if (x[0] <= 0) {
                g[0] = Double.NaN;
                return Double.POSITIVE_INFINITY;
            }
            g[0] = -2 / x[0] + 1;
            return -2 * Math.log(x[0]) + x[0];
        };
        Lbfgs.Result r = Lbfgs.minimise(f, new double[] {0.05}, Lbfgs.Settings.defaults().tight(), true);
        assertEquals(2, r.x()[0], 1e-7);
        for (Lbfgs.Point p : r.path()) assertTrue(p.x()[0] > 0);
    }

    @Test
    void lineSearchMeetsTheStrongWolfeConditions() {
        double[] x0 = {-1.2, 1};
        double[] g0 = new double[2];
        double f0 = ROSENBROCK.value(x0, g0);
        double[] p = {-g0[0], -g0[1]};
        LineSearch ls = new LineSearch(ROSENBROCK, 2);
        double a = ls.search(x0, f0, g0, p, 1);
        assertTrue(a > 0);
        double d0 = Vectors.dot(g0, p);
        assertTrue(ls.value <= f0 + LineSearch.C1 * a * d0, "sufficient decrease");
        assertTrue(Math.abs(Vectors.dot(ls.g, p)) <= LineSearch.C2 * Math.abs(d0), "curvature");
    }

    @Test
    void hessianMatchesTheClosedForm() {
        double[] x = {0.3, -0.7, 1.1};
        double[] h = Hessian.of(ROSENBROCK, x);
        // closed form of Rosenbrock's Hessian
        double[] e = new double[9];
        for (int i = 0; i + 1 < 3; i++) {
            e[i + i * 3] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            e[(i + 1) + (i + 1) * 3] += 200;
            e[i + (i + 1) * 3] += -400 * x[i];
            e[(i + 1) + i * 3] += -400 * x[i];
        }
        assertArrayEquals(e, h, 1e-6);
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        double[] a = {4, 1, 2, 1, 3, 0, 2, 0, 1};
        Eigen e = Eigen.of(a, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += e.vectors()[i + k * 3] * e.values()[k] * e.vectors()[j + k * 3];
                assertEquals(a[i + j * 3], s, 1e-12);
            }
        }
        assertTrue(e.values()[0] <= e.values()[1] && e.values()[1] <= e.values()[2]);
    }
}
