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
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.rows.GlmRows;

/**
 * Emits the code of one {@link Segment} into a method of the model class (docs/design.md steps 5
 * and 6); {@link MethodSplitter} packs segments into methods under a bytecode budget.
 *
 * <p>Loop-invariant values are computed once before the loop, everything else per iteration, each
 * value in its own JVM local (straight-line arithmetic over primitives: no boxing, no allocation).
 * In {@link Mode#FUSED} the method also holds the adjoint code, written by source transformation:
 * after iteration {@code c}'s forward values, its reverse sweep runs at once, seeded with 1 for
 * every log density term, and adds each parameter's partial derivative into the adjoint array;
 * adjoints of invariant values are summed over the iterations in locals and pushed back through
 * the invariant code once, after the loop. In {@link Mode#BACKWARD} (segments whose results other
 * segments consume) the forward values are recomputed and the sweep is seeded from the adjoints
 * of the results.
 */
final class SegmentGen {

    /** What the method computes. */
    enum Mode {
        /** Values only; returns the log density contribution (0 when none). */
        VALUE,
        /** Values and the fused adjoint; returns the log density contribution. */
        FUSED,
        /** The reverse sweep of a segment whose results others use; returns nothing. */
        BACKWARD,
        /**
         * Values only, as {@link #VALUE}, with a test after each log density term: the first term
         * that is not finite sets the model's {@link ClassContext#DIAGNOSIS} (its line, row and the
         * data values the segment reads there) and leaves the segment; a segment does nothing once
         * it is set.
         */
        DIAGNOSE
    }

    private final ClassContext cls;
    private final Segment seg;
    private final Mode mode;
    private final MethodVisitor mv;
    private final boolean gradient;
    private final int[] local;
    private final int[] adj;
    private final boolean[] adjSet;
    private final Map<Integer, int[]> partials = new HashMap<>();
    private final Map<Slot, Integer> fieldLocals = new HashMap<>();
    private final Map<Slot, Integer> adjointLocals = new HashMap<>();
    private final Map<Slot, Integer> sums = new HashMap<>();
    private final int sum;
    /** The segment's number among those split into row blocks ({@link ClassContext#partition}), or -1. */
    private final int partition;
    /** Whether this is the code of one row block: rows from local 1 to local 2, buffers in local 3 ({@link RowBlockGen}). */
    private final boolean block;
    private int next;
    private int lp = -1;
    private int dk = -1;
    private int rng = -1;

