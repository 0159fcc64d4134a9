package ulam.runtime.approx;

/**
 * The Hessian of an {@link Objective} by central finite differences of its exact gradient,
 * symmetrised: column j is {@code (g(x + h_j e_j) - g(x - h_j e_j)) / (2 h_j)} with
 * {@code h_j = 6e-6 max(1, |x_j|)} (about the cube root of machine epsilon, the step that
 * balances the O(h^2) truncation error against rounding; Nocedal and Wright, 2nd ed., Sec. 8.1,
 * "Approximating the Hessian"), and the result is {@code (H + H') / 2}. Where the gradient is not
 * finite on one side (a boundary), that column is the one-sided difference of the other side.
 * 2n gradient evaluations.
 */
public final class Hessian {
    /** Relative step. */
    static final double STEP = 6e-6;

    private Hessian() {
    }

    /**
     * The symmetrised finite-difference Hessian.
     *
     * @param f the objective (its gradient is differenced)
     * @param x the point, {@code double[n]}; not modified
     * @return the Hessian, column-major {@code double[n*n]} (symmetric, so also row-major); an
     *         entry is NaN where the gradient is not finite on both sides
     */
    public static double[] of(Objective f, double[] x) {
        int n = x.length;
        double[] h = new double[n * n];
        double[] xp = x.clone();
        double[] gPlus = new double[n];
        double[] gMinus = new double[n];
        double[] g0 = null;
        for (int j = 0; j < n; j++) {
            double step = STEP * Math.max(1, Math.abs(x[j]));
            xp[j] = x[j] + step;
            double fp = f.value(xp, gPlus);
            xp[j] = x[j] - step;
            double fm = f.value(xp, gMinus);
            xp[j] = x[j];
            boolean plus = Double.isFinite(fp) && Vectors.allFinite(gPlus);
            boolean minus = Double.isFinite(fm) && Vectors.allFinite(gMinus);
            if (!(plus && minus) && g0 == null && (plus || minus)) {
                g0 = new double[n];
                f.value(x, g0);
            }
            for (int i = 0; i < n; i++) {
                double d;
                if (plus && minus) d = (gPlus[i] - gMinus[i]) / (2 * step);
                else if (plus) d = (gPlus[i] - g0[i]) / step;
                else if (minus) d = (g0[i] - gMinus[i]) / step;
                else d = Double.NaN;
                h[i + j * n] = d;
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                double v = 0.5 * (h[i + j * n] + h[j + i * n]);
                h[i + j * n] = v;
                h[j + i * n] = v;
            }
        }
        return h;
    }
}
