package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Operand;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;
import ulam.compiler.codegen.SegmentGen.Mode;

/**
 * The state of one segment's code ({@link SegmentGen}, docs/architecture.md, "The compiler, as
 * built"): the JVM locals of its values and of their adjoints, the fields it reads cached in
 * locals, the log density and sum locals, and the code that keeps them: allocation of locals,
 * loading a value, adding to an adjoint, the adjoint locals of slots and their write-back. The
 * layers above it emit the forward code ({@link SegmentVectors}, {@link SegmentForward}), the
 * reverse sweep ({@link SegmentReverse}), the row blocks' code ({@link SegmentRows}) and the
 * segment's structure ({@link SegmentGen}).
 */
abstract class SegmentLocals {

    final ClassContext cls;

    final Segment seg;

    final Mode mode;

    final MethodVisitor mv;

    final boolean gradient;

    final int[] local;

    final int[] adj;

    final boolean[] adjSet;

    final Map<Integer, int[]> partials = new HashMap<>();

    final Map<Slot, Integer> fieldLocals = new HashMap<>();

    final Map<Slot, Integer> adjointLocals = new HashMap<>();

    final Map<Slot, Integer> sums = new HashMap<>();

    final int sum;

    /** The segment's number among those split into row blocks ({@link ClassContext#partition}), or -1. */
    final int partition;

    /** Whether this is the code of one row block: rows from local 1 to local 2, buffers in local 3 ({@link RowBlockGen}). */
    final boolean block;

    int next;

    int lp = -1;

    int dk = -1;

    int rng = -1;

    /** DIAGNOSE: where the segment's code ends. */
    Label exit;

    SegmentLocals(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
        this.cls = cls;
        this.block = block;
        this.partition = block || mode == Mode.DIAGNOSE || mode == Mode.BACKWARD ? -1 : cls.partition(seg);
        this.seg = seg;
        this.mode = mode;
        this.gradient = mode == Mode.FUSED || mode == Mode.BACKWARD;
        this.mv = mv;
        this.next = firstLocal;
        this.sum = sum;
        int n = seg.values().size();
        this.local = new int[n];
        this.adj = new int[n];
        this.adjSet = new boolean[n];
        java.util.Arrays.fill(local, -1);
        java.util.Arrays.fill(adj, -1);
    }

    int alloc(Value.Type t) {
        int l = next;
        next += t == Value.Type.REAL ? 2 : 1;
        return l;
    }

    int allocDouble() {
        int l = next;
        next += 2;
        return l;
    }

    int allocRef() {
        return next++;
    }

