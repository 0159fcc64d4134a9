package ulam.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.ValueType;

/**
 * A unit of generated code: an optional counted loop ({@code for c in 0..count-1}) whose body is
 * straight-line SSA {@link Value}s ending in {@link Sink}s. Loop-invariant values are computed
 * once before the loop. A segment whose only sinks add to the log density is <em>fused</em>:
 * its adjoint runs inside the same iteration, right after the forward code (docs/design.md step 5),
 * so no intermediate is stored.
 *
 * <p>Built with the factory methods, which fold constants and share equal values.
 */
public final class Segment {

    /** Where a value goes. */
    public sealed interface Sink {
        /** Calls the visitor's method for this sink's kind (complete dispatch, checked by the compiler). */
        <R> R accept(Visitor<R> v);

        /** One method per kind of sink. */
        interface Visitor<R> {
            R accumulate(Accumulate s);
            R store(Store s);
            R set(Set s);
            R call(Call s);
            R draw(Draw s);
        }

        /** Adds {@code value} to a scalar: the log density ({@code target} null) or a slot (a reduction). */
        record Accumulate(Slot target, Value value) implements Sink {
            @Override public <R> R accept(Visitor<R> v) { return v.accumulate(this); }
        }

        /** Writes {@code value} at {@code index} of an array slot (or of the output array when {@code array} is null). */
        record Store(Slot array, Value index, Value value) implements Sink {
            @Override public <R> R accept(Visitor<R> v) { return v.store(this); }
        }

        /** Sets a scalar slot. */
        record Set(Slot target, Value value) implements Sink {
            @Override public <R> R accept(Visitor<R> v) { return v.set(this); }
        }

        /**
         * Calls a library BLOCK function: operands are scalar values or array slices, the result
         * goes to {@code out} (a slice; a scalar result is stored at its first element). Its
         * adjoint calls the function's {@code Backward} method.
         */
        record Call(ulam.stdlib.FunctionSpec function, java.util.List<Operand> operands, java.util.List<Value> dims,
                    Slice out) implements Sink {
            @Override public <R> R accept(Visitor<R> v) { return v.call(this); }
        }
    }

    /**
     * A random draw of a whole vector or matrix into {@code out}: the distribution's {@code rng}
     * with its arguments (values or slices) and dims; generated quantities only, no adjoint.
     */
    public record Draw(DistributionSpec distribution, java.util.List<Operand> operands, java.util.List<Value> dims, Slice out)
            implements Sink {
        @Override public <R> R accept(Sink.Visitor<R> v) { return v.draw(this); }
    }

    /** Elements of an array slot from {@code offset} (an INT value of the segment). */
    public record Slice(Slot array, Value offset) implements Operand {
        @Override
        public <R> R fold(java.util.function.Function<Value, R> single, java.util.function.Function<Slice, R> slice) {
            return slice.apply(this);
        }
    }

    /**
     * What a segment of the log density is for: the optimising {@link Pass}es rewrite only the
     * segments of {@code ~} lines, and {@link Aggregate} only likelihoods over all rows.
     */
    public enum Role {
        /** A prior line: over the elements of its parameter. */
        PRIOR,
        /** A likelihood line over every row of its data. */
        LIKELIHOOD,
        /** A likelihood line {@code y | condition ~ ...} over the rows where its condition holds. */
        FILTERED_LIKELIHOOD
    }

    private Role role;

    /** Marks the segment as the log density of a {@code ~} line (see {@link Role}). */
    public void role(Role r) {
        role = r;
    }

    /** What the segment is for, or null for everything but the log density of a {@code ~} line. */
    public Role role() {
        return role;
    }

    private boolean carried;

    /**
     * Marks a loop whose iterations read what earlier ones wrote (a cumulative sum): its adjoint
     * loop runs backwards, so each element's adjoint is complete before it is used.
     */
    public void carried(boolean c) {
        carried = c;
    }

    /** Whether the loop carries a dependency from one iteration to the next. */
    public boolean carried() {
        return carried;
    }

    private final String name;
    private final Value counter;
    private final List<Value> values = new ArrayList<>();
    private final List<Sink> sinks = new ArrayList<>();
    private final Map<Value.Key, Value> shared = new HashMap<>();

    /** @param name for dumps ({@code prior a}, {@code likelihood P}) */
    private Segment(String name, boolean loop) {
        this.name = name;
        this.counter = loop ? add(Value.Op.COUNTER, new Value[0], null, Value.Type.INT) : null;
    }

    /** A segment without a loop. */
    public static Segment straight(String name) {
        return new Segment(name, false);
    }

