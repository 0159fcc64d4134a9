package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import ulam.runtime.UlamException;

/**
 * A budgeted method emitter: code pieces (one per segment, parameter, data step, ...) packed in
 * order into private methods of at most {@link #budget} bytes of bytecode each, so that no
 * generated method exceeds the JVM's limit of 65,535 bytes, and hot ones stay well under the
 * 8,000 bytes above which the JIT never compiles a method (docs/design.md step 6 measured it: 6.7x
 * slower; C2 gives up earlier on long serial chains, hence {@link #HOT} of about 2 KB). A
 * model of 20,000 lines is then some hundreds of small methods, not one method per line (which
 * would also exhaust the class file's constant pool, 65,535 entries).
 *
 * <p>Every method a splitter makes has the same arguments, in locals 1, 2, ... after
 * {@code this}: the splitter's {@code args}, then, for a <em>summing</em> splitter, a running
 * {@code double} sum that the method adds its pieces' contributions to and returns
 * ({@code (args..., D)D}). A piece sees the arguments in those locals, the prologue's locals
 * after them, and may use locals from {@code firstLocal} on. The sum's additions keep their
 * order across methods, so splitting never changes a result in the last bit.
 *
 * <p>When the calls to the methods would themselves exceed the budget of the caller,
 * {@link #emitCalls} makes methods that call methods (a tree of depth log(pieces)), so the
 * caller stays small however many pieces there are.
 */
final class MethodSplitter {

    /** Budget of hot methods (log density, gradient, transforms, draws), in bytes. */
    static final int HOT = 2_000;
    /** Budget of methods run once per data binding (constructor steps, output names), in bytes. */
    static final int COLD = 16_000;
    /** The JVM's limit on the bytecode of one method (JVM specification 4.7.3: code_length < 65,536), less a return. */
    static final int JVM_LIMIT = 65_535 - 8;
    /** Bytes of one call of a method of the splitter, as {@link #call} emits it (an upper bound). */
    private static final int CALL_BYTES = 12;

    private final ClassContext ctx;
    private final String prefix;
    private final List<String> args;
    private final boolean summing;
    private final int budget;
    private final Consumer<MethodVisitor> prologue;
    private final int firstLocal;
    private final int sumLocal;
    /** The first local after the arguments (and the sum). */
    private final int afterArgs;
    private final int prologueBytes;

    private final List<String> methods = new ArrayList<>();
    private final List<MethodNode> pending = new ArrayList<>();
    private int pendingBytes;

    /**
     * @param ctx        the class being written
     * @param prefix     prefix of the method names (numbered by the class)
     * @param args       descriptors of the methods' arguments, e.g. {@code "[D"} ({@code this} not included)
     * @param summing    whether the methods take and return a running {@code double} sum (after {@code args})
     * @param budget     the most bytes of bytecode per method ({@link #HOT} or {@link #COLD})
     * @param prologue   code run at the start of every method (loads fields into locals), or null
     * @param firstLocal the first local the pieces may use (after the arguments and the prologue's locals)
     */
    MethodSplitter(ClassContext ctx, String prefix, List<String> args, boolean summing, int budget,
                   Consumer<MethodVisitor> prologue, int firstLocal) {
        this.ctx = ctx;
        this.prefix = prefix;
        this.args = List.copyOf(args);
        this.summing = summing;
        this.budget = budget;
        this.prologue = prologue;
        int l = 1;
        for (String a : args) l += a.equals("D") || a.equals("J") ? 2 : 1;
        this.sumLocal = summing ? l : -1;
        if (summing) l += 2;
        this.afterArgs = l;
        if (firstLocal < l) throw new IllegalArgumentException("first local " + firstLocal + " overlaps the arguments");
        this.firstLocal = firstLocal;
        MethodNode p = node();
        if (prologue != null) prologue.accept(p);
        this.prologueBytes = size(p) + 4;
    }

    /** The local that holds the running sum in a piece of a summing splitter. */
    int sumLocal() {
        if (!summing) throw new IllegalStateException("not a summing splitter");
        return sumLocal;
    }

    /** The first local a piece may use. */
    int firstLocal() {
        return firstLocal;
    }

    /** The methods' descriptor. */
    String descriptor() {
        StringBuilder sb = new StringBuilder("(");
        for (String a : args) sb.append(a);
        if (summing) sb.append('D');
        return sb.append(summing ? ")D" : ")V").toString();
    }

    /**
     * Adds a piece of code (in order). {@code alone}: the piece gets a method of its own
     * (a loop over rows keeps the method the JIT compiles to itself, as before splitting).
     */
    void add(Consumer<MethodVisitor> piece, boolean alone) {
        MethodNode node = node();
        piece.accept(node);
        pack(node, size(node), alone);
    }

