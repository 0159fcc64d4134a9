package ulam.runtime.approx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.stdlib.linalg.Dense;

/**
 * The quadratic (Laplace) approximation of a posterior: a multivariate normal centred at the mode
 * whose covariance is the inverse of the negative Hessian of the log density there
 * (<i>Statistical Rethinking</i>, 2nd ed., Sec. 2.4.4; Stan reference manual, "Laplace
 * sampling"). Two versions:
 * <ul>
 *   <li>{@link Kind#QUAP}, rethinking's {@code quap}: the mode and the Hessian of the density of
 *       the parameters on their own scale, without Jacobian. The mode is found over the
 *       unconstrained parameters q (L-BFGS on {@code log p(constrain(q))}, whose maximiser maps
 *       to the constrained mode, and which keeps every iterate inside the support); with
 *       {@code J = dx/dq} at the mode (finite differences of the constraining transforms), the
 *       covariance on the parameters' own scale is {@code J H_q^-1 J'}, where {@code H_q} is the
 *       negative Hessian in q. At a stationary point {@code H_q = J' H_x J}, so this is exactly
 *       {@code H_x^-1}, the covariance {@code quap} reports as {@code vcov}. Draws are
 *       {@code x = mode + J z}, {@code z ~ N(0, H_q^-1)}; a draw outside a parameter's support
 *       (a negative sd) is drawn again, and counted.</li>
 *   <li>{@link Kind#LAPLACE}, Stan's {@code laplace_sample}: the mode and Hessian of the
 *       unconstrained log density with the Jacobian terms; draws {@code q ~ N(mode, H_q^-1)} are
 *       mapped back, so constrained parameters stay in their support.</li>
 * </ul>
 * The Hessian comes from central finite differences of the exact gradient ({@link Hessian}).
 */
public final class QuadraticApproximation {

    /** Which density is approximated. */
    public enum Kind {
        /** rethinking's quap: the parameters' own scale, no Jacobian. */
        QUAP,
        /** Stan's Laplace approximation: the unconstrained scale, Jacobian included. */
        LAPLACE
    }

    /** A constrained draw is redrawn at most this many times in a row before quap gives up. */
    static final int MAX_REDRAWS = 1000;

    private final Kind kind;
    private final Model model;
    private final String[] parameterNames;
    private final double[] modeQ;
    private final double[] mode;
    private final double[] covariance;
    private final double[] jacobian;
    private final double[] hessianCholesky;
    private final Lbfgs.Result optimisation;
    private final List<String> notes;

    private QuadraticApproximation(Kind kind, Model model, double[] modeQ, double[] mode, double[] covariance,
                                   double[] jacobian, double[] hessianCholesky, Lbfgs.Result optimisation,
                                   List<String> notes) {
        this.kind = kind;
        this.model = model;
        int p = model.parameterOutputs();
        this.parameterNames = java.util.Arrays.copyOf(model.outputNames(), p);
        this.modeQ = modeQ;
        this.mode = mode;
        this.covariance = covariance;
        this.jacobian = jacobian;
        this.hessianCholesky = hessianCholesky;
        this.optimisation = optimisation;
        this.notes = List.copyOf(notes);
    }

