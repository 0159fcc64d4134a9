package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;

/**
 * The row blocks of a model's large loops (docs/architecture.md, "Row blocks"): for each density
 * segment that {@link #partitionable} accepts, two block methods {@code (II[[D)D} (log
 * density; log density and adjoints) over rows {@code [lo, hi)}, and the methods of
 * {@code ulam.runtime.model.RowBlocks.Body} that the runtime calls: {@code block} (which segment,
 * which mode), {@code blockBuffers} (a block's adjoint arrays and partials buffer), and
 * {@code rowThreads} (the threads the instance may use). {@link SegmentRows} emits the branch that
 * picks the blocks over the single loop once the segment has {@code RowBlocks.threshold()} rows.
 */
final class RowBlockGen {

    /** The runtime class that runs the blocks. */
    static final String ROW_BLOCKS = "ulam/runtime/model/RowBlocks";
    /** The interface the model implements when it has a segment to split. */
    static final String BODY = ROW_BLOCKS + "$Body";
    /** The field of the instance's {@code RowBlocks} (one per instance, made by {@code allocateWork}). */
    static final String FIELD = "rowBlocks";

    private final ClassContext ctx;

    RowBlockGen(ClassContext ctx) {
        this.ctx = ctx;
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

    /** Whether the model has a segment to split (and so implements {@link #BODY} and has {@link #FIELD}). */
    static boolean needed(ClassContext ctx) {
        return !ctx.partitioned().isEmpty();
    }

    /** {@code this.rowBlocks = new RowBlocks()}, in {@code allocateWork}. */
    static void allocate(ClassContext ctx, MethodVisitor mv) {
        if (!needed(ctx)) return;
        mv.visitVarInsn(ALOAD, 0);
        mv.visitTypeInsn(NEW, ROW_BLOCKS);
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, ROW_BLOCKS, "<init>", "()V", false);
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), FIELD, "L" + ROW_BLOCKS + ";");
        GlmBlock.allocate(ctx, mv);
    }

    /** The block methods and the {@code Body} methods (nothing when no segment is split). */
    void methods() {
        if (!needed(ctx)) return;
        ctx.cw.visitField(ACC_PRIVATE, FIELD, "L" + ROW_BLOCKS + ";", null, null).visitEnd();
        List<Segment> segs = ctx.partitioned();
        String[] value = new String[segs.size()];
        String[] gradient = new String[segs.size()];
        for (int k = 0; k < segs.size(); k++) {
            value[k] = blockMethod(segs.get(k), false);
            gradient[k] = blockMethod(segs.get(k), true);
        }
        dispatch(value, gradient);
        buffers(segs);
        MethodVisitor mv = ctx.method(ACC_PUBLIC, "rowThreads", "(Lulam/runtime/model/RowThreads;)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.internalName(), FIELD, "L" + ROW_BLOCKS + ";");
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEVIRTUAL, ROW_BLOCKS, "threads", "(Lulam/runtime/model/RowThreads;)V", false);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    private String blockMethod(Segment seg, boolean gradient) {
        String name = ctx.nextMethod(gradient ? "rg" : "rv");
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, name, "(II[[D)D");
        SegmentGen.emitBlock(ctx, mv, seg, gradient);
        ctx.end(mv);
        return name;
    }

    /** {@code block(segment, gradient, lo, hi, buffers)}: the block method of that segment and mode. */
    private void dispatch(String[] value, String[] gradient) {
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "block", "(IZII[[D)D");
        for (int k = 0; k < value.length; k++) {
            Label next = new Label();
            Label v = new Label();
            mv.visitVarInsn(ILOAD, 1);
            Bytecode.pushInt(mv, k);
            mv.visitJumpInsn(IF_ICMPNE, next);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitJumpInsn(IFEQ, v);
            call(mv, gradient[k]);
            mv.visitLabel(v);
            call(mv, value[k]);
            mv.visitLabel(next);
        }
        noSuchSegment(mv);
    }

    private void call(MethodVisitor mv, String method) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitVarInsn(ILOAD, 4);
        mv.visitVarInsn(ALOAD, 5);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), method, "(II[[D)D", false);
        mv.visitInsn(DRETURN);
    }

    /**
     * {@code blockBuffers(segment)}: {@code new double[][] {scalars, arrays..., partials}}, each
     * array as long as the instance's adjoint array it stands for, the partials as its {@code dk}.
     */
    private void buffers(List<Segment> segs) {
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "blockBuffers", "(I)[[D");
        for (int k = 0; k < segs.size(); k++) {
            Label next = new Label();
            mv.visitVarInsn(ILOAD, 1);
            Bytecode.pushInt(mv, k);
            mv.visitJumpInsn(IF_ICMPNE, next);
            List<Slot> arrays = blockArrays(segs.get(k));
            Bytecode.pushInt(mv, arrays.size() + 2);
            mv.visitTypeInsn(ANEWARRAY, "[D");
            mv.visitInsn(DUP);
            mv.visitInsn(ICONST_0);
            Bytecode.pushInt(mv, blockScalars(segs.get(k)).size());
            mv.visitIntInsn(NEWARRAY, T_DOUBLE);
            mv.visitInsn(AASTORE);
            for (int j = 0; j < arrays.size(); j++) {
                mv.visitInsn(DUP);
                Bytecode.pushInt(mv, j + 1);
                ctx.getAdjoint(mv, arrays.get(j));
                mv.visitInsn(ARRAYLENGTH);
                mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, arrays.size() + 1);
            GlmBlock.bufferLength(ctx, mv, segs.get(k));
            mv.visitIntInsn(NEWARRAY, T_DOUBLE);
            mv.visitInsn(AASTORE);
            mv.visitInsn(ARETURN);
            mv.visitLabel(next);
        }
        noSuchSegment(mv);
    }

    /** Ends a dispatch method: {@code throw new IllegalArgumentException(...)} for a segment number it does not know. */
    private void noSuchSegment(MethodVisitor mv) {
        mv.visitTypeInsn(NEW, "java/lang/IllegalArgumentException");
        mv.visitInsn(DUP);
        Bytecode.pushString(mv, "no such row-block segment");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
        ctx.end(mv);
    }
}
