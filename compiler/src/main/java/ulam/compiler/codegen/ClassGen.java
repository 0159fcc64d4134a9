package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.IntExpr;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.PrepStep;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;
import ulam.stdlib.DistributionSpec;

/**
 * Stage 6 of the compiler: writes one JVM class per model, implementing
 * {@code ulam.runtime.Model} (DESIGN.md step 6). Every slot of the IR is a field; the
 * constructor binds the data ({@link PrepStep}s); each segment is one small private method, so
 * that the JIT compiles each on its own; {@code logDensityGradient} calls the constraining
 * transforms, the segments in order (fused ones carry their own adjoint code), the backward
 * sweeps of unfused segments in reverse order, and the transforms' adjoints. User names appear
 * only in string constants, never in JVM names.
 */
public final class ClassGen {

    static final String PARTIALS = "dk";
    static final String RNG_FIELD = "rng";
    private static final String NOTES = "notes";
    private static final String NAMES = "names";
    private static final String MODEL = "ulam/runtime/Model";
    private static final String DATASET = "ulam/runtime/data/DataSet";
    private static final String CHECKS = "ulam/runtime/data/Checks";
    private static final String SUPPORT = "ulam/runtime/model/ModelSupport";
    private static final String LOCATION = "Lulam/runtime/SourceLocation;";

    private final ModelIR ir;
    private final String internalName;
    private final ClassWriter cw;
    private int methods;

    private ClassGen(ModelIR ir, String className) {
        this.ir = ir;
        this.internalName = className.replace('.', '/');
        this.cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
    }

    /**
     * The class file of a model.
     *
     * @param ir        the model
     * @param className binary name, e.g. {@code ulam.model.Chimpanzees}
     * @return class file bytes (Java 17)
     */
    public static byte[] generate(ModelIR ir, String className) {
        return new ClassGen(ir, className).run();
    }

    String internalName() {
        return internalName;
    }

    private byte[] run() {
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, internalName, null, "java/lang/Object",
                new String[] {MODEL, "java/lang/Cloneable"});
        cw.visitSource(ir.file(), null);
        for (Slot s : ir.slots()) {
            cw.visitField(ACC_PRIVATE, s.field(), s.type().descriptor, null, null).visitEnd();
            if (s.adjoint()) {
                cw.visitField(ACC_PRIVATE, s.adjointField(), s.type().isArray() ? "[D" : "D", null, null).visitEnd();
            }
        }
        cw.visitField(ACC_PRIVATE, PARTIALS, "[D", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, RNG_FIELD, Calls.RNG, null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, NOTES, "Ljava/util/List;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, NAMES, "[Ljava/lang/String;", null, null).visitEnd();

        List<String> prepMethods = new ArrayList<>();
        for (PrepStep p : ir.prep()) {
            if (p instanceof PrepStep.Run r) {
                String m = "p" + methods++;
                SegmentGen.emit(this, cw, m, r.segment(), SegmentGen.Mode.VALUE);
                prepMethods.add(m);
            }
        }
        constructor(prepMethods);
        allocateWork();
        copy();
        transforms();
        logJacobian();
        logDensity();
        gradient();
        writeDraw();
        logLikelihood();
        unconstrain();
        accessors();
        cw.visitEnd();
        return cw.toByteArray();
    }

    // ------------------------------------------------------------------ helpers

    private MethodVisitor method(int access, String name, String desc) {
        MethodVisitor mv = cw.visitMethod(access, name, desc, null, null);
        mv.visitCode();
        return mv;
    }

    private static void end(MethodVisitor mv) {
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void getField(MethodVisitor mv, Slot s) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, s.field(), s.type().descriptor);
    }

