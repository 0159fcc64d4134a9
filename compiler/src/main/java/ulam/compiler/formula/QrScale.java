package ulam.compiler.formula;

import java.util.List;

/**
 * rstanarm's {@code QR = TRUE} (rstanarm's {@code ?QR-argument}; {@code stan_glm.fit}): the
 * centred design {@code X = Q R} (R upper triangular), the model sampled on the coefficients
 * {@code theta} of {@code Q* = Q s}, and the coefficients of X recovered as
 * {@code beta = R_inv theta} with {@code R_inv = R^-1 s}; {@code s = sqrt(n - 1)} when the
 * prior is autoscaled, else the last diagonal element of R. R is computed as the Cholesky factor
 * of {@code X'X}, which is R up to the signs of its rows: a sign flips a coordinate of theta,
 * whose prior is symmetric and independent across coordinates, so the posterior of beta is the
 * same.
 */
final class QrScale {
    private QrScale() {}

    /**
     * {@code R_inv}, K x K upper triangular.
     *
     * @param columns   the K columns of the design (uncentred), each of n rows
     * @param means     the values they are centred at
     * @param autoscale rstanarm's autoscale of the coefficients' prior
     * @throws IllegalArgumentException if the columns are linearly dependent
     */
    static double[][] rInverse(List<double[]> columns, List<Double> means, boolean autoscale) {
        int k = columns.size();
        int n = columns.get(0).length;
        double[][] xtx = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += (columns.get(a)[i] - means.get(a)) * (columns.get(b)[i] - means.get(b));
                xtx[a][b] = s;
                xtx[b][a] = s;
            }
        }
        // X'X = R'R with R upper triangular (Cholesky, Golub and Van Loan 4.2)
        double[][] r = new double[k][k];
        for (int j = 0; j < k; j++) {
            double d = xtx[j][j];
            for (int q = 0; q < j; q++) d -= r[q][j] * r[q][j];
            if (!(d > 1e-12 * Math.max(1, xtx[j][j]))) {
                throw new IllegalArgumentException("the design's columns are linearly dependent (column " + (j + 1) + ")");
            }
            r[j][j] = Math.sqrt(d);
            for (int c = j + 1; c < k; c++) {
                double s = xtx[j][c];
                for (int q = 0; q < j; q++) s -= r[q][j] * r[q][c];
                r[j][c] = s / r[j][j];
            }
        }
        double scale = autoscale ? Math.sqrt(n - 1.0) : r[k - 1][k - 1];
        // R^-1 by back substitution, column by column
        double[][] inv = new double[k][k];
        for (int c = 0; c < k; c++) {
            for (int row = c; row >= 0; row--) {
                double s = row == c ? 1 : 0;
                for (int q = row + 1; q <= c; q++) s -= r[row][q] * inv[q][c];
                inv[row][c] = s / r[row][row];
            }
        }
        for (double[] row : inv) for (int c = 0; c < k; c++) row[c] *= scale;
        return inv;
    }
}