    /** A segment with a loop; set its trip count with {@link #count(Value)} after building it in this segment. */
    public static Segment loop(String name) {
        return new Segment(name, true);
    }

    private Value tripCount;

    /** Sets the trip count: an invariant INT value of this segment. */
    public void count(Value n) {
        if (counter == null) throw new IllegalStateException("no loop");
        if (!n.invariant || n.type != Value.Type.INT) throw new IllegalArgumentException("trip count must be an invariant int");
        tripCount = n;
    }

    public String name() { return name; }
    public boolean hasLoop() { return counter != null; }
    public Value counter() { return counter; }
    public Value tripCount() { return tripCount; }
    public List<Value> values() { return Collections.unmodifiableList(values); }
    public List<Sink> sinks() { return Collections.unmodifiableList(sinks); }

    /** Whether every sink adds to the log density, so the adjoint can run inside each iteration. */
    public boolean fused() {
        for (Sink s : sinks) {
            if (!(s instanceof Sink.Accumulate a) || a.target() != null) return false;
        }
        return true;
    }

    /** Whether any value depends on a parameter, or a library call writes an array with an adjoint. */
    public boolean active() {
        for (Value v : values) if (v.active) return true;
        for (Sink s : sinks) if (s instanceof Sink.Call c && c.out().array().adjoint()) return true;
        return false;
    }

    // ------------------------------------------------------------------ sinks

    public void accumulate(Slot target, Value v) {
        sinks.add(new Sink.Accumulate(target, real(v)));
    }

    public void store(Slot array, Value index, Value v) {
        sinks.add(new Sink.Store(array, index, v));
    }

    public void set(Slot target, Value v) {
        sinks.add(new Sink.Set(target, v));
    }

    /** A library BLOCK function call (see {@link Sink.Call}); operands are {@link Value}s or {@link Slice}s. */
    public void call(ulam.stdlib.FunctionSpec f, java.util.List<Operand> operands, java.util.List<Value> dims, Slice out) {
        sinks.add(new Sink.Call(f, operands, dims, out));
    }

    /** A random draw of a whole vector or matrix (see {@link Draw}). */
    public void draw(DistributionSpec d, java.util.List<Operand> operands, java.util.List<Value> dims, Slice out) {
        sinks.add(new Draw(d, operands, dims, out));
    }

    // ------------------------------------------------------------------ values

    private Value add(Value.Op op, Value[] args, Payload payload, Value.Type type) {
        boolean invariant = op != Value.Op.COUNTER && op != Value.Op.RNG && op != Value.Op.VRNG;
        boolean active = false;
        for (Value a : args) {
            invariant &= a.invariant;
            active |= a.active;
        }
        if ((op == Value.Op.LOAD || op == Value.Op.SLOT) && ((Slot) payload).adjoint()) active = true;
        if (payload instanceof VectorDensity vd) {
            for (Slot s : vd.arrays()) if (s != null && s.adjoint()) active = true;
        }
        active &= type == Value.Type.REAL;   // only reals carry derivatives
        Value v = new Value(values.size(), op, args, payload, type, invariant, active);
        if (op != Value.Op.RNG && op != Value.Op.VRNG && op != Value.Op.COUNTER) {
            Value.Key k = v.key();
            Value old = shared.get(k);
            if (old != null) return old;
            shared.put(k, v);
        }
        values.add(v);
        return v;
    }

    public Value constInt(int c) {
        return add(Value.Op.CONST_I, new Value[0], new Payload.Int(c), Value.Type.INT);
    }

    public Value constReal(double c) {
        return add(Value.Op.CONST_D, new Value[0], new Payload.Real(c), Value.Type.REAL);
    }

    public Value constBool(boolean c) {
        return add(Value.Op.CONST_I, new Value[0], new Payload.Int(c ? 1 : 0), Value.Type.BOOL);
    }

    public Value constString(String s) {
        return add(Value.Op.CONST_S, new Value[0], new Payload.Text(s), Value.Type.STRING);
    }

    /** Reads a scalar field (INT or REAL slot); a constant slot is its constant. */
    public Value slot(Slot s) {
        if (s.type().isArray()) throw new IllegalArgumentException("array slot " + s);
        if (s.isConstant()) return s.type() == Slot.Type.INT ? constInt((Integer) s.constant()) : constReal((Double) s.constant());
        return add(Value.Op.SLOT, new Value[0], s, s.type() == Slot.Type.INT ? Value.Type.INT : Value.Type.REAL);
    }