    /** Loads every field the segment touches into a local once (the JIT then keeps them in registers). */
    void cacheFields() {
        Set<Slot> read = new LinkedHashSet<>();
        for (Value v : seg.values()) {
            if (v.op() == Value.Op.LOAD || v.op() == Value.Op.SLOT) read.add(v.slot());
            if (v.payload() instanceof ulam.compiler.ir.VectorDensity vd) {
                for (Slot a : vd.arrays()) if (a != null) read.add(a);
                read.addAll(vd.partials());
            }
            if ((v.op() == Value.Op.KERNEL || v.op() == Value.Op.VKERNEL || v.op() == Value.Op.LCDF || v.op() == Value.Op.LCCDF) && dk < 0) {
                dk = allocRef();
                if (block) {   // the block's own partials buffer, its last
                    mv.visitVarInsn(ALOAD, 3);
                    Bytecode.pushInt(mv, RowBlockGen.blockArrays(seg).size() + 1);
                    mv.visitInsn(AALOAD);
                } else {
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitFieldInsn(GETFIELD, cls.internalName(), ClassContext.PARTIALS, "[D");
                }
                mv.visitVarInsn(ASTORE, dk);
            }
            if ((v.op() == Value.Op.RNG || v.op() == Value.Op.VRNG) && rng < 0) {
                rng = allocRef();
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, cls.internalName(), ClassContext.RNG_FIELD, Calls.RNG);
                mv.visitVarInsn(ASTORE, rng);
            }
        }
        for (Segment.Sink s : seg.sinks()) {
            if (s instanceof Segment.Sink.Store st) read.add(st.array());
            if (s instanceof Segment.Draw d) {
                for (Operand o : d.operands()) if (o instanceof Segment.Slice sl) read.add(sl.array());
                read.add(d.out().array());
                if (rng < 0) {
                    rng = allocRef();
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitFieldInsn(GETFIELD, cls.internalName(), ClassContext.RNG_FIELD, Calls.RNG);
                    mv.visitVarInsn(ASTORE, rng);
                }
            }
            if (s instanceof Segment.Sink.Call c) {
                for (Operand o : c.operands()) if (o instanceof Segment.Slice sl) read.add(sl.array());
                read.add(c.out().array());
                if (dk < 0) {
                    dk = allocRef();
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitFieldInsn(GETFIELD, cls.internalName(), ClassContext.PARTIALS, "[D");
                    mv.visitVarInsn(ASTORE, dk);
                }
            }
        }
        for (Slot s : read) {
            int l = s.type().isArray() ? allocRef() : s.type() == Slot.Type.REAL ? allocDouble() : alloc(Value.Type.INT);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, cls.internalName(), s.field(), s.type().descriptor);
            mv.visitVarInsn(store(s.type()), l);
            fieldLocals.put(s, l);
        }
        if (!gradient) return;
        for (Value v : seg.values()) {
            if ((v.op() == Value.Op.LOAD || v.op() == Value.Op.SLOT) && v.active()) adjointOf(v.slot(), false);
            if (v.op() == Value.Op.VKERNEL && v.payload() instanceof ulam.compiler.ir.VectorDensity vd) {
                for (Slot a : vd.arrays()) if (a != null && a.adjoint()) adjointOf(a, false);
            }
        }
        if (mode == Mode.BACKWARD) {
            for (Segment.Sink s : seg.sinks()) {
                if (s instanceof Segment.Sink.Accumulate a && a.target() != null) adjointOf(a.target(), true);
                if (s instanceof Segment.Sink.Store st && st.array().adjoint()) adjointOf(st.array(), true);
                if (s instanceof Segment.Sink.Call c) {
                    if (c.out().array().adjoint()) adjointOf(c.out().array(), true);
                    for (Operand o : c.operands()) {
                        if (o instanceof Segment.Slice sl && sl.array().adjoint()) adjointOf(sl.array(), true);
                    }
                }
            }
        }
    }

    /**
     * The local holding a slot's adjoint: the adjoint array itself, or for a scalar slot a sum
     * that starts at 0 and is added to the field at the end ({@code seed} true: the field's value,
     * read as the seed of a backward sweep).
     */
    int adjointOf(Slot s, boolean seed) {
        Integer l = adjointLocals.get(s);
        if (l != null) return l;
        int x;
        if (s.type().isArray()) {
            x = allocRef();
            if (block) {   // the block's own copy
                mv.visitVarInsn(ALOAD, 3);
                Bytecode.pushInt(mv, 1 + RowBlockGen.blockArrays(seg).indexOf(s));
                mv.visitInsn(AALOAD);
            } else {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, cls.internalName(), s.adjointField(), "[D");
            }
            mv.visitVarInsn(ASTORE, x);
        } else {
            x = allocDouble();
            if (seed) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, cls.internalName(), s.adjointField(), "D");
            } else {
                mv.visitInsn(DCONST_0);
            }
            mv.visitVarInsn(DSTORE, x);
        }
        adjointLocals.put(s, x);
        return x;
    }

    void writeBack() {
        for (Map.Entry<Slot, Integer> e : sums.entrySet()) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(DLOAD, e.getValue());
            mv.visitFieldInsn(PUTFIELD, cls.internalName(), e.getKey().field(), "D");
        }
        if (!gradient) return;
        if (block) {   // into the block's buffer 0, which the caller sums over the blocks
            java.util.List<Slot> scalars = RowBlockGen.blockScalars(seg);
            for (int j = 0; j < scalars.size(); j++) {
                mv.visitVarInsn(ALOAD, 3);
                mv.visitInsn(ICONST_0);
                mv.visitInsn(AALOAD);
                Bytecode.pushInt(mv, j);
                mv.visitVarInsn(DLOAD, adjointLocals.get(scalars.get(j)));
                mv.visitInsn(DASTORE);
            }
            return;
        }
        for (Value v : seg.values()) {
            if (v.op() == Value.Op.SLOT && v.active()) {
                Slot s = v.slot();
                mv.visitVarInsn(ALOAD, 0);
                mv.visitInsn(DUP);
                mv.visitFieldInsn(GETFIELD, cls.internalName(), s.adjointField(), "D");
                mv.visitVarInsn(DLOAD, adjointLocals.get(s));
                mv.visitInsn(DADD);
                mv.visitFieldInsn(PUTFIELD, cls.internalName(), s.adjointField(), "D");
            }
        }
    }

    static int store(Slot.Type t) {
        return switch (t) {
            case INT -> ISTORE;
            case REAL -> DSTORE;
            default -> ASTORE;
        };
    }

    static int store(Value.Type t) {
        return switch (t) {
            case INT, BOOL -> ISTORE;
            case REAL -> DSTORE;
            default -> ASTORE;
        };
    }

    static int loadOp(Value.Type t) {
        return switch (t) {
            case INT, BOOL -> ILOAD;
            case REAL -> DLOAD;
            default -> ALOAD;
        };
    }

    /** Pushes a value: constants inline, everything else from its local. */
    void load(Value v) {
        switch (v.op()) {
            case CONST_I -> Bytecode.pushInt(mv, v.intConstant());
            case CONST_D -> Bytecode.pushDouble(mv, v.realConstant());
            case CONST_S -> Bytecode.pushString(mv, v.text());
            default -> {
                if (local[v.id()] < 0) throw new IllegalStateException("value v" + v.id() + " used before it is computed in " + seg.name());
                mv.visitVarInsn(loadOp(v.type()), local[v.id()]);
            }
        }
    }

    /** Adds the double that {@code push} leaves on the stack to the adjoint of {@code x}. */
    void contribute(Value x, Runnable push) {
        if (!x.active()) return;
        int id = x.id();
        if (x.invariant() || adjSet[id]) {
            mv.visitVarInsn(DLOAD, adj[id]);
            push.run();
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, adj[id]);
        } else {
            adj[id] = allocDouble();
            push.run();
            mv.visitVarInsn(DSTORE, adj[id]);
            adjSet[id] = true;
        }
    }

    /** Makes sure a variant value's adjoint exists (0) before contributions under a branch. */
    void zeroIfUnset(Value x) {
        if (!x.active() || x.invariant() || adjSet[x.id()]) return;
        adj[x.id()] = allocDouble();
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, adj[x.id()]);
        adjSet[x.id()] = true;
    }

    void addTo(Value x, int a) {
        if (!x.active()) return;
        mv.visitVarInsn(DLOAD, adj[x.id()]);
        mv.visitVarInsn(DLOAD, a);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, adj[x.id()]);
    }
}
