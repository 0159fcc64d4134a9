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
 * The {@code Model} methods that drive the segments (their code packed into methods under a
 * bytecode budget by {@link MethodSplitter}): {@code logDensity} (tf, the data-only
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

    /** A summing splitter of hot methods {@code (D)D}: each segment's value (or fused value and adjoint) added to the running sum. */
    private MethodSplitter summing(String prefix, List<Segment> segments, SegmentGen.Mode mode) {
        MethodSplitter m = new MethodSplitter(ctx, prefix, List.of(), true, MethodSplitter.HOT, null, 3);
        for (Segment s : segments) {
            SegmentGen.Mode sm = mode == SegmentGen.Mode.FUSED && !s.fused() ? SegmentGen.Mode.VALUE : mode;
            m.add(mv -> SegmentGen.emit(ctx, mv, s, sm, m.firstLocal(), m.sumLocal()), SegmentGen.alone(s), s);
        }
        return m;
    }

    /** A splitter of hot methods {@code ()V} running segments for their effects (outputs, backward sweeps). */
    private MethodSplitter effects(String prefix, List<Segment> segments, SegmentGen.Mode mode) {
        return effects(prefix, segments, mode, MethodSplitter.HOT);
    }

    private MethodSplitter effects(String prefix, List<Segment> segments, SegmentGen.Mode mode, int budget) {
        MethodSplitter m = new MethodSplitter(ctx, prefix, List.of(), false, budget, null, 1);
        for (Segment s : segments) m.add(mv -> SegmentGen.emit(ctx, mv, s, mode, m.firstLocal(), -1), SegmentGen.alone(s), s);
        return m;
    }

    void logDensity() {
        MethodSplitter value = summing("v", ctx.ir.density(), SegmentGen.Mode.VALUE);
        value.methods();
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "logDensity", "([D)D");
        // locals: 0 this, 1 q, 2-3 the log density so far
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        ctx.getField(mv, ctx.ir.lpConst());
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, 2);
        value.emitCalls(mv, 1, 2, MethodSplitter.HOT);
        mv.visitVarInsn(DLOAD, 2);
        mv.visitInsn(DRETURN);
        ctx.end(mv);
    }

    void gradient() {
        List<Segment> segs = ctx.ir.density();
        MethodSplitter forward = summing("g", segs, SegmentGen.Mode.FUSED);
        List<Segment> unfused = new ArrayList<>();
        for (int k = segs.size() - 1; k >= 0; k--) {
            if (!segs.get(k).fused() && segs.get(k).active()) unfused.add(segs.get(k));
        }
        MethodSplitter backward = effects("b", unfused, SegmentGen.Mode.BACKWARD);
        MethodSplitter clear = new MethodSplitter(ctx, "z", List.of(), false, MethodSplitter.HOT, null, 1);
        for (Slot w : ctx.ir.workArrays().keySet()) {
            if (!w.adjoint()) continue;
            clear.add(mv -> {
                ctx.getAdjoint(mv, w);
                mv.visitInsn(DCONST_0);
                mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
            });
        }
        for (Slot s : ctx.ir.slots()) {
            if (s.adjoint() && !s.type().isArray()) {
                clear.add(mv -> {
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitInsn(DCONST_0);
                    mv.visitFieldInsn(PUTFIELD, ctx.internalName(), s.adjointField(), "D");
                });
            }
        }
        forward.methods();
        backward.methods();
        clear.methods();
        MethodVisitor mv = ctx.method(ACC_PUBLIC | ACC_FINAL, "logDensityGradient", "([D[D)D");
        // locals: 0 this, 1 q, 2 gradient, 3-4 the log density so far
        ctx.getAdjoint(mv, ctx.ir.theta());
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        clear.emitCalls(mv, 1, -1, MethodSplitter.HOT);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        ctx.getField(mv, ctx.ir.lpConst());
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, 3);
        forward.emitCalls(mv, 1, 3, MethodSplitter.HOT);
        backward.emitCalls(mv, 1, -1, MethodSplitter.HOT);
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
        MethodSplitter gen = effects("w", ctx.ir.generate(), SegmentGen.Mode.VALUE);
        gen.methods();
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
        gen.emitCalls(mv, 1, -1, MethodSplitter.HOT);
        release(mv);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    void logLikelihood() {
        MethodSplitter ll = effects("l", ctx.ir.logLik(), SegmentGen.Mode.VALUE);
        ll.methods();
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
        ll.emitCalls(mv, 1, -1, MethodSplitter.HOT);
        release(mv);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    /**
     * {@code nonFiniteTerm(q)}: tf, then every density segment in order in
     * {@link SegmentGen.Mode#DIAGNOSE} (cold methods), and the first term found not finite.
     */
    void nonFiniteTerm() {
        MethodSplitter diag = effects("d", ctx.ir.density(), SegmentGen.Mode.DIAGNOSE, MethodSplitter.COLD);
        diag.methods();
        MethodVisitor mv = ctx.method(ACC_PUBLIC, "nonFiniteTerm", "([D)" + ClassContext.NON_FINITE);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(ACONST_NULL);
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), ClassContext.DIAGNOSIS, ClassContext.NON_FINITE);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "tf", "([D)D", false);
        mv.visitInsn(POP2);
        diag.emitCalls(mv, 1, -1, MethodSplitter.COLD);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.internalName(), ClassContext.DIAGNOSIS, ClassContext.NON_FINITE);
        mv.visitInsn(ARETURN);
        ctx.end(mv);
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
        mv = ctx.method(ACC_PUBLIC, "droppedConstant", "()D");   // Stan's lp__ (docs/stan.md)
        ctx.getField(mv, ctx.ir.lpDropped());
        mv.visitInsn(DRETURN);
        ctx.end(mv);

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
