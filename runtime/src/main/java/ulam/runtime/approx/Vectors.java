package ulam.runtime.approx;

/** Small dense-vector helpers of the optimisers (plain loops over {@code double[n]}). */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static boolean allFinite(double[] a) {
        for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }

    /** out = x + a p. */
    static void step(double[] x, double a, double[] p, double[] out) {
        for (int i = 0; i < x.length; i++) out[i] = x[i] + a * p[i];
    }
}
