package ulam.runtime.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.loo.Psis;

/**
 * Pathfinder variational inference (Zhang, Carpenter, Gelman and Vehtari 2022, "Pathfinder:
 * parallel quasi-Newton variational inference", JMLR 23(306):1-49), on the unconstrained scale
 * with the Jacobian terms, as Stan runs it:
 * <ol>
 *   <li><b>Single path</b> (their Algorithm 1): L-BFGS ({@link Lbfgs}) from a random initial point
 *       towards the mode, keeping the path; at every iterate a normal approximation
 *       {@code N(x + Sigma grad log p, Sigma)}, Sigma the inverse BFGS Hessian of the last J pairs
 *       (Algorithm 3, {@link LowRankNormal}) on a diagonal updated along the path (Algorithm 4,
 *       the diagonal of the BFGS update of the Oren-Luenberger-scaled diagonal); for each the ELBO
 *       {@code mean(log p(x) - log q(x))} from {@code elboDraws} draws; the approximation with the
 *       largest ELBO gives {@code drawsPerPath} draws with their {@code log p} and {@code log q}.</li>
 *   <li><b>Multi-path</b> (Algorithm 2): {@code paths} single paths from independent initial
 *       points (in parallel, each with its own random stream, so results do not depend on the
 *       number of threads), their draws pooled and resampled with replacement by Pareto-smoothed
 *       importance weights ({@link Psis}, the project's PSIS), {@code log p - log q}.</li>
 * </ol>
 * The Pareto k of those weights says how good the approximation is as an importance sampling
 * proposal (k &lt; 0.7 usable; Vehtari et al. 2024): above 0.7 the draws should not be trusted
 * as posterior draws, as on a funnel.
 */
public final class Pathfinder {

    /**
     * Settings; {@link #defaults()} are CmdStan's {@code pathfinder} defaults.
     *
     * @param paths         independent paths (4; 1 is single-path Pathfinder)
     * @param drawsPerPath  draws of each path's best approximation (1000)
     * @param elboDraws     draws per ELBO estimate (25)
     * @param draws         draws returned after PSIS resampling of a multi-path run (1000)
     * @param history       L-BFGS history J (5)
     * @param maxIterations L-BFGS iterations per path (1000)
     * @param initRadius    initial points uniform in (-R, R) on the unconstrained scale (2)
     * @param cores         threads for the paths (results do not depend on it)
     */
    public record Settings(int paths, int drawsPerPath, int elboDraws, int draws, int history, int maxIterations,
                           double initRadius, int cores) {
        /** CmdStan's defaults. */
        public static Settings defaults() {
            return new Settings(4, 1000, 25, 1000, 5, 1000, 2, Runtime.getRuntime().availableProcessors());
        }

        /**
         * Checks the values.
         *
         * @throws UlamException naming the option when a count is below 1 (draws below 2) or the radius is negative
         */
        public Settings {
            if (paths < 1) throw new UlamException("--paths must be at least 1 (got " + paths + ")", null, null);
            if (drawsPerPath < 2) throw new UlamException("--draws-per-path must be at least 2 (got " + drawsPerPath + ")", null, null);
            if (elboDraws < 1) throw new UlamException("--elbo-draws must be at least 1 (got " + elboDraws + ")", null, null);
            if (draws < 1) throw new UlamException("--draws must be at least 1 (got " + draws + ")", null, null);
            if (history < 1) throw new UlamException("--history must be at least 1 (got " + history + ")", null, null);
            if (maxIterations < 1) throw new UlamException("--max-iterations must be at least 1 (got " + maxIterations + ")", null, null);
            if (!(initRadius >= 0)) throw new UlamException("--init must be at least 0 (got " + initRadius + ")", null, null);
            if (cores < 1) cores = 1;
        }
    }

