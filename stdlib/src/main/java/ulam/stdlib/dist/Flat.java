package ulam.stdlib.dist;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The improper flat prior flat(): a log density of 0 on the whole real line, brms's default
 * prior "(flat)" of population-level effects (a Stan parameter declared without a prior
 * statement, Stan Reference Manual "Program blocks", the model block). It has no outcome
 * distribution and no draws: it only says "this parameter has no prior", for a posterior that
 * the likelihood makes proper.
 */
public final class Flat {
    private Flat() {}

    /** The log density: 0 for every finite y, NaN for NaN. */
    public static double lpdf(double y) {
        return y == y ? 0.0 : Double.NaN;
    }

    /** The log density (same value as {@link #lpdf}); d[0] = 0. */
    public static double kernel(double y, double[] d) {
        d[0] = 0.0;
        return y == y ? 0.0 : Double.NaN;
    }

    /**
     * No draw exists: a flat prior is improper.
     *
     * @throws IllegalArgumentException always
     */
    public static double rng(UniformRandomProvider rng) {
        throw new IllegalArgumentException("flat() is an improper prior: it has no draws;"
                + " give the parameter a proper prior to simulate from it");
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): nothing (the log density is 0); the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y) {
        return 0.0;
    }
}
