package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Operand;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;
import ulam.stdlib.FunctionSpec;
import ulam.compiler.codegen.SegmentGen.Mode;

/**
 * The reverse sweep of a segment (docs/design.md step 6, adjoints by source transformation): the
 * seeds (1 for each log density term, or the results' adjoints in a backward sweep), the adjoint
 * of each {@link Value.Op} propagated to its operands, and the adjoint of block calls.
 */
abstract class SegmentReverse extends SegmentForward {

    SegmentReverse(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
        super(cls, mv, seg, mode, firstLocal, sum, block);
    }

    /** Seeds the reverse sweep: 1 for each log density term, the results' adjoints in a backward sweep. */
    void seeds() {
        for (Segment.Sink s : seg.sinks()) {
            if (s instanceof Segment.Sink.Accumulate a) {
                if (!a.value().active()) continue;
                if (a.target() == null) {
                    if (mode == Mode.FUSED) contribute(a.value(), () -> mv.visitInsn(DCONST_1));
                } else if (mode == Mode.BACKWARD) {
                    int seed = adjointLocals.get(a.target());
                    contribute(a.value(), () -> mv.visitVarInsn(DLOAD, seed));
                }
            } else if (s instanceof Segment.Sink.Call c && mode == Mode.BACKWARD && c.out().array().adjoint()) {
                callBackward(c);
            } else if (s instanceof Segment.Sink.Store st && mode == Mode.BACKWARD && st.array().adjoint() && st.value().active()) {
                int arr = adjointLocals.get(st.array());
                contribute(st.value(), () -> {
                    mv.visitVarInsn(ALOAD, arr);
                    load(st.index());
                    mv.visitInsn(DALOAD);
                });
            }
        }
    }

    /**
     * The adjoint of a BLOCK call: {@code fBackward(operands, dims, result, d, adjoints)} adds into
     * the adjoint arrays of array operands (null for data); the scalar operands' contributions come
     * back in {@code d} and go into their values' adjoints.
     */
    void callBackward(Segment.Sink.Call c) {
        FunctionSpec f = c.function();
        pushOperands(c);
        Segment.Slice out = c.out();
        if (f.resultShape().isEmpty()) {
            mv.visitVarInsn(ALOAD, fieldLocals.get(out.array()));
            load(out.offset());
            mv.visitInsn(DALOAD);
            mv.visitVarInsn(ALOAD, adjointOf(out.array(), true));
            load(out.offset());
            mv.visitInsn(DALOAD);
        } else {
            mv.visitVarInsn(ALOAD, fieldLocals.get(out.array()));
            load(out.offset());
            mv.visitVarInsn(ALOAD, adjointOf(out.array(), true));
            load(out.offset());
        }
        mv.visitVarInsn(ALOAD, dk);
        for (int k = 0; k < c.operands().size(); k++) {
            Operand o = c.operands().get(k);
            if (!(o instanceof Segment.Slice sl) || f.args().get(k) != ulam.stdlib.ValueType.REAL) continue;
            if (sl.array().adjoint()) {
                mv.visitVarInsn(ALOAD, adjointOf(sl.array(), true));
            } else {
                mv.visitInsn(ACONST_NULL);   // data: no adjoint
            }
            load(sl.offset());
        }
        mv.visitMethodInsn(INVOKESTATIC, Calls.owner(f.implementation()), f.method() + "Backward",
                ulam.stdlib.Signatures.backward(f), false);
        for (int k = 0; k < c.operands().size(); k++) {
            if (!(c.operands().get(k) instanceof Value v) || !v.active()) continue;
            int kk = k;
            contribute(v, () -> {
                mv.visitVarInsn(ALOAD, dk);
                Bytecode.pushInt(mv, kk);
                mv.visitInsn(DALOAD);
            });
        }
    }

