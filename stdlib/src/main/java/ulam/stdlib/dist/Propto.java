package ulam.stdlib.dist;

/**
 * Which operands of a density are data, for the {@code dropped} methods: Stan's
 * {@code include_summand<propto, ...>} rule (docs/stan.md, "lp__"). In a {@code ~} statement Stan
 * leaves out every summand of the log density whose operands are all data (a summand of no
 * operand, such as -log(2 pi) / 2, included), and the whole density when every operand is data.
 *
 * <p>The mask {@code data} has bit 0 set when the outcome is data and bit j when argument j
 * (1-based, in {@link ulam.stdlib.DistributionSpec#args()} order) is; an {@code int} operand is
 * always data. A {@code dropped} method reads only the operands whose bit is set; the others may
 * hold anything (the generated code passes NaN or 0).
 */
public final class Propto {
    private Propto() {}

    /** Whether operand {@code k} (0 the outcome, j argument j) is data. */
    public static boolean data(int data, int k) {
        return (data & (1 << k)) != 0;
    }

    /** Whether operands {@code a} and {@code b} are both data. */
    public static boolean data(int data, int a, int b) {
        return data(data, a) && data(data, b);
    }

    /** Whether all of the outcome and the {@code arity} arguments are data (Stan drops the whole density). */
    public static boolean all(int data, int arity) {
        int all = (1 << (arity + 1)) - 1;
        return (data & all) == all;
    }

    /** The mask with every operand of a density of {@code arity} arguments data. */
    public static int allData(int arity) {
        return (1 << (arity + 1)) - 1;
    }
}