    /**
     * One path.
     *
     * @param path          1-based path number
     * @param iterations    L-BFGS iterations
     * @param bestIteration the iteration whose approximation was chosen (0 is the initial point)
     * @param elbo          its ELBO estimate (natural log; -Infinity when no approximation was usable)
     * @param stop          why L-BFGS stopped
     * @param evaluations   log density evaluations, with and without gradient
     * @param draws         the path's draws on the unconstrained scale, {@code double[drawsPerPath][n]}
     * @param logP          their log density (Jacobian included)
     * @param logQ          their log density under the approximation
     */
    public record Path(int path, int iterations, int bestIteration, double elbo, Lbfgs.Stop stop, long evaluations,
                       double[][] draws, double[] logP, double[] logQ) {}

    /**
     * The result.
     *
     * @param paths    every path
     * @param draws    the draws mapped to the model's outputs (after resampling when multi-path)
     * @param paretoK  the Pareto k of the importance weights {@code log p - log q} of the pooled
     *                 draws (NaN when the ratios are constant, i.e. the approximation is exact up to
     *                 rounding, or there are fewer than 2 finite ones)
     * @param relativeEfficiency the PSIS effective sample size of those weights over the number of
     *                 pooled draws, in (0, 1]: 1 when the approximation is the posterior
     * @param unconstrained the returned draws on the unconstrained scale, {@code double[S][n]}
     * @param notes    notes for the user
     */
    public record Result(List<Path> paths, ApproxDraws draws, double paretoK, double relativeEfficiency,
                         double[][] unconstrained, List<String> notes) {

        /**
         * Whether the diagnostics say the approximation is poor: Pareto k above 0.7 while the
         * weights are not nearly uniform (relative efficiency below 0.9; with nearly uniform
         * weights the k estimate describes rounding-level differences), or a relative
         * efficiency below 0.1 (nine in ten draws wasted).
         */
        public boolean flagged() {
            return (paretoK > 0.7 && relativeEfficiency < 0.9) || relativeEfficiency < 0.1;
        }
    }

    private Pathfinder() {
    }

