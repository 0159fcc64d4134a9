package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Value;

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
 *
 * <p>The code is written by layers, one file each: {@link SegmentLocals} (locals, loads, adjoint
 * sums), {@link SegmentVectors} (vector and matrix densities), {@link SegmentForward} (values and
 * sinks), {@link SegmentReverse} (the reverse sweep), {@link SegmentRows} (row blocks and the GLM
 * kernels' call); this class holds the modes and the segment's structure (invariant code, the
 * loop, the sweeps).
 */
final class SegmentGen extends SegmentRows {

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

    private SegmentGen(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
        super(cls, mv, seg, mode, firstLocal, sum, block);
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
     * {@link RowBlockGen#partitionable} accepts): the segment's loop over rows {@code [lo, hi)} (locals 1
     * and 2), its kernels' partials and, with {@code gradient}, its adjoints written into the
     * block's buffers (local 3, laid out as {@link RowBlockGen#blockArrays} and {@link RowBlockGen#blockScalars} say,
     * see {@code RowBlocks.Body#blockBuffers}); returns the block's log density.
     */
    static void emitBlock(ClassContext cls, MethodVisitor mv, Segment seg, boolean gradient) {
        SegmentGen g = new SegmentGen(cls, mv, seg, gradient ? Mode.FUSED : Mode.VALUE, 4, -1, true);
        g.run();
        mv.visitVarInsn(DLOAD, g.lp);
        mv.visitInsn(DRETURN);
    }

    /** Whether the segment's code is best kept in a method of its own: a loop (over rows, elements). */
    static boolean alone(Segment seg) {
        return seg.hasLoop();
    }

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
}
