package ulam.runtime.approx;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, <i>Numerical Optimization</i>,
 * 2nd ed., Algorithm 3.5, with the {@code zoom} of Algorithm 3.6 and the safeguarded cubic
 * interpolation of their Sec. 3.5, eq. 3.59): along a descent direction {@code p} from {@code x},
 * a step {@code a} with
 * <pre>
 *   f(x + a p) &lt;= f(x) + c1 a g'p          (sufficient decrease)
 *   |g(x + a p)'p| &lt;= c2 |g'p|              (curvature)
 * </pre>
 * with {@code c1 = 1e-4} and {@code c2 = 0.9}, the values N&amp;W give for quasi-Newton methods.
 * A trial point where f is not finite is treated as a step too long (the interval shrinks
 * towards the last good step), so the search never leaves the region where a log density is
 * defined.
 */
final class LineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    /** Trial steps per search (bracketing and zoom together). */
    static final int MAX_EVALUATIONS = 60;

    private final Objective f;
    private final int n;
    /** The accepted point, its value and gradient after a successful {@link #search}. */
    final double[] x;
    final double[] g;
    double value;
    int evaluations;

    private final double[] trialX;
    private final double[] trialG;

    LineSearch(Objective f, int n) {
        this.f = f;
        this.n = n;
        this.x = new double[n];
        this.g = new double[n];
        this.trialX = new double[n];
        this.trialG = new double[n];
    }

    /**
     * Searches along {@code p} from {@code x0} (value {@code f0}, gradient {@code g0}) starting
     * with step {@code a1}.
     *
     * @return the step taken (the new point is in {@link #x}, {@link #g}, {@link #value}), or 0 if
     *         no step with sufficient decrease was found (a direction that is not a descent
     *         direction, or a function that is not finite anywhere along it)
     */
    double search(double[] x0, double f0, double[] g0, double[] p, double a1) {
        double d0 = Vectors.dot(g0, p);
        if (!(d0 < 0)) return 0;
        double aPrev = 0;
        double fPrev = f0;
        double dPrev = d0;
        double a = a1;
        for (int i = 0; i < MAX_EVALUATIONS; i++) {
            double fa = evaluate(x0, p, a);
            double da = Vectors.dot(trialG, p);
            if (!Double.isFinite(fa) || !Double.isFinite(da)) {
                return zoom(x0, f0, d0, p, aPrev, fPrev, dPrev, a, Double.NaN, Double.NaN);
            }
            if (fa > f0 + C1 * a * d0 || (i > 0 && fa >= fPrev)) {
                return zoom(x0, f0, d0, p, aPrev, fPrev, dPrev, a, fa, da);
            }
            if (Math.abs(da) <= -C2 * d0) return accept(a, fa);
            if (da >= 0) {
                keep(fa);
                return zoom(x0, f0, d0, p, a, fa, da, aPrev, fPrev, dPrev);
            }
            // still descending: remember this step (the best so far) and extrapolate
            keep(fa);
            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a = 2 * a;
        }
        return aPrev > 0 ? acceptKept(aPrev, fPrev) : 0;
    }

    private double[] keptX;
    private double[] keptG;

    private void keep(double fa) {
        if (keptX == null) {
            keptX = new double[n];
            keptG = new double[n];
        }
        System.arraycopy(trialX, 0, keptX, 0, n);
        System.arraycopy(trialG, 0, keptG, 0, n);
    }

    private double acceptKept(double a, double fa) {
        System.arraycopy(keptX, 0, x, 0, n);
        System.arraycopy(keptG, 0, g, 0, n);
        value = fa;
        return a;
    }

    /**
     * N&amp;W Algorithm 3.6 on the interval between {@code lo} (satisfies sufficient decrease, the
     * lowest value seen) and {@code hi}; {@code fHi} NaN marks a step where f is not finite.
     */
    private double zoom(double[] x0, double f0, double d0, double[] p, double lo, double fLo, double dLo,
                        double hi, double fHi, double dHi) {
        boolean loKept = lo > 0;   // lo > 0 was kept by search(); lo = 0 is the start point
        for (int i = 0; i < MAX_EVALUATIONS; i++) {
            double a = interpolate(lo, fLo, dLo, hi, fHi, dHi);
            double fa = evaluate(x0, p, a);
            double da = Vectors.dot(trialG, p);
            if (!Double.isFinite(fa) || !Double.isFinite(da)) {
                hi = a;
                fHi = Double.NaN;
                dHi = Double.NaN;
            } else if (fa > f0 + C1 * a * d0 || fa >= fLo) {
                hi = a;
                fHi = fa;
                dHi = da;
            } else {
                if (Math.abs(da) <= -C2 * d0) return accept(a, fa);
                if (da * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    dHi = dLo;
                }
                lo = a;
                fLo = fa;
                dLo = da;
                keep(fa);
                loKept = true;
            }
            if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
        }
        if (lo > 0 && fLo < f0) {
            if (loKept && keptX != null) return acceptKept(lo, fLo);
            double fa = evaluate(x0, p, lo);
            return accept(lo, fa);
        }
        return 0;
    }

    /**
     * The minimiser of the cubic through (lo, fLo, dLo) and (hi, fHi, dHi) (N&amp;W eq. 3.59), kept
     * at least a tenth of the interval away from either end; the midpoint when the cubic is not
     * usable (hi not finite, complex roots).
     */
    static double interpolate(double lo, double fLo, double dLo, double hi, double fHi, double dHi) {
        double width = hi - lo;
        double mid = lo + 0.5 * width;
        if (!Double.isFinite(fHi) || !Double.isFinite(dHi)) return mid;
        double d1 = dLo + dHi - 3 * (fLo - fHi) / (lo - hi);
        double disc = d1 * d1 - dLo * dHi;
        if (!(disc >= 0)) return mid;
        double d2 = Math.signum(hi - lo) * Math.sqrt(disc);
        double denom = dHi - dLo + 2 * d2;
        if (denom == 0) return mid;
        double a = hi - (hi - lo) * (dHi + d2 - d1) / denom;
        double min = Math.min(lo, hi) + 0.1 * Math.abs(width);
        double max = Math.max(lo, hi) - 0.1 * Math.abs(width);
        if (!Double.isFinite(a)) return mid;
        return Math.min(max, Math.max(min, a));
    }

    private double evaluate(double[] x0, double[] p, double a) {
        Vectors.step(x0, a, p, trialX);
        evaluations++;
        return f.value(trialX, trialG);
    }

    private double accept(double a, double fa) {
        System.arraycopy(trialX, 0, x, 0, n);
        System.arraycopy(trialG, 0, g, 0, n);
        value = fa;
        return a;
    }
}
