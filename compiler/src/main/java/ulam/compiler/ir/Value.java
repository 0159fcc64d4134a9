package ulam.compiler.ir;

import java.util.Arrays;

/**
 * One scalar value of a {@link Segment} in SSA form: an operation on earlier values. Values are
 * hash-consed within a segment (equal operation and operands give the same value), and know
 * whether they are loop-invariant (computed once before the loop) and active (depend on a
 * parameter, so they carry an adjoint in gradient code).
 */
public final class Value {
    final int id;
    final Op op;
    final Value[] args;
    final Object payload;
    final Type type;
    final boolean invariant;
    final boolean active;

    Value(int id, Op op, Value[] args, Object payload, Type type, boolean invariant, boolean active) {
        this.id = id;
        this.op = op;
        this.args = args;
        this.payload = payload;
        this.type = type;
        this.invariant = invariant;
        this.active = active;
    }

    /** Scalar JVM types of values. */
    public enum Type { INT, REAL, BOOL, STRING }

    /**
     * Operations. Payload: CONST_* the constant; SLOT the {@link Slot}; LOAD the array
     * {@link Slot} (arg 0 the 0-based index); CALL a {@code FunctionSpec}; KERNEL, LPDF, CONSTANT
     * and RNG a {@code DistributionSpec} (args: outcome then arguments; RNG: arguments);
     * compare ops compare two INT or two REAL values; STREQ two STRING values; VKERNEL (log density
     * minus constants, with partials) and VLPDF (full log density) a {@link VectorDensity}; LCDF
     * and LCCDF a {@code DistributionSpec} (args: the point, then the arguments; with partials as KERNEL);
     * VRNG a draw of a single value from a distribution with vector arguments ({@code categorical_rng(theta)}):
     * a {@link VectorDensity} without outcome operand or partials.
     */
    public enum Op {
        CONST_I, CONST_D, CONST_S, COUNTER, SLOT, LOAD,
        IADD, ISUB, IMUL, IDIV, IREM, INEG, I2D,
        DADD, DSUB, DMUL, DDIV, DNEG,
        CALL, KERNEL, LPDF, CONSTANT, RNG, VKERNEL, VLPDF, LCDF, LCCDF, VRNG,
        LT, LE, GT, GE, EQ, NE, STREQ, AND, OR, NOT, SELECT
    }

    public int id() { return id; }
    public Op op() { return op; }
    public Value arg(int k) { return args[k]; }
    public int arity() { return args.length; }
    public Object payload() { return payload; }
    public Type type() { return type; }
    public boolean invariant() { return invariant; }
    public boolean active() { return active; }

    /** Structural key for hash-consing: with the type too (TRUE and the integer 1 are both CONST_I[1]). */
    record Key(Op op, java.util.List<Integer> args, Object payload, Type type) {}

    Key key() {
        Integer[] ids = new Integer[args.length];
        for (int k = 0; k < args.length; k++) ids[k] = args[k].id;
        return new Key(op, Arrays.asList(ids), payload instanceof Double d ? Double.valueOf(d) : payload, type);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("v").append(id).append(" = ").append(op);
        if (payload != null) {
            String p = payload instanceof Slot s ? s.field() : payload instanceof ulam.stdlib.FunctionSpec f ? f.name()
                    : payload instanceof ulam.stdlib.DistributionSpec d ? d.name() : String.valueOf(payload);
            sb.append('[').append(p).append(']');
        }
        for (Value a : args) sb.append(" v").append(a.id);
        if (invariant) sb.append(" (invariant)");
        if (active) sb.append(" (active)");
        return sb.toString();
    }
}
