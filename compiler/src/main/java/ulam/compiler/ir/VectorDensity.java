package ulam.compiler.ir;

import java.util.List;
import ulam.stdlib.DistributionSpec;

/**
 * The payload of a {@link Value.Op#VKERNEL} or {@link Value.Op#VLPDF} value: a distribution with
 * a vector or matrix operand ({@code multi_normal}, {@code ordered_logistic}'s cutpoints,
 * {@code dirichlet}, {@code lkj_corr}), called with the calling convention of
 * {@code ulam.stdlib.Signatures}.
 *
 * <p>The value's arguments are, in order: one per operand (the outcome, then the distribution's
 * arguments) — the operand itself when it is a single value, the INT offset of its first element
 * in {@code arrays.get(k)} when it is a vector or matrix; then the dims (INT, one per distinct
 * size name); then, for VKERNEL, the INT length of each array in {@code partials}.
 *
 * @param distribution the distribution
 * @param arrays       per operand, the array slot holding it, or null for a single value
 * @param partials     VKERNEL: one work array per vector or matrix REAL operand (in operand
 *                     order), receiving its partial derivatives; empty for VLPDF
 */
public record VectorDensity(DistributionSpec distribution, List<Slot> arrays, List<Slot> partials) implements Payload {

    /** Number of operands (outcome and arguments). */
    public int operands() {
        return arrays.size();
    }

    /** Number of dims arguments. */
    public int dims() {
        return ulam.stdlib.Signatures.dims(ulam.stdlib.Signatures.shapes(distribution)).size();
    }

    /** Whether operand {@code k} is an integer (an INT scalar or an {@code int[K]} array). */
    public boolean integer(int k) {
        if (k == 0) return distribution.outcome() == ulam.stdlib.ValueType.INT;
        return distribution.args().get(k - 1).type() == ulam.stdlib.ValueType.INT;
    }

    @Override
    public String show() {
        return distribution.name();
    }

    @Override
    public String toString() {
        return show();
    }
}
