package ulam.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import ulam.runtime.Model;
import ulam.runtime.UlamException;

/**
 * The pointwise log-likelihood matrix of saved draws (language reference A.8), the input of WAIC
 * and PSIS-LOO: for every draw {@code s} the first {@code parameterOutputs()} values (the
 * parameters on the constrained scale) are mapped back to the unconstrained scale with
 * {@link Model#unconstrain} and {@link Model#logLikelihood} gives one natural-log likelihood per
 * observation. Only the {@link Model} interface is used, so any bound model (generated or hand
 * written) works.
 */
public final class PointwiseLogLikelihood {
    private PointwiseLogLikelihood() {
    }

    /**
     * Computes the S x N log-likelihood matrix, in parallel over blocks of draws (one
     * {@link Model#copy()} per block; the result does not depend on it).
     *
     * @param model a model bound to the data it was fitted to
     * @param draws {@code double[S][outputs]}: each row starts with the model's parameter outputs
     * @return {@code double[S][N]}, {@code N = model.observations()}, natural-log scale
     * @throws UlamException if the model has no likelihood ({@code N = 0}), or a draw lies outside
     *                       a parameter's support (the draws do not belong to this model)
     */
    public static double[][] compute(Model model, double[][] draws) {
        int n = model.observations();
        if (n == 0) {
            throw new UlamException("model '" + model.name() + "' has no likelihood line: there is no pointwise"
                    + " log-likelihood to compute", null, "WAIC and PSIS-LOO need an outcome, e.g. y ~ dnorm(mu, sigma)");
        }
        int p = model.parameterOutputs();
        int rows = draws.length;
        double[][] out = new double[rows][];
        int blocks = Math.max(1, Math.min(rows / 64, 4 * ForkJoinPool.commonPool().getParallelism()));
        List<ForkJoinTask<?>> tasks = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int from = (int) ((long) rows * b / blocks);
            int to = (int) ((long) rows * (b + 1) / blocks);
            Model m = b == 0 ? model : model.copy();
            tasks.add(ForkJoinPool.commonPool().submit(() -> fill(m, draws, out, from, to, p, n)));
        }
        for (ForkJoinTask<?> t : tasks) {
            try {
                t.join();
            } catch (RuntimeException e) {
                if (e instanceof UlamException u) throw u;
                if (e.getCause() instanceof UlamException u) throw u;
                throw e;
            }
        }
        return out;
    }

    private static void fill(Model m, double[][] draws, double[][] out, int from, int to, int p, int n) {
        double[] constrained = new double[p];
        double[] q = new double[m.dimension()];
        for (int s = from; s < to; s++) {
            if (draws[s].length < p) {
                throw new UlamException("draw " + (s + 1) + " has " + draws[s].length + " values; model '" + m.name()
                        + "' has " + p + " parameter values", null, "the draws belong to another model");
            }
            System.arraycopy(draws[s], 0, constrained, 0, p);
            try {
                m.unconstrain(constrained, q);
            } catch (IllegalArgumentException e) {
                throw new UlamException("draw " + (s + 1) + " does not fit model '" + m.name() + "': " + e.getMessage(),
                        null, "the draws belong to another model or its data");
            }
            double[] row = new double[n];
            m.logLikelihood(q, row);
            out[s] = row;
        }
    }
}
