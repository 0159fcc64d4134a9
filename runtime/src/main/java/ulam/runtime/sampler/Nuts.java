package ulam.runtime.sampler;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import ulam.runtime.Model;
import ulam.runtime.UlamException;

/**
 * One chain's No-U-Turn transition, exactly as Stan's {@code base_nuts} (Stan 2.21 and later):
 * Hoffman and Gelman (2014) trajectory doubling in a random direction, with the multinomial
 * sampling and generalised no-U-turn criterion of Betancourt (2017, "A Conceptual Introduction to
 * Hamiltonian Monte Carlo", Sec. A.3-A.4):
 * <ul>
 *   <li>a new subtree of the same size as the current trajectory is added at its front or back;
 *       the draw moves into the new subtree with probability {@code min(1, w_new / w_old)}
 *       (biased progressive sampling) at the top level, and with probability
 *       {@code w_right / (w_left + w_right)} (uniform progressive sampling) when two halves of a
 *       subtree merge, where a state's weight is {@code exp(H0 - H)};</li>
 *   <li>the trajectory stops when {@code p_sharp(-) . rho <= 0} or {@code p_sharp(+) . rho <= 0}, with
 *       {@code rho} the sum of the momenta over the (sub)trajectory and {@code p_sharp = M^-1 p} at its
 *       ends, checked on every subtree, plus Stan's two extra checks across each merge (each half
 *       extended by the nearest state of the other half);</li>
 *   <li>a leapfrog step whose energy error {@code H - H0} exceeds {@code maxDeltaH} (1000) is a
 *       divergence and ends the trajectory; the draw comes from the part built before;</li>
 *   <li>the acceptance statistic is the mean of {@code min(1, exp(H0 - H))} over every leapfrog
 *       state of the trajectory, including rejected subtrees; beside it the symmetric statistic
 *       {@code 2 min(1, exp(H0 - H)) / (1 + exp(H0 - H))}, which penalises energy errors of either sign
 *       (nuts-rs's {@code mean_tree_accept_sym}, used by {@link GradientAdaptation}'s last window).</li>
 * </ul>
 * With a step-size jitter {@code j > 0} each transition uses {@code eps (1 + j (2u - 1))}, u uniform
 * (Stan's {@code stepsize_jitter}); with {@code j = 0} (Stan's default) no random number is drawn for it.
 * Every buffer is allocated in the constructor: a transition allocates nothing. Not thread-safe:
 * one instance per chain, with the chain's own {@link Model} copy.
 */
final class Nuts {
    private static final double LOG_0_8 = Math.log(0.8);

    private final Model model;
    private final int d;
    EuclideanMetric metric;
    private final UniformRandomProvider rng;
    private final NormalizedGaussianSampler normal;
    private final int maxDepth;
    private final double maxDeltaH;

    /** Nominal step size. */
    double stepSize;
    /** Step-size jitter j: each transition's step size is uniform in {@code stepSize (1 +- j)}; 0 for none. */
    double jitter;
    /** The step size the last transition used (the nominal one, jittered). */
    double usedStepSize;
    /** Log-density gradient evaluations so far. */
    long gradientEvaluations;

    // results of the last transition
    int depth;
    int nLeapfrog;
    boolean divergent;
    double acceptStat;
    /** The symmetric acceptance statistic of the last transition (see the class documentation). */
    double acceptStatSym;
    double energy;

    /** The current state (Stan's z_): the chain's position between transitions. */
    final PhasePoint z;
    private final PhasePoint zInit;
    private final PhasePoint zFwd;
    private final PhasePoint zBck;
    private final PhasePoint zSample;
    private final PhasePoint zPropose;
    private final double[] pFwdFwd;
    private final double[] pSharpFwdFwd;
    private final double[] pFwdBck;
    private final double[] pSharpFwdBck;
    private final double[] pBckFwd;
    private final double[] pSharpBckFwd;
    private final double[] pBckBck;
    private final double[] pSharpBckBck;
    private final double[] rho;
    private final double[] rhoFwd;
    private final double[] rhoBck;
    private final double[] extended;

    // per recursion level (index = depth of the subtree being built)
    private final PhasePoint[] zProposeFinal;
    private final double[][] pInitEnd;
    private final double[][] pSharpInitEnd;
    private final double[][] pFinalBeg;
    private final double[][] pSharpFinalBeg;
    private final double[][] rhoInit;
    private final double[][] rhoFinal;

    // trajectory accumulators
    private double h0;
    private double sumMetroProb;
    private double sumSymProb;
    /** Log of the summed weights of the subtree last built by {@link #buildTree}. */
    private double subtreeLogSumWeight;

