package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static ulam.compiler.codegen.ClassContext.NAMES;
import static ulam.compiler.codegen.ClassContext.SUPPORT;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.Slot;

/**
 * The constraining transforms of the generated class (Stan reference manual, "Constraint
 * transforms"): {@code tf(q)} maps the unconstrained parameters q to theta and returns the summed
 * log-Jacobian; {@code tb(q, g)} maps theta's adjoint to the gradient in q, adding the
 * log-Jacobian's derivative; {@code unconstrain(theta, q)} is the inverse map (user inits).
 *
 * <p>A bound that reads earlier parameters ({@code real<lower=0, upper=1 - alpha1> beta1}) is
 * computed from theta by the parameter's {@link ModelIR.Param#boundCode} right before its
 * transform; {@code tb} runs the parameters in reverse order, so that the adjoint such a bound
 * receives (from x and from the log-Jacobian's {@code log(U - L)}) is pushed back through the
 * bound's code into the earlier parameters' adjoints before their own transforms' adjoints run.
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

    /**
     * The parameters in runs: a parameter with a vector transform alone, else the longest run of
     * consecutive parameters with the same bounds (or none), which occupy consecutive positions in
     * theta and in q with one distance between them, so one loop (or one array copy) serves them
     * all: a model of 20,000 scalar parameters has one run, not 20,000 pieces of code.
     */
    private List<List<ModelIR.Param>> runs() {
        List<List<ModelIR.Param>> runs = new ArrayList<>();
        List<ModelIR.Param> run = null;
        for (ModelIR.Param p : ctx.ir.params()) {
            if (p.transform() == null && run != null && run.get(0).transform() == null && sameBounds(run.get(0), p)) {
                run.add(p);
                continue;
            }
            run = new ArrayList<>(List.of(p));
            runs.add(run);
        }
        return runs;
    }

    private static boolean sameBounds(ModelIR.Param a, ModelIR.Param b) {
        return same(a.lower(), b.lower()) && same(a.upper(), b.upper());
    }

    private static boolean same(Slot a, Slot b) {
        if (a == null || b == null) return a == b;
        return a == b || a.isConstant() && b.isConstant() && a.constant().equals(b.constant());
    }

    /** A splitter of hot transform methods (the unconstraining map of user inits is cold, but small per run). */
    private MethodSplitter splitter(String prefix, List<String> args, boolean summing, java.util.function.Consumer<MethodVisitor> prologue,
                                    int firstLocal) {
        return new MethodSplitter(ctx, prefix, args, summing, MethodSplitter.HOT, prologue, firstLocal);
    }

    private void constrainAll() {
        // locals of every piece: 0 this, 1 q, 2-3 lp, 4 theta, 5 k, 6 end, 7-8 x, 9 q index minus theta index
        MethodSplitter pieces = splitter("t", List.of("[D"), true, mv -> {
            ctx.getField(mv, ctx.ir.theta());
            mv.visitVarInsn(ASTORE, 4);
        }, 5);
        for (List<ModelIR.Param> run : runs()) {
            ModelIR.Param p = run.get(0);
            if (p.transform() != null) {
                pieces.add(mv -> {
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
                });
                continue;
            }
            if (p.lower() == null && p.upper() == null) {
                pieces.add(mv -> arraycopy(mv, () -> mv.visitVarInsn(ALOAD, 1), p.qOffset(), () -> mv.visitVarInsn(ALOAD, 4), p.offset(), run));
                continue;
            }
            String t = transform(p);
            String d2 = "(D" + "D".repeat(bounds(p)) + ")D";
            String d3 = "(DD" + "D".repeat(bounds(p)) + ")D";
            pieces.add(mv -> {
                if (p.boundCode() != null) SegmentGen.emit(ctx, mv, p.boundCode(), SegmentGen.Mode.VALUE, 10, -1);
                loop(mv, run, 5, 6, 9, () -> {
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
            });
        }
        pieces.methods();
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, "tf", "([D)D");
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, 2);
        pieces.emitCalls(mv, 1, 2, MethodSplitter.HOT);
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
        // locals of every piece: 0 this, 1 q, 2 g, 3 theta, 4 thetaAdj, 5 k, 6 end, 7 q index minus theta index
        MethodSplitter pieces = splitter("u", List.of("[D", "[D"), false, mv -> {
            ctx.getField(mv, ctx.ir.theta());
            mv.visitVarInsn(ASTORE, 3);
            ctx.getAdjoint(mv, ctx.ir.theta());
            mv.visitVarInsn(ASTORE, 4);
        }, 5);
        List<List<ModelIR.Param>> reversed = new ArrayList<>(runs());
        java.util.Collections.reverse(reversed);   // a bound's adjoint reaches earlier parameters before their own
        for (List<ModelIR.Param> run : reversed) {
            ModelIR.Param p = run.get(0);
            if (p.transform() != null) {
                pieces.add(mv -> {
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
                });
                continue;
            }
            if (p.lower() == null && p.upper() == null) {
                pieces.add(mv -> arraycopy(mv, () -> mv.visitVarInsn(ALOAD, 4), p.offset(), () -> mv.visitVarInsn(ALOAD, 2), p.qOffset(), run));
                continue;
            }
            String t = transform(p);
            String d3 = "(DD" + "D".repeat(bounds(p)) + ")D";
            String d4 = "(DD" + "D".repeat(bounds(p)) + "D)D";
            List<Slot> dynamic = dynamicBounds(p);
            pieces.add(mv -> {
                for (Slot b : dynamic) {   // the bound's adjoint, summed over the parameter's elements
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitInsn(DCONST_0);
                    mv.visitFieldInsn(PUTFIELD, ctx.internalName(), b.adjointField(), "D");
                }
                loop(mv, run, 5, 6, 7, () -> {
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
                for (Slot b : dynamic) {
                    // boundAdj += T.lowerAdjoint / upperAdjoint(q[k + d], theta[k], bounds, thetaAdj[k])
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitInsn(DUP);
                    mv.visitFieldInsn(GETFIELD, ctx.internalName(), b.adjointField(), "D");
                    pushQTheta(mv, p);
                    mv.visitVarInsn(ALOAD, 4);
                    mv.visitVarInsn(ILOAD, 5);
                    mv.visitInsn(DALOAD);
                    mv.visitMethodInsn(INVOKESTATIC, t, b == p.lower() ? "lowerAdjoint" : "upperAdjoint", d4, false);
                    mv.visitInsn(DADD);
                    mv.visitFieldInsn(PUTFIELD, ctx.internalName(), b.adjointField(), "D");
                }
                });
                if (p.boundCode() != null) SegmentGen.emit(ctx, mv, p.boundCode(), SegmentGen.Mode.BACKWARD, 8, -1);
            });
        }
        pieces.methods();
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, "tb", "([D[D)V");
        pieces.emitCalls(mv, 1, -1, MethodSplitter.HOT);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    /** The bounds of a parameter that its {@link ModelIR.Param#boundCode} computes from other parameters (slots with an adjoint). */
    private static List<Slot> dynamicBounds(ModelIR.Param p) {
        List<Slot> d = new ArrayList<>();
        if (p.boundCode() == null) return d;
        if (p.lower() != null && p.lower().adjoint()) d.add(p.lower());
        if (p.upper() != null && p.upper().adjoint()) d.add(p.upper());
        return d;
    }

    /** In {@code tb}: pushes q[k + d], theta[k] and the bounds. */
    private void pushQTheta(MethodVisitor mv, ModelIR.Param p) {
        loadQ(mv, 1, 5, 7);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitVarInsn(ILOAD, 5);
        mv.visitInsn(DALOAD);
        pushBounds(mv, p);
    }

    /** {@code System.arraycopy(src, srcOffset, dst, dstOffset, n)} over the positions of a run of unbounded parameters. */
    private void arraycopy(MethodVisitor mv, Runnable src, Slot srcOffset, Runnable dst, Slot dstOffset, List<ModelIR.Param> run) {
        src.run();
        ctx.getField(mv, srcOffset);
        dst.run();
        ctx.getField(mv, dstOffset);
        runLength(mv, run);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
    }

    /** Pushes the number of theta positions of a run: the last parameter's offset plus its count, minus the first's offset. */
    private void runLength(MethodVisitor mv, List<ModelIR.Param> run) {
        ModelIR.Param first = run.get(0);
        ModelIR.Param last = run.get(run.size() - 1);
        if (first.offset().isConstant() && last.offset().isConstant() && last.count().isConstant()) {
            Bytecode.pushInt(mv, (Integer) last.offset().constant() + (Integer) last.count().constant() - (Integer) first.offset().constant());
            return;
        }
        ctx.getField(mv, last.offset());
        ctx.getField(mv, last.count());
        mv.visitInsn(IADD);
        ctx.getField(mv, first.offset());
        mv.visitInsn(ISUB);
    }

    /**
     * {@code for (k = offset; k < offset + n; k++) body} over the theta positions of a run of
     * parameters, with k in local {@code k}, the end in {@code end}, and {@code qOffset - offset}
     * (the same for every parameter of the run) in {@code d}.
     */
    private void loop(MethodVisitor mv, List<ModelIR.Param> run, int k, int end, int d, Runnable body) {
        ModelIR.Param p = run.get(0);
        ctx.getField(mv, p.qOffset());
        ctx.getField(mv, p.offset());
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, d);
        ctx.getField(mv, p.offset());
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, k);
        runLength(mv, run);
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
        // locals of every piece: 0 this, 1 constrained, 2 q, 3 names, 5 k, 6 end, 7 q index minus theta index
        boolean dynamic = ctx.ir.params().stream().anyMatch(p -> p.boundCode() != null);
        MethodSplitter pieces = splitter("r", List.of("[D", "[D"), false, mv -> {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, ctx.internalName(), NAMES, "[Ljava/lang/String;");
            mv.visitVarInsn(ASTORE, 3);
        }, 5);
        if (dynamic) {   // bounds that read parameters are computed from the given values: theta = constrained
            pieces.add(mv -> {
                mv.visitVarInsn(ALOAD, 1);
                mv.visitInsn(ICONST_0);
                ctx.getField(mv, ctx.ir.theta());
                mv.visitInsn(ICONST_0);
                ctx.getField(mv, ctx.ir.thetaCount());
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
            });
        }
        for (List<ModelIR.Param> run : runs()) {
            ModelIR.Param p = run.get(0);
            if (p.transform() != null) {
                pieces.add(mv -> {
                    // T.unconstrain(constrained, offset, K, q, qOffset)
                    mv.visitVarInsn(ALOAD, 1);
                    ctx.getField(mv, p.offset());
                    ctx.getField(mv, p.size());
                    mv.visitVarInsn(ALOAD, 2);
                    ctx.getField(mv, p.qOffset());
                    mv.visitMethodInsn(INVOKESTATIC, owner(p), "unconstrain", "([DII[DI)V", false);
                });
                continue;
            }
            pieces.add(mv -> {
                if (p.boundCode() != null) SegmentGen.emit(ctx, mv, p.boundCode(), SegmentGen.Mode.VALUE, 8, -1);
                loop(mv, run, 5, 6, 7, () -> {
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
            });
        }
        pieces.methods();
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "unconstrain", "([D[D)V");
        pieces.emitCalls(mv, 1, -1, MethodSplitter.COLD);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }
}
