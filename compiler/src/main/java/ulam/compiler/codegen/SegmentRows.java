package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;
import ulam.stdlib.rows.GlmRows;
import ulam.compiler.codegen.SegmentGen.Mode;

/**
 * A segment's row-block code (docs/architecture.md, "Row blocks" and "SIMD"): the branch of a
 * split segment to {@code RowBlocks.run} and the sum of its blocks' adjoints, and inside a block
 * the one call of {@code GlmRows} that replaces the loop of a {@link GlmBlock}.
 */
abstract class SegmentRows extends SegmentReverse {

    SegmentRows(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
        super(cls, mv, seg, mode, firstLocal, sum, block);
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
    void glmRows(GlmBlock m) {
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
    void toBlocks(Label joined) {
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
            java.util.List<Slot> scalars = RowBlockGen.blockScalars(seg);
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
            java.util.List<Slot> arrays = RowBlockGen.blockArrays(seg);
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
}