    /**
     * @param model     the chain's own model instance
     * @param metric    the metric, which adaptation changes in place
     * @param rng       the chain's random stream (momenta, directions, multinomial choices)
     * @param maxDepth  maximum tree depth
     * @param maxDeltaH divergence threshold on the energy error
     */
    Nuts(Model model, EuclideanMetric metric, UniformRandomProvider rng, int maxDepth, double maxDeltaH) {
        this.model = model;
        this.d = model.dimension();
        this.metric = metric;
        this.rng = rng;
        this.normal = ZigguratSampler.NormalizedGaussian.of(rng);
        this.maxDepth = maxDepth;
        this.maxDeltaH = maxDeltaH;
        z = new PhasePoint(d);
        zInit = new PhasePoint(d);
        zFwd = new PhasePoint(d);
        zBck = new PhasePoint(d);
        zSample = new PhasePoint(d);
        zPropose = new PhasePoint(d);
        pFwdFwd = new double[d];
        pSharpFwdFwd = new double[d];
        pFwdBck = new double[d];
        pSharpFwdBck = new double[d];
        pBckFwd = new double[d];
        pSharpBckFwd = new double[d];
        pBckBck = new double[d];
        pSharpBckBck = new double[d];
        rho = new double[d];
        rhoFwd = new double[d];
        rhoBck = new double[d];
        extended = new double[d];
        int levels = Math.max(1, maxDepth);
        zProposeFinal = new PhasePoint[levels];
        pInitEnd = new double[levels][d];
        pSharpInitEnd = new double[levels][d];
        pFinalBeg = new double[levels][d];
        pSharpFinalBeg = new double[levels][d];
        rhoInit = new double[levels][d];
        rhoFinal = new double[levels][d];
        for (int l = 0; l < levels; l++) zProposeFinal[l] = new PhasePoint(d);
    }

    /**
     * Places the chain at {@code q} with its log density and gradient already computed.
     */
    void setPosition(double[] q, double logDensity, double[] gradient) {
        System.arraycopy(q, 0, z.q, 0, d);
        System.arraycopy(gradient, 0, z.g, 0, d);
        z.logDensity = logDensity;
    }

    /** Hamiltonian {@code H = -log density + K(p)}; NaN counts as +infinity (Stan). */
    private double hamiltonian(PhasePoint s) {
        double h = -s.logDensity + metric.kineticEnergy(s.p);
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }

    /** One leapfrog step of (signed) size eps: half momentum step, full position step, half momentum step. */
    private void leapfrog(PhasePoint s, double eps) {
        double half = 0.5 * eps;
        double[] p = s.p;
        double[] g = s.g;
        for (int i = 0; i < d; i++) p[i] += half * g[i];
        metric.addVelocity(p, eps, s.q);
        s.index += eps > 0 ? 1 : -1;
        s.logDensity = model.logDensityGradient(s.q, g);
        gradientEvaluations++;
        for (int i = 0; i < d; i++) p[i] += half * g[i];
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Generalised no-U-turn criterion (Betancourt 2017, eq. in Sec. A.4.2). */
    private static boolean criterion(double[] pSharpMinus, double[] pSharpPlus, double[] rho) {
        return dot(pSharpPlus, rho) > 0 && dot(pSharpMinus, rho) > 0;
    }

    /** {@code log(exp(a) + exp(b))} as Stan's {@code math::log_sum_exp(double, double)}. */
    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (a == Double.POSITIVE_INFINITY && b == Double.POSITIVE_INFINITY) return Double.POSITIVE_INFINITY;
        if (a > b) return a + Math.log1p(Math.exp(b - a));
        return b + Math.log1p(Math.exp(a - b));
    }

    private void sum(double[] a, double[] b, double[] out) {
        for (int i = 0; i < d; i++) out[i] = a[i] + b[i];
    }

    /**
     * One NUTS transition from the current state; afterwards {@link #z} holds the new draw and the
     * fields {@code depth, nLeapfrog, divergent, acceptStat, energy} describe the trajectory.
     */
    void transition() {
        final double eps = jitter > 0 ? stepSize * (1 + jitter * (2 * rng.nextDouble() - 1)) : stepSize;
        usedStepSize = eps;
        metric.sampleMomentum(normal, z.p);
        z.index = 0;
        zFwd.copyFrom(z);
        zBck.copyFrom(z);
        zSample.copyFrom(z);
        zPropose.copyFrom(z);

        metric.velocity(z.p, pSharpFwdFwd);
        System.arraycopy(z.p, 0, pFwdFwd, 0, d);
        System.arraycopy(z.p, 0, pFwdBck, 0, d);
        System.arraycopy(z.p, 0, pBckFwd, 0, d);
        System.arraycopy(z.p, 0, pBckBck, 0, d);
        System.arraycopy(pSharpFwdFwd, 0, pSharpFwdBck, 0, d);
        System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, d);
        System.arraycopy(pSharpFwdFwd, 0, pSharpBckBck, 0, d);
        System.arraycopy(z.p, 0, rho, 0, d);