    /** Reads element {@code index} (0-based INT) of an array slot. */
    public Value load(Slot array, Value index) {
        Value.Type t = switch (array.type()) {
            case INT_ARRAY -> Value.Type.INT;
            case REAL_ARRAY -> Value.Type.REAL;
            case STRING_ARRAY -> Value.Type.STRING;
            default -> throw new IllegalArgumentException("not an array " + array);
        };
        return add(Value.Op.LOAD, new Value[] {integer(index)}, array, t);
    }

    private static Value integer(Value v) {
        if (v.type != Value.Type.INT) throw new IllegalArgumentException("not an int: " + v);
        return v;
    }

    /** The value as a REAL (INT and BOOL converted). */
    public Value real(Value v) {
        if (v.type == Value.Type.REAL) return v;
        if (v.type == Value.Type.STRING) throw new IllegalArgumentException("string used as a number");
        if (v.op == Value.Op.CONST_I) return constReal(v.intConstant());
        return add(Value.Op.I2D, new Value[] {v}, null, Value.Type.REAL);
    }

    private static boolean isConst(Value v, double c) {
        return (v.op == Value.Op.CONST_I && v.intConstant() == c) || (v.op == Value.Op.CONST_D && v.realConstant() == c);
    }

    /** Integer arithmetic with folding: constants, {@code x + 0}, {@code x * 1}, {@code (x + a) - b}. */
    public Value intOp(Value.Op op, Value a, Value b) {
        integer(a);
        integer(b);
        if (a.op == Value.Op.CONST_I && b.op == Value.Op.CONST_I) {
            int x = a.intConstant();
            int y = b.intConstant();
            if ((op == Value.Op.IDIV || op == Value.Op.IREM) && y == 0) throw new IllegalArgumentException("division by 0");
            return constInt(switch (op) {
                case IADD -> x + y;
                case ISUB -> x - y;
                case IMUL -> x * y;
                case IDIV -> x / y;
                case IREM -> x % y;
                default -> throw new IllegalArgumentException(op.name());
            });
        }
        if (op == Value.Op.IADD && isConst(b, 0)) return a;
        if (op == Value.Op.IADD && isConst(a, 0)) return b;
        if (op == Value.Op.ISUB && isConst(b, 0)) return a;
        if (op == Value.Op.IMUL && isConst(b, 1)) return a;
        if (op == Value.Op.IMUL && isConst(a, 1)) return b;
        if (op == Value.Op.IMUL && (isConst(a, 0) || isConst(b, 0))) return constInt(0);
        if ((op == Value.Op.ISUB || op == Value.Op.IADD) && b.op == Value.Op.CONST_I
                && (a.op == Value.Op.IADD || a.op == Value.Op.ISUB) && a.args[1].op == Value.Op.CONST_I) {
            int inner = a.args[1].intConstant() * (a.op == Value.Op.IADD ? 1 : -1);
            int outer = b.intConstant() * (op == Value.Op.IADD ? 1 : -1);
            return intOp(Value.Op.IADD, a.args[0], constInt(inner + outer));
        }
        return add(op, new Value[] {a, b}, null, Value.Type.INT);
    }

    public Value intNeg(Value a) {
        if (a.op == Value.Op.CONST_I) return constInt(-a.intConstant());
        return add(Value.Op.INEG, new Value[] {integer(a)}, null, Value.Type.INT);
    }

    /** Real arithmetic with constant folding and the identities {@code x + 0}, {@code x * 1}. */
    public Value realOp(Value.Op op, Value a, Value b) {
        a = real(a);
        b = real(b);
        if (a.op == Value.Op.CONST_D && b.op == Value.Op.CONST_D) {
            double x = a.realConstant();
            double y = b.realConstant();
            return constReal(switch (op) {
                case DADD -> x + y;
                case DSUB -> x - y;
                case DMUL -> x * y;
                case DDIV -> x / y;
                default -> throw new IllegalArgumentException(op.name());
            });
        }
        if (op == Value.Op.DADD && isConst(b, 0)) return a;
        if (op == Value.Op.DADD && isConst(a, 0)) return b;
        if (op == Value.Op.DSUB && isConst(b, 0)) return a;
        if (op == Value.Op.DMUL && isConst(b, 1)) return a;
        if (op == Value.Op.DMUL && isConst(a, 1)) return b;
        if (op == Value.Op.DDIV && isConst(b, 1)) return a;
        return add(op, new Value[] {a, b}, null, Value.Type.REAL);
    }

    public Value realNeg(Value a) {
        a = real(a);
        if (a.op == Value.Op.CONST_D) return constReal(-a.realConstant());
        return add(Value.Op.DNEG, new Value[] {a}, null, Value.Type.REAL);
    }

