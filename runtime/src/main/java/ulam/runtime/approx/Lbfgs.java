package ulam.runtime.approx;

import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS (Nocedal and Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithm 7.5,
 * with the two-loop recursion of Algorithm 7.4 and the initial matrix {@code H0 = gamma I},
 * {@code gamma = s'y / y'y} of eq. 7.20) with the strong Wolfe line search of {@link LineSearch}.
 * A pair {@code (s, y)} enters the history only if {@code s'y > 2.2e-16 y'y} (curvature), as
 * Pathfinder's Algorithm 1 requires of the pairs it reuses.
 *
 * <p>It stops, as Stan's L-BFGS does (Stan reference manual, "Optimization", convergence
 * monitoring; the defaults of CmdStan's {@code optimize}), when any of these holds between
 * consecutive iterates: {@code |f - f_prev| < tolObj}; {@code |f - f_prev| / max(|f_prev|, |f|, 1) <
 * tolRelObj * eps}; {@code ||g|| < tolGrad}; {@code g' H g / max(|f|, 1) < tolRelGrad * eps};
 * {@code ||x - x_prev|| < tolParam}; or after {@code maxIterations}. Used by quap (the mode) and
 * Pathfinder (which keeps the path, {@link Result#path()}).
 */
public final class Lbfgs {

    /**
     * Settings; {@link #defaults()} are CmdStan's.
     *
     * @param history       number of (s, y) pairs kept (m; CmdStan's {@code history_size} 5)
     * @param maxIterations iterations before giving up (CmdStan's {@code iter}: 2000 for optimize, 1000 for pathfinder)
     * @param tolObj        absolute change of f (1e-12)
     * @param tolRelObj     relative change of f, in units of machine epsilon (1e4)
     * @param tolGrad       gradient norm (1e-8)
     * @param tolRelGrad    relative gradient {@code g'Hg / max(|f|,1)}, in units of machine epsilon (1e7)
     * @param tolParam      change of x (1e-8)
     * @param initialStep   first step along {@code -g} relative to {@code 1/||g||} (1, i.e. a step of length 1 at most)
     */
    public record Settings(int history, int maxIterations, double tolObj, double tolRelObj, double tolGrad,
                           double tolRelGrad, double tolParam, double initialStep) {
        /** CmdStan's {@code optimize} defaults (history 5, 2000 iterations). */
        public static Settings defaults() {
            return new Settings(5, 2000, 1e-12, 1e4, 1e-8, 1e7, 1e-8, 1);
        }

        /** The same settings with another iteration limit. */
        public Settings withMaxIterations(int n) {
            return new Settings(history, n, tolObj, tolRelObj, tolGrad, tolRelGrad, tolParam, initialStep);
        }

        /** The same settings with tighter tolerances (quap's mode, where the Hessian is taken next). */
        public Settings tight() {
            return new Settings(history, maxIterations, 0, 1, 1e-10, 1e2, 1e-12, initialStep);
        }
    }

    /** Why the iterations stopped. */
    public enum Stop {
        OBJECTIVE("the change of the log density fell below the tolerance"),
        RELATIVE_OBJECTIVE("the relative change of the log density fell below the tolerance"),
        GRADIENT("the gradient norm fell below the tolerance"),
        RELATIVE_GRADIENT("the relative gradient fell below the tolerance"),
        PARAMETERS("the change of the parameters fell below the tolerance"),
        MAX_ITERATIONS("the iteration limit was reached"),
        LINE_SEARCH("no step along the search direction decreased the objective");

        private final String description;

        Stop(String description) {
            this.description = description;
        }

        /** In words, for messages. */
        public String description() {
            return description;
        }

        /** Whether this is a convergence criterion (not the iteration limit or a failed line search). */
        public boolean converged() {
            return this != MAX_ITERATIONS && this != LINE_SEARCH;
        }
    }

    /**
     * One iterate of the path: the point and the objective's gradient there.
     *
     * @param x     the point, {@code double[n]}
     * @param value f(x)
     * @param grad  df/dx, {@code double[n]}
     */
    public record Point(double[] x, double value, double[] grad) {}

    /**
     * The result.
     *
     * @param x           the last iterate (the minimiser when {@code stop.converged()}), {@code double[n]}
     * @param value       f(x)
     * @param grad        the gradient at x
     * @param iterations  accepted iterations
     * @param evaluations objective evaluations (each one value and gradient)
     * @param stop        why it stopped
     * @param path        every iterate from the start point on (only when recorded, else empty)
     */
    public record Result(double[] x, double value, double[] grad, int iterations, long evaluations, Stop stop,
                         List<Point> path) {}

    private Lbfgs() {
    }

    /**
     * Minimises {@code f} from {@code x0}.
     *
     * @param f          the objective
     * @param x0         the start, {@code double[n]}; f must be finite there; not modified
     * @param settings   tolerances and limits
     * @param recordPath whether to keep every iterate ({@link Result#path()}), as Pathfinder needs
     * @return the result
     * @throws IllegalArgumentException if f or its gradient is not finite at x0
     */
    public static Result minimise(Objective f, double[] x0, Settings settings, boolean recordPath) {
        final int n = x0.length;
        final int m = Math.max(1, settings.history());
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.value(x, g);
        long evaluations = 1;
        if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
            throw new IllegalArgumentException("the objective is not finite at the start point");
        }
        List<Point> path = new ArrayList<>();
        if (recordPath) path.add(new Point(x.clone(), fx, g.clone()));
        if (n == 0) return new Result(x, fx, g, 0, evaluations, Stop.GRADIENT, path);

        double[][] s = new double[m][];
        double[][] y = new double[m][];
        double[] rho = new double[m];
        int stored = 0;
        int newest = -1;
        double[] p = new double[n];
        double[] alpha = new double[m];
        LineSearch search = new LineSearch(f, n);
        int it = 0;
        Stop stop = Stop.MAX_ITERATIONS;
        while (it < settings.maxIterations()) {
            // p = -H g by the two-loop recursion (N&W Algorithm 7.4)
            for (int i = 0; i < n; i++) p[i] = -g[i];
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, m);
                alpha[j] = rho[j] * Vectors.dot(s[j], p);
                for (int i = 0; i < n; i++) p[i] -= alpha[j] * y[j][i];
            }
            double a1;
            if (stored > 0) {
                double gamma = Vectors.dot(s[newest], y[newest]) / Vectors.dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) p[i] *= gamma;
                a1 = 1;
            } else {
                a1 = settings.initialStep() / Math.max(1, Vectors.norm(g));
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, m);
                double beta = rho[j] * Vectors.dot(y[j], p);
                for (int i = 0; i < n; i++) p[i] += s[j][i] * (alpha[j] - beta);
            }
            double step = search.search(x, fx, g, p, a1);
            if (step == 0 && stored > 0) {
                // the quasi-Newton direction failed: forget the history and try steepest descent
                stored = 0;
                newest = -1;
                continue;
            }
            evaluations = 1 + search.evaluations;
            if (step == 0) {
                stop = Stop.LINE_SEARCH;
                break;
            }
            it++;
            double fPrev = fx;
            int slot = (newest + 1) % m;
            double[] si = new double[n];
            double[] yi = new double[n];
            for (int i = 0; i < n; i++) {
                si[i] = search.x[i] - x[i];
                yi[i] = search.g[i] - g[i];
            }
            System.arraycopy(search.x, 0, x, 0, n);
            System.arraycopy(search.g, 0, g, 0, n);
            fx = search.value;
            if (recordPath) path.add(new Point(x.clone(), fx, g.clone()));
            double sy = Vectors.dot(si, yi);
            double yy = Vectors.dot(yi, yi);
            if (sy > 2.2e-16 * yy) {
                s[slot] = si;
                y[slot] = yi;
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, m);
            }
            Stop reason = converged(settings, fPrev, fx, g, Vectors.norm(si), stored > 0 ? sy / yy : 1);
            if (reason != null) {
                stop = reason;
                break;
            }
        }
        return new Result(x, fx, g, it, evaluations, stop, path);
    }

    /** Stan's convergence tests; {@code gamma} scales the gradient for the relative test (H ~ gamma I). */
    private static Stop converged(Settings t, double fPrev, double f, double[] g, double stepNorm, double gamma) {
        final double eps = Math.ulp(1.0);
        double df = Math.abs(f - fPrev);
        if (df < t.tolObj()) return Stop.OBJECTIVE;
        if (df / Math.max(Math.max(Math.abs(fPrev), Math.abs(f)), 1) < t.tolRelObj() * eps) return Stop.RELATIVE_OBJECTIVE;
        double gn = Vectors.norm(g);
        if (gn < t.tolGrad()) return Stop.GRADIENT;
        if (gamma * gn * gn / Math.max(Math.abs(f), 1) < t.tolRelGrad() * eps) return Stop.RELATIVE_GRADIENT;
        if (stepNorm < t.tolParam()) return Stop.PARAMETERS;
        return null;
    }
}
