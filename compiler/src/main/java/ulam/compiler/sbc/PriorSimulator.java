package ulam.compiler.sbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.compiler.Compiler;
import ulam.compiler.check.CompileMode;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Symbol;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Draws parameters and outcomes from a model's joint prior distribution, exactly: the model is
 * compiled as a prior-draw program ({@link CompileMode#PRIOR_DRAWS}) in which every parameter is
 * drawn by the random generator of its prior line, hyper-parameters first (ancestral sampling
 * in dependency order), and every likelihood line then draws its outcome from those values, as
 * {@code ulam sim} does from posterior draws. One call of {@link #draw} is one independent draw
 * of (theta, y) from p(theta) p(y | theta) — the first step of simulation-based calibration
 * (Talts et al. 2018, Algorithm 1).
 *
 * <p>Not thread-safe: use {@link #copy()} for each thread.
 */
public final class PriorSimulator {
    private final Model program;
    private final int[] parameterColumns;
    private final Map<String, int[]> outcomeColumns;
    private final double[] q;
    private final double[] out;

    private PriorSimulator(Model program, int[] parameterColumns, Map<String, int[]> outcomeColumns) {
        this.program = program;
        this.parameterColumns = parameterColumns;
        this.outcomeColumns = outcomeColumns;
        this.q = new double[program.dimension()];
        this.out = new double[program.outputNames().length];
    }

    /**
     * One draw from the joint prior.
     *
     * @param parameters the parameters' values, constrained scale, in the order of the
     *                   {@code parameterNames} given to {@link #compile}
     * @param outcomes   each outcome's simulated values, one per row of its likelihood lines
     *                   (NaN where no line applies)
     */
    public record Draw(double[] parameters, Map<String, double[]> outcomes) {
    }

    /**
     * Compiles the prior-draw program of a model and binds it to the data.
     *
     * @param source         the model
     * @param data           the data (the outcomes' values are not read)
     * @param parameterNames the posterior model's parameter outputs ({@code a[3]}, in its order)
     * @return the simulator
     * @throws UlamException located, for a model whose prior cannot be drawn top-down (a
     *                       parameter with several prior lines, a {@code custom(...)} prior,
     *                       priors that read each other) or whose likelihood has a line without
     *                       random generator
     */
    public static PriorSimulator compile(Source source, DataSet data, String[] parameterNames) {
        Compiler.Compiled c = Compiler.compile(source, Compiler.schema(data), CompileMode.PRIOR_DRAWS);
        ModelSpec.Predicted predicted = c.spec().predicted();
        if (!predicted.skipped().isEmpty()) {
            throw new UlamException("sbc cannot simulate the data: " + predicted.skipped().get(0), null,
                    "every likelihood line needs a distribution with a random generator");
        }
        if (predicted.simulated().isEmpty()) {
            throw new UlamException("the model has no likelihood line on data: there is nothing to simulate", null,
                    "sbc needs a line 'y ~ dist(...)' whose outcome y is a data column");
        }
        Model program = c.factory().apply(data);
        String[] outputs = program.outputNames();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int k = 0; k < outputs.length; k++) at.put(outputs[k], k);
        int[] parameterColumns = new int[parameterNames.length];
        for (int k = 0; k < parameterNames.length; k++) {
            Integer col = at.get(CompileMode.priorName(parameterNames[k]));
            if (col == null) throw new IllegalStateException("no prior draw of " + parameterNames[k]);
            parameterColumns[k] = col;
        }
        Map<String, int[]> outcomeColumns = new LinkedHashMap<>();
        for (Symbol y : predicted.simulated()) {
            List<Integer> cols = new ArrayList<>();
            for (int k = 0; k < outputs.length; k++) {
                if (outputs[k].equals(y.name()) || outputs[k].startsWith(y.name() + "[")) cols.add(k);
            }
            outcomeColumns.put(y.name(), cols.stream().mapToInt(Integer::intValue).toArray());
        }
        return new PriorSimulator(program, parameterColumns, outcomeColumns);
    }

    /** The outcomes' names, in the order of their first likelihood line. */
    public List<String> outcomes() {
        return List.copyOf(outcomeColumns.keySet());
    }

    /** One draw of the parameters and the outcomes from their joint prior. */
    public Draw draw(UniformRandomProvider rng) {
        program.writeDraw(q, rng, out);
        double[] theta = new double[parameterColumns.length];
        for (int k = 0; k < theta.length; k++) theta[k] = out[parameterColumns[k]];
        Map<String, double[]> y = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : outcomeColumns.entrySet()) {
            double[] v = new double[e.getValue().length];
            for (int i = 0; i < v.length; i++) v[i] = out[e.getValue()[i]];
            y.put(e.getKey(), v);
        }
        return new Draw(theta, y);
    }

    /** A simulator sharing this one's data, for another thread. */
    public PriorSimulator copy() {
        return new PriorSimulator(program.copy(), parameterColumns, outcomeColumns);
    }
}
