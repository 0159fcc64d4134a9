package ulam.tests.support;

import ulam.runtime.ForwardingModel;
import ulam.runtime.Model;

/**
 * A deliberately wrong model, for proving that a check can fail: a compiled model whose
 * unconstrained coordinate {@code k} is a lower-bounded parameter ({@code x = lb + exp(q_k)},
 * log |dx/dq| = q_k, Stan reference manual "Lower bounded scalar"), with that log-Jacobian term
 * removed from the log density (minus {@code q_k}) and from its gradient (minus 1). Everything
 * else is the model's own.
 */
public final class DroppedJacobian extends ForwardingModel {
    private final int k;

    /**
     * @param model the correct model
     * @param k     the index in {@code q} of a lower-bounded scalar parameter
     */
    public DroppedJacobian(Model model, int k) {
        super(model);
        this.k = k;
    }

    @Override
    public double logDensity(double[] q) {
        return delegate().logDensity(q) - q[k];
    }

    @Override
    public double logDensityGradient(double[] q, double[] gradient) {
        double lp = delegate().logDensityGradient(q, gradient);
        gradient[k] -= 1;
        return lp - q[k];
    }

    @Override
    public Model copy() {
        return new DroppedJacobian(delegate().copy(), k);
    }
}
