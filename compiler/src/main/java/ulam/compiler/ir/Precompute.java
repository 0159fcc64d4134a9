package ulam.compiler.ir;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IR pass: values of a loop that change from iteration to iteration but depend on data alone
 * (the flat index {@code (T[i]-1) + (B[i]-1)*4 + offset} of {@code b[T,B]}, a derived
 * {@code log(x[i])}) are computed once when the data are bound, into an array, and the loop reads
 * that array instead. The log density is unchanged; each gradient does less work.
 */
final class Precompute {
    private Precompute() {}

    /** The pass: every line's log density. */
    static final Pass PASS = Pass.of("precompute",
            "per-row values that depend on data alone are computed once, when the data are bound",
            (seg, ctx) -> hoist(seg, ctx, ctx.prep()));

    /** Makes a field of the model class. */
    interface Slots {
        Slot make(Slot.Type type, String label);
    }

    /**
     * Rewrites a loop segment, adding the bind-time computation to {@code prep}; returns the
     * segment itself when there is nothing worth moving.
     */
    static Segment hoist(Segment seg, Slots slots, List<PrepStep> prep) {
        if (!seg.hasLoop()) return seg;
        IntExpr count = intExpr(seg.tripCount());
        if (count == null) return seg;
        List<Value> values = seg.values();
        boolean[] dataOnly = new boolean[values.size()];
        boolean[] usedOutside = new boolean[values.size()];
        boolean[] readsRow = new boolean[values.size()];   // reads data at a position that changes with the counter
        for (Value v : values) {
            dataOnly[v.id()] = isDataOnly(v, dataOnly);
            boolean r = v.op() == Value.Op.LOAD && !v.invariant();
            for (int k = 0; k < v.arity(); k++) r |= readsRow[v.arg(k).id()];
            readsRow[v.id()] = r;
        }
        for (Value v : values) {
            if (dataOnly[v.id()]) continue;
            for (int k = 0; k < v.arity(); k++) usedOutside[v.arg(k).id()] = true;
        }
        for (Segment.Sink s : seg.sinks()) for (Value v : sinkValues(s)) usedOutside[v.id()] = true;
        Map<Value, Slot> moved = new LinkedHashMap<>();
        for (Value v : values) {
            if (!dataOnly[v.id()] || !usedOutside[v.id()] || !readsRow[v.id()] || trivial(v)) continue;
            if (v.type() != Value.Type.INT && v.type() != Value.Type.REAL) continue;
            Slot s = slots.make(v.type() == Value.Type.INT ? Slot.Type.INT_ARRAY : Slot.Type.REAL_ARRAY,
                    "precomputed v" + v.id() + " of " + seg.name());
            moved.put(v, s);
        }
        if (moved.isEmpty()) return seg;

        Segment fill = Segment.loop("precompute for " + seg.name());
        Rebuild intoFill = new Rebuild(fill, v -> null);
        fill.count(intoFill.of(seg.tripCount()));
        for (Map.Entry<Value, Slot> e : moved.entrySet()) {
            prep.add(new PrepStep.Allocate(e.getValue(), count));
            fill.store(e.getValue(), fill.counter(), intoFill.of(e.getKey()));
        }
        prep.add(new PrepStep.Run(fill));

        Segment out = Segment.loop(seg.name());
        Map<Value, Value> loads = new HashMap<>();
        Rebuild intoOut = new Rebuild(out, v -> {
            Slot s = moved.get(v);
            if (s == null) return null;
            return loads.computeIfAbsent(v, k -> out.load(s, out.counter()));
        });
        out.count(intoOut.of(seg.tripCount()));
        intoOut.sinks(seg);
        return out;
    }

    /** The values a sink reads. */
    private static List<Value> sinkValues(Segment.Sink s) {
        return s.accept(new Segment.Sink.Visitor<List<Value>>() {
            @Override public List<Value> accumulate(Segment.Sink.Accumulate a) { return List.of(a.value()); }
            @Override public List<Value> store(Segment.Sink.Store st) { return List.of(st.index(), st.value()); }
            @Override public List<Value> set(Segment.Sink.Set set) { return List.of(set.value()); }
            @Override public List<Value> call(Segment.Sink.Call c) { return operandValues(c.operands(), c.dims(), c.out()); }
            @Override public List<Value> draw(Segment.Draw d) { return operandValues(d.operands(), d.dims(), d.out()); }
        });
    }

    private static List<Value> operandValues(List<Operand> operands, List<Value> dims, Segment.Slice out) {
        List<Value> read = new java.util.ArrayList<>();
        for (Operand o : operands) read.add(o.fold(v -> v, Segment.Slice::offset));
        read.addAll(dims);
        read.add(out.offset());
        return read;
    }

    /** Depends on data and the counter only: no parameter, no density, no random draw. */
    private static boolean isDataOnly(Value v, boolean[] dataOnly) {
        switch (v.op()) {
            case KERNEL, LPDF, CONSTANT, DROPPED, RNG, VKERNEL, VLPDF, VDROPPED, LCDF, LCCDF, VRNG -> { return false; }
            case LOAD, SLOT -> {
                if (v.slot().adjoint()) return false;
            }
            default -> { }
        }
        if (v.active()) return false;
        for (int k = 0; k < v.arity(); k++) if (!dataOnly[v.arg(k).id()]) return false;
        return true;
    }

    /** Already as cheap as reading an array: an element of a data array at the counter (possibly as a real). */
    private static boolean trivial(Value v) {
        if (v.op() == Value.Op.I2D) v = v.arg(0);
        return v.op() == Value.Op.COUNTER || v.op() == Value.Op.LOAD && v.arg(0).op() == Value.Op.COUNTER;
    }

    /** An invariant integer value as a bind-time expression, or null if it is not one. */
    static IntExpr intExpr(Value v) {
        if (v == null) return null;
        return switch (v.op()) {
            case CONST_I -> new IntExpr.Const(v.intConstant());
            case SLOT -> v.type() == Value.Type.INT ? new IntExpr.Of(v.slot()) : null;
            case IADD, IMUL -> {
                IntExpr a = intExpr(v.arg(0));
                IntExpr b = intExpr(v.arg(1));
                yield a == null || b == null ? null : v.op() == Value.Op.IADD ? new IntExpr.Add(a, b) : new IntExpr.Mul(a, b);
            }
            default -> null;
        };
    }
}