    private SegmentGen(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
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

    /**
     * Emits the code of {@code seg} into {@code mv}, using the JVM locals from {@code firstLocal}
     * on; in {@link Mode#VALUE} and {@link Mode#FUSED} the segment's log density contribution is
     * then added to the {@code double} in local {@code sum} (none: {@code sum < 0}).
     */
    static void emit(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum) {
        new SegmentGen(cls, mv, seg, mode, firstLocal, sum, false).run();
    }

    /**
     * Emits the body of a row block method {@code (II[[D)D} of {@code seg} (one that
     * {@link #partitionable} accepts): the segment's loop over rows {@code [lo, hi)} (locals 1
     * and 2), its kernels' partials and, with {@code gradient}, its adjoints written into the
     * block's buffers (local 3, laid out as {@link #blockArrays} and {@link #blockScalars} say,
     * see {@code RowBlocks.Body#blockBuffers}); returns the block's log density.
     */
    static void emitBlock(ClassContext cls, MethodVisitor mv, Segment seg, boolean gradient) {
        SegmentGen g = new SegmentGen(cls, mv, seg, gradient ? Mode.FUSED : Mode.VALUE, 4, -1, true);
        g.run();
        mv.visitVarInsn(DLOAD, g.lp);
        mv.visitInsn(DRETURN);
    }

    /**
     * Whether a density segment may be split into row blocks: a fused loop (every sink adds to
     * the log density) whose iterations are independent and that writes no field but the
     * adjoints (no random draws, no vector densities: they use shared work arrays).
     */
    static boolean partitionable(Segment seg) {
        if (!seg.hasLoop() || !seg.fused() || seg.carried()) return false;
        for (Value v : seg.values()) {
            switch (v.op()) {
                case VKERNEL, VLPDF, VDROPPED, VRNG, RNG -> { return false; }
                default -> { }
            }
        }
        return true;
    }

    /** The adjoint arrays a partitionable segment adds into, in the order of a block's buffers 1, 2, ... */
    static java.util.List<Slot> blockArrays(Segment seg) {
        Set<Slot> a = new LinkedHashSet<>();
        for (Value v : seg.values()) if (v.op() == Value.Op.LOAD && v.active()) a.add(v.slot());
        return java.util.List.copyOf(a);
    }

    /** The scalar adjoints a partitionable segment adds into, in the order of a block's buffer 0. */
    static java.util.List<Slot> blockScalars(Segment seg) {
        Set<Slot> a = new LinkedHashSet<>();
        for (Value v : seg.values()) if (v.op() == Value.Op.SLOT && v.active()) a.add(v.slot());
        return java.util.List.copyOf(a);
    }

    /** Whether the segment's code is best kept in a method of its own: a loop (over rows, elements). */
    static boolean alone(Segment seg) {
        return seg.hasLoop();
    }

    private int alloc(Value.Type t) {
        int l = next;
        next += t == Value.Type.REAL ? 2 : 1;
        return l;
    }

    private int allocDouble() {
        int l = next;
        next += 2;
        return l;
    }

    private int allocRef() {
        return next++;
    }

    // ------------------------------------------------------------------ structure

    /** DIAGNOSE: where the segment's code ends. */
    private Label exit;

    private void run() {
        if (mode == Mode.DIAGNOSE) {
            exit = new Label();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, cls.internalName(), ClassContext.DIAGNOSIS, ClassContext.NON_FINITE);
            mv.visitJumpInsn(IFNONNULL, exit);
        }
        cacheFields();
        if (mode != Mode.BACKWARD) {
            lp = allocDouble();
            mv.visitInsn(DCONST_0);
            mv.visitVarInsn(DSTORE, lp);
        }
        for (Segment.Sink s : seg.sinks()) {
            if (s instanceof Segment.Sink.Accumulate a && a.target() != null && mode != Mode.BACKWARD && !sums.containsKey(a.target())) {
                int l = allocDouble();
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, l);
                sums.put(a.target(), l);
            }
        }
        // forward: invariant values, once
        for (Value v : seg.values()) if (v.invariant()) forward(v);
        if (gradient) {
            for (Value v : seg.values()) {
                if (v.invariant() && v.active()) {
                    adj[v.id()] = allocDouble();
                    mv.visitInsn(DCONST_0);
                    mv.visitVarInsn(DSTORE, adj[v.id()]);
                    adjSet[v.id()] = true;
                }
            }
        }
        boolean backwards = mode == Mode.BACKWARD && seg.carried();
        Label joined = partition >= 0 ? new Label() : null;
        if (joined != null) toBlocks(joined);
        GlmBlock glm = block ? GlmBlock.match(seg) : null;
        if (glm != null) {
            glmRows(glm);
        } else if (seg.hasLoop()) {
            int c = local[seg.counter().id()] = alloc(Value.Type.INT);
            Label head = new Label();
            Label end = new Label();
            if (backwards) {   // a carried loop's adjoint runs from the last iteration to the first
                load(seg.tripCount());
                mv.visitInsn(ICONST_1);
                mv.visitInsn(ISUB);
            } else if (block) {
                mv.visitVarInsn(ILOAD, 1);
            } else {
                mv.visitInsn(ICONST_0);
            }
            mv.visitVarInsn(ISTORE, c);
            mv.visitLabel(head);
            mv.visitVarInsn(ILOAD, c);
            if (backwards) {
                mv.visitJumpInsn(IFLT, end);
            } else if (block) {
                mv.visitVarInsn(ILOAD, 2);
                mv.visitJumpInsn(IF_ICMPGE, end);
            } else {
                load(seg.tripCount());
                mv.visitJumpInsn(IF_ICMPGE, end);
            }
            for (Value v : seg.values()) if (!v.invariant() && v.op() != Value.Op.COUNTER) forward(v);
            sinks();
            if (gradient) {
                seeds();
                for (int k = seg.values().size() - 1; k >= 0; k--) {
                    Value v = seg.values().get(k);
                    if (!v.invariant() && v.active()) reverse(v);
                }
            }
            mv.visitIincInsn(c, backwards ? -1 : 1);
            mv.visitJumpInsn(GOTO, head);
            mv.visitLabel(end);
        } else {
            // a straight segment's values that are not invariant: random draws
            for (Value v : seg.values()) if (!v.invariant() && v.op() != Value.Op.COUNTER) forward(v);
            sinks();
            if (gradient) {
                seeds();
                for (int k = seg.values().size() - 1; k >= 0; k--) {
                    Value v = seg.values().get(k);
                    if (!v.invariant() && v.active()) reverse(v);
                }
            }
        }
        if (gradient) {
            for (int k = seg.values().size() - 1; k >= 0; k--) {
                Value v = seg.values().get(k);
                if (v.invariant() && v.active()) reverse(v);
            }
        }
        writeBack();
        if (joined != null) mv.visitLabel(joined);
        if (mode != Mode.BACKWARD && sum >= 0) {
            mv.visitVarInsn(DLOAD, sum);
            mv.visitVarInsn(DLOAD, lp);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, sum);
        }
        if (exit != null) mv.visitLabel(exit);
    }

    /**
     * A row block's generalised linear likelihood ({@link GlmBlock}) in one call of
     * {@code GlmRows}' work form instead of the loop: the slopes' coefficients written into the
     * block's work array (its partials buffer, sized by {@link RowBlockGen}), {@code lp +=
     * GlmRows.f(lo, hi, y, [n,] alpha, cols, par, idx, dPar, gradient, work)} with {@code cols}
     * and {@code idx} the instance's arrays made once ({@link GlmBlock#allocate}), then d/d alpha
     * and d/d coef read from the work array and added to the adjoints of the invariant terms; the
     * varying effects' adjoints go straight into the block's array. Allocates nothing.
     */
    private void glmRows(GlmBlock m) {
        int k = m.coefs().size();
        int part = cls.partition(seg);
        for (int j = 0; j < k; j++) {
            mv.visitVarInsn(ALOAD, dk);
            Bytecode.pushInt(mv, GlmRows.COEF + j);
            load(m.coefs().get(j));
            mv.visitInsn(DASTORE);
        }
        mv.visitVarInsn(DLOAD, lp);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitVarInsn(ALOAD, fieldLocals.get(m.y()));
        if (!m.family().equals("poisson_log")) {
            if (m.n() == null) mv.visitInsn(ACONST_NULL);
            else mv.visitVarInsn(ALOAD, fieldLocals.get(m.n()));
        }
        mv.visitInsn(DCONST_0);
        for (Value v : m.intercepts()) {
            load(v);
            mv.visitInsn(DADD);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, cls.internalName(), GlmBlock.COLS + part, "[[D");
        if (m.par() == null) mv.visitInsn(ACONST_NULL);
        else mv.visitVarInsn(ALOAD, fieldLocals.get(m.par()));
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, cls.internalName(), GlmBlock.IDX + part, "[[I");
        if (gradient && m.par() != null) mv.visitVarInsn(ALOAD, adjointOf(m.par(), false));
        else mv.visitInsn(ACONST_NULL);
        mv.visitInsn(gradient ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ALOAD, dk);
        mv.visitMethodInsn(INVOKESTATIC, GlmBlock.ROWS, m.method(), m.descriptor(), false);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, lp);
        if (!gradient) return;
        int out = GlmRows.out(k);
        for (Value v : m.intercepts()) {
            contribute(v, () -> {
                mv.visitVarInsn(ALOAD, dk);
                Bytecode.pushInt(mv, out);
                mv.visitInsn(DALOAD);
            });
        }
        for (int j = 0; j < k; j++) {
            int at = out + 1 + j;
            contribute(m.coefs().get(j), () -> {
                mv.visitVarInsn(ALOAD, dk);
                Bytecode.pushInt(mv, at);
                mv.visitInsn(DALOAD);
            });
        }
    }

    /**
     * A segment that may be split: {@code if (RowBlocks.blocks(n) > 1)} the row blocks compute it
     * ({@code lp = rowBlocks.run(this, k, n, gradient)}), their summed adjoints are added into
     * the adjoints, and the code goes on at {@code joined}; else the single loop that follows.
     */
    private void toBlocks(Label joined) {
        Label single = new Label();
        load(seg.tripCount());
        mv.visitMethodInsn(INVOKESTATIC, RowBlockGen.ROW_BLOCKS, "blocks", "(I)I", false);
        mv.visitInsn(ICONST_1);
        mv.visitJumpInsn(IF_ICMPLE, single);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, cls.internalName(), RowBlockGen.FIELD, "L" + RowBlockGen.ROW_BLOCKS + ";");
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushInt(mv, partition);
        load(seg.tripCount());
        mv.visitInsn(gradient ? ICONST_1 : ICONST_0);
        mv.visitMethodInsn(INVOKEVIRTUAL, RowBlockGen.ROW_BLOCKS, "run", "(L" + RowBlockGen.ROW_BLOCKS + "$Body;IIZ)D", false);
        mv.visitVarInsn(DSTORE, lp);
        if (gradient) {
            int c = allocRef();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, cls.internalName(), RowBlockGen.FIELD, "L" + RowBlockGen.ROW_BLOCKS + ";");
            Bytecode.pushInt(mv, partition);
            mv.visitMethodInsn(INVOKEVIRTUAL, RowBlockGen.ROW_BLOCKS, "combined", "(I)[[D", false);
            mv.visitVarInsn(ASTORE, c);
            java.util.List<Slot> scalars = blockScalars(seg);
            for (int j = 0; j < scalars.size(); j++) {
                Slot s = scalars.get(j);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitInsn(DUP);
                mv.visitFieldInsn(GETFIELD, cls.internalName(), s.adjointField(), "D");
                mv.visitVarInsn(ALOAD, c);
                mv.visitInsn(ICONST_0);
                mv.visitInsn(AALOAD);
                Bytecode.pushInt(mv, j);
                mv.visitInsn(DALOAD);
                mv.visitInsn(DADD);
                mv.visitFieldInsn(PUTFIELD, cls.internalName(), s.adjointField(), "D");
            }
            java.util.List<Slot> arrays = blockArrays(seg);
            for (int j = 0; j < arrays.size(); j++) {
                mv.visitVarInsn(ALOAD, adjointOf(arrays.get(j), false));
                mv.visitVarInsn(ALOAD, c);
                Bytecode.pushInt(mv, j + 1);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, RowBlockGen.ROW_BLOCKS, "addInto", "([D[D)V", false);
            }
        }
        mv.visitJumpInsn(GOTO, joined);
        mv.visitLabel(single);
    }

    /**
     * DIAGNOSE: after a term is added, {@code if (!Double.isFinite(term))} the model's diagnosis
     * is set ({@code ModelSupport.nonFiniteTerm}) and the segment left.
     */
    private void testFinite(Value term) {
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

    /** Loads every field the segment touches into a local once (the JIT then keeps them in registers). */
    private void cacheFields() {
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
                    Bytecode.pushInt(mv, blockArrays(seg).size() + 1);
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
    private int adjointOf(Slot s, boolean seed) {
        Integer l = adjointLocals.get(s);
        if (l != null) return l;
        int x;
        if (s.type().isArray()) {
            x = allocRef();
            if (block) {   // the block's own copy
                mv.visitVarInsn(ALOAD, 3);
                Bytecode.pushInt(mv, 1 + blockArrays(seg).indexOf(s));
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

    private void writeBack() {
        for (Map.Entry<Slot, Integer> e : sums.entrySet()) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(DLOAD, e.getValue());
            mv.visitFieldInsn(PUTFIELD, cls.internalName(), e.getKey().field(), "D");
        }
        if (!gradient) return;
        if (block) {   // into the block's buffer 0, which the caller sums over the blocks
            java.util.List<Slot> scalars = blockScalars(seg);
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

    // ------------------------------------------------------------------ forward

    private static int store(Slot.Type t) {
        return switch (t) {
            case INT -> ISTORE;
            case REAL -> DSTORE;
            default -> ASTORE;
        };
    }

    private static int store(Value.Type t) {
        return switch (t) {
            case INT, BOOL -> ISTORE;
            case REAL -> DSTORE;
            default -> ASTORE;
        };
    }

    private static int loadOp(Value.Type t) {
        return switch (t) {
            case INT, BOOL -> ILOAD;
            case REAL -> DLOAD;
            default -> ALOAD;
        };
    }

    /** Pushes a value: constants inline, everything else from its local. */
    private void load(Value v) {
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

    private void forward(Value v) {
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

    /**
     * A density with vector or matrix operands: operands (a value, or an array and its offset),
     * dims, then for VKERNEL the scalar partials buffer and the work arrays of the vector partials.
     */
    private void vectorDensity(Value v) {
        ulam.compiler.ir.VectorDensity vd = v.vector();
        DistributionSpec d = vd.distribution();
        int n = vd.operands();
        for (int k = 0; k < n; k++) {
            Slot a = vd.arrays().get(k);
            if (a != null) mv.visitVarInsn(ALOAD, fieldLocals.get(a));
            load(v.arg(k));
        }
        for (int k = 0; k < vd.dims(); k++) load(v.arg(n + k));
        if (v.op() == Value.Op.VKERNEL) {
            mv.visitVarInsn(ALOAD, dk);
            for (Slot p : vd.partials()) mv.visitVarInsn(ALOAD, fieldLocals.get(p));
            mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "kernel", Calls.kernel(d), false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, Calls.owner(d.implementation()), "lpdf", Calls.lpdf(d), false);
        }
    }

    /**
     * The adjoint of a VKERNEL value: {@code a * d[k]} into each active single operand, and
     * {@code a * dV} added into the adjoint array of each vector operand that has one.
     */
    private void vectorDensityReverse(Value v, int a) {
        ulam.compiler.ir.VectorDensity vd = v.vector();
        int[] p = partials.get(v.id());
        int n = vd.operands();
        int j = 0;
        for (int k = 0; k < n; k++) {
            Slot arr = vd.arrays().get(k);
            if (arr == null) {
                int kk = k;
                if (!vd.integer(k)) contribute(v.arg(k), () -> {
                    mv.visitVarInsn(DLOAD, a);
                    mv.visitVarInsn(DLOAD, p[kk]);
                    mv.visitInsn(DMUL);
                });
                continue;
            }
            if (vd.integer(k)) continue;
            int partial = j++;
            if (!arr.adjoint()) continue;
            mv.visitVarInsn(ALOAD, adjointLocals.get(arr));
            load(v.arg(k));
            mv.visitVarInsn(DLOAD, a);
            mv.visitVarInsn(ALOAD, fieldLocals.get(vd.partials().get(partial)));
            load(v.arg(n + vd.dims() + partial));
            mv.visitMethodInsn(INVOKESTATIC, "ulam/runtime/model/ModelSupport", "addScaled", "([DID[DI)V", false);
        }
    }

    private void compare(Value v) {
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

    private void sinks() {
        if (mode == Mode.BACKWARD) return;   // the backward sweep writes no sink: it propagates their adjoints
        for (Segment.Sink s : seg.sinks()) s.accept(emitSink);
    }

    /** The forward code of each kind of sink. */
    private final Segment.Sink.Visitor<Void> emitSink = new Segment.Sink.Visitor<>() {
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
    private void pushOperand(Operand o) {
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
    private void pushOperands(Segment.Sink.Call c) {
        for (Operand o : c.operands()) pushOperand(o);
        for (Value d : c.dims()) load(d);
    }

    /**
     * The adjoint of a BLOCK call: {@code fBackward(operands, dims, result, d, adjoints)} adds into
     * the adjoint arrays of array operands (null for data); the scalar operands' contributions come
     * back in {@code d} and go into their values' adjoints.
     */
    private void callBackward(Segment.Sink.Call c) {
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

    // ------------------------------------------------------------------ reverse

    /** Seeds the reverse sweep: 1 for each log density term, the results' adjoints in a backward sweep. */
    private void seeds() {
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

    /** Adds the double that {@code push} leaves on the stack to the adjoint of {@code x}. */
    private void contribute(Value x, Runnable push) {
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
    private void zeroIfUnset(Value x) {
        if (!x.active() || x.invariant() || adjSet[x.id()]) return;
        adj[x.id()] = allocDouble();
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, adj[x.id()]);
        adjSet[x.id()] = true;
    }

    /** Propagates the adjoint of {@code v} to its operands (or into the adjoint of the slot it reads). */
    private void reverse(Value v) {
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

    private void addTo(Value x, int a) {
        if (!x.active()) return;
        mv.visitVarInsn(DLOAD, adj[x.id()]);
        mv.visitVarInsn(DLOAD, a);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, adj[x.id()]);
    }
}
