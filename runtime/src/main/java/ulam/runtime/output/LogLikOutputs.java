package ulam.runtime.output;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.runtime.ForwardingModel;
import ulam.runtime.Model;
import ulam.runtime.UlamException;

/**
 * A model whose outputs end with its pointwise log-likelihood, {@code log_lik[1]} ...
 * {@code log_lik[N]} ({@link Model#logLikelihood}, natural log, constants kept, every likelihood
 * line in source order), so that the Stan CSV files of {@code ulam run --log-lik} hold the columns
 * {@code log_lik.1 ... log_lik.N} that R's {@code loo::extract_log_lik(fit, "log_lik")} and
 * {@code rstan::loo} read. The columns come after the model's own outputs; a fit folder's manifest
 * still lists only the model's outputs, and its readers skip these columns. Not thread-safe: one
 * instance per chain ({@link #copy()}), as every model.
 */
public final class LogLikOutputs extends ForwardingModel {
    /** The base name of the columns. */
    public static final String NAME = "log_lik";

    private final String[] names;
    private final double[] ll;
    private final double[] own;

    private LogLikOutputs(Model model, String[] names) {
        super(model);
        this.names = names;
        this.ll = new double[model.observations()];
        this.own = new double[names.length - ll.length];
    }

    /**
     * Wraps a model.
     *
     * @param model a bound model with a likelihood
     * @return the model with {@code observations()} more outputs
     * @throws UlamException if the model has no likelihood (nothing to write) or already reports
     *                       an output named {@code log_lik}
     */
    public static LogLikOutputs of(Model model) {
        int n = model.observations();
        if (n == 0) {
            throw new UlamException("--log-lik: the model " + model.name() + " has no likelihood, so there is no"
                    + " pointwise log-likelihood to write", null, "leave out --log-lik (or run it without --prior-only)");
        }
        String[] own = model.outputNames();
        for (String o : own) {
            if (PrecisTable.baseName(o).equals(NAME)) {
                throw new UlamException("--log-lik: the model already reports an output named " + NAME, null,
                        "leave out --log-lik: the model's own log_lik columns are written");
            }
        }
        String[] names = Arrays.copyOf(own, own.length + n);
        for (int i = 0; i < n; i++) names[own.length + i] = NAME + "[" + (i + 1) + "]";
        return new LogLikOutputs(model, names);
    }

    /** Whether a Stan CSV column holds the pointwise log-likelihood: {@code log_lik.<i>}. */
    public static boolean isColumn(String stanColumn) {
        return stanColumn.startsWith(NAME + ".") && stanColumn.length() > NAME.length() + 1
                && stanColumn.substring(NAME.length() + 1).chars().allMatch(Character::isDigit);
    }

    @Override
    public Model copy() {
        return new LogLikOutputs(delegate().copy(), names);
    }

    @Override
    public String[] outputNames() {
        return names.clone();
    }

    @Override
    public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
        delegate().writeDraw(q, rng, own);
        System.arraycopy(own, 0, out, 0, own.length);
        delegate().logLikelihood(q, ll);
        System.arraycopy(ll, 0, out, own.length, ll.length);
    }
}
