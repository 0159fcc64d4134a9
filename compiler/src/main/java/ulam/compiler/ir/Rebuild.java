package ulam.compiler.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;

/**
 * Copies values of one {@link Segment} into another through its factory methods (so they are
 * shared and folded there too), with a substitution: the basis of the IR passes that move work
 * between segments ({@link Precompute}, {@link Aggregate}).
 */
final class Rebuild {
    private final Segment target;
    private final Function<Value, Value> substitute;
    private final Map<Value, Value> done = new HashMap<>();

    /**
     * @param target     the segment to build in
     * @param substitute for a source value, its replacement in {@code target}, or null to copy it
     */
    Rebuild(Segment target, Function<Value, Value> substitute) {
        this.target = target;
        this.substitute = substitute;
    }

    /** The copy of {@code v} in the target segment. */
    Value of(Value v) {
        Value r = done.get(v);
        if (r != null) return r;
        r = substitute.apply(v);
        if (r == null) r = copy(v);
        done.put(v, r);
        return r;
    }

    private List<Value> args(Value v, int from) {
        List<Value> out = new ArrayList<>();
        for (int k = from; k < v.arity(); k++) out.add(of(v.arg(k)));
        return out;
    }

    private Value vector(Value v) {
        VectorDensity vd = v.vector();
        List<Operand> operands = new ArrayList<>();
        for (int k = 0; k < vd.operands(); k++) {
            Slot a = vd.arrays().get(k);
            operands.add(a == null ? of(v.arg(k)) : new Segment.Slice(a, of(v.arg(k))));
        }
        int n = vd.operands();
        List<Value> dims = args(v, n).subList(0, vd.dims());
        List<Value> lengths = args(v, n + vd.dims());
        return target.vectorDensity(vd.distribution(), v.op() == Value.Op.VKERNEL, operands, dims, vd.partials(), lengths);
    }

    private Value vectorDropped(Value v) {
        VectorDensity vd = v.vector();
        List<Operand> operands = new ArrayList<>();
        for (int k = 0; k < vd.operands(); k++) {
            Slot a = vd.arrays().get(k);
            operands.add(a == null ? of(v.arg(k + 1)) : new Segment.Slice(a, of(v.arg(k + 1))));
        }
        return target.vectorDropped(vd.distribution(), of(v.arg(0)), operands, args(v, vd.operands() + 1));
    }

    private Value vectorRng(Value v) {
        VectorDensity vd = v.vector();
        List<Operand> args = new ArrayList<>();
        int n = vd.operands() - 1;
        for (int k = 0; k < n; k++) {
            Slot a = vd.arrays().get(k + 1);
            args.add(a == null ? of(v.arg(k)) : new Segment.Slice(a, of(v.arg(k))));
        }
        return target.vectorRng(vd.distribution(), args, args(v, n));
    }

    private Value copy(Value v) {
        Segment t = target;
        return switch (v.op()) {
            case CONST_I -> v.type() == Value.Type.BOOL ? t.constBool(v.intConstant() != 0) : t.constInt(v.intConstant());
            case CONST_D -> t.constReal(v.realConstant());
            case CONST_S -> t.constString(v.text());
            case COUNTER -> {
                if (t.counter() == null) throw new IllegalStateException("counter copied into a segment without a loop");
                yield t.counter();
            }
            case SLOT -> t.slot(v.slot());
            case LOAD -> t.load(v.slot(), of(v.arg(0)));
            case IADD, ISUB, IMUL, IDIV, IREM -> t.intOp(v.op(), of(v.arg(0)), of(v.arg(1)));
            case INEG -> t.intNeg(of(v.arg(0)));
            case I2D -> t.real(of(v.arg(0)));
            case DADD, DSUB, DMUL, DDIV -> t.realOp(v.op(), of(v.arg(0)), of(v.arg(1)));
            case DNEG -> t.realNeg(of(v.arg(0)));
            case CALL -> t.call(v.function(), args(v, 0));
            case KERNEL -> t.kernel(v.distribution(), of(v.arg(0)), args(v, 1));
            case LPDF -> t.lpdf(v.distribution(), of(v.arg(0)), args(v, 1));
            case CONSTANT -> t.constant(v.distribution(), of(v.arg(0)), args(v, 1));
            case DROPPED -> t.dropped(v.distribution(), of(v.arg(0)), of(v.arg(1)), args(v, 2));
            case RNG -> t.rng(v.distribution(), args(v, 0));
            case VKERNEL, VLPDF -> vector(v);
            case VDROPPED -> vectorDropped(v);
            case VRNG -> vectorRng(v);
            case LCDF, LCCDF -> t.cdf(v.distribution(), v.op() == Value.Op.LCCDF, of(v.arg(0)), args(v, 1));
            case LT, LE, GT, GE, EQ, NE -> t.compare(v.op(), of(v.arg(0)), of(v.arg(1)));
            case STREQ -> t.stringEquals(of(v.arg(0)), of(v.arg(1)));
            case AND, OR -> t.logic(v.op(), of(v.arg(0)), of(v.arg(1)));
            case NOT -> t.not(of(v.arg(0)));
            case SELECT -> t.select(of(v.arg(0)), of(v.arg(1)), of(v.arg(2)));
        };
    }

    /** Copies every sink of {@code from} into the target. */
    void sinks(Segment from) {
        for (Segment.Sink s : from.sinks()) {
            s.accept(new Segment.Sink.Visitor<Void>() {
                @Override public Void accumulate(Segment.Sink.Accumulate a) {
                    target.accumulate(a.target(), of(a.value()));
                    return null;
                }
                @Override public Void store(Segment.Sink.Store st) {
                    target.store(st.array(), of(st.index()), of(st.value()));
                    return null;
                }
                @Override public Void set(Segment.Sink.Set set) {
                    target.set(set.target(), of(set.value()));
                    return null;
                }
                @Override public Void call(Segment.Sink.Call c) {
                    target.call(c.function(), operands(c.operands()), values(c.dims()), slice(c.out()));
                    return null;
                }
                @Override public Void draw(Segment.Draw d) {
                    target.draw(d.distribution(), operands(d.operands()), values(d.dims()), slice(d.out()));
                    return null;
                }
            });
        }
    }

    private List<Operand> operands(List<Operand> ops) {
        List<Operand> out = new ArrayList<>(ops.size());
        for (Operand o : ops) out.add(o.fold(this::of, this::slice));
        return out;
    }

    private List<Value> values(List<Value> vs) {
        List<Value> out = new ArrayList<>(vs.size());
        for (Value v : vs) out.add(of(v));
        return out;
    }

    private Segment.Slice slice(Segment.Slice s) {
        return new Segment.Slice(s.array(), of(s.offset()));
    }
}
