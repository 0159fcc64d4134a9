package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.IntExpr;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.Slot;

/**
 * What the parts of one generated class share: the model's IR, the class's JVM name, the ASM
 * class writer, the counter that numbers its private methods, the names of its own fields and of
 * the runtime classes it calls, and the few emitters every part uses (field loads and stores,
 * integer size expressions). One instance per {@link ClassGen#generate} call; the parts
 * ({@link DataBinding}, {@link Transforms}, {@link Drivers}, {@link SegmentGen}) read it and add
 * methods to {@link #cw}, and nothing else of each other.
 */
final class ClassContext {

    /** The field of the partials buffer kernels write into ({@code double[]}). */
    static final String PARTIALS = "dk";
    /** The field of the caller's random stream during {@code writeDraw}. */
    static final String RNG_FIELD = "rng";
    /** The field of the notes list (data binding adds to it). */
    static final String NOTES = "notes";
    /** The field of the first log density term found not finite ({@code Model.NonFiniteTerm}), by {@code nonFiniteTerm}. */
    static final String DIAGNOSIS = "nonFinite";
    /** The descriptor of {@code Model.NonFiniteTerm}. */
    static final String NON_FINITE = "Lulam/runtime/Model$NonFiniteTerm;";
    /** The field of the output names ({@code String[]}). */
    static final String NAMES = "names";
    static final String MODEL = "ulam/runtime/Model";
    static final String DATASET = "ulam/runtime/data/DataSet";
    static final String CHECKS = "ulam/runtime/data/Checks";
    static final String SUPPORT = "ulam/runtime/model/ModelSupport";
    static final String LOCATION = "Lulam/runtime/SourceLocation;";

    /** The model. */
    final ModelIR ir;
    /** The writer of the class file; every part adds its methods here. */
    final ClassWriter cw;
    private final String internalName;
    private int methods;
    /** The density segments that may be split into row blocks ({@link RowBlockGen#partitionable}), in order. */
    private final java.util.List<ulam.compiler.ir.Segment> partitioned = new java.util.ArrayList<>();

    ClassContext(ModelIR ir, String className) {
        this.ir = ir;
        this.internalName = className.replace('.', '/');
        for (ulam.compiler.ir.Segment s : ir.density()) if (RowBlockGen.partitionable(s)) partitioned.add(s);
        this.cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
    }

    /** The class's JVM name, e.g. {@code ulam/model/Chimpanzees}. */
    String internalName() {
        return internalName;
    }

    /** The density segments that may be split into row blocks, numbered from 0 in this order. */
    java.util.List<ulam.compiler.ir.Segment> partitioned() {
        return java.util.Collections.unmodifiableList(partitioned);
    }

    /** A density segment's number among {@link #partitioned()}, or -1 if it is not split. */
    int partition(ulam.compiler.ir.Segment s) {
        for (int k = 0; k < partitioned.size(); k++) if (partitioned.get(k) == s) return k;
        return -1;
    }

    /** A fresh private method name: {@code prefix} and the next number of the class. */
    String nextMethod(String prefix) {
        return prefix + methods++;
    }

    /** Starts a method. */
    MethodVisitor method(int access, String name, String desc) {
        MethodVisitor mv = cw.visitMethod(access, name, desc, null, null);
        mv.visitCode();
        return mv;
    }

    /** Ends a method (frames and maxima are computed by ASM). */
    void end(MethodVisitor mv) {
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes {@code this.s} (a constant slot's constant). */
    void getField(MethodVisitor mv, Slot s) {
        if (s.isConstant()) {
            if (s.type() == Slot.Type.INT) Bytecode.pushInt(mv, (Integer) s.constant());
            else Bytecode.pushDouble(mv, (Double) s.constant());
            return;
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, s.field(), s.type().descriptor);
    }

    /** Pushes {@code this.s}'s adjoint ({@code double} or {@code double[]}). */
    void getAdjoint(MethodVisitor mv, Slot s) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, internalName, s.adjointField(), s.type().isArray() ? "[D" : "D");
    }

    /** Stores the value on the stack into {@code this.s} (the stack holds {@code this} below it). */
    void putField(MethodVisitor mv, Slot s) {
        if (s.isConstant()) throw new IllegalStateException("a constant slot is never written: " + s);
        mv.visitFieldInsn(PUTFIELD, internalName, s.field(), s.type().descriptor);
    }

    /** Pushes an integer size expression (sums and products of constants and int fields). */
    void pushInt(MethodVisitor mv, IntExpr e) {
        e.<Void>fold(c -> {
            Bytecode.pushInt(mv, c);
            return null;
        }, slot -> {
            getField(mv, slot);
            return null;
        }, (l, r) -> {
            mv.visitInsn(IADD);
            return null;
        }, (l, r) -> {
            mv.visitInsn(IMUL);
            return null;
        });
    }
}