        double logSumWeight = 0; // log(exp(H0 - H0))
        h0 = hamiltonian(z);
        nLeapfrog = 0;
        sumMetroProb = 0;
        sumSymProb = 0;
        depth = 0;
        divergent = false;

        while (depth < maxDepth) {
            java.util.Arrays.fill(rhoFwd, 0);
            java.util.Arrays.fill(rhoBck, 0);
            boolean valid;
            if (rng.nextDouble() > 0.5) {
                // extend forward: the old trajectory becomes the backward subtree
                z.copyFrom(zFwd);
                System.arraycopy(rho, 0, rhoBck, 0, d);
                System.arraycopy(pFwdFwd, 0, pBckFwd, 0, d);
                System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, d);
                valid = buildTree(depth, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, eps);
                zFwd.copyFrom(z);
            } else {
                // extend backward: the old trajectory becomes the forward subtree
                z.copyFrom(zBck);
                System.arraycopy(rho, 0, rhoFwd, 0, d);
                System.arraycopy(pBckBck, 0, pFwdBck, 0, d);
                System.arraycopy(pSharpBckBck, 0, pSharpFwdBck, 0, d);
                valid = buildTree(depth, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, -eps);
                zBck.copyFrom(z);
            }
            if (!valid) break;
            depth++;