    private void pack(MethodNode node, int bytes, boolean alone) {
        if (alone || pendingBytes + bytes + prologueBytes > budget) flush();
        pending.add(node);
        pendingBytes += bytes;
        if (alone) flush();
    }

    /**
     * Adds the code of one segment, as {@link #add(Consumer, boolean)}; a segment whose code alone
     * exceeds the JVM's limit on a method (a line whose locals inline to thousands of values) is
     * a user error located at the segment's line, not a MethodTooLargeException.
     *
     * @throws UlamException when the segment's code takes more than {@link #JVM_LIMIT} bytes
     */
    void add(Consumer<MethodVisitor> piece, boolean alone, ulam.compiler.ir.Segment segment) {
        MethodNode node = node();
        piece.accept(node);
        int bytes = size(node);
        if (bytes + prologueBytes > JVM_LIMIT) {
            ulam.runtime.SourceLocation at = ctx.ir.termLines().get(segment);
            throw new UlamException(String.format(java.util.Locale.ROOT,
                    "%s is too large to compile: its code takes %,d bytes, more than the %,d a JVM method may hold",
                    at != null ? "this line" : "the " + segment.name(), bytes + prologueBytes, JVM_LIMIT), at,
                    "compute a long chain or sum of locals in parts (e.g. sum a vector: vector[K]:a ~ ..., then sum(a)), "
                            + "so that one line's expression has fewer terms");
        }
        pack(node, bytes, alone);
    }

    /** Adds a piece that may share its method with its neighbours. */
    void add(Consumer<MethodVisitor> piece) {
        add(piece, false);
    }

    /** The methods made so far (the pending pieces included), in order. */
    List<String> methods() {
        flush();
        return List.copyOf(methods);
    }

    /**
     * Emits, into a caller whose locals hold the same arguments as the splitter's methods (the
     * running sum, for a summing splitter, in local {@code sum} of the caller), calls of every
     * method in order; through methods that call methods when the calls would not fit
     * {@code callBudget} bytes.
     */
    void emitCalls(MethodVisitor mv, int callerArgsFrom, int callerSum, int callBudget) {
        List<String> level = methods();
        while (level.size() * CALL_BYTES > callBudget && level.size() > 1) {
            MethodSplitter up = new MethodSplitter(ctx, prefix, args, summing, budget, null, afterArgs);
            for (String m : level) up.add(v -> call(v, m, 1, up.summing ? up.sumLocal : -1));
            level = up.methods();
        }
        for (String m : level) call(mv, m, callerArgsFrom, callerSum);
    }

    /** Calls {@code method} with the arguments from the caller's locals {@code argsFrom, ...} and its sum local {@code sum}. */
    private void call(MethodVisitor mv, String method, int argsFrom, int sum) {
        mv.visitVarInsn(ALOAD, 0);
        int l = argsFrom;
        for (String a : args) {
            mv.visitVarInsn(switch (a) {
                case "I", "Z" -> ILOAD;
                case "D" -> DLOAD;
                case "J" -> LLOAD;
                default -> ALOAD;
            }, l);
            l += a.equals("D") || a.equals("J") ? 2 : 1;
        }
        if (summing) mv.visitVarInsn(DLOAD, sum);
        mv.visitMethodInsn(INVOKESPECIAL, ctx.internalName(), method, descriptor(), false);
        if (summing) mv.visitVarInsn(DSTORE, sum);
    }

    private void flush() {
        if (pending.isEmpty()) return;
        String name = ctx.nextMethod(prefix);
        MethodVisitor mv = ctx.method(ACC_PRIVATE | ACC_FINAL, name, descriptor());
        if (prologue != null) prologue.accept(mv);
        for (MethodNode n : pending) {
            for (TryCatchBlockNode t : n.tryCatchBlocks) t.accept(mv);
            n.instructions.accept(mv);
        }
        if (summing) {
            mv.visitVarInsn(DLOAD, sumLocal);
            mv.visitInsn(DRETURN);
        } else {
            mv.visitInsn(RETURN);
        }
        ctx.end(mv);
        methods.add(name);
        pending.clear();
        pendingBytes = 0;
    }

    /** A buffer of instructions (its name and descriptor are never used). */
    private static MethodNode node() {
        return new MethodNode(ASM9, ACC_PRIVATE, "piece", "()V", null, null);
    }

    /** The most bytes of bytecode the instructions of {@code node} take. */
    private static int size(MethodNode node) {
        CodeSizeEvaluator e = new CodeSizeEvaluator(null);
        node.instructions.accept(e);
        return e.getMaxSize();
    }
}
