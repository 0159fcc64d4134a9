package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.MethodVisitor;
import ulam.runtime.SourceLocation;

/** Small bytecode idioms: constants, strings of any length, source locations. */
final class Bytecode {
    private Bytecode() {}

    /** Longest string literal the constant pool holds comfortably (its limit is 65535 UTF-8 bytes). */
    private static final int CHUNK = 16000;

    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    static void pushDouble(MethodVisitor mv, double v) {
        if (Double.doubleToRawLongBits(v) == 0L) mv.visitInsn(DCONST_0);
        else if (v == 1.0) mv.visitInsn(DCONST_1);
        else mv.visitLdcInsn(v);
    }

    /** Pushes a string; long ones are split into literals joined at run time. */
    static void pushString(MethodVisitor mv, String s) {
        if (s == null) {
            mv.visitInsn(ACONST_NULL);
            return;
        }
        if (s.length() <= CHUNK) {
            mv.visitLdcInsn(s);
            return;
        }
        mv.visitTypeInsn(NEW, "java/lang/StringBuilder");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
        for (int at = 0; at < s.length(); at += CHUNK) {
            mv.visitLdcInsn(s.substring(at, Math.min(s.length(), at + CHUNK)));
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuilder", "append",
                    "(Ljava/lang/String;)Ljava/lang/StringBuilder;", false);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;", false);
    }

    /** Pushes {@code new SourceLocation(file, line, column, length, lineText)}, or null. */
    static void pushLocation(MethodVisitor mv, SourceLocation at) {
        if (at == null) {
            mv.visitInsn(ACONST_NULL);
            return;
        }
        String owner = "ulam/runtime/SourceLocation";
        mv.visitTypeInsn(NEW, owner);
        mv.visitInsn(DUP);
        pushString(mv, at.file());
        pushInt(mv, at.line());
        pushInt(mv, at.column());
        pushInt(mv, at.length());
        pushString(mv, at.lineText());
        mv.visitMethodInsn(INVOKESPECIAL, owner, "<init>", "(Ljava/lang/String;IIILjava/lang/String;)V", false);
    }
}
