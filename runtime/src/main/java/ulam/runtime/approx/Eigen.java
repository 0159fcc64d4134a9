package ulam.runtime.approx;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations (Golub and
 * Van Loan, <i>Matrix Computations</i>, 4th ed., Sec. 8.5): used to say which parameters a
 * singular or indefinite Hessian involves, not on any hot path. O(n^3) per sweep, at most 100 sweeps.
 *
 * @param values  eigenvalues, ascending, {@code double[n]}
 * @param vectors eigenvectors, column k belongs to {@code values[k]}, column-major {@code double[n*n]}
 */
public record Eigen(double[] values, double[] vectors) {

    /**
     * Decomposes a symmetric matrix.
     *
     * @param a column-major {@code double[n*n]}, symmetric, finite; not modified
     * @param n its order
     * @return the decomposition
     */
    public static Eigen of(double[] a, int n) {
        double[] m = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i + i * n] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double x = m[i + j * n] * m[i + j * n];
                    total += x;
                    if (i != j) off += x;
                }
            }
            if (off <= 1e-30 * total || off == 0) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p + q * n];
                    if (apq == 0) continue;
                    double theta = (m[q + q * n] - m[p + p * n]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {   // columns p and q of m
                        double mkp = m[k + p * n];
                        double mkq = m[k + q * n];
                        m[k + p * n] = c * mkp - s * mkq;
                        m[k + q * n] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {   // rows p and q
                        double mpk = m[p + k * n];
                        double mqk = m[q + k * n];
                        m[p + k * n] = c * mpk - s * mqk;
                        m[q + k * n] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k + p * n];
                        double vkq = v[k + q * n];
                        v[k + p * n] = c * vkp - s * vkq;
                        v[k + q * n] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        final double[] diag = new double[n];
        for (int i = 0; i < n; i++) diag[i] = m[i + i * n];
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[x], diag[y]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = diag[order[k]];
            System.arraycopy(v, order[k] * n, vectors, k * n, n);
        }
        return new Eigen(values, vectors);
    }
}
