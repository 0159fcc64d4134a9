package ulam.runtime;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A {@link Model} that forwards every call to another, for wrappers that change one part (the
 * draws a fit keeps, a deliberately wrong density in a test) and keep the rest. Subclasses
 * override what they change and {@link #copy()}, which must wrap {@code delegate().copy()} so that
 * each chain has its own buffers.
 */
public abstract class ForwardingModel implements Model {
    private final Model delegate;

    /** @param delegate the model every call goes to unless overridden */
    protected ForwardingModel(Model delegate) {
        this.delegate = delegate;
    }

    /** The wrapped model. */
    protected final Model delegate() {
        return delegate;
    }

    @Override
    public abstract Model copy();

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public double logDensity(double[] q) {
        return delegate.logDensity(q);
    }

    @Override
    public double logDensityGradient(double[] q, double[] gradient) {
        return delegate.logDensityGradient(q, gradient);
    }

    @Override
    public double droppedConstant() {
        return delegate.droppedConstant();
    }

    @Override
    public double logJacobian(double[] q, double[] gradient) {
        return delegate.logJacobian(q, gradient);
    }

    @Override
    public String[] outputNames() {
        return delegate.outputNames();
    }

    @Override
    public int parameterOutputs() {
        return delegate.parameterOutputs();
    }

    @Override
    public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
        delegate.writeDraw(q, rng, out);
    }

    @Override
    public void unconstrain(double[] constrained, double[] q) {
        delegate.unconstrain(constrained, q);
    }

    @Override
    public int observations() {
        return delegate.observations();
    }

    @Override
    public void logLikelihood(double[] q, double[] out) {
        delegate.logLikelihood(q, out);
    }

    @Override
    public List<String> notes() {
        return delegate.notes();
    }

    @Override
    public List<String> reparameterisations() {
        return delegate.reparameterisations();
    }

    @Override
    public Map<String, String> sourceOptions() {
        return delegate.sourceOptions();
    }

    @Override
    public String source() {
        return delegate.source();
    }

    @Override
    public NonFiniteTerm nonFiniteTerm(double[] q) {
        return delegate.nonFiniteTerm(q);
    }

    @Override
    public void rowThreads(ulam.runtime.model.RowThreads threads) {
        delegate.rowThreads(threads);
    }
}
