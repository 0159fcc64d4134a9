package ulam.tests.support;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.runtime.Model;

/**
 * A deliberately wrong model, for proving that a check can fail: a compiled model whose
 * unconstrained coordinate {@code k} is a lower-bounded parameter ({@code x = lb + exp(q_k)},
 * log |dx/dq| = q_k, Stan reference manual "Lower bounded scalar"), with that log-Jacobian term
 * removed from the log density (minus {@code q_k}) and from its gradient (minus 1). Everything
 * else is the model's own.
 */
public final class DroppedJacobian implements Model {
    private final Model model;
    private final int k;

    /**
     * @param model the correct model
     * @param k     the index in {@code q} of a lower-bounded scalar parameter
     */
    public DroppedJacobian(Model model, int k) {
        this.model = model;
        this.k = k;
    }

    @Override
    public double logDensity(double[] q) {
        return model.logDensity(q) - q[k];
    }

    @Override
    public double logDensityGradient(double[] q, double[] gradient) {
        double lp = model.logDensityGradient(q, gradient);
        gradient[k] -= 1;
        return lp - q[k];
    }

    @Override
    public Model copy() {
        return new DroppedJacobian(model.copy(), k);
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String[] outputNames() {
        return model.outputNames();
    }

    @Override
    public int parameterOutputs() {
        return model.parameterOutputs();
    }

    @Override
    public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
        model.writeDraw(q, rng, out);
    }

    @Override
    public void unconstrain(double[] constrained, double[] q) {
        model.unconstrain(constrained, q);
    }

    @Override
    public int observations() {
        return model.observations();
    }

    @Override
    public void logLikelihood(double[] q, double[] out) {
        model.logLikelihood(q, out);
    }

    @Override
    public List<String> notes() {
        return model.notes();
    }

    @Override
    public Map<String, String> sourceOptions() {
        return model.sourceOptions();
    }

    @Override
    public String source() {
        return model.source();
    }
}
