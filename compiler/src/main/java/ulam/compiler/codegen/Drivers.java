package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static ulam.compiler.codegen.ClassContext.NOTES;
import static ulam.compiler.codegen.ClassContext.NAMES;
import static ulam.compiler.codegen.ClassContext.SUPPORT;
import static ulam.compiler.codegen.ClassContext.RNG_FIELD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;

/**
 * The {@code Model} methods that drive the segments: {@code logDensity} (tf, the data-only
 * constant, each segment's value), {@code logDensityGradient} (adjoints cleared, tf, the forward
 * and fused segments, the backward sweeps of unfused segments in reverse order, tb),
 * {@code writeDraw} (generated quantities), {@code logLikelihood} (pointwise), and the small
 * accessors ({@code name}, {@code dimension}, {@code outputNames}, {@code notes}, ...).
 */
final class Drivers {

    private final ClassContext ctx;

    Drivers(ClassContext ctx) {
        this.ctx = ctx;
    }

    private List<String> emitSegments(List<Segment> segments, String prefix, SegmentGen.Mode mode) {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            String m = ctx.nextMethod(prefix);
            SegmentGen.emit(ctx, ctx.cw, m, s, mode);
            names.add(m);
        }
        return names;
    }

    private List<String> valueMethods;

    void logDensity() {
        List<String> value = valueMethods = emitSegments(ctx.ir.density(), "v", SegmentGen.Mode.VALUE);
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "logDensity", "([D)D");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        ctx.getField(mv, ctx.ir.lpConst());
        mv.visitInsn(DADD);
        for (String m : value) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), m, "()D", false);
            mv.visitInsn(DADD);
        }
        mv.visitInsn(DRETURN);
        ctx.end(mv);
    }

    void gradient() {
        List<Segment> segs = ctx.ir.density();
        List<String> forward = new ArrayList<>();
        List<String> backward = new ArrayList<>();
        for (int k = 0; k < segs.size(); k++) {
            Segment s = segs.get(k);
            boolean fused = s.fused();
            String f = fused ? ctx.nextMethod("g") : valueMethods.get(k);
            if (fused) SegmentGen.emit(ctx, ctx.cw, f, s, SegmentGen.Mode.FUSED);
            forward.add(f);
            if (!fused && s.active()) {
                String b = ctx.nextMethod("b");
                SegmentGen.emit(ctx, ctx.cw, b, s, SegmentGen.Mode.BACKWARD);
                backward.add(b);
            } else {
                backward.add(null);
            }
        }
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "logDensityGradient", "([D[D)D");
        ctx.getAdjoint(mv, ctx.ir.theta());
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        for (Slot w : ctx.ir.workArrays().keySet()) {
            if (!w.adjoint()) continue;
            ctx.getAdjoint(mv, w);
            mv.visitInsn(DCONST_0);
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        }
        for (Slot s : ctx.ir.slots()) {
            if (s.adjoint() && !s.type().isArray()) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitInsn(DCONST_0);
                mv.visitFieldInsn(PUTFIELD, ctx.internalName(), s.adjointField(), "D");
            }
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        ctx.getField(mv, ctx.ir.lpConst());
        mv.visitInsn(DADD);
        for (String m : forward) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), m, "()D", false);
            mv.visitInsn(DADD);
        }
        mv.visitVarInsn(DSTORE, 3);
        for (int k = backward.size() - 1; k >= 0; k--) {
            if (backward.get(k) == null) continue;
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), backward.get(k), "()V", false);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tb", "([D[D)V", false);
        mv.visitVarInsn(DLOAD, 3);
        mv.visitInsn(DRETURN);
        ctx.end(mv);
    }

    // ------------------------------------------------------------------ draws and pointwise log-likelihood

    void writeDraw() {
        List<String> gen = emitSegments(ctx.ir.generate(), "w", SegmentGen.Mode.VALUE);
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "writeDraw", "([D" + Calls.RNG + "[D)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        mv.visitInsn(POP2);
        ctx.getField(mv, ctx.ir.theta());
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitInsn(ICONST_0);
        ctx.getField(mv, ctx.ir.thetaCount());
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 3);
        ctx.putField(mv, ctx.ir.out());
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), RNG_FIELD, Calls.RNG);
        callAll(mv, gen);
        release(mv);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    void logLikelihood() {
        List<String> ll = emitSegments(ctx.ir.logLik(), "l", SegmentGen.Mode.VALUE);
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "logLikelihood", "([D[D)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        mv.visitInsn(POP2);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);   // lines add into their outcome's slots
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 2);
        ctx.putField(mv, ctx.ir.out());
        callAll(mv, ll);
        release(mv);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    private void callAll(MethodVisitor mv, List<String> methods) {
        for (String m : methods) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), m, "()D", false);
            mv.visitInsn(POP2);
        }
    }

    /** Drops references to the caller's arrays and random stream. */
    private void release(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(ACONST_NULL);
        ctx.putField(mv, ctx.ir.out());
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(ACONST_NULL);
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), RNG_FIELD, Calls.RNG);
    }

    void accessors() {
        MethodVisitor mv = ctx.method(ACC_PUBLIC, "name", "()Ljava/lang/String;");
        Bytecode.pushString(mv, ctx.ir.name());
        mv.visitInsn(ARETURN);
        ctx.end(mv);

        intGetter("dimension", ctx.ir.dimension());
        intGetter("parameterOutputs", ctx.ir.thetaCount());
        intGetter("observations", ctx.ir.observations());

        mv = ctx.method(ACC_PUBLIC, "outputNames", "()[Ljava/lang/String;");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.internalName(), NAMES, "[Ljava/lang/String;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "[Ljava/lang/String;", "clone", "()Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/String;");
        mv.visitInsn(ARETURN);
        ctx.end(mv);

        mv = ctx.method(ACC_PUBLIC, "notes", "()Ljava/util/List;");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.internalName(), NOTES, "Ljava/util/List;");
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Collections", "unmodifiableList", "(Ljava/util/List;)Ljava/util/List;", false);
        mv.visitInsn(ARETURN);
        ctx.end(mv);

        mv = ctx.method(ACC_PUBLIC, "reparameterisations", "()Ljava/util/List;");
        Bytecode.pushInt(mv, ctx.ir.reparameterisations().size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int k = 0; k < ctx.ir.reparameterisations().size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            Bytecode.pushString(mv, ctx.ir.reparameterisations().get(k));
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, "java/util/List", "of", "([Ljava/lang/Object;)Ljava/util/List;", true);
        mv.visitInsn(ARETURN);
        ctx.end(mv);

        mv = ctx.method(ACC_PUBLIC, "sourceOptions", "()Ljava/util/Map;");
        Map<String, String> opts = ctx.ir.options();
        List<Map.Entry<String, String>> entries = new ArrayList<>(new java.util.TreeMap<>(opts).entrySet());
        Bytecode.pushInt(mv, entries.size() * 2);
        mv.visitTypeInsn(ANEWARRAY, "java/lang/String");
        for (int k = 0; k < entries.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, 2 * k);
            Bytecode.pushString(mv, entries.get(k).getKey());
            mv.visitInsn(AASTORE);
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, 2 * k + 1);
            Bytecode.pushString(mv, entries.get(k).getValue());
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "options", "([Ljava/lang/String;)Ljava/util/Map;", false);
        mv.visitInsn(ARETURN);
        ctx.end(mv);

        mv = ctx.method(ACC_PUBLIC, "source", "()Ljava/lang/String;");
        Bytecode.pushString(mv, ctx.ir.source());
        mv.visitInsn(ARETURN);
        ctx.end(mv);
    }

    private void intGetter(String name, Slot slot) {
        MethodVisitor mv = ctx.method(ACC_PUBLIC, name, "()I");
        ctx.getField(mv, slot);
        mv.visitInsn(IRETURN);
        ctx.end(mv);
    }
}