    private void getAdjoint(MethodVisitor mv, Slot s) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, s.adjointField(), s.type().isArray() ? "[D" : "D");
    }

    private void putField(MethodVisitor mv, Slot s) {
        mv.visitFieldInsn(PUTFIELD, internalName, s.field(), s.type().descriptor);
    }

    private void pushInt(MethodVisitor mv, IntExpr e) {
        if (e instanceof IntExpr.Const c) {
            Bytecode.pushInt(mv, c.value());
        } else if (e instanceof IntExpr.Of o) {
            getField(mv, o.slot());
        } else if (e instanceof IntExpr.Add a) {
            pushInt(mv, a.left());
            pushInt(mv, a.right());
            mv.visitInsn(IADD);
        } else {
            IntExpr.Mul m = (IntExpr.Mul) e;
            pushInt(mv, m.left());
            pushInt(mv, m.right());
            mv.visitInsn(IMUL);
        }
    }

    // ------------------------------------------------------------------ constructor: binding data

    private void constructor(List<String> prepMethods) {
        MethodVisitor mv = method(ACC_PUBLIC, "<init>", "(L" + DATASET + ";)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitTypeInsn(NEW, "java/util/ArrayList");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/util/ArrayList", "<init>", "()V", false);
        mv.visitFieldInsn(PUTFIELD, internalName, NOTES, "Ljava/util/List;");
        for (String note : ir.notes()) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, internalName, NOTES, "Ljava/util/List;");
            Bytecode.pushString(mv, note);
            mv.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "add", "(Ljava/lang/Object;)Z", true);
            mv.visitInsn(POP);
        }
        int run = 0;
        for (PrepStep p : ir.prep()) {
            if (p instanceof PrepStep.Run) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitMethodInsn(INVOKESPECIAL, internalName, prepMethods.get(run++), "()D", false);
                mv.visitInsn(POP2);
            } else {
                prep(mv, p);
            }
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "allocateWork", "()V", false);
        outputNames(mv);
        mv.visitInsn(RETURN);
        end(mv);
    }

    private void prep(MethodVisitor mv, PrepStep p) {
        if (p instanceof PrepStep.LoadArray l) {
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
            putField(mv, l.slot());
        } else if (p instanceof PrepStep.LoadScalar l) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, l.name());
            Bytecode.pushLocation(mv, l.at());
            boolean integer = l.slot().type() == Slot.Type.INT;
            mv.visitMethodInsn(INVOKEVIRTUAL, DATASET, integer ? "intScalar" : "realScalar",
                    "(Ljava/lang/String;" + LOCATION + ")" + (integer ? "I" : "D"), false);
            putField(mv, l.slot());
        } else if (p instanceof PrepStep.DataDim d) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, d.name());
            Bytecode.pushLocation(mv, d.at());
            mv.visitMethodInsn(INVOKEVIRTUAL, DATASET, "dims", "(Ljava/lang/String;" + LOCATION + ")[I", false);
            Bytecode.pushInt(mv, d.index());
            mv.visitInsn(IALOAD);
            putField(mv, d.slot());
        } else if (p instanceof PrepStep.Length l) {
            mv.visitVarInsn(ALOAD, 0);
            getField(mv, l.array());
            mv.visitInsn(ARRAYLENGTH);
            putField(mv, l.slot());
        } else if (p instanceof PrepStep.Levels l) {
            mv.visitVarInsn(ALOAD, 0);
            getField(mv, l.index());
            Bytecode.pushString(mv, l.name());
            Bytecode.pushLocation(mv, l.at());
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, internalName, NOTES, "Ljava/util/List;");
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "levels", "([ILjava/lang/String;" + LOCATION + "Ljava/util/List;)I", false);
            putField(mv, l.slot());
        } else if (p instanceof PrepStep.SetInt s) {
            mv.visitVarInsn(ALOAD, 0);
            pushInt(mv, s.value());
            putField(mv, s.slot());
        } else if (p instanceof PrepStep.Allocate a) {
            mv.visitVarInsn(ALOAD, 0);
            pushInt(mv, a.length());
            switch (a.array().type()) {
                case INT_ARRAY -> mv.visitIntInsn(NEWARRAY, T_INT);
                case REAL_ARRAY -> mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                default -> mv.visitTypeInsn(ANEWARRAY, "java/lang/String");
            }
            putField(mv, a.array());
        } else if (p instanceof PrepStep.Function f) {
            mv.visitVarInsn(ALOAD, 0);
            StringBuilder desc = new StringBuilder("(");
            for (Slot a : f.args()) {
                getField(mv, a);
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
            putField(mv, f.out());
            if (f.at() != null) {   // a refused input (1:3e9) is an error at the line, as ModelSupport.located says
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(refused);
                Bytecode.pushLocation(mv, f.at());
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "located", "(Ljava/lang/RuntimeException;" + LOCATION
                        + ")Ljava/lang/RuntimeException;", false);
                mv.visitInsn(ATHROW);
                mv.visitLabel(done);
            }
        } else if (p instanceof PrepStep.IndexColumn c) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            Bytecode.pushString(mv, c.name());
            Bytecode.pushLocation(mv, c.at());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "asIndex", "(L" + DATASET + ";Ljava/lang/String;" + LOCATION + ")[I", false);
            putField(mv, c.slot());
        } else if (p instanceof PrepStep.CheckOutcome c) {
            Bytecode.pushString(mv, c.family());
            getField(mv, c.y());
            if (c.n() == null) mv.visitInsn(ACONST_NULL);
            else getField(mv, c.n());
            pushInt(mv, c.nConst());
            Bytecode.pushString(mv, c.outcome());
            Bytecode.pushLocation(mv, c.at());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "checkOutcome", "(Ljava/lang/String;[I[IILjava/lang/String;" + LOCATION + ")V", false);
        } else if (p instanceof PrepStep.Group g) {
            intArrays(mv, g.keys());
            pushInt(mv, g.rows());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "groupRows", "([[II)[[I", false);
            unpack(mv, new Slot[] {g.rep(), g.count()}, g.groups());
        } else if (p instanceof PrepStep.Aggregate a) {
            intArrays(mv, a.keys());
            getField(mv, a.y());
            if (a.n() == null) mv.visitInsn(ACONST_NULL);
            else getField(mv, a.n());
            pushInt(mv, a.nConst());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "aggregate", "([[I[I[II)[[I", false);
            unpack(mv, new Slot[] {a.rep(), a.ySum(), a.nSum()}, a.groups());
        } else if (p instanceof PrepStep.ToInts t) {
            mv.visitVarInsn(ALOAD, 0);
            getField(mv, t.realArray());
            Bytecode.pushString(mv, t.name());
            Bytecode.pushLocation(mv, t.at());
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "toInts", "([DLjava/lang/String;" + LOCATION + ")[I", false);
            putField(mv, t.intArray());
        } else if (p instanceof PrepStep.InRange r) {
            getField(mv, r.index());
            pushInt(mv, r.bound());
            Bytecode.pushString(mv, r.name());
            Bytecode.pushLocation(mv, r.at());
            String index = r.index().type() == Slot.Type.INT ? "I" : "[I";   // a data scalar indexes too: a[K]
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "inRange", "(" + index + "ILjava/lang/String;" + LOCATION + ")V", false);
        } else if (p instanceof PrepStep.CheckSize c) {
            Bytecode.pushInt(mv, c.dims().size());
            mv.visitIntInsn(NEWARRAY, T_INT);
            for (int k = 0; k < c.dims().size(); k++) {
                mv.visitInsn(DUP);
                Bytecode.pushInt(mv, k);
                pushInt(mv, c.dims().get(k));
                mv.visitInsn(IASTORE);
            }
            Bytecode.pushString(mv, c.shape());
            Bytecode.pushString(mv, c.name());
            Bytecode.pushLocation(mv, c.at());
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "size", "([ILjava/lang/String;Ljava/lang/String;" + LOCATION + ")V", false);
        } else if (p instanceof PrepStep.LiteralInRange r) {
            Bytecode.pushInt(mv, r.value());
            pushInt(mv, r.bound());
            Bytecode.pushString(mv, r.name());
            Bytecode.pushLocation(mv, r.at());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "literalInRange", "(IILjava/lang/String;" + LOCATION + ")V", false);
        } else if (p instanceof PrepStep.SameLength s) {
            pushInt(mv, s.expected());
            pushInt(mv, s.actual());
            Bytecode.pushString(mv, s.expectedName());
            Bytecode.pushString(mv, s.actualName());
            Bytecode.pushLocation(mv, s.at());
            mv.visitMethodInsn(INVOKESTATIC, CHECKS, "sameLength", "(IILjava/lang/String;Ljava/lang/String;" + LOCATION + ")V", false);
        } else {
            throw new IllegalStateException("prep step " + p);
        }
    }

    /** Pushes {@code new int[][] {fields...}}. */
    private void intArrays(MethodVisitor mv, List<Slot> fields) {
        Bytecode.pushInt(mv, fields.size());
        mv.visitTypeInsn(ANEWARRAY, "[I");
        for (int k = 0; k < fields.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            getField(mv, fields.get(k));
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
            putField(mv, parts[k]);
        }
        mv.visitInsn(ICONST_0);
        mv.visitInsn(AALOAD);
        mv.visitInsn(ARRAYLENGTH);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(SWAP);
        putField(mv, length);
    }

    private int partialsLength() {
        int n = 1;
        for (List<Segment> list : List.of(ir.density(), ir.generate(), ir.logLik())) {
            for (Segment s : list) {
                for (Value v : s.values()) {
                    if (v.op() == Value.Op.KERNEL || v.op() == Value.Op.LCDF || v.op() == Value.Op.LCCDF) {
                        n = Math.max(n, Calls.partials((DistributionSpec) v.payload()));
                    }
                    if (v.op() == Value.Op.VKERNEL) n = Math.max(n, ((ulam.compiler.ir.VectorDensity) v.payload()).operands());
                }
                for (Segment.Sink k : s.sinks()) {
                    if (k instanceof Segment.Sink.Call c) n = Math.max(n, c.operands().size());
                }
            }
        }
        return n;
    }

    /** Work buffers of one instance (one per chain): theta, its adjoint, the partials buffer. */
    private void allocateWork() {
        MethodVisitor mv = method(ACC_PRIVATE | ACC_FINAL, "allocateWork", "()V");
        for (java.util.Map.Entry<Slot, IntExpr> w : ir.workArrays().entrySet()) {
            if (w.getKey().adjoint()) continue;   // allocated below with its adjoint
            mv.visitVarInsn(ALOAD, 0);
            pushInt(mv, w.getValue());
            mv.visitIntInsn(NEWARRAY, T_DOUBLE);
            putField(mv, w.getKey());
        }
        for (Slot s : ir.slots()) {
            if (!s.type().isArray() || !s.adjoint()) continue;
            if (s == ir.theta()) {
                mv.visitVarInsn(ALOAD, 0);
                getField(mv, ir.thetaCount());
                mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                putField(mv, s);
                mv.visitVarInsn(ALOAD, 0);
                getField(mv, ir.thetaCount());
            } else {
                IntExpr length = ir.workArrays().get(s);
                if (length == null) throw new IllegalStateException("adjoint array without a known length: " + s);
                mv.visitVarInsn(ALOAD, 0);   // the work array itself, one per instance
                pushInt(mv, length);
                mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                putField(mv, s);
                mv.visitVarInsn(ALOAD, 0);
                pushInt(mv, length);
            }
            mv.visitIntInsn(NEWARRAY, T_DOUBLE);
            mv.visitFieldInsn(PUTFIELD, internalName, s.adjointField(), "[D");
        }
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushInt(mv, partialsLength());
        mv.visitIntInsn(NEWARRAY, T_DOUBLE);
        mv.visitFieldInsn(PUTFIELD, internalName, PARTIALS, "[D");
        mv.visitInsn(RETURN);
        end(mv);
    }

    private void outputNames(MethodVisitor mv) {
        List<ModelIR.Output> outs = ir.outputs();
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushInt(mv, outs.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/String");
        for (int k = 0; k < outs.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            Bytecode.pushString(mv, outs.get(k).name());
            mv.visitInsn(AASTORE);
        }
        Bytecode.pushInt(mv, outs.size());
        mv.visitIntInsn(NEWARRAY, T_INT);
        for (int k = 0; k < outs.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            Bytecode.pushInt(mv, outs.get(k).dims().size());
            mv.visitInsn(IASTORE);
        }
        List<IntExpr> dims = new ArrayList<>();
        for (ModelIR.Output o : outs) dims.addAll(o.dims());
        Bytecode.pushInt(mv, dims.size());
        mv.visitIntInsn(NEWARRAY, T_INT);
        for (int k = 0; k < dims.size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            pushInt(mv, dims.get(k));
            mv.visitInsn(IASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "outputNames", "([Ljava/lang/String;[I[I)[Ljava/lang/String;", false);
        mv.visitFieldInsn(PUTFIELD, internalName, NAMES, "[Ljava/lang/String;");
    }

    private void copy() {
        MethodVisitor mv = method(ACC_PUBLIC, "copy", "()L" + MODEL + ";");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "clone", "()Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, internalName);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "allocateWork", "()V", false);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitInsn(ARETURN);
        end(mv);
    }

    // ------------------------------------------------------------------ constraining transforms

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
        if (p.lower() != null) getField(mv, p.lower());
        if (p.upper() != null) getField(mv, p.upper());
    }

    /**
     * {@code tf(q)}: theta = constrain(q), returning the summed log-Jacobian; {@code tb(q, g)}:
     * g = dtheta/dq * thetaAdj + d logJacobian / dq (Stan reference manual, "Constraint transforms").
     */
    private void transforms() {
        constrainAll();
        adjointAll();
    }

    private static String owner(ModelIR.Param p) {
        return Calls.owner(p.transform().implementation());
    }

    private void constrainAll() {
        MethodVisitor mv = method(ACC_PRIVATE | ACC_FINAL, "tf", "([D)D");
        // locals: 0 this, 1 q, 2-3 lp, 4 theta, 5 k, 6 end, 7-8 x, 9 q index minus theta index
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, 2);
        getField(mv, ir.theta());
        mv.visitVarInsn(ASTORE, 4);
        for (ModelIR.Param p : ir.params()) {
            if (p.transform() != null) {
                // lp += T.constrain(q, qOffset, K, theta, offset)
                mv.visitVarInsn(DLOAD, 2);
                mv.visitVarInsn(ALOAD, 1);
                getField(mv, p.qOffset());
                getField(mv, p.size());
                mv.visitVarInsn(ALOAD, 4);
                getField(mv, p.offset());
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
        end(mv);
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
        MethodVisitor mv = method(ACC_PRIVATE | ACC_FINAL, "tb", "([D[D)V");
        // locals: 0 this, 1 q, 2 g, 3 theta, 4 thetaAdj, 5 k, 6 end, 7 q index minus theta index
        getField(mv, ir.theta());
        mv.visitVarInsn(ASTORE, 3);
        getAdjoint(mv, ir.theta());
        mv.visitVarInsn(ASTORE, 4);
        for (ModelIR.Param p : ir.params()) {
            if (p.transform() != null) {
                // T.backward(q, qOffset, K, theta, offset, thetaAdj, offset, g, qOffset)
                mv.visitVarInsn(ALOAD, 1);
                getField(mv, p.qOffset());
                getField(mv, p.size());
                mv.visitVarInsn(ALOAD, 3);
                getField(mv, p.offset());
                mv.visitVarInsn(ALOAD, 4);
                getField(mv, p.offset());
                mv.visitVarInsn(ALOAD, 2);
                getField(mv, p.qOffset());
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
        end(mv);
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
        getField(mv, srcOffset);
        dst.run();
        getField(mv, dstOffset);
        getField(mv, p.count());
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
    }

    /**
     * {@code for (k = offset; k < offset + count; k++) body} over a parameter's theta positions,
     * with k in local {@code k}, the end in {@code end}, and {@code qOffset - offset} in {@code d}.
     */
    private void loop(MethodVisitor mv, ModelIR.Param p, int k, int end, int d, Runnable body) {
        getField(mv, p.qOffset());
        getField(mv, p.offset());
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, d);
        getField(mv, p.offset());
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, k);
        getField(mv, p.count());
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

    /**
     * {@code logJacobian(q, g)}: the constraining transforms alone, {@code tf(q)} and {@code tb(q, g)}
     * with a zero {@code thetaAdj}, so g = d log|J| / dq (Model.logJacobian; quap's log density
     * without Jacobian is logDensityGradient minus this).
     */
    private void logJacobian() {
        MethodVisitor mv = method(ACC_PUBLIC | ACC_FINAL, "logJacobian", "([D[D)D");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tf", "([D)D", false);
        mv.visitVarInsn(DSTORE, 3);
        getAdjoint(mv, ir.theta());
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tb", "([D[D)V", false);
        mv.visitVarInsn(DLOAD, 3);
        mv.visitInsn(DRETURN);
        end(mv);
    }

    // ------------------------------------------------------------------ the log density and its gradient

    private List<String> emitSegments(List<Segment> segments, String prefix, SegmentGen.Mode mode) {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            String m = prefix + methods++;
            SegmentGen.emit(this, cw, m, s, mode);
            names.add(m);
        }
        return names;
    }

    private List<String> valueMethods;

    private void logDensity() {
        List<String> value = valueMethods = emitSegments(ir.density(), "v", SegmentGen.Mode.VALUE);
        MethodVisitor mv = method(ACC_PUBLIC | ACC_FINAL, "logDensity", "([D)D");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tf", "([D)D", false);
        getField(mv, ir.lpConst());
        mv.visitInsn(DADD);
        for (String m : value) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, internalName, m, "()D", false);
            mv.visitInsn(DADD);
        }
        mv.visitInsn(DRETURN);
        end(mv);
    }

    private void gradient() {
        List<Segment> segs = ir.density();
        List<String> forward = new ArrayList<>();
        List<String> backward = new ArrayList<>();
        for (int k = 0; k < segs.size(); k++) {
            Segment s = segs.get(k);
            boolean fused = s.fused();
            String f = fused ? "g" + methods++ : valueMethods.get(k);
            if (fused) SegmentGen.emit(this, cw, f, s, SegmentGen.Mode.FUSED);
            forward.add(f);
            if (!fused && s.active()) {
                String b = "b" + methods++;
                SegmentGen.emit(this, cw, b, s, SegmentGen.Mode.BACKWARD);
                backward.add(b);
            } else {
                backward.add(null);
            }
        }
        MethodVisitor mv = method(ACC_PUBLIC | ACC_FINAL, "logDensityGradient", "([D[D)D");
        getAdjoint(mv, ir.theta());
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        for (Slot w : ir.workArrays().keySet()) {
            if (!w.adjoint()) continue;
            getAdjoint(mv, w);
            mv.visitInsn(DCONST_0);
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);
        }
        for (Slot s : ir.slots()) {
            if (s.adjoint() && !s.type().isArray()) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitInsn(DCONST_0);
                mv.visitFieldInsn(PUTFIELD, internalName, s.adjointField(), "D");
            }
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tf", "([D)D", false);
        getField(mv, ir.lpConst());
        mv.visitInsn(DADD);
        for (String m : forward) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, internalName, m, "()D", false);
            mv.visitInsn(DADD);
        }
        mv.visitVarInsn(DSTORE, 3);
        for (int k = backward.size() - 1; k >= 0; k--) {
            if (backward.get(k) == null) continue;
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, internalName, backward.get(k), "()V", false);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tb", "([D[D)V", false);
        mv.visitVarInsn(DLOAD, 3);
        mv.visitInsn(DRETURN);
        end(mv);
    }

    // ------------------------------------------------------------------ draws and pointwise log-likelihood

    private void writeDraw() {
        List<String> gen = emitSegments(ir.generate(), "w", SegmentGen.Mode.VALUE);
        MethodVisitor mv = method(ACC_PUBLIC | ACC_FINAL, "writeDraw", "([D" + Calls.RNG + "[D)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tf", "([D)D", false);
        mv.visitInsn(POP2);
        getField(mv, ir.theta());
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitInsn(ICONST_0);
        getField(mv, ir.thetaCount());
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 3);
        putField(mv, ir.out());
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitFieldInsn(PUTFIELD, internalName, RNG_FIELD, Calls.RNG);
        callAll(mv, gen);
        release(mv);
        mv.visitInsn(RETURN);
        end(mv);
    }

    private void logLikelihood() {
        List<String> ll = emitSegments(ir.logLik(), "l", SegmentGen.Mode.VALUE);
        MethodVisitor mv = method(ACC_PUBLIC | ACC_FINAL, "logLikelihood", "([D[D)V");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, internalName, "tf", "([D)D", false);
        mv.visitInsn(POP2);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DD)V", false);   // lines add into their outcome's slots
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 2);
        putField(mv, ir.out());
        callAll(mv, ll);
        release(mv);
        mv.visitInsn(RETURN);
        end(mv);
    }

    private void callAll(MethodVisitor mv, List<String> methods) {
        for (String m : methods) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, internalName, m, "()D", false);
            mv.visitInsn(POP2);
        }
    }

    /** Drops references to the caller's arrays and random stream. */
    private void release(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(ACONST_NULL);
        putField(mv, ir.out());
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(ACONST_NULL);
        mv.visitFieldInsn(PUTFIELD, internalName, RNG_FIELD, Calls.RNG);
    }

    private void unconstrain() {
        MethodVisitor mv = method(ACC_PUBLIC | ACC_FINAL, "unconstrain", "([D[D)V");
        // locals: 0 this, 1 constrained, 2 q, 3 names, 5 k, 6 end, 7 q index minus theta index
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, NAMES, "[Ljava/lang/String;");
        mv.visitVarInsn(ASTORE, 3);
        for (ModelIR.Param p : ir.params()) {
            if (p.transform() != null) {
                // T.unconstrain(constrained, offset, K, q, qOffset)
                mv.visitVarInsn(ALOAD, 1);
                getField(mv, p.offset());
                getField(mv, p.size());
                mv.visitVarInsn(ALOAD, 2);
                getField(mv, p.qOffset());
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
                if (p.lower() != null) getField(mv, p.lower());
                else Bytecode.pushDouble(mv, Double.NEGATIVE_INFINITY);
                if (p.upper() != null) getField(mv, p.upper());
                else Bytecode.pushDouble(mv, Double.POSITIVE_INFINITY);
                mv.visitVarInsn(ALOAD, 3);
                mv.visitVarInsn(ILOAD, 5);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "unconstrain", "(DDDLjava/lang/String;)D", false);
                mv.visitInsn(DASTORE);
            });
        }
        mv.visitInsn(RETURN);
        end(mv);
    }

    // ------------------------------------------------------------------ small accessors

    private void accessors() {
        MethodVisitor mv = method(ACC_PUBLIC, "name", "()Ljava/lang/String;");
        Bytecode.pushString(mv, ir.name());
        mv.visitInsn(ARETURN);
        end(mv);

        intGetter("dimension", ir.dimension());
        intGetter("parameterOutputs", ir.thetaCount());
        intGetter("observations", ir.observations());

        mv = method(ACC_PUBLIC, "outputNames", "()[Ljava/lang/String;");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, NAMES, "[Ljava/lang/String;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "[Ljava/lang/String;", "clone", "()Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/String;");
        mv.visitInsn(ARETURN);
        end(mv);

        mv = method(ACC_PUBLIC, "notes", "()Ljava/util/List;");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, NOTES, "Ljava/util/List;");
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Collections", "unmodifiableList", "(Ljava/util/List;)Ljava/util/List;", false);
        mv.visitInsn(ARETURN);
        end(mv);

        mv = method(ACC_PUBLIC, "reparameterisations", "()Ljava/util/List;");
        Bytecode.pushInt(mv, ir.reparameterisations().size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int k = 0; k < ir.reparameterisations().size(); k++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, k);
            Bytecode.pushString(mv, ir.reparameterisations().get(k));
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, "java/util/List", "of", "([Ljava/lang/Object;)Ljava/util/List;", true);
        mv.visitInsn(ARETURN);
        end(mv);

        mv = method(ACC_PUBLIC, "sourceOptions", "()Ljava/util/Map;");
        Map<String, String> opts = ir.options();
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
        end(mv);

        mv = method(ACC_PUBLIC, "source", "()Ljava/lang/String;");
        Bytecode.pushString(mv, ir.source());
        mv.visitInsn(ARETURN);
        end(mv);
    }

    private void intGetter(String name, Slot slot) {
        MethodVisitor mv = method(ACC_PUBLIC, name, "()I");
        getField(mv, slot);
        mv.visitInsn(IRETURN);
        end(mv);
    }
}
