package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static ulam.compiler.codegen.ClassContext.NOTES;
import static ulam.compiler.codegen.ClassContext.NAMES;
import static ulam.compiler.codegen.ClassContext.MODEL;
import static ulam.compiler.codegen.ClassContext.DATASET;
import static ulam.compiler.codegen.ClassContext.CHECKS;
import static ulam.compiler.codegen.ClassContext.SUPPORT;
import static ulam.compiler.codegen.ClassContext.LOCATION;
import static ulam.compiler.codegen.ClassContext.PARTIALS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.IntExpr;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.PrepStep;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;

/**
 * The generated class's constructor {@code (DataSet)}: the notes, the data binding
 * ({@link PrepStep}s: read columns, compute derived data, sizes, offsets, index and length checks,
 * groups of the aggregation), the output names; and the per-instance work buffers
 * ({@code allocateWork}, also called by {@code copy()}, one instance per chain).
 */
final class DataBinding {

    private final ClassContext ctx;

    DataBinding(ClassContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code <init>(DataSet)}: the notes list, every {@link PrepStep} in order (packed into
     * methods of at most {@link MethodSplitter#COLD} bytes, which take the data set), the work
     * buffers, the output names.
     */
    void constructor() {
        MethodSplitter steps = new MethodSplitter(ctx, "c", List.of("L" + DATASET + ";"), false, MethodSplitter.COLD, null, 2);
        for (String note : ctx.ir.notes()) {
            steps.add(mv -> {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, ctx.internalName(), NOTES, "Ljava/util/List;");
                Bytecode.pushString(mv, note);
                mv.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "add", "(Ljava/lang/Object;)Z", true);
                mv.visitInsn(POP);
            });
        }
        for (PrepStep p : ctx.ir.prep()) {
            if (p instanceof PrepStep.Run r) {
                steps.add(mv -> SegmentGen.emit(ctx, mv, r.segment(), SegmentGen.Mode.VALUE, steps.firstLocal(), -1),
                        SegmentGen.alone(r.segment()), r.segment());
            } else {
                steps.add(mv -> p.accept(new Step(mv)));
            }
        }
        MethodVisitor mv = ctx.method(ACC_PUBLIC, "<init>", "(L" + DATASET + ";)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitTypeInsn(NEW, "java/util/ArrayList");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/util/ArrayList", "<init>", "()V", false);
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), NOTES, "Ljava/util/List;");
        steps.emitCalls(mv, 1, -1, MethodSplitter.COLD);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "allocateWork", "()V", false);
        outputNames(mv);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    /**
     * Emits one bind-time step into {@code mv}, a method of the constructor's
     * {@link MethodSplitter} (local 1 the data set, local 2 free for an int array); a
     * {@link PrepStep.Run} is not emitted here: the splitter packs its segment's code itself.
     */
    private final class Step implements PrepStep.Visitor<Void> {
        private final MethodVisitor mv;

        Step(MethodVisitor mv) {
            this.mv = mv;
        }

        @Override
        public Void run(PrepStep.Run r) {
            throw new IllegalStateException("a segment's code is packed by the constructor's MethodSplitter: " + r.segment().name());
        }

        @Override
        public Void loadArray(PrepStep.LoadArray l) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, l.name());
            Bytecode.pushLocation(mv, l.at());
            String m = switch (l.slot().type()) {
                case INT_ARRAY -> "ints";
                case REAL_ARRAY -> l.missing() ? "realsWithMissing" : "reals";
                default -> "strings";
            };
            mv.visitMethodInsn(INVOKEVIRTUAL, DATASET, m, "(Ljava/lang/String;" + LOCATION + ")" + l.slot().type().descriptor, false);
            ctx.putField(mv, l.slot());
            return null;
        }

        @Override
        public Void loadScalar(PrepStep.LoadScalar l) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, l.name());
            Bytecode.pushLocation(mv, l.at());
            boolean integer = l.slot().type() == Slot.Type.INT;
            mv.visitMethodInsn(INVOKEVIRTUAL, DATASET, integer ? "intScalar" : "realScalar",
                    "(Ljava/lang/String;" + LOCATION + ")" + (integer ? "I" : "D"), false);
            ctx.putField(mv, l.slot());
            return null;
        }

        @Override
        public Void dataDim(PrepStep.DataDim d) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, d.name());
            Bytecode.pushLocation(mv, d.at());
            mv.visitMethodInsn(INVOKEVIRTUAL, DATASET, "dims", "(Ljava/lang/String;" + LOCATION + ")[I", false);
            Bytecode.pushInt(mv, d.index());
            mv.visitInsn(IALOAD);
            ctx.putField(mv, d.slot());
            return null;
        }

        @Override
        public Void length(PrepStep.Length l) {
            mv.visitVarInsn(ALOAD, 0);
            ctx.getField(mv, l.array());
            mv.visitInsn(ARRAYLENGTH);
            ctx.putField(mv, l.slot());
            return null;
        }

        @Override
        public Void levels(PrepStep.Levels l) {
            mv.visitVarInsn(ALOAD, 0);
            ctx.getField(mv, l.index());
            Bytecode.pushString(mv, l.name());
            Bytecode.pushLocation(mv, l.at());
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, ctx.internalName(), NOTES, "Ljava/util/List;");
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "levels", "([ILjava/lang/String;" + LOCATION + "Ljava/util/List;)I", false);
            ctx.putField(mv, l.slot());
            return null;
        }

        @Override
        public Void setInt(PrepStep.SetInt s) {
            mv.visitVarInsn(ALOAD, 0);
            ctx.pushInt(mv, s.value());
            ctx.putField(mv, s.slot());
            return null;
        }

        @Override
        public Void allocate(PrepStep.Allocate a) {
            mv.visitVarInsn(ALOAD, 0);
            ctx.pushInt(mv, a.length());
            switch (a.array().type()) {
                case INT_ARRAY -> mv.visitIntInsn(NEWARRAY, T_INT);
                case REAL_ARRAY -> mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                default -> mv.visitTypeInsn(ANEWARRAY, "java/lang/String");
            }
            ctx.putField(mv, a.array());
            return null;
        }

        @Override
        public Void function(PrepStep.Function f) {
            mv.visitVarInsn(ALOAD, 0);
            StringBuilder desc = new StringBuilder("(");
            for (Slot a : f.args()) {
                ctx.getField(mv, a);
                desc.append(a.type().descriptor);
            }
            desc.append(')').append(f.out().type().descriptor);
            Label call = new Label();
            Label called = new Label();
            Label refused = new Label();
            Label done = new Label();
            if (f.at() != null) mv.visitTryCatchBlock(call, called, refused, "java/lang/RuntimeException");
            mv.visitLabel(call);
            mv.visitMethodInsn(INVOKESTATIC, Calls.owner(f.owner()), f.method(), desc.toString(), false);
            mv.visitLabel(called);
            ctx.putField(mv, f.out());
            if (f.at() != null) {   // a refused input (1:3e9) is an error at the line, as ModelSupport.located says
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(refused);
                Bytecode.pushLocation(mv, f.at());
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "located", "(Ljava/lang/RuntimeException;" + LOCATION
                        + ")Ljava/lang/RuntimeException;", false);
                mv.visitInsn(ATHROW);
                mv.visitLabel(done);
            }
            return null;
        }

        @Override
        public Void indexColumn(PrepStep.IndexColumn c) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, c.name());
            Bytecode.pushLocation(mv, c.at());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "asIndex", "(L" + DATASET + ";Ljava/lang/String;" + LOCATION + ")[I", false);
            ctx.putField(mv, c.slot());
            return null;
        }

        @Override
        public Void checkOutcome(PrepStep.CheckOutcome c) {
            Bytecode.pushString(mv, c.family());
            ctx.getField(mv, c.y());
            if (c.n() == null) mv.visitInsn(ACONST_NULL);
            else ctx.getField(mv, c.n());
            ctx.pushInt(mv, c.nConst());
            Bytecode.pushString(mv, c.outcome());
            Bytecode.pushLocation(mv, c.at());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "checkOutcome", "(Ljava/lang/String;[I[IILjava/lang/String;" + LOCATION + ")V", false);
            return null;
        }

        @Override
        public Void group(PrepStep.Group g) {
            intArrays(mv, g.keys());
            ctx.pushInt(mv, g.rows());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "groupRows", "([[II)[[I", false);
            unpack(mv, new Slot[] {g.rep(), g.count()}, g.groups());
            return null;
        }

        @Override
        public Void aggregate(PrepStep.Aggregate a) {
            intArrays(mv, a.keys());
            ctx.getField(mv, a.y());
            if (a.n() == null) mv.visitInsn(ACONST_NULL);
            else ctx.getField(mv, a.n());
            ctx.pushInt(mv, a.nConst());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "aggregate", "([[I[I[II)[[I", false);
            unpack(mv, new Slot[] {a.rep(), a.ySum(), a.nSum()}, a.groups());
            return null;
        }

        @Override
        public Void toInts(PrepStep.ToInts t) {
            mv.visitVarInsn(ALOAD, 0);
            ctx.getField(mv, t.realArray());
            Bytecode.pushString(mv, t.name());
            Bytecode.pushLocation(mv, t.at());
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "toInts", "([DLjava/lang/String;" + LOCATION + ")[I", false);
            ctx.putField(mv, t.intArray());
            return null;
        }

        @Override
        public Void inRange(PrepStep.InRange r) {
            ctx.getField(mv, r.index());
            ctx.pushInt(mv, r.bound());
            Bytecode.pushString(mv, r.name());
            Bytecode.pushLocation(mv, r.at());
            String index = r.index().type() == Slot.Type.INT ? "I" : "[I";   // a data scalar indexes too: a[K]
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "inRange", "(" + index + "ILjava/lang/String;" + LOCATION + ")V", false);
            return null;
        }

        @Override
        public Void checkSize(PrepStep.CheckSize c) {
            Bytecode.pushInt(mv, c.dims().size());
            mv.visitIntInsn(NEWARRAY, T_INT);
            for (int k = 0; k < c.dims().size(); k++) {
                mv.visitInsn(DUP);
                Bytecode.pushInt(mv, k);
                ctx.pushInt(mv, c.dims().get(k));
                mv.visitInsn(IASTORE);
            }
            Bytecode.pushString(mv, c.shape());
            Bytecode.pushString(mv, c.name());
            Bytecode.pushLocation(mv, c.at());
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "size", "([ILjava/lang/String;Ljava/lang/String;" + LOCATION + ")V", false);
            return null;
        }

        @Override
        public Void literalInRange(PrepStep.LiteralInRange r) {
            Bytecode.pushInt(mv, r.value());
            ctx.pushInt(mv, r.bound());
            Bytecode.pushString(mv, r.name());
            Bytecode.pushLocation(mv, r.at());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "literalInRange", "(IILjava/lang/String;" + LOCATION + ")V", false);
            return null;
        }

        @Override
        public Void sameLength(PrepStep.SameLength s) {
            ctx.pushInt(mv, s.expected());
            ctx.pushInt(mv, s.actual());
            Bytecode.pushString(mv, s.expectedName());
            Bytecode.pushString(mv, s.actualName());
            Bytecode.pushLocation(mv, s.at());
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "sameLength", "(IILjava/lang/String;Ljava/lang/String;" + LOCATION + ")V", false);
            return null;
        }

        @Override
        public Void textOccurs(PrepStep.TextOccurs t) {
            ctx.getField(mv, t.column());
            Bytecode.pushString(mv, t.text());
            Bytecode.pushString(mv, t.name());
            Bytecode.pushLocation(mv, t.at());
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, ctx.internalName(), NOTES, "Ljava/util/List;");
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "textOccurs", "([Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;" + LOCATION
                    + "Ljava/util/List;)V", false);
            return null;
        }

        @Override
        public Void parameterCount(PrepStep.ParameterCount c) {
            newIntArray(mv, c.counts(), 2);
            ctx.pushInt(mv, c.dimension());
            mv.visitVarInsn(ALOAD, 0);
            Bytecode.pushString(mv, ctx.ir.file());
            Bytecode.pushString(mv, String.join("\n", c.names()));
            Bytecode.pushString(mv, lines(c.at()));
            mv.visitVarInsn(ALOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "parameterCount", "(IL" + MODEL + ";Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;[I)V", false);
            return null;
        }

        @Override
        public Void parameterColumns(PrepStep.ParameterColumns c) {
            String names = String.join(String.valueOf(ulam.runtime.model.ModelSupport.NAME_SEPARATOR), c.names());
            mv.visitVarInsn(ALOAD, 1);
            mv.visitVarInsn(ALOAD, 0);
            Bytecode.pushString(mv, ctx.ir.file());
            Bytecode.pushString(mv, names);
            Bytecode.pushString(mv, lines(c.at()));
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "refuseParameterColumns", "(L" + DATASET + ";L" + MODEL
                    + ";Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V", false);
            return null;
        }
    }

    /** The locations' line numbers joined by {@code ;} (as {@code Checks.line} reads them back). */
    private static String lines(List<ulam.runtime.SourceLocation> at) {
        StringBuilder sb = new StringBuilder();
        for (ulam.runtime.SourceLocation a : at) sb.append(sb.length() > 0 ? ";" : "").append(a.line());
        return sb.toString();
    }

    /** Pushes {@code new int[][] {fields...}}. */
    private void intArrays(MethodVisitor mv, List<Slot> fields) {
        Bytecode.pushInt(mv, fields.size());
        mv.visitTypeInsn(ANEWARRAY, "[I");
        for (int k = 0; k < fields.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            ctx.getField(mv, fields.get(k));
            if (fields.get(k).type() == Slot.Type.REAL_ARRAY) {   // a real column as a key: its distinct values numbered
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "codes", "([D)[I", false);
            }
            mv.visitInsn(AASTORE);
        }
    }

    /** Stores the int[][] on the stack into {@code parts[k]} and the length of its first array into {@code length}. */
    private void unpack(MethodVisitor mv, Slot[] parts, Slot length) {
        for (int k = 0; k < parts.length; k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitInsn(SWAP);
            ctx.putField(mv, parts[k]);
        }
        mv.visitInsn(ICONST_0);
        mv.visitInsn(AALOAD);
        mv.visitInsn(ARRAYLENGTH);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(SWAP);
        ctx.putField(mv, length);
    }

    private int partialsLength() {
        int n = 1;
        for (List<Segment> list : List.of(ctx.ir.density(), ctx.ir.generate(), ctx.ir.logLik())) {
            for (Segment s : list) {
                for (Value v : s.values()) {
                    if (v.op() == Value.Op.KERNEL || v.op() == Value.Op.LCDF || v.op() == Value.Op.LCCDF) {
                        n = Math.max(n, Calls.partials(v.distribution()));
                    }
                    if (v.op() == Value.Op.VKERNEL) n = Math.max(n, v.vector().operands());
                }
                for (Segment.Sink k : s.sinks()) {
                    if (k instanceof Segment.Sink.Call c) n = Math.max(n, c.operands().size());
                }
            }
        }
        return n;
    }

    /** Work buffers of one instance (one per chain): theta, its adjoint, the partials buffer. */
    void allocateWork() {
        MethodSplitter arrays = new MethodSplitter(ctx, "w", List.of(), false, MethodSplitter.COLD, null, 1);
        for (java.util.Map.Entry<Slot, IntExpr> w : ctx.ir.workArrays().entrySet()) {
            if (w.getKey().adjoint()) continue;   // allocated below with its adjoint
            arrays.add(mv -> {
                mv.visitVarInsn(ALOAD, 0);
                ctx.pushInt(mv, w.getValue());
                mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                ctx.putField(mv, w.getKey());
            });
        }
        for (Slot s : ctx.ir.slots()) {
            if (!s.type().isArray() || !s.adjoint()) continue;
            arrays.add(mv -> {
                if (s == ctx.ir.theta()) {
                    mv.visitVarInsn(ALOAD, 0);
                    ctx.getField(mv, ctx.ir.thetaCount());
                    mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                    ctx.putField(mv, s);
                    mv.visitVarInsn(ALOAD, 0);
                    ctx.getField(mv, ctx.ir.thetaCount());
                } else {
                    IntExpr length = ctx.ir.workArrays().get(s);
                    if (length == null) throw new IllegalStateException("adjoint array without a known length: " + s);
                    mv.visitVarInsn(ALOAD, 0);   // the work array itself, one per instance
                    ctx.pushInt(mv, length);
                    mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                    ctx.putField(mv, s);
                    mv.visitVarInsn(ALOAD, 0);
                    ctx.pushInt(mv, length);
                }
                mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                mv.visitFieldInsn(PUTFIELD, ctx.internalName(), s.adjointField(), "[D");
            });
        }
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, "allocateWork", "()V");
        arrays.emitCalls(mv, 1, -1, MethodSplitter.COLD);
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushInt(mv, partialsLength());
        mv.visitIntInsn(NEWARRAY, T_DOUBLE);
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), PARTIALS, "[D");
        RowBlockGen.allocate(ctx, mv);
        mv.visitInsn(RETURN);
        ctx.end(mv);
    }

    /**
     * {@code names = ModelSupport.outputNames(packed names, packed ranks, dims)}: the names and
     * ranks in one string constant each; the dims (sizes known when the data are bound) filled
     * into an array in local 2 by methods of at most {@link MethodSplitter#COLD} bytes; and the
     * element names the model gives some outputs ({@link #givenNames}), if any.
     */
    private void outputNames(MethodVisitor mv) {
        List<ModelIR.Output> outs = ctx.ir.outputs();
        StringBuilder names = new StringBuilder();
        StringBuilder ranks = new StringBuilder();
        List<IntExpr> dims = new ArrayList<>();
        for (ModelIR.Output o : outs) {
            if (o.name().indexOf(ulam.runtime.model.ModelSupport.NAME_SEPARATOR) >= 0) {
                throw new IllegalStateException("output name with a line break: " + o.name());
            }
            if (names.length() > 0) names.append(ulam.runtime.model.ModelSupport.NAME_SEPARATOR);
            names.append(o.name());
            ranks.append((char) ('0' + o.dims().size()));
            dims.addAll(o.dims());
        }
        newIntArray(mv, dims, 2);
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushString(mv, names.toString());
        Bytecode.pushString(mv, ranks.toString());
        mv.visitVarInsn(ALOAD, 2);
        if (outs.stream().anyMatch(o -> o.names() != null)) {
            givenNames(mv, outs);
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "outputNames", "(Ljava/lang/String;Ljava/lang/String;[I[[Ljava/lang/String;)[Ljava/lang/String;", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "outputNames", "(Ljava/lang/String;Ljava/lang/String;[I)[Ljava/lang/String;", false);
        }
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), NAMES, "[Ljava/lang/String;");
    }

    /**
     * {@code local = new int[] {values...}}, filled by methods of at most {@link MethodSplitter#COLD}
     * bytes (however many values there are).
     */
    private void newIntArray(MethodVisitor mv, List<IntExpr> values, int local) {
        MethodSplitter fill = new MethodSplitter(ctx, "n", List.of("[I"), false, MethodSplitter.COLD, null, 2);
        for (int k = 0; k < values.size(); k++) {
            int kk = k;
            fill.add(v -> {
                v.visitVarInsn(ALOAD, 1);
                Bytecode.pushInt(v, kk);
                ctx.pushInt(v, values.get(kk));
                v.visitInsn(IASTORE);
            });
        }
        Bytecode.pushInt(mv, values.size());
        mv.visitIntInsn(NEWARRAY, T_INT);
        mv.visitVarInsn(ASTORE, local);
        fill.emitCalls(mv, local, -1, MethodSplitter.COLD);
    }

    /**
     * Pushes the outputs' given element names ({@code String[outputs][]}, null where Stan's names
     * apply): per output its names joined by newlines, cut into constants of at most 16,000
     * characters (a class-file constant holds 65535 bytes of modified UTF-8).
     */
    private static void givenNames(MethodVisitor mv, List<ModelIR.Output> outs) {
        Bytecode.pushInt(mv, outs.size());
        mv.visitTypeInsn(ANEWARRAY, "[Ljava/lang/String;");
        for (int k = 0; k < outs.size(); k++) {
            List<String> names = outs.get(k).names();
            if (names == null) continue;
            List<String> chunks = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            for (String n : names) {
                if (sb.length() > 0 && sb.length() + n.length() > 16_000) {
                    chunks.add(sb.toString());
                    sb.setLength(0);
                }
                if (sb.length() > 0) sb.append('\n');
                sb.append(n);
            }
            chunks.add(sb.toString());
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            Bytecode.pushInt(mv, chunks.size());
            mv.visitTypeInsn(ANEWARRAY, "java/lang/String");
            for (int c = 0; c < chunks.size(); c++) {
                mv.visitInsn(DUP);
                Bytecode.pushInt(mv, c);
                Bytecode.pushString(mv, chunks.get(c));
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(AASTORE);
        }
    }

    void copy() {
        MethodVisitor mv = ctx.method(ACC_PUBLIC, "copy", "()L" + MODEL + ";");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "clone", "()Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, ctx.internalName());
        mv.visitVarInsn(ASTORE, 1);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), "allocateWork", "()V", false);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitInsn(ARETURN);
        ctx.end(mv);
    }
}