    /**
     * Finds the mode from {@code start} and the normal approximation there.
     *
     * @param model    the model bound to its data (its buffers are used)
     * @param start    the start point on the unconstrained scale, {@code double[model.dimension()]}
     * @param kind     quap or Stan's Laplace approximation
     * @param settings the optimiser's settings
     * @return the approximation
     * @throws UlamException if the log density is not finite at the start, or the Hessian at the
     *                       mode is not negative definite (the message names the parameters along
     *                       whose combination the log density is flat or not concave)
     */
    public static QuadraticApproximation fit(Model model, double[] start, Kind kind, Lbfgs.Settings settings) {
        boolean withJacobian = kind == Kind.LAPLACE;
        Objective f = Objective.negativeLogDensity(model, withJacobian);
        double[] g = new double[model.dimension()];
        double f0 = f.value(start, g);
        if (!Double.isFinite(f0) || !Vectors.allFinite(g)) {
            throw new UlamException("the log density is not finite at the start values", null,
                    "give start values inside every parameter's support (start=list(...) in the model, or --init)");
        }
        double[] from = start;
        long warmEvaluations = 0;
        if (!withJacobian) {
            // First the mode of the unconstrained density (Jacobian included): its Jacobian terms keep
            // the path away from the bounds, where a transform saturates and the density without them
            // has spurious flat points (a uniform prior's upper bound, reached while the mean is far off).
            Lbfgs.Result warm = Lbfgs.minimise(Objective.negativeLogDensity(model, true), start,
                    Lbfgs.Settings.defaults(), false);
            warmEvaluations = warm.evaluations();
            double fw = f.value(warm.x(), g);
            if (Double.isFinite(fw) && Vectors.allFinite(g)) from = warm.x();
        }
        Lbfgs.Result opt = Lbfgs.minimise(f, from, settings, false);
        if (warmEvaluations > 0) {
            opt = new Lbfgs.Result(opt.x(), opt.value(), opt.grad(), opt.iterations(), opt.evaluations() + warmEvaluations,
                    opt.stop(), opt.path());
        }
        List<String> notes = new ArrayList<>();
        if (!opt.stop().converged()) {
            notes.add(String.format(Locale.ROOT, "the optimiser stopped before converging (%s; gradient norm %.3g after"
                    + " %d iterations): the mode may be inaccurate; try other start values", opt.stop().description(),
                    Vectors.norm(opt.grad()), opt.iterations()));
        }
        int d = model.dimension();
        int p = model.parameterOutputs();
        double[] q = opt.x();
        double[] jac = constrainingJacobian(model, q);
        double[] mode = constrained(model, q);
        double[] h = Hessian.of(f, q);
        double[] l = new double[d * d];
        if (!Vectors.allFinite(h) || !Dense.cholesky(h, 0, d, l, 0) || nearlySingular(h, d)) {
            throw notDefinite(model, h, jac, kind);
        }
        double[] hInv = new double[d * d];
        Dense.inverseFromCholesky(l, 0, d, hInv, 0);
        double[] cov = new double[p * p];
        if (kind == Kind.QUAP) {
            // J H^-1 J': p x d times d x d times d x p
            double[] jh = new double[p * d];
            for (int i = 0; i < p; i++) {
                for (int k = 0; k < d; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += jac[i + j * p] * hInv[j + k * d];
                    jh[i + k * p] = s;
                }
            }
            for (int i = 0; i < p; i++) {
                for (int k = 0; k < p; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += jh[i + j * p] * jac[k + j * p];
                    cov[i + k * p] = s;
                }
            }
        }
        return new QuadraticApproximation(kind, model, q, mode, kind == Kind.QUAP ? cov : null, jac, l, opt, notes);
    }

    /** Which approximation this is. */
    public Kind kind() {
        return kind;
    }

    /** The parameter names (the first {@code parameterOutputs()} output names). */
    public String[] parameterNames() {
        return parameterNames.clone();
    }

    /** The mode on the unconstrained scale, {@code double[dimension]}. */
    public double[] modeUnconstrained() {
        return modeQ.clone();
    }

    /** The mode's parameter values on their own scale, {@code double[parameterOutputs]} (rethinking's {@code coef}). */
    public double[] mode() {
        return mode.clone();
    }

    /**
     * quap's covariance of the parameters on their own scale, {@code J H_q^-1 J'} (rethinking's
     * {@code vcov}), column-major {@code double[P*P]}; null for {@link Kind#LAPLACE}, whose
     * covariance lives on the unconstrained scale.
     */
    public double[] covariance() {
        return covariance == null ? null : covariance.clone();
    }

