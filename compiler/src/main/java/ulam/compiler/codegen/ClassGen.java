package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static ulam.compiler.codegen.ClassContext.MODEL;
import static ulam.compiler.codegen.ClassContext.NAMES;
import static ulam.compiler.codegen.ClassContext.NOTES;
import static ulam.compiler.codegen.ClassContext.PARTIALS;
import static ulam.compiler.codegen.ClassContext.RNG_FIELD;

import org.objectweb.asm.ClassWriter;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.PrepStep;
import ulam.compiler.ir.Slot;

/**
 * Stage 6 of the compiler: writes one JVM class per model, implementing
 * {@code ulam.runtime.Model} (docs/design.md step 6). Every slot of the IR is a field; the
 * constructor binds the data ({@link PrepStep}s, {@link DataBinding}); the segments' code
 * ({@link SegmentGen}) is packed into small private methods under a bytecode budget
 * ({@link MethodSplitter}: a loop over rows has a method of its own), so that the JIT compiles each;
 * {@code logDensityGradient} ({@link Drivers}) calls the constraining transforms
 * ({@link Transforms}), the segments in order (fused ones carry their own adjoint code), the
 * backward sweeps of unfused segments in reverse order, and the transforms' adjoints. User names
 * appear only in string constants, never in JVM names.
 *
 * <p>This class is the driver of the parts: it declares the fields and calls the parts in the
 * order the class file lists their methods; they share one {@link ClassContext}.
 */
public final class ClassGen {

    private final ClassContext ctx;

    private ClassGen(ModelIR ir, String className) {
        this.ctx = new ClassContext(ir, className);
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

    private byte[] run() {
        ModelIR ir = ctx.ir;
        ClassWriter cw = ctx.cw;
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, ctx.internalName(), null, "java/lang/Object",
                RowBlockGen.needed(ctx) ? new String[] {MODEL, "java/lang/Cloneable", RowBlockGen.BODY}
                        : new String[] {MODEL, "java/lang/Cloneable"});
        cw.visitSource(ir.file(), null);
        for (Slot s : ir.slots()) {
            if (s.isConstant()) continue;   // read as its constant
            cw.visitField(ACC_PRIVATE, s.field(), s.type().descriptor, null, null).visitEnd();
            if (s.adjoint()) {
                cw.visitField(ACC_PRIVATE, s.adjointField(), s.type().isArray() ? "[D" : "D", null, null).visitEnd();
            }
        }
        cw.visitField(ACC_PRIVATE, PARTIALS, "[D", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, RNG_FIELD, Calls.RNG, null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, NOTES, "Ljava/util/List;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, NAMES, "[Ljava/lang/String;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, ClassContext.DIAGNOSIS, ClassContext.NON_FINITE, null, null).visitEnd();

        DataBinding binding = new DataBinding(ctx);
        binding.constructor();
        binding.allocateWork();
        binding.copy();
        Transforms transforms = new Transforms(ctx);
        transforms.transforms();
        transforms.logJacobian();
        Drivers drivers = new Drivers(ctx);
        drivers.logDensity();
        drivers.gradient();
        drivers.writeDraw();
        drivers.logLikelihood();
        drivers.nonFiniteTerm();
        new RowBlockGen(ctx).methods();
        transforms.unconstrain();
        drivers.accessors();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