    /** A library function of REAL arguments. */
    public Value call(FunctionSpec f, List<Value> args) {
        Value[] a = new Value[args.size()];
        for (int k = 0; k < a.length; k++) a[k] = real(args.get(k));
        return add(Value.Op.CALL, a, new Payload.Function(f), Value.Type.REAL);
    }

    /** Operands of a distribution call: INT slots stay INT, REAL slots become REAL. */
    private Value[] distributionArgs(DistributionSpec d, Value outcome, List<Value> args) {
        int off = outcome == null ? 0 : 1;
        Value[] a = new Value[args.size() + off];
        if (outcome != null) a[0] = d.outcome() == ValueType.INT ? integer(outcome) : real(outcome);
        for (int k = 0; k < args.size(); k++) {
            a[k + off] = d.args().get(k).type() == ValueType.INT ? integer(args.get(k)) : real(args.get(k));
        }
        return a;
    }

    /** The log density minus its data-only constant, with partial derivatives (gradient code). */
    public Value kernel(DistributionSpec d, Value outcome, List<Value> args) {
        return add(Value.Op.KERNEL, distributionArgs(d, outcome, args), new Payload.Distribution(d), Value.Type.REAL);
    }

    /** The full log density, constants kept (pointwise log-likelihood). */
    public Value lpdf(DistributionSpec d, Value outcome, List<Value> args) {
        return add(Value.Op.LPDF, distributionArgs(d, outcome, args), new Payload.Distribution(d), Value.Type.REAL);
    }

    /**
     * The summands of a scalar density that Stan's {@code ~} leaves out (the stdlib's
     * {@code dropped}): bit k of {@code data} says operand k (0 the outcome) is data; the other
     * operands' values are not read (pass any value of their type).
     */
    public Value dropped(DistributionSpec d, Value data, Value outcome, List<Value> args) {
        Value[] ops = distributionArgs(d, outcome, args);
        Value[] a = new Value[ops.length + 1];
        a[0] = integer(data);
        System.arraycopy(ops, 0, a, 1, ops.length);
        return add(Value.Op.DROPPED, a, new Payload.Distribution(d), Value.Type.REAL);
    }

    /** The data-only constant of a discrete density: its outcome and INT arguments. */
    public Value constant(DistributionSpec d, Value outcome, List<Value> intArgs) {
        Value[] a = new Value[intArgs.size() + 1];
        a[0] = integer(outcome);
        for (int k = 0; k < intArgs.size(); k++) a[k + 1] = integer(intArgs.get(k));
        return add(Value.Op.CONSTANT, a, new Payload.Distribution(d), Value.Type.REAL);
    }

    /**
     * A density with vector or matrix operands (see {@link VectorDensity} for the arguments):
     * {@code kernel} true gives VKERNEL (constants dropped, partials into {@code vd.partials()}),
     * false VLPDF (the full log density, no partials).
     *
     * @param operands per operand a {@link Value} (a single value) or a {@link Slice}
     * @param dims     one INT value per size name of the distribution's shapes
     * @param lengths  VKERNEL: the length of each partials array
     */
    public Value vectorDensity(DistributionSpec d, boolean kernel, List<Operand> operands, List<Value> dims, List<Slot> partials,
                               List<Value> lengths) {
        List<Value> a = new ArrayList<>();
        List<Slot> arrays = new ArrayList<>();
        operands(d, operands, 0, a, arrays);
        for (Value v : dims) a.add(integer(v));
        if (kernel) for (Value v : lengths) a.add(integer(v));
        VectorDensity vd = new VectorDensity(d, java.util.Collections.unmodifiableList(arrays), kernel ? List.copyOf(partials) : List.of());
        return add(kernel ? Value.Op.VKERNEL : Value.Op.VLPDF, a.toArray(new Value[0]), vd, Value.Type.REAL);
    }

    /**
     * The summands of a density with vector or matrix operands that Stan's {@code ~} leaves out
     * (VDROPPED, the stdlib's {@code dropped}): operands and dims as {@link #vectorDensity}, bit k
     * of {@code data} set when operand k is data (the others are not read).
     */
    public Value vectorDropped(DistributionSpec d, Value data, List<Operand> operands, List<Value> dims) {
        List<Value> a = new ArrayList<>();
        a.add(integer(data));
        List<Slot> arrays = new ArrayList<>();
        List<Value> ops = new ArrayList<>();
        operands(d, operands, 0, ops, arrays);
        a.addAll(ops);
        for (Value v : dims) a.add(integer(v));
        VectorDensity vd = new VectorDensity(d, java.util.Collections.unmodifiableList(arrays), List.of());
        return add(Value.Op.VDROPPED, a.toArray(new Value[0]), vd, Value.Type.REAL);
    }

