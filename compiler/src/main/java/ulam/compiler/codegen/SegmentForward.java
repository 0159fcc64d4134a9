package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Operand;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.compiler.codegen.SegmentGen.Mode;

/**
 * The forward code of a segment's values and sinks: each {@link Value.Op} as straight-line
 * arithmetic over JVM locals (calls of the stdlib for functions and densities), the sinks (log
 * density sums, stores, draws, calls), and in {@link Mode#DIAGNOSE} the test of each term.
 */
abstract class SegmentForward extends SegmentVectors {

    SegmentForward(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
        super(cls, mv, seg, mode, firstLocal, sum, block);
    }

    void forward(Value v) {
        switch (v.op()) {
            case CONST_I, CONST_D, CONST_S -> { return; }
            case COUNTER -> { return; }
            default -> { }
        }
        switch (v.op()) {
            case SLOT -> mv.visitVarInsn(loadOp(v.type()), fieldLocals.get(v.slot()));
            case LOAD -> {
                Slot s = v.slot();
                mv.visitVarInsn(ALOAD, fieldLocals.get(s));
                load(v.arg(0));
                mv.visitInsn(switch (s.type()) {
                    case INT_ARRAY -> IALOAD;
                    case REAL_ARRAY -> DALOAD;
                    default -> AALOAD;
                });
            }
            case IADD, ISUB, IMUL, IDIV, IREM -> {
                load(v.arg(0));
                load(v.arg(1));
                mv.visitInsn(switch (v.op()) {
                    case IADD -> IADD;
                    case ISUB -> ISUB;
                    case IMUL -> IMUL;
                    case IDIV -> IDIV;
                    default -> IREM;
                });
            }
            case INEG -> {
                load(v.arg(0));
                mv.visitInsn(INEG);
            }
            case I2D -> {
                load(v.arg(0));
                mv.visitInsn(I2D);
            }
            case DADD, DSUB, DMUL, DDIV -> {
                load(v.arg(0));
                load(v.arg(1));
                mv.visitInsn(switch (v.op()) {
                    case DADD -> DADD;
                    case DSUB -> DSUB;
                    case DMUL -> DMUL;
                    default -> DDIV;
                });
            }
            case DNEG -> {
                load(v.arg(0));
                mv.visitInsn(DNEG);
            }
            case CALL -> {
                FunctionSpec f = v.function();
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(f.implementation()), f.method(), Calls.function(f), false);
            }
            case KERNEL -> {
                DistributionSpec d = v.distribution();
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                mv.visitVarInsn(ALOAD, dk);
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "kernel", Calls.kernel(d), false);
            }
            case LPDF -> {
                DistributionSpec d = v.distribution();
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "lpdf", Calls.lpdf(d), false);
            }
            case CONSTANT -> {
                DistributionSpec d = v.distribution();
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "constant", Calls.constant(d), false);
            }
            case DROPPED -> {
                DistributionSpec d = v.distribution();
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "dropped", ulam.stdlib.Signatures.dropped(d), false);
            }
            case VKERNEL, VLPDF -> vectorDensity(v);
            case VDROPPED -> {
                ulam.compiler.ir.VectorDensity vd = v.vector();
                load(v.arg(0));
                for (int k = 0; k < vd.operands(); k++) {
                    Slot a = vd.arrays().get(k);
                    if (a != null) mv.visitVarInsn(ALOAD, fieldLocals.get(a));
                    load(v.arg(k + 1));
                }
                for (int k = 0; k < vd.dims(); k++) load(v.arg(vd.operands() + 1 + k));
                DistributionSpec d = vd.distribution();
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "dropped", ulam.stdlib.Signatures.dropped(d), false);
            }
            case VRNG -> {
                ulam.compiler.ir.VectorDensity vd = v.vector();
                DistributionSpec d = vd.distribution();
                mv.visitVarInsn(ALOAD, rng);
                int n = vd.operands() - 1;
                for (int k = 0; k < n; k++) {
                    Slot a = vd.arrays().get(k + 1);
                    if (a != null) mv.visitVarInsn(ALOAD, fieldLocals.get(a));
                    load(v.arg(k));
                }
                for (int k = n; k < v.arity(); k++) load(v.arg(k));
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "rng", Calls.rng(d), false);
            }
            case LCDF, LCCDF -> {
                DistributionSpec d = v.distribution();
                String method = v.op() == Value.Op.LCDF ? "lcdf" : "lccdf";
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                if (gradient && v.active()) {
                    mv.visitVarInsn(ALOAD, dk);
                    mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), method + "Grad", ulam.stdlib.Signatures.cdfGrad(d), false);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), method, ulam.stdlib.Signatures.cdf(d), false);
                }
            }
            case RNG -> {
                DistributionSpec d = v.distribution();
                mv.visitVarInsn(ALOAD, rng);
                for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "rng", Calls.rng(d), false);
            }
            case LT, LE, GT, GE, EQ, NE -> compare(v);
            case STREQ -> {
                load(v.arg(0));
                load(v.arg(1));
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z", false);
            }
            case AND, OR -> {
                load(v.arg(0));
                load(v.arg(1));
                mv.visitInsn(v.op() == Value.Op.AND ? IAND : IOR);
            }
            case NOT -> {
                load(v.arg(0));
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IXOR);
            }
            case SELECT -> {
                Label no = new Label();
                Label done = new Label();
                load(v.arg(0));
                mv.visitJumpInsn(IFEQ, no);
                load(v.arg(1));
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(no);
                load(v.arg(2));
                mv.visitLabel(done);
            }
            default -> throw new IllegalStateException(v.op().name());
        }
        local[v.id()] = alloc(v.type());
        mv.visitVarInsn(store(v.type()), local[v.id()]);
        if ((v.op() == Value.Op.KERNEL || v.op() == Value.Op.VKERNEL || v.op() == Value.Op.LCDF || v.op() == Value.Op.LCCDF)
                && gradient && v.active()) {
            int n = v.op() != Value.Op.VKERNEL ? v.arity() : v.vector().operands();
            int[] p = new int[n];
            for (int k = 0; k < n; k++) {
                if (v.op() == Value.Op.VKERNEL && v.vector().arrays().get(k) != null) continue;
                if (!v.arg(k).active()) continue;
                p[k] = allocDouble();
                mv.visitVarInsn(ALOAD, dk);
                Bytecode.pushInt(mv, k);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DSTORE, p[k]);
            }
            partials.put(v.id(), p);
        }
    }

    void compare(Value v) {
        Label yes = new Label();
        Label done = new Label();
        load(v.arg(0));
        load(v.arg(1));
        boolean ints = v.arg(0).type() != Value.Type.REAL;
        if (ints) {
            mv.visitJumpInsn(switch (v.op()) {
                case LT -> IF_ICMPLT;
                case LE -> IF_ICMPLE;
                case GT -> IF_ICMPGT;
                case GE -> IF_ICMPGE;
                case EQ -> IF_ICMPEQ;
                default -> IF_ICMPNE;
            }, yes);
        } else {
            // NaN compares false: dcmpg for < and <=, dcmpl for > and >=
            mv.visitInsn(v.op() == Value.Op.LT || v.op() == Value.Op.LE ? DCMPG : DCMPL);
            mv.visitJumpInsn(switch (v.op()) {
                case LT -> IFLT;
                case LE -> IFLE;
                case GT -> IFGT;
                case GE -> IFGE;
                case EQ -> IFEQ;
                default -> IFNE;
            }, yes);
        }
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    void sinks() {
        if (mode == Mode.BACKWARD) return;   // the backward sweep writes no sink: it propagates their adjoints
        for (Segment.Sink s : seg.sinks()) s.accept(emitSink);
    }

    /** The forward code of each kind of sink. */
    final Segment.Sink.Visitor<Void> emitSink = new Segment.Sink.Visitor<>() {
        @Override
        public Void accumulate(Segment.Sink.Accumulate a) {
            int target = a.target() == null ? lp : sums.get(a.target());
            mv.visitVarInsn(DLOAD, target);
            load(a.value());
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, target);
            if (mode == Mode.DIAGNOSE && a.target() == null) testFinite(a.value());
            return null;
        }

        @Override
        public Void store(Segment.Sink.Store st) {
            mv.visitVarInsn(ALOAD, fieldLocals.get(st.array()));
            load(st.index());
            load(st.value());
            mv.visitInsn(switch (st.array().type()) {
                case INT_ARRAY -> IASTORE;
                case REAL_ARRAY -> DASTORE;
                default -> AASTORE;
            });
            return null;
        }

        @Override
        public Void draw(Segment.Draw d) {
            mv.visitVarInsn(ALOAD, rng);
            for (Operand o : d.operands()) pushOperand(o);
            for (Value v : d.dims()) load(v);
            mv.visitVarInsn(ALOAD, fieldLocals.get(d.out().array()));
            load(d.out().offset());
            DistributionSpec spec = d.distribution();
            mv.visitMethodInsn(INVOKESTATIC, Calls.owner(spec.implementation()), "rng", Calls.rng(spec), false);
            return null;
        }

        @Override
        public Void call(Segment.Sink.Call c) {
            FunctionSpec f = c.function();
            boolean scalar = f.resultShape().isEmpty();
            if (scalar) {   // the value goes to out[off]
                mv.visitVarInsn(ALOAD, fieldLocals.get(c.out().array()));
                load(c.out().offset());
            }
            pushOperands(c);
            if (!scalar) {
                mv.visitVarInsn(ALOAD, fieldLocals.get(c.out().array()));
                load(c.out().offset());
            }
            mv.visitMethodInsn(INVOKESTATIC, Calls.owner(f.implementation()), f.method(), Calls.function(f), false);
            if (scalar) mv.visitInsn(DASTORE);
            return null;
        }

        @Override
        public Void set(Segment.Sink.Set set) {
            mv.visitVarInsn(ALOAD, 0);
            load(set.value());
            mv.visitFieldInsn(PUTFIELD, cls.internalName(), set.target().field(), set.target().type().descriptor);
            return null;
        }
    };

    /** Pushes one operand: a value, or an array and an offset. */
    void pushOperand(Operand o) {
        o.fold(v -> {
            load(v);
            return null;
        }, sl -> {
            mv.visitVarInsn(ALOAD, fieldLocals.get(sl.array()));
            load(sl.offset());
            return null;
        });
    }

    /** Pushes a call's operands (values, or array and offset) and its dims. */
    void pushOperands(Segment.Sink.Call c) {
        for (Operand o : c.operands()) pushOperand(o);
        for (Value d : c.dims()) load(d);
    }

    /**
     * DIAGNOSE: after a term is added, {@code if (!Double.isFinite(term))} the model's diagnosis
     * is set ({@code ModelSupport.nonFiniteTerm}) and the segment left.
     */
    void testFinite(Value term) {
        ulam.runtime.SourceLocation at = cls.ir.termLines().get(seg);
        if (at == null) return;
        Label ok = new Label();
        load(term);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isFinite", "(D)Z", false);
        mv.visitJumpInsn(IFNE, ok);
        java.util.List<Value> read = new java.util.ArrayList<>();
        StringBuilder names = new StringBuilder();
        Value row = null;
        Slot rows = null;
        for (Value v : seg.values()) {
            if (v.op() != Value.Op.LOAD && v.op() != Value.Op.SLOT || v.type() == Value.Type.STRING) continue;
            ulam.compiler.ir.ModelIR.DataName name = cls.ir.dataNames().get(v.slot());
            if (name == null) continue;
            if (v.op() == Value.Op.LOAD && !v.invariant() && row == null) {
                row = v.arg(0);
                rows = name.rows();
            }
            if (names.length() > 0) names.append(ulam.runtime.model.ModelSupport.NAME_SEPARATOR);
            names.append(name.name());
            read.add(v);
        }
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushLocation(mv, at);
        if (row != null && rows != null) {   // element c of a per-distinct-row copy is data row rows[c]
            cls.getField(mv, rows);
            load(row);
            mv.visitInsn(IALOAD);
        } else if (row != null) {
            load(row);
        } else {
            mv.visitInsn(ICONST_M1);
        }
        load(term);
        Bytecode.pushString(mv, names.toString());
        Bytecode.pushInt(mv, read.size());
        mv.visitIntInsn(NEWARRAY, T_DOUBLE);
        for (int k = 0; k < read.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            load(read.get(k));
            if (read.get(k).type() != Value.Type.REAL) mv.visitInsn(I2D);
            mv.visitInsn(DASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, ClassContext.SUPPORT, "nonFiniteTerm", "(" + ClassContext.LOCATION
                + "IDLjava/lang/String;[D)" + ClassContext.NON_FINITE, false);
        mv.visitFieldInsn(PUTFIELD, cls.internalName(), ClassContext.DIAGNOSIS, ClassContext.NON_FINITE);
        mv.visitJumpInsn(GOTO, exit);
        mv.visitLabel(ok);
    }
}