    /**
     * Runs Pathfinder.
     *
     * @param model    the model bound to its data (only {@link Model#copy()} and metadata are used on it)
     * @param settings the settings
     * @param seed     the seed
     * @return the paths, the draws and the diagnostics
     * @throws UlamException if no path finds a finite initial point, or no path gives a usable approximation
     */
    public static Result run(Model model, Settings settings, long seed) {
        int threads = Math.min(settings.cores(), settings.paths());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ulam-pathfinder");
            t.setDaemon(true);
            return t;
        });
        List<Path> paths = new ArrayList<>();
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 1; i <= settings.paths(); i++) {
                final int id = i;
                Model copy = model.copy();
                futures.add(pool.submit(() -> singlePath(copy, settings, id, stream(seed, id))));
            }
            for (Future<Path> f : futures) paths.add(f.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UlamException("Pathfinder was interrupted", null, null);
        } finally {
            pool.shutdownNow();
        }
        return combine(model, paths, settings, seed);
    }

    /** The random stream of path {@code id} (1-based) or of the resampling ({@code id = 0}). */
    private static UniformRandomProvider stream(long seed, int id) {
        return RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, 0x5DEECE66DL * (id + 1), id});
    }

    private static Result combine(Model model, List<Path> paths, Settings settings, long seed) {
        List<String> notes = new ArrayList<>();
        List<double[]> pooled = new ArrayList<>();
        List<Double> logP = new ArrayList<>();
        List<Double> logQ = new ArrayList<>();
        for (Path p : paths) {
            if (p.draws() == null) {
                notes.add("path " + p.path() + " found no usable approximation (" + p.stop().description() + ")");
                continue;
            }
            for (int s = 0; s < p.draws().length; s++) {
                pooled.add(p.draws()[s]);
                logP.add(p.logP()[s]);
                logQ.add(p.logQ()[s]);
            }
        }
        if (pooled.isEmpty()) {
            throw new UlamException("Pathfinder found no usable normal approximation on any path", null,
                    "the log density may be improper or not finite near the initial values: check the priors, try"
                            + " --init 0.5, or sample it with ulam run");
        }
        int s = pooled.size();
        double[] ratios = new double[s];
        int finite = 0;
        for (int i = 0; i < s; i++) {
            ratios[i] = logP.get(i) - logQ.get(i);
            if (Double.isFinite(ratios[i])) finite++;
        }
        // PSIS on the finite ratios; a draw whose log density is not finite gets weight 0
        double k = Double.NaN;
        double efficiency = Double.NaN;
        double[] logW = new double[s];
        Arrays.fill(logW, Double.NEGATIVE_INFINITY);
        if (finite >= 2) {
            double[] f = new double[finite];
            int[] at = new int[finite];
            for (int i = 0, j = 0; i < s; i++) if (Double.isFinite(ratios[i])) {
                f[j] = ratios[i];
                at[j++] = i;
            }
            Psis.Column c = Psis.smooth(f, 1.0);
            k = Double.isInfinite(c.k()) ? Double.NaN : c.k();
            efficiency = c.nEff() / s;
            for (int j = 0; j < finite; j++) logW[at[j]] = c.logWeights()[j];
        }
        if (finite < s) {
            notes.add(String.format(Locale.ROOT, "%d of %d approximate draws have a log density that is not finite"
                    + " and were given weight 0", s - finite, s));
        }
        double[][] chosen;
        double[] chosenP;
        double[] chosenQ;
        if (paths.size() > 1) {
            if (finite == 0) {
                throw new UlamException("every Pathfinder draw has a log density that is not finite", null,
                        "check the priors and data, or sample the model with ulam run");
            }
            UniformRandomProvider rng = stream(seed, 0);
            int r = settings.draws();
            chosen = new double[r][];
            chosenP = new double[r];
            chosenQ = new double[r];
            double[] cumulative = new double[s];
            double max = Arrays.stream(logW).max().getAsDouble();
            double total = 0;
            for (int i = 0; i < s; i++) {
                total += Math.exp(logW[i] - max);
                cumulative[i] = total;
            }
            for (int j = 0; j < r; j++) {
                double u = rng.nextDouble() * total;
                int i = Arrays.binarySearch(cumulative, u);
                if (i < 0) i = -i - 1;
                i = Math.min(i, s - 1);
                chosen[j] = pooled.get(i);
                chosenP[j] = logP.get(i);
                chosenQ[j] = logQ.get(i);
            }
        } else {
            chosen = pooled.toArray(double[][]::new);
            chosenP = logP.stream().mapToDouble(Double::doubleValue).toArray();
            chosenQ = logQ.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if ((k > 0.7 && efficiency < 0.9) || efficiency < 0.1) {
            notes.add(String.format(Locale.ROOT, "the importance weights have Pareto k %.2f and relative efficiency"
                    + " %.3f: the normal approximations do not cover the posterior (a funnel, heavy tails or several"
                    + " modes); do not use these draws as posterior draws: sample the model with ulam run", k,
                    efficiency));
        }
        String[] names = model.outputNames();
        double[][] values = new double[chosen.length][names.length];
        UniformRandomProvider outputRng = stream(seed, -1);
        for (int j = 0; j < chosen.length; j++) model.writeDraw(chosen[j], outputRng, values[j]);
        ApproxDraws draws = new ApproxDraws(names, model.parameterOutputs(), values, chosenP, chosenQ, notes);
        return new Result(List.copyOf(paths), draws, k, efficiency, chosen, notes);
    }

    /** Algorithm 1 of Zhang et al. (2022) on one path. */
    static Path singlePath(Model model, Settings settings, int id, UniformRandomProvider rng) {
        int n = model.dimension();
        Objective f = Objective.negativeLogDensity(model, true);
        double[] x0 = new double[n];
        double[] g0 = new double[n];
        boolean found = false;
        long evaluations = 0;
        for (int attempt = 0; attempt < 100 && !found; attempt++) {
            for (int i = 0; i < n; i++) x0[i] = settings.initRadius() * (2 * rng.nextDouble() - 1);
            double v = f.value(x0, g0);
            evaluations++;
            found = Double.isFinite(v) && Vectors.allFinite(g0);
        }
        if (!found) {
            throw new UlamException("the log density is not finite at any of 100 random initial values", null,
                    "look for data outside a distribution's support, or try a smaller --init radius such as --init 0.5");
        }
        Lbfgs.Settings ls = Lbfgs.Settings.defaults().withMaxIterations(settings.maxIterations());
        ls = new Lbfgs.Settings(settings.history(), ls.maxIterations(), ls.tolObj(), ls.tolRelObj(), ls.tolGrad(),
                ls.tolRelGrad(), ls.tolParam(), ls.initialStep());
        Lbfgs.Result opt = Lbfgs.minimise(f, x0, ls, true);
        evaluations += opt.evaluations();
        List<Lbfgs.Point> path = opt.path();
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);

        double[] alpha = new double[n];
        Arrays.fill(alpha, 1);
        List<double[]> ss = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        double bestElbo = Double.NEGATIVE_INFINITY;
        LowRankNormal best = null;
        int bestAt = -1;
        double[] u = new double[n];
        double[] draw = new double[n];
        for (int l = 1; l < path.size(); l++) {
            double[] s = new double[n];
            double[] y = new double[n];
            Lbfgs.Point now = path.get(l);
            Lbfgs.Point before = path.get(l - 1);
            for (int i = 0; i < n; i++) {
                s[i] = now.x()[i] - before.x()[i];
                y[i] = now.grad()[i] - before.grad()[i];
            }
            double sy = Vectors.dot(s, y);
            if (!(sy > 2.2e-16 * Vectors.dot(y, y))) continue;   // curvature condition: skip the update
            updateDiagonal(alpha, s, y);
            ss.add(s);
            ys.add(y);
            if (ss.size() > settings.history()) {
                ss.remove(0);
                ys.remove(0);
            }
            LowRankNormal q = LowRankNormal.at(now.x(), now.grad(), alpha, ss.toArray(double[][]::new),
                    ys.toArray(double[][]::new));
            if (q == null) continue;
            double sum = 0;
            for (int d = 0; d < settings.elboDraws(); d++) {
                double lq = q.draw(normal, u, draw);
                double lp = model.logDensity(draw);
                evaluations++;
                sum += Double.isNaN(lp) ? Double.NEGATIVE_INFINITY : lp - lq;
            }
            double elbo = sum / settings.elboDraws();
            if (elbo > bestElbo) {
                bestElbo = elbo;
                best = q;
                bestAt = l;
            }
        }
        if (best == null) {
            return new Path(id, opt.iterations(), -1, Double.NEGATIVE_INFINITY, opt.stop(), evaluations, null, null, null);
        }
        int m = settings.drawsPerPath();
        double[][] draws = new double[m][n];
        double[] logP = new double[m];
        double[] logQ = new double[m];
        for (int d = 0; d < m; d++) {
            logQ[d] = best.draw(normal, u, draws[d]);
            double lp = model.logDensity(draws[d]);
            logP[d] = Double.isNaN(lp) ? Double.NEGATIVE_INFINITY : lp;
            evaluations++;
        }
        return new Path(id, opt.iterations(), bestAt, bestElbo, opt.stop(), evaluations, draws, logP, logQ);
    }

    /**
     * Algorithm 4 of Zhang et al. (2022): the diagonal of the BFGS update of the diagonal inverse
     * Hessian estimate, after Oren-Luenberger scaling, {@code alpha_i <- 1 / (a / (b alpha_i) +
     * y_i^2 / b - a s_i^2 / (b c alpha_i^2))} with {@code a = y' diag(alpha) y}, {@code b = y's},
     * {@code c = s' diag(alpha)^-1 s}; an entry that would not be positive and finite is kept.
     */
    static void updateDiagonal(double[] alpha, double[] s, double[] y) {
        int n = alpha.length;
        double a = 0;
        double b = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            a += y[i] * alpha[i] * y[i];
            b += y[i] * s[i];
            c += s[i] * s[i] / alpha[i];
        }
        for (int i = 0; i < n; i++) {
            double v = 1 / (a / (b * alpha[i]) + y[i] * y[i] / b - a * s[i] * s[i] / (b * c * alpha[i] * alpha[i]));
            if (v > 0 && Double.isFinite(v)) alpha[i] = v;
        }
    }
}