    /**
     * Operands of a {@link VectorDensity} payload: a slice gives its array (into {@code arrays})
     * and INT offset, a single value itself (INT or REAL as the distribution's slot), into {@code a}.
     *
     * @param first position of {@code operands.get(0)} among the distribution's operands (0 the outcome, 1 the first argument)
     */
    private void operands(DistributionSpec d, List<Operand> operands, int first, List<Value> a, List<Slot> arrays) {
        for (int k = 0; k < operands.size(); k++) {
            int at = k + first;
            boolean integer = at == 0 ? d.outcome() == ValueType.INT : d.args().get(at - 1).type() == ValueType.INT;
            operands.get(k).fold(v -> {
                arrays.add(null);
                return a.add(integer ? integer(v) : real(v));
            }, sl -> {
                arrays.add(sl.array());
                return a.add(integer(sl.offset()));
            });
        }
    }

    /** {@code log P(Y <= at)} ({@code complement}: {@code log P(Y > at)}), with partials in gradient code. */
    public Value cdf(DistributionSpec d, boolean complement, Value at, List<Value> args) {
        return add(complement ? Value.Op.LCCDF : Value.Op.LCDF, distributionArgs(d, at, args), new Payload.Distribution(d), Value.Type.REAL);
    }

    /**
     * A random draw of a single value from a distribution with vector arguments: operands are the
     * arguments only ({@link Value}s or {@link Slice}s; the payload's arrays list starts with a null
     * for the absent outcome).
     */
    public Value vectorRng(DistributionSpec d, List<Operand> args, List<Value> dims) {
        List<Value> a = new ArrayList<>();
        List<Slot> arrays = new ArrayList<>();
        arrays.add(null);
        operands(d, args, 1, a, arrays);
        for (Value v : dims) a.add(integer(v));
        VectorDensity vd = new VectorDensity(d, java.util.Collections.unmodifiableList(arrays), List.of());
        return add(Value.Op.VRNG, a.toArray(new Value[0]), vd, d.outcome() == ValueType.INT ? Value.Type.INT : Value.Type.REAL);
    }

    /** A random draw. */
    public Value rng(DistributionSpec d, List<Value> args) {
        return add(Value.Op.RNG, distributionArgs(d, null, args), new Payload.Distribution(d),
                d.outcome() == ValueType.INT ? Value.Type.INT : Value.Type.REAL);
    }

    /** A comparison of two numbers (both made REAL unless both are INT). */
    public Value compare(Value.Op op, Value a, Value b) {
        if (a.type == Value.Type.INT && b.type == Value.Type.INT) return add(op, new Value[] {a, b}, null, Value.Type.BOOL);
        return add(op, new Value[] {real(a), real(b)}, null, Value.Type.BOOL);
    }

    public Value stringEquals(Value a, Value b) {
        return add(Value.Op.STREQ, new Value[] {a, b}, null, Value.Type.BOOL);
    }

    public Value logic(Value.Op op, Value a, Value b) {
        return add(op, new Value[] {bool(a), bool(b)}, null, Value.Type.BOOL);
    }

    public Value not(Value a) {
        return add(Value.Op.NOT, new Value[] {bool(a)}, null, Value.Type.BOOL);
    }

    private static Value bool(Value v) {
        if (v.type != Value.Type.BOOL) throw new IllegalArgumentException("not a bool: " + v);
        return v;
    }

    /** {@code test ? yes : no}; INT when both branches are INT, else REAL. */
    public Value select(Value test, Value yes, Value no) {
        if (test.op == Value.Op.CONST_I) return test.intConstant() != 0 ? yes : no;
        if (yes.type == Value.Type.INT && no.type == Value.Type.INT) {
            return add(Value.Op.SELECT, new Value[] {bool(test), yes, no}, null, Value.Type.INT);
        }
        return add(Value.Op.SELECT, new Value[] {bool(test), real(yes), real(no)}, null, Value.Type.REAL);
    }

    /** A readable listing, for tests and {@code ulam check --ir}. */
    public String dump() {
        StringBuilder sb = new StringBuilder("segment ").append(name);
        if (counter != null) sb.append(" loop v").append(counter.id).append(" < v").append(tripCount == null ? -1 : tripCount.id);
        sb.append(fused() ? " (fused)" : "").append('\n');
        for (Value v : values) sb.append("  ").append(v).append('\n');
        for (Sink s : sinks) sb.append("  ").append(s).append('\n');
        return sb.toString();
    }
}
