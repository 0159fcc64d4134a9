package ulam.runtime.approx;

/**
 * A smooth function to minimise, with its gradient: what {@link Lbfgs} and {@link LineSearch}
 * read. For a model, the negative log density over the unconstrained parameters
 * ({@link #negativeLogDensity}).
 */
@FunctionalInterface
public interface Objective {

    /**
     * The value at {@code x} and its gradient.
     *
     * @param x        the point, {@code double[n]}; not modified
     * @param gradient output, {@code double[n]}; overwritten with df/dx
     * @return f(x), or NaN/+Infinity where f is undefined (the line search then steps back)
     */
    double value(double[] x, double[] gradient);

    /**
     * {@code -log p(q)} of a model and its gradient, with or without the Jacobian terms of the
     * constraining transforms ({@link ulam.runtime.Model#logDensityGradient(double[], double[], boolean)}).
     * An undefined log density (NaN or -Infinity) becomes +Infinity.
     *
     * @param model    the model; its buffers are used, so one objective per thread
     * @param jacobian whether the log Jacobian is included (Stan's and Pathfinder's unconstrained
     *                 density: true; rethinking's quap: false)
     * @return the objective over {@code double[model.dimension()]}
     */
    static Objective negativeLogDensity(ulam.runtime.Model model, boolean jacobian) {
        return (x, g) -> {
            double lp = model.logDensityGradient(x, g, jacobian);
            for (int i = 0; i < g.length; i++) g[i] = -g[i];
            return Double.isNaN(lp) || lp == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : -lp;
        };
    }
}