            // biased progressive sampling: prefer the new subtree
            double logSumWeightSubtree = subtreeLogSumWeight;
            if (logSumWeightSubtree > logSumWeight) {
                zSample.copyFrom(zPropose);
            } else {
                double acceptProb = Math.exp(logSumWeightSubtree - logSumWeight);
                if (rng.nextDouble() < acceptProb) zSample.copyFrom(zPropose);
            }
            logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree);

            sum(rhoBck, rhoFwd, rho);
            boolean persist = criterion(pSharpBckBck, pSharpFwdFwd, rho);
            sum(rhoBck, pFwdBck, extended);
            persist &= criterion(pSharpBckBck, pSharpFwdBck, extended);
            sum(rhoFwd, pBckFwd, extended);
            persist &= criterion(pSharpBckFwd, pSharpFwdFwd, extended);
            if (!persist) break;
        }

        acceptStat = sumMetroProb / nLeapfrog;
        acceptStatSym = sumSymProb / nLeapfrog;
        z.copyFrom(zSample);
        energy = hamiltonian(z);
    }

    /**
     * Builds a subtree of {@code 2^depth} leapfrog steps from the current state {@link #z} in the
     * direction of {@code eps}'s sign (Stan's {@code base_nuts::build_tree}). "Beginning" is the
     * end nearest the trajectory's start. Sets {@link #subtreeLogSumWeight}.
     *
     * @param zProposal  receives the subtree's multinomial draw
     * @param pSharpBeg  receives {@code M^-1 p} at the subtree's beginning
     * @param pSharpEnd  receives {@code M^-1 p} at the subtree's end
     * @param rhoSum     the subtree's momenta are added into it
     * @param pBeg       receives the momentum at the beginning
     * @param pEnd       receives the momentum at the end
     * @return whether the subtree is valid (no divergence, no U-turn inside)
     */
    private boolean buildTree(int depth, PhasePoint zProposal, double[] pSharpBeg, double[] pSharpEnd,
                              double[] rhoSum, double[] pBeg, double[] pEnd, double eps) {
        if (depth == 0) {
            leapfrog(z, eps);
            nLeapfrog++;
            double h = -z.logDensity + metric.velocityAndKineticEnergy(z.p, pSharpBeg);
            if (Double.isNaN(h)) h = Double.POSITIVE_INFINITY;
            if (h - h0 > maxDeltaH) divergent = true;
            subtreeLogSumWeight = h0 - h; // log_sum_exp(-inf, H0 - h)
            double w = h0 - h;
            sumMetroProb += w > 0 ? 1 : Math.exp(w);
            // 2 min(1, e^w) / (1 + e^w), written to stay finite for large |w|; 0 for a divergence as nuts-rs
            if (!divergent) sumSymProb += w > 0 ? 2 / (1 + Math.exp(w)) : 2 / (1 + Math.exp(-w));
            zProposal.copyFrom(z);
            System.arraycopy(pSharpBeg, 0, pSharpEnd, 0, d);
            for (int i = 0; i < d; i++) rhoSum[i] += z.p[i];
            System.arraycopy(z.p, 0, pBeg, 0, d);
            System.arraycopy(z.p, 0, pEnd, 0, d);
            return !divergent;
        }
        final int level = depth;
        double[] rhoInitL = rhoInit[level];
        double[] rhoFinalL = rhoFinal[level];
        double[] pInitEndL = pInitEnd[level];
        double[] pSharpInitEndL = pSharpInitEnd[level];
        double[] pFinalBegL = pFinalBeg[level];
        double[] pSharpFinalBegL = pSharpFinalBeg[level];
        PhasePoint zProposeFinalL = zProposeFinal[level];

        java.util.Arrays.fill(rhoInitL, 0);
        if (!buildTree(depth - 1, zProposal, pSharpBeg, pSharpInitEndL, rhoInitL, pBeg, pInitEndL, eps)) {
            return false;
        }
        double logSumWeightInit = subtreeLogSumWeight;

        java.util.Arrays.fill(rhoFinalL, 0);
        if (!buildTree(depth - 1, zProposeFinalL, pSharpFinalBegL, pSharpEnd, rhoFinalL, pFinalBegL, pEnd, eps)) {
            return false;
        }
        double logSumWeightFinal = subtreeLogSumWeight;

        // uniform progressive sampling between the two halves
        double logSumWeightSubtree = logSumExp(logSumWeightInit, logSumWeightFinal);
        if (logSumWeightFinal > logSumWeightSubtree) {
            zProposal.copyFrom(zProposeFinalL);
        } else {
            double acceptProb = Math.exp(logSumWeightFinal - logSumWeightSubtree);
            if (rng.nextDouble() < acceptProb) zProposal.copyFrom(zProposeFinalL);
        }

        // extra checks across the merge: each half extended by the nearest state of the other
        sum(rhoInitL, pFinalBegL, extended);
        boolean persist = criterion(pSharpBeg, pSharpFinalBegL, extended);
        sum(rhoFinalL, pInitEndL, extended);
        persist &= criterion(pSharpInitEndL, pSharpEnd, extended);

        // rho_subtree = rho_init + rho_final, added into the caller's sum
        for (int i = 0; i < d; i++) {
            double r = rhoInitL[i] + rhoFinalL[i];
            rhoInitL[i] = r;
            rhoSum[i] += r;
        }
        persist = criterion(pSharpBeg, pSharpEnd, rhoInitL) && persist;
        subtreeLogSumWeight = logSumWeightSubtree;
        return persist;
    }

    /**
     * Stan's heuristic for a reasonable step size ({@code base_hmc::init_stepsize}; Hoffman and
     * Gelman 2014, Algorithm 4): from the current state, double or halve the nominal step size
     * until the acceptance probability of one leapfrog step with a fresh momentum crosses 0.8.
     * The state is restored afterwards.
     *
     * @throws UlamException if the step size grows beyond 1e7 (improper posterior) or underflows to 0
     */
    void findReasonableStepSize() {
        if (stepSize == 0 || stepSize > 1e7 || Double.isNaN(stepSize)) return;
        zInit.copyFrom(z);
        metric.sampleMomentum(normal, z.p);
        double h0Local = hamiltonian(z);
        leapfrog(z, stepSize);
        double deltaH = h0Local - hamiltonian(z);
        int direction = deltaH > LOG_0_8 ? 1 : -1;
        while (true) {
            z.copyFrom(zInit);
            metric.sampleMomentum(normal, z.p);
            h0Local = hamiltonian(z);
            leapfrog(z, stepSize);
            deltaH = h0Local - hamiltonian(z);
            if (direction == 1 && !(deltaH > LOG_0_8)) break;
            if (direction == -1 && !(deltaH < LOG_0_8)) break;
            stepSize = direction == 1 ? 2 * stepSize : 0.5 * stepSize;
            if (stepSize > 1e7) {
                z.copyFrom(zInit);
                throw new UlamException("the posterior appears to be improper: the step-size search grew the"
                        + " step size beyond 1e7", null,
                        "give every parameter a proper prior, and check that the likelihood uses the data");
            }
            if (stepSize == 0) {
                z.copyFrom(zInit);
                throw new UlamException("no acceptably small step size could be found: the log density may"
                        + " not be continuous", null, "check the model for discontinuities (ifelse, step) in parameters");
            }
        }
        z.copyFrom(zInit);
    }
}