    /** Propagates the adjoint of {@code v} to its operands (or into the adjoint of the slot it reads). */
    void reverse(Value v) {
        int id = v.id();
        if (!adjSet[id]) return;   // nothing depends on it
        int a = adj[id];
        switch (v.op()) {
            case LOAD -> {
                Slot s = v.slot();
                int arr = adjointLocals.get(s);
                mv.visitVarInsn(ALOAD, arr);
                load(v.arg(0));
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DLOAD, a);
                mv.visitInsn(DADD);
                mv.visitInsn(DASTORE);
            }
            case SLOT -> {
                int sum = adjointLocals.get(v.slot());
                mv.visitVarInsn(DLOAD, sum);
                mv.visitVarInsn(DLOAD, a);
                mv.visitInsn(DADD);
                mv.visitVarInsn(DSTORE, sum);
            }
            case DADD -> {
                contribute(v.arg(0), () -> mv.visitVarInsn(DLOAD, a));
                contribute(v.arg(1), () -> mv.visitVarInsn(DLOAD, a));
            }
            case DSUB -> {
                contribute(v.arg(0), () -> mv.visitVarInsn(DLOAD, a));
                contribute(v.arg(1), () -> {
                    mv.visitVarInsn(DLOAD, a);
                    mv.visitInsn(DNEG);
                });
            }
            case DMUL -> {
                contribute(v.arg(0), () -> {
                    mv.visitVarInsn(DLOAD, a);
                    load(v.arg(1));
                    mv.visitInsn(DMUL);
                });
                contribute(v.arg(1), () -> {
                    mv.visitVarInsn(DLOAD, a);
                    load(v.arg(0));
                    mv.visitInsn(DMUL);
                });
            }
            case DDIV -> {
                contribute(v.arg(0), () -> {
                    mv.visitVarInsn(DLOAD, a);
                    load(v.arg(1));
                    mv.visitInsn(DDIV);
                });
                contribute(v.arg(1), () -> {   // d(x/y)/dy = -(x/y)/y
                    mv.visitVarInsn(DLOAD, a);
                    load(v);
                    mv.visitInsn(DMUL);
                    load(v.arg(1));
                    mv.visitInsn(DDIV);
                    mv.visitInsn(DNEG);
                });
            }
            case DNEG -> contribute(v.arg(0), () -> {
                mv.visitVarInsn(DLOAD, a);
                mv.visitInsn(DNEG);
            });
            case CALL -> {
                FunctionSpec f = v.function();
                for (int j = 0; j < v.arity(); j++) {
                    int jj = j;
                    contribute(v.arg(j), () -> {
                        mv.visitVarInsn(DLOAD, a);
                        for (int k = 0; k < v.arity(); k++) load(v.arg(k));
                        load(v);
                        mv.visitMethodInsn(INVOKESTATIC, Calls.owner(f.implementation()), f.method() + "D" + jj,
                                Calls.derivative(f), false);
                        mv.visitInsn(DMUL);
                    });
                }
            }
            case KERNEL, LCDF, LCCDF -> {
                int[] p = partials.get(id);
                for (int k = 0; k < v.arity(); k++) {
                    int kk = k;
                    contribute(v.arg(k), () -> {
                        mv.visitVarInsn(DLOAD, a);
                        mv.visitVarInsn(DLOAD, p[kk]);
                        mv.visitInsn(DMUL);
                    });
                }
            }
            case VKERNEL -> vectorDensityReverse(v, a);
            case SELECT -> {
                zeroIfUnset(v.arg(1));
                zeroIfUnset(v.arg(2));
                Label no = new Label();
                Label done = new Label();
                load(v.arg(0));
                mv.visitJumpInsn(IFEQ, no);
                addTo(v.arg(1), a);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(no);
                addTo(v.arg(2), a);
                mv.visitLabel(done);
            }
            case I2D, CONST_D -> { }
            default -> throw new IllegalStateException("no adjoint for " + v.op() + " in " + seg.name());
        }
    }
}
