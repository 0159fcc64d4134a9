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
        VectorDensity vd = (VectorDensity) v.payload();
        List<Object> operands = new ArrayList<>();
        for (int k = 0; k < vd.operands(); k++) {
            Slot a = vd.arrays().get(k);
            operands.add(a == null ? of(v.arg(k)) : new Segment.Slice(a, of(v.arg(k))));
        }
        int n = vd.operands();
        List<Value> dims = args(v, n).subList(0, vd.dims());
        List<Value> lengths = args(v, n + vd.dims());
        return target.vectorDensity(vd.distribution(), v.op() == Value.Op.VKERNEL, operands, dims, vd.partials(), lengths);
    }

    private Value vectorRng(Value v) {
        VectorDensity vd = (VectorDensity) v.payload();
        List<Object> args = new ArrayList<>();
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
            case CONST_I -> v.type() == Value.Type.BOOL ? t.constBool((Integer) v.payload() != 0) : t.constInt((Integer) v.payload());
            case CONST_D -> t.constReal((Double) v.payload());
            case CONST_S -> t.constString((String) v.payload());
            case COUNTER -> {
                if (t.counter() == null) throw new IllegalStateException("counter copied into a segment without a loop");
                yield t.counter();
            }
            case SLOT -> t.slot((Slot) v.payload());
            case LOAD -> t.load((Slot) v.payload(), of(v.arg(0)));
            case IADD, ISUB, IMUL, IDIV, IREM -> t.intOp(v.op(), of(v.arg(0)), of(v.arg(1)));
            case INEG -> t.intNeg(of(v.arg(0)));
            case I2D -> t.real(of(v.arg(0)));
            case DADD, DSUB, DMUL, DDIV -> t.realOp(v.op(), of(v.arg(0)), of(v.arg(1)));
            case DNEG -> t.realNeg(of(v.arg(0)));
            case CALL -> t.call((FunctionSpec) v.payload(), args(v, 0));
            case KERNEL -> t.kernel((DistributionSpec) v.payload(), of(v.arg(0)), args(v, 1));
            case LPDF -> t.lpdf((DistributionSpec) v.payload(), of(v.arg(0)), args(v, 1));
            case CONSTANT -> t.constant((DistributionSpec) v.payload(), of(v.arg(0)), args(v, 1));
            case RNG -> t.rng((DistributionSpec) v.payload(), args(v, 0));
            case VKERNEL, VLPDF -> vector(v);
            case VRNG -> vectorRng(v);
            case LCDF, LCCDF -> t.cdf((DistributionSpec) v.payload(), v.op() == Value.Op.LCCDF, of(v.arg(0)), args(v, 1));
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
            if (s instanceof Segment.Sink.Accumulate a) {
                target.accumulate(a.target(), of(a.value()));
            } else if (s instanceof Segment.Sink.Store st) {
                target.store(st.array(), of(st.index()), of(st.value()));
            } else if (s instanceof Segment.Sink.Call c) {
                java.util.List<Object> ops = new ArrayList<>();
                for (Object o : c.operands()) {
                    ops.add(o instanceof Value v ? of(v) : new Segment.Slice(((Segment.Slice) o).array(), of(((Segment.Slice) o).offset())));
                }
                java.util.List<Value> dims = new ArrayList<>();
                for (Value d : c.dims()) dims.add(of(d));
                target.call(c.function(), ops, dims, new Segment.Slice(c.out().array(), of(c.out().offset())));
            } else {
                Segment.Sink.Set set = (Segment.Sink.Set) s;
                target.set(set.target(), of(set.value()));
            }
        }
    }
}
