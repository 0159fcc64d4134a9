package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static ulam.compiler.codegen.ClassContext.NAMES;
import static ulam.compiler.codegen.ClassContext.SUPPORT;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.Slot;

/**
 * The constraining transforms of the generated class (Stan reference manual, "Constraint
 * transforms"): {@code tf(q)} maps the unconstrained parameters q to theta and returns the summed
 * log-Jacobian; {@code tb(q, g)} maps theta's adjoint to the gradient in q, adding the
 * log-Jacobian's derivative; {@code unconstrain(theta, q)} is the inverse map (user inits).
 */
final class Transforms {

    private final ClassContext ctx;

    Transforms(ClassContext ctx) {
        this.ctx = ctx;
    }

    private static final String LOWER = "ulam/stdlib/transform/LowerBound";
    private static final String UPPER = "ulam/stdlib/transform/UpperBound";
    private static final String BOTH = "ulam/stdlib/transform/LowerUpperBound";

    private static String transform(ModelIR.Param p) {
        return p.lower() != null && p.upper() != null ? BOTH : p.lower() != null ? LOWER : UPPER;
    }

    private static int bounds(ModelIR.Param p) {
        return (p.lower() != null ? 1 : 0) + (p.upper() != null ? 1 : 0);
    }

    private void pushBounds(MethodVisitor mv, ModelIR.Param p) {
        if (p.lower() != null) ctx.getField(mv, p.lower());
        if (p.upper() != null) ctx.getField(mv, p.upper());
    }

    /**
     * {@code tf(q)}: theta = constrain(q), returning the summed log-Jacobian; {@code tb(q, g)}:
     * g = dtheta/dq * thetaAdj + d logJacobian / dq (Stan reference manual, "Constraint transforms").
     */
    void transforms() {
        constrainAll();
        adjointAll();
    }

    private static String owner(ModelIR.Param p) {
        return Calls.owner(p.transform().implementation());
    }

