package ulam.stdlib.multivariate;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.stdlib.Support;
import ulam.stdlib.testing.FiniteDifference;

/**
 * Test helpers for the multivariate tests: column-major arrays to and from commons-math3
 * matrices, random matrices of the structured kinds, and numerical partial derivatives of a
 * function of an array, element by element or along a symmetric perturbation.
 */
public final class Mat {
    private Mat() {}

    /** A commons-math3 matrix from R x C column-major values starting at off. */
    public static RealMatrix matrix(double[] a, int off, int R, int C) {
        double[][] rows = new double[R][C];
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) {
                rows[r][c] = a[off + r + c * R];
            }
        }
        return new Array2DRowRealMatrix(rows, false);
    }

    /** Column-major values of a matrix. */
    public static double[] columnMajor(RealMatrix m) {
        int R = m.getRowDimension();
        int C = m.getColumnDimension();
        double[] a = new double[R * C];
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) {
                a[r + c * R] = m.getEntry(r, c);
            }
        }
        return a;
    }

    public static double uniform(UniformRandomProvider r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** n values uniform in (lo, hi). */
    public static double[] uniform(UniformRandomProvider r, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = uniform(r, lo, hi);
        }
        return a;
    }

    /** A random K x K symmetric positive definite matrix B B^T + s I with a spread of scales. */
    public static double[] spd(UniformRandomProvider r, int K) {
        double[] b = uniform(r, K * K, -1, 1);
        double[] scale = uniform(r, K, 0.3, 3);
        double[] a = new double[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double s = 0;
                for (int k = 0; k < K; k++) {
                    s += b[i + k * K] * b[j + k * K];
                }
                a[i + j * K] = scale[i] * scale[j] * (s + (i == j ? 0.5 : 0));
            }
        }
        return a;
    }

    /** A random K x K correlation matrix (an SPD matrix rescaled to a unit diagonal, diagonal exactly 1). */
    public static double[] correlation(UniformRandomProvider r, int K) {
        double[] a = spd(r, K);
        double[] c = new double[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                c[i + j * K] = i == j ? 1.0 : a[i + j * K] / Math.sqrt(a[i + i * K] * a[j + j * K]);
            }
        }
        return c;
    }

    /** The lower Cholesky factor (commons-math3), column-major with zeros above. */
    public static double[] cholesky(double[] a, int K) {
        return columnMajor(new org.apache.commons.math3.linear.CholeskyDecomposition(matrix(a, 0, K, K), 1e-12, 1e-14).getL());
    }

    /** df/dx_i at x, numerically (Richardson-extrapolated central differences). */
    public static double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
        return FiniteDifference.derivative(t -> {
            double[] y = x.clone();
            y[i] = t;
            return f.applyAsDouble(y);
        }, x[i], Support.REAL);
    }

    /**
     * d/dt f(X + t (E_ij + E_ji)) at t = 0 for a K x K matrix X at x[off..] (i != j), or
     * d/dt f(X + t E_ii) for i == j: the derivative along a symmetric perturbation.
     */
    public static double symmetricPartial(ToDoubleFunction<double[]> f, double[] x, int off, int K, int i, int j) {
        double xij = x[off + i + j * K];
        return FiniteDifference.derivative(t -> {
            double[] y = x.clone();
            double h = (t - xij);
            y[off + i + j * K] += h;
            if (i != j) {
                y[off + j + i * K] += h;
            }
            return f.applyAsDouble(y);
        }, xij, Support.REAL);
    }

    /** x placed at offset {@code pad} in an array padded with NaN on both sides. */
    public static double[] padded(double[] x, int pad) {
        double[] a = new double[x.length + 2 * pad];
        java.util.Arrays.fill(a, Double.NaN);
        System.arraycopy(x, 0, a, pad, x.length);
        return a;
    }
}