    /**
     * The {@code precis} rows as rethinking computes them for a quap fit (its {@code xprecis_glm}):
     * for each parameter the mode as {@code mean}, {@code sd = sqrt(vcov[i,i])} and the interval
     * {@code mode -/+ z sd}, {@code z} the normal quantile at {@code 1 - (1 - prob)/2}; R-hat and ESS NaN.
     * For {@link Kind#LAPLACE} use the draws' summaries instead.
     *
     * @param prob interval mass in (0, 1)
     * @return one row per parameter output
     * @throws IllegalStateException for the Laplace approximation
     */
    public List<ulam.runtime.diagnostics.VariableSummary> precis(double prob) {
        if (covariance == null) throw new IllegalStateException("the Laplace approximation is summarised by its draws");
        double z = ulam.runtime.diagnostics.NormalQuantile.quantile(1 - (1 - prob) / 2);
        int p = parameterNames.length;
        List<ulam.runtime.diagnostics.VariableSummary> rows = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            double sd = Math.sqrt(Math.max(0, covariance[i + i * p]));
            rows.add(new ulam.runtime.diagnostics.VariableSummary(parameterNames[i], mode[i], sd, mode[i] - z * sd,
                    mode[i] + z * sd, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return rows;
    }

    /** The optimiser's result (iterations, evaluations, why it stopped). */
    public Lbfgs.Result optimisation() {
        return optimisation;
    }

    /** Notes for the user (an optimiser that did not converge; draws drawn again). */
    public List<String> notes() {
        return notes;
    }

    /**
     * Draws from the normal approximation, each mapped to every output of the model
     * ({@link Model#writeDraw}: parameters, transformed parameters, generated quantities).
     *
     * @param count number of draws (rethinking's {@code extract.samples} default: 10,000)
     * @param seed  the seed (xoshiro256++; the normal deviates and the {@code _rng} calls of
     *              generated quantities each use their own stream)
     * @return the draws, with the log density (Jacobian included, the fit's {@code lp__}) of each
     * @throws UlamException if quap's draws keep falling outside the support of a parameter
     *                       (a parameter whose own-scale normal cannot be represented, e.g. a
     *                       correlation matrix): use the Laplace approximation instead
     */
    public ApproxDraws draw(int count, long seed) {
        int d = model.dimension();
        int p = parameterNames.length;
        String[] names = model.outputNames();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        UniformRandomProvider outputRng = RandomSource.XO_SHI_RO_256_PP.create(seed ^ 0x9E3779B97F4A7C15L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] values = new double[count][names.length];
        double[] lp = new double[count];
        double[] z = new double[d];
        double[] q = new double[d];
        double[] x = new double[p];
        long redrawn = 0;
        Set<String> outside = new LinkedHashSet<>();
        for (int s = 0; s < count; s++) {
            for (int tries = 0; ; tries++) {
                // z ~ N(0, H^-1): solve L' z = u for u ~ N(0, I), H = L L'
                for (int i = 0; i < d; i++) z[i] = normal.sample();
                Dense.backSolveTransposed(hessianCholesky, 0, d, z, 0);
                if (kind == Kind.LAPLACE) {
                    for (int i = 0; i < d; i++) q[i] = modeQ[i] + z[i];
                    break;
                }
                for (int i = 0; i < p; i++) {
                    double v = mode[i];
                    for (int j = 0; j < d; j++) v += jacobian[i + j * p] * z[j];
                    x[i] = v;
                }
                try {
                    model.unconstrain(x, q);
                    break;
                } catch (IllegalArgumentException e) {
                    redrawn++;
                    String msg = e.getMessage() == null ? "" : e.getMessage();
                    int eq = msg.indexOf(" = ");
                    outside.add(eq > 0 ? msg.substring(0, eq) : msg);
                    if (tries >= MAX_REDRAWS) {
                        throw new UlamException("quap's normal approximation on the parameters' own scale keeps"
                                + " falling outside a parameter's support: " + e.getMessage(), null,
                                "use the Laplace approximation on the unconstrained scale (ulam quap --laplace),"
                                        + " whose draws stay in bounds");
                    }
                }
            }
            model.writeDraw(q, outputRng, values[s]);
            if (kind == Kind.QUAP) System.arraycopy(x, 0, values[s], 0, p);
            lp[s] = model.logDensity(q);
        }
        List<String> drawNotes = new ArrayList<>(notes);
        if (redrawn > 0) {
            drawNotes.add(String.format(Locale.ROOT, "%d normal draws fell outside the support of %s and were drawn"
                    + " again (rethinking keeps them); the quadratic approximation is poor near a bound: ulam quap"
                    + " --laplace keeps constrained parameters in bounds", redrawn, String.join(", ", outside)));
        }
        return new ApproxDraws(names, p, values, lp, null, drawNotes);
    }

    // ------------------------------------------------------------------ helpers

    /** The constrained parameter values at q: the first P outputs of writeDraw. */
    static double[] constrained(Model model, double[] q) {
        double[] out = new double[model.outputNames().length];
        model.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        return java.util.Arrays.copyOf(out, model.parameterOutputs());
    }

    /**
     * {@code J = dx/dq}, P x d column-major, by central differences of the constraining transforms
     * (step 1e-6 max(1, |q_j|); the transforms are smooth, so the error is about 1e-12 relative).
     */
    static double[] constrainingJacobian(Model model, double[] q) {
        int d = q.length;
        int p = model.parameterOutputs();
        double[] jac = new double[p * d];
        double[] qp = q.clone();
        for (int j = 0; j < d; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(q[j]));
            qp[j] = q[j] + h;
            double[] plus = constrained(model, qp);
            qp[j] = q[j] - h;
            double[] minus = constrained(model, qp);
            qp[j] = q[j];
            for (int i = 0; i < p; i++) jac[i + j * p] = (plus[i] - minus[i]) / (2 * h);
        }
        return jac;
    }

    /**
     * The names of the parameters behind each unconstrained coordinate: those outputs whose
     * derivative by that coordinate is at least half the largest.
     */
    static List<List<String>> coordinateNames(String[] parameterNames, double[] jac, int d) {
        int p = parameterNames.length;
        List<List<String>> out = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            double max = 0;
            for (int i = 0; i < p; i++) max = Math.max(max, Math.abs(jac[i + j * p]));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < p; i++) if (max > 0 && Math.abs(jac[i + j * p]) >= 0.5 * max) names.add(parameterNames[i]);
            if (names.isEmpty()) names.add(p == d ? parameterNames[j] : "unconstrained coordinate " + (j + 1));
            out.add(names);
        }
        return out;
    }

    /** Scaled eigenvalues below this are finite-difference noise: the Hessian is taken as singular. */
    static final double SINGULAR = 1e-9;

    /**
     * Whether the Hessian, scaled to unit diagonal (so the test does not depend on the parameters'
     * units), has an eigenvalue below {@link #SINGULAR}: parameters so collinear that the
     * finite-difference Hessian cannot resolve the curvature left in their combination.
     */
    static boolean nearlySingular(double[] h, int d) {
        if (d > 400) return false;   // the Cholesky factorisation alone decides for large models
        return Eigen.of(scaled(h, d), d).values()[0] <= SINGULAR;
    }

    private static double[] scaled(double[] h, int d) {
        double[] s = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                s[i + j * d] = h[i + j * d] / Math.sqrt(Math.abs(h[i + i * d]) * Math.abs(h[j + j * d]));
            }
        }
        return s;
    }

    /** The error for a Hessian that is not positive definite (of -log p), naming the parameters. */
    private static UlamException notDefinite(Model model, double[] h, double[] jac, Kind kind) {
        int d = model.dimension();
        String[] pnames = java.util.Arrays.copyOf(model.outputNames(), model.parameterOutputs());
        List<List<String>> coords = coordinateNames(pnames, jac, d);
        Set<String> involved = new LinkedHashSet<>();
        boolean nonFinite = !Vectors.allFinite(h);
        if (nonFinite) {
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < d; i++) {
                    if (!Double.isFinite(h[i + j * d])) {
                        involved.addAll(coords.get(i));
                        involved.addAll(coords.get(j));
                    }
                }
            }
        } else {
            boolean diagonalPositive = true;
            for (int i = 0; i < d; i++) {
                if (!(h[i + i * d] > 0)) {
                    involved.addAll(coords.get(i));   // flat or curving up in this parameter alone
                    diagonalPositive = false;
                }
            }
            Eigen e = Eigen.of(diagonalPositive ? scaled(h, d) : h, d);
            double scale = 0;
            for (double v : e.values()) scale = Math.max(scale, Math.abs(v));
            for (int k = 0; k < d && diagonalPositive; k++) {
                if (e.values()[k] > SINGULAR * scale) continue;   // a curved-down direction: fine
                for (int i = 0; i < d; i++) {
                    if (Math.abs(e.vectors()[i + k * d]) >= 0.3) involved.addAll(coords.get(i));
                }
            }
        }
        String which = involved.isEmpty() ? "the parameters" : String.join(", ", involved);
        String scale = kind == Kind.QUAP ? "" : " (unconstrained scale)";
        String what = nonFinite ? "is not finite" : "is not negative definite: the log density is flat or not"
                + " curved down";
        return new UlamException("the Hessian of the log density at the mode" + scale + " " + what + " along " + which
                + ", so it cannot be inverted into a covariance", null,
                "the data and priors do not pin down " + which + ": give "
                        + (involved.size() == 1 ? "it a proper prior" : "them proper priors")
                        + ", check that the model is identified, or sample it with ulam run");
    }
}