    /**
     * {@code logJacobian(q, g)}: the constraining transforms alone, {@code tf(q)} and {@code tb(q, g)}
     * with a zero {@code thetaAdj}, so g = d log|J| / dq (Model.logJacobian; quap's log density
     * without Jacobian is logDensityGradient minus this).
     */
    void logJacobian() {
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "logJacobian", "([D[D)D");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        mv.visitVarInsn(DSTORE, 3);
        ctx.getAdjoint(mv, ctx.ir.theta());
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tb", "([D[D)V", false);
        mv.visitVarInsn(DLOAD, 3);
        mv.visitInsn(DRETURN);
        ctx.end(mv);
    }

    private void constrainAll() {
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, "tf", "([D)D");
        // locals: 0 this, 1 q, 2-3 lp, 4 theta, 5 k, 6 end, 7-8 x, 9 q index minus theta index
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, 2);
        ctx.getField(mv, ctx.ir.theta());
        mv.visitVarInsn(ASTORE, 4);
        for (ModelIR.Param p : ctx.ir.params()) {
            if (p.transform() != null) {
                // lp += T.constrain(q, qOffset, K, theta, offset)
                mv.visitVarInsn(DLOAD, 2);
                mv.visitVarInsn(ALOAD, 1);
                ctx.getField(mv, p.qOffset());
                ctx.getField(mv, p.size());
                mv.visitVarInsn(ALOAD, 4);
                ctx.getField(mv, p.offset());
                mv.visitMethodInsn(INVOKESTATIC, owner(p), "constrain", "([DII[DI)D", false);
                mv.visitInsn(DADD);
                mv.visitVarInsn(DSTORE, 2);
                continue;
            }
            if (p.lower() == null && p.upper() == null) {
                arraycopy(mv, () -> mv.visitVarInsn(ALOAD, 1), p.qOffset(), () -> mv.visitVarInsn(ALOAD, 4), p.offset(), p);
                continue;
            }
            String t = transform(p);
            String d2 = "(D" + "D".repeat(bounds(p)) + ")D";
            String d3 = "(DD" + "D".repeat(bounds(p)) + ")D";
            loop(mv, p, 5, 6, 9, () -> {
                // x = constrain(q[k + d]); theta[k] = x; lp += logJacobian(q[k + d], x)
                loadQ(mv, 1, 5, 9);
                pushBounds(mv, p);
                mv.visitMethodInsn(INVOKESTATIC, t, "constrain", d2, false);
                mv.visitVarInsn(DSTORE, 7);
                mv.visitVarInsn(ALOAD, 4);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitVarInsn(DLOAD, 7);
                mv.visitInsn(DASTORE);
                mv.visitVarInsn(DLOAD, 2);
                loadQ(mv, 1, 5, 9);
                mv.visitVarInsn(DLOAD, 7);
                pushBounds(mv, p);
                mv.visitMethodInsn(INVOKESTATIC, t, "logJacobian", d3, false);
                mv.visitInsn(DADD);
                mv.visitVarInsn(DSTORE, 2);
            });
        }
        mv.visitVarInsn(DLOAD, 2);
        mv.visitInsn(DRETURN);
        ctx.end(mv);
    }

    /** Pushes {@code array[k + d]} (locals: the array, the theta index k, the offset d of q over theta). */
    private static void loadQ(MethodVisitor mv, int array, int k, int d) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, k);
        mv.visitVarInsn(ILOAD, d);
        mv.visitInsn(IADD);
        mv.visitInsn(DALOAD);
    }

    private void adjointAll() {
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, "tb", "([D[D)V");
        // locals: 0 this, 1 q, 2 g, 3 theta, 4 thetaAdj, 5 k, 6 end, 7 q index minus theta index
        ctx.getField(mv, ctx.ir.theta());
        mv.visitVarInsn(ASTORE, 3);
        ctx.getAdjoint(mv, ctx.ir.theta());
        mv.visitVarInsn(ASTORE, 4);
        for (ModelIR.Param p : ctx.ir.params()) {
            if (p.transform() != null) {
                // T.backward(q, qOffset, K, theta, offset, thetaAdj, offset, g, qOffset)
                mv.visitVarInsn(ALOAD, 1);
                ctx.getField(mv, p.qOffset());
                ctx.getField(mv, p.size());
                mv.visitVarInsn(ALOAD, 3);
                ctx.getField(mv, p.offset());
                mv.visitVarInsn(ALOAD, 4);
                ctx.getField(mv, p.offset());
                mv.visitVarInsn(ALOAD, 2);
                ctx.getField(mv, p.qOffset());
                mv.visitMethodInsn(INVOKESTATIC, owner(p), "backward", "([DII[DI[DI[DI)V", false);
                continue;
            }
            if (p.lower() == null && p.upper() == null) {
                arraycopy(mv, () -> mv.visitVarInsn(ALOAD, 4), p.offset(), () -> mv.visitVarInsn(ALOAD, 2), p.qOffset(), p);
                continue;
            }
            String t = transform(p);
            String d3 = "(DD" + "D".repeat(bounds(p)) + ")D";
            loop(mv, p, 5, 6, 7, () -> {
                // g[k + d] = thetaAdj[k] * derivative(q[k + d], theta[k]) + logJacobianDerivative(q[k + d], theta[k])
                mv.visitVarInsn(ALOAD, 2);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitVarInsn(ILOAD, 7);
                mv.visitInsn(IADD);
                mv.visitVarInsn(ALOAD, 4);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitInsn(DALOAD);
                pushQTheta(mv, p);
                mv.visitMethodInsn(INVOKESTATIC, t, "derivative", d3, false);
                mv.visitInsn(DMUL);
                pushQTheta(mv, p);
                mv.visitMethodInsn(INVOKESTATIC, t, "logJacobianDerivative", d3, false);
                mv.visitInsn(DADD);
                mv.visitInsn(DASTORE);
            });
        }
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    /** In {@code tb}: pushes q[k + d], theta[k] and the bounds. */
    private void pushQTheta(MethodVisitor mv, ModelIR.Param p) {
        loadQ(mv, 1, 5, 7);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitVarInsn(ILOAD, 5);
        mv.visitInsn(DALOAD);
        pushBounds(mv, p);
    }

    private void arraycopy(MethodVisitor mv, Runnable src, Slot srcOffset, Runnable dst, Slot dstOffset, ModelIR.Param p) {
        src.run();
        ctx.getField(mv, srcOffset);
        dst.run();
        ctx.getField(mv, dstOffset);
        ctx.getField(mv, p.count());
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
    }

    /**
     * {@code for (k = offset; k < offset + count; k++) body} over a parameter's theta positions,
     * with k in local {@code k}, the end in {@code end}, and {@code qOffset - offset} in {@code d}.
     */
    private void loop(MethodVisitor mv, ModelIR.Param p, int k, int end, int d, Runnable body) {
        ctx.getField(mv, p.qOffset());
        ctx.getField(mv, p.offset());
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, d);
        ctx.getField(mv, p.offset());
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, k);
        ctx.getField(mv, p.count());
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, end);
        Label head = new Label();
        Label done = new Label();
        mv.visitLabel(head);
        mv.visitVarInsn(ILOAD, k);
        mv.visitVarInsn(ILOAD, end);
        mv.visitJumpInsn(IF_ICMPGE, done);
        body.run();
        mv.visitIincInsn(k, 1);
        mv.visitJumpInsn(GOTO, head);
        mv.visitLabel(done);
    }

    void unconstrain() {
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "unconstrain", "([D[D)V");
        // locals: 0 this, 1 constrained, 2 q, 3 names, 5 k, 6 end, 7 q index minus theta index
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.internalName(), NAMES, "[Ljava/lang/String;");
        mv.visitVarInsn(ASTORE, 3);
        for (ModelIR.Param p : ctx.ir.params()) {
            if (p.transform() != null) {
                // T.unconstrain(constrained, offset, K, q, qOffset)
                mv.visitVarInsn(ALOAD, 1);
                ctx.getField(mv, p.offset());
                ctx.getField(mv, p.size());
                mv.visitVarInsn(ALOAD, 2);
                ctx.getField(mv, p.qOffset());
                mv.visitMethodInsn(INVOKESTATIC, owner(p), "unconstrain", "([DII[DI)V", false);
                continue;
            }
            loop(mv, p, 5, 6, 7, () -> {
                mv.visitVarInsn(ALOAD, 2);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitVarInsn(ILOAD, 7);
                mv.visitInsn(IADD);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitInsn(DALOAD);
                if (p.lower() != null) ctx.getField(mv, p.lower());
                else Bytecode.pushDouble(mv, Double.NEGATIVE_INFINITY);
                if (p.upper() != null) ctx.getField(mv, p.upper());
                else Bytecode.pushDouble(mv, Double.POSITIVE_INFINITY);
                mv.visitVarInsn(ALOAD, 3);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "unconstrain", "(DDDLjava/lang/String;)D", false);
                mv.visitInsn(DASTORE);
            });
        }
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }
}
