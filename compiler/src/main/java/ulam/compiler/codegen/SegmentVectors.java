package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;
import ulam.stdlib.DistributionSpec;
import ulam.compiler.codegen.SegmentGen.Mode;

/**
 * The code of densities with vector or matrix operands in a segment ({@code VKERNEL},
 * {@code VLPDF}; docs/architecture.md): the call of the distribution's kernel or lpdf on arrays
 * and offsets, and its adjoint, the scalar partials into the operands' adjoints and the vector
 * partials added into the adjoint arrays ({@code ModelSupport.addScaled}).
 */
abstract class SegmentVectors extends SegmentLocals {

    SegmentVectors(ClassContext cls, MethodVisitor mv, Segment seg, Mode mode, int firstLocal, int sum, boolean block) {
        super(cls, mv, seg, mode, firstLocal, sum, block);
    }

    /**
     * A density with vector or matrix operands: operands (a value, or an array and its offset),
     * dims, then for VKERNEL the scalar partials buffer and the work arrays of the vector partials.
     */
    void vectorDensity(Value v) {
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
    void vectorDensityReverse(Value v, int a) {
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
}
