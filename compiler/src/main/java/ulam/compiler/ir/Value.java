package ulam.compiler.ir;

import java.util.Arrays;

/**
 * One scalar value of a {@link Segment} in SSA form: an operation on earlier values. Values are
 * hash-consed within a segment (equal operation and operands give the same value), and know
 * whether they are loop-invariant (computed once before the loop) and active (depend on a
 * parameter, so they carry an adjoint in gradient code).
 */
public final class Value implements Operand {
    final int id;
    final Op op;
    final Value[] args;
    final Payload payload;
    final Type type;
    final boolean invariant;
    final boolean active;

    Value(int id, Op op, Value[] args, Payload payload, Type type, boolean invariant, boolean active) {
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
     * and RNG a {@code DistributionSpec} (args: outcome then arguments; RNG: arguments); DROPPED
     * a {@code DistributionSpec} (args: the INT mask of the operands that are data, then outcome
     * and arguments: the summands Stan's {@code ~} leaves out, {@code ulam.stdlib.dist.Propto});
     * compare ops compare two INT or two REAL values; STREQ two STRING values; VKERNEL (log density
     * minus constants, with partials) and VLPDF (full log density) a {@link VectorDensity}; VDROPPED
     * the summands Stan's {@code ~} leaves out of such a density (a {@link VectorDensity} without
     * partials; args: the INT mask of the data operands, then as VLPDF); LCDF
     * and LCCDF a {@code DistributionSpec} (args: the point, then the arguments; with partials as KERNEL);
     * VRNG a draw of a single value from a distribution with vector arguments ({@code categorical_rng(theta)}):
     * a {@link VectorDensity} without outcome operand or partials.
     */
    public enum Op {
        CONST_I, CONST_D, CONST_S, COUNTER, SLOT, LOAD,
        IADD, ISUB, IMUL, IDIV, IREM, INEG, I2D,
        DADD, DSUB, DMUL, DDIV, DNEG,
        CALL, KERNEL, LPDF, CONSTANT, DROPPED, RNG, VKERNEL, VLPDF, VDROPPED, LCDF, LCCDF, VRNG,
        LT, LE, GT, GE, EQ, NE, STREQ, AND, OR, NOT, SELECT
    }

    public int id() { return id; }
    public Op op() { return op; }
    public Value arg(int k) { return args[k]; }
    public int arity() { return args.length; }
    public Payload payload() { return payload; }

    /** The field a SLOT or LOAD value reads. */
    public Slot slot() {
        if (payload instanceof Slot s) return s;
        throw new IllegalStateException(this + " reads no field");
    }

    /** The distribution of a KERNEL, LPDF, CONSTANT, RNG, LCDF or LCCDF value. */
    public ulam.stdlib.DistributionSpec distribution() {
        if (payload instanceof Payload.Distribution d) return d.spec();
        throw new IllegalStateException(this + " has no distribution");
    }

    /** The library function of a CALL value. */
    public ulam.stdlib.FunctionSpec function() {
        if (payload instanceof Payload.Function f) return f.spec();
        throw new IllegalStateException(this + " calls no function");
    }

    /** The distribution with vector operands of a VKERNEL, VLPDF or VRNG value. */
    public VectorDensity vector() {
        if (payload instanceof VectorDensity vd) return vd;
        throw new IllegalStateException(this + " has no vector density");
    }

    /** The constant of a CONST_I value (0 or 1 for a BOOL). */
    public int intConstant() {
        if (payload instanceof Payload.Int i) return i.value();
        throw new IllegalStateException(this + " is not an integer constant");
    }

    /** The constant of a CONST_D value. */
    public double realConstant() {
        if (payload instanceof Payload.Real r) return r.value();
        throw new IllegalStateException(this + " is not a real constant");
    }

    /** The constant of a CONST_S value. */
    public String text() {
        if (payload instanceof Payload.Text t) return t.value();
        throw new IllegalStateException(this + " is not a text constant");
    }

    @Override
    public <R> R fold(java.util.function.Function<Value, R> single, java.util.function.Function<Segment.Slice, R> slice) {
        return single.apply(this);
    }
    public Type type() { return type; }
    public boolean invariant() { return invariant; }
    public boolean active() { return active; }

    /** Structural key for hash-consing: with the type too (TRUE and the integer 1 are both CONST_I[1]). */
    record Key(Op op, java.util.List<Integer> args, Payload payload, Type type) {}

    Key key() {
        Integer[] ids = new Integer[args.length];
        for (int k = 0; k < args.length; k++) ids[k] = args[k].id;
        return new Key(op, Arrays.asList(ids), payload, type);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("v").append(id).append(" = ").append(op);
        if (payload != null) {
            sb.append('[').append(payload.show()).append(']');
        }
        for (Value a : args) sb.append(" v").append(a.id);
        if (invariant) sb.append(" (invariant)");
        if (active) sb.append(" (active)");
        return sb.toString();
    }
}
