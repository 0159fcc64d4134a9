package ulam.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import ulam.compiler.ir.Segment;
import ulam.compiler.ir.Slot;
import ulam.compiler.ir.Value;

/**
 * A row block's likelihood that {@code ulam.stdlib.rows.GlmRows} computes in one call
 * (docs/architecture.md, "SIMD"): a fused loop over rows whose only sink adds
 * {@code binomial_logit(y | n, eta)}, {@code bernoulli_logit(y | eta)} or
 * {@code poisson_log(y | eta)} to the log density, with outcome (and trials) read from int data
 * at the row, and a linear predictor {@code eta} that is a sum of terms of three kinds:
 * loop-invariant values (an intercept), an invariant value times a real data column at the row
 * (a slope), and a parameter read from one array at an int data index at the row (a varying
 * effect). Every other segment keeps its generated loop.
 *
 * @param family     {@code binomial_logit}, {@code bernoulli_logit} or {@code poisson_log}
 * @param y          the int data array of the outcome
 * @param n          the int data array of the trials (binomial_logit), else null
 * @param intercepts the invariant terms, summed into the kernel's alpha
 * @param coefs      the invariant factor of each slope term
 * @param cols       the real data column of each slope term (same order)
 * @param par        the array the varying effects are read from, or null if there are none
 * @param idx        the int data index array of each varying-effect term
 */
record GlmBlock(String family, Slot y, Slot n, List<Value> intercepts, List<Value> coefs, List<Slot> cols,
                Slot par, List<Slot> idx) {

    static final String ROWS = "ulam/stdlib/rows/GlmRows";

    /** The segment as such a likelihood, or null. */
    static GlmBlock match(Segment seg) {
        if (!seg.hasLoop() || !seg.fused() || seg.carried() || seg.sinks().size() != 1) return null;
        if (!(seg.sinks().get(0) instanceof Segment.Sink.Accumulate acc) || acc.target() != null) return null;
        Value k = acc.value();
        if (k.op() != Value.Op.KERNEL) return null;
        String family = k.distribution().name();
        int etaArg;
        switch (family) {
            case "binomial_logit" -> etaArg = 2;
            case "bernoulli_logit", "poisson_log" -> etaArg = 1;
            default -> { return null; }
        }
        if (k.arity() != etaArg + 1) return null;
        Set<Value> used = new HashSet<>();
        used.add(k);
        Slot y = rowData(seg, k.arg(0), Slot.Type.INT_ARRAY, used);
        if (y == null) return null;
        Slot n = null;
        if (etaArg == 2) {
            n = rowData(seg, k.arg(1), Slot.Type.INT_ARRAY, used);
            if (n == null) return null;
        }
        GlmBlock m = new GlmBlock(family, y, n, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null, new ArrayList<>());
        Slot[] par = {null};
        if (!terms(seg, k.arg(etaArg), m, par, used)) return null;
        for (Value v : seg.values()) {   // nothing else is computed per row
            if (!v.invariant() && v.op() != Value.Op.COUNTER && !used.contains(v)) return null;
        }
        return new GlmBlock(family, y, n, List.copyOf(m.intercepts), List.copyOf(m.coefs), List.copyOf(m.cols), par[0], List.copyOf(m.idx));
    }

    /** The data array {@code v} reads at the row ({@code LOAD[slot] COUNTER}, not a parameter), or null. */
    private static Slot rowData(Segment seg, Value v, Slot.Type type, Set<Value> used) {
        if (v.op() != Value.Op.LOAD || v.active() || v.invariant() || v.arg(0) != seg.counter()) return null;
        if (v.slot().type() != type) return null;
        used.add(v);
        return v.slot();
    }

    private static boolean terms(Segment seg, Value v, GlmBlock m, Slot[] par, Set<Value> used) {
        if (v.type() != Value.Type.REAL) return false;
        if (v.invariant()) {
            m.intercepts.add(v);
            return true;
        }
        used.add(v);
        switch (v.op()) {
            case DADD -> {
                return terms(seg, v.arg(0), m, par, used) && terms(seg, v.arg(1), m, par, used);
            }
            case DMUL -> {
                for (int s = 0; s < 2; s++) {
                    Value coef = v.arg(s);
                    Value col = v.arg(1 - s);
                    if (!coef.invariant()) continue;
                    Slot c = rowData(seg, col, Slot.Type.REAL_ARRAY, used);
                    if (c == null) continue;
                    m.coefs.add(coef);
                    m.cols.add(c);
                    return true;
                }
                return false;
            }
            case LOAD -> {
                if (v.slot().type() != Slot.Type.REAL_ARRAY || !v.active()) return false;
                Slot ix = rowData(seg, v.arg(0), Slot.Type.INT_ARRAY, used);
                if (ix == null || (par[0] != null && par[0] != v.slot())) return false;
                par[0] = v.slot();
                m.idx.add(ix);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The instance fields (a number per split segment, {@link ClassContext#partition}) of the slopes' data columns, {@code [[D}. */
    static final String COLS = "glmCols";
    /** ... and of the varying effects' index arrays, {@code [[I}. */
    static final String IDX = "glmIdx";

    /** The work form's method descriptor. */
    String descriptor() {
        return family.equals("poisson_log")
                ? "(II[ID[[D[D[[I[DZ[D)D"
                : "(II[I[ID[[D[D[[I[DZ[D)D";
    }

    /**
     * Declares the {@link #COLS} and {@link #IDX} fields of the split segments that match, and
     * emits into {@code mv} (in {@code allocateWork}, after the data are bound) their values:
     * {@code new double[][] {col, ...}} and {@code new int[][] {idx, ...}} of the instance's
     * data arrays, made once per instance so that a gradient allocates nothing.
     */
    static void allocate(ClassContext ctx, MethodVisitor mv) {
        List<Segment> segs = ctx.partitioned();
        for (int p = 0; p < segs.size(); p++) {
            GlmBlock m = match(segs.get(p));
            if (m == null) continue;
            ctx.cw.visitField(org.objectweb.asm.Opcodes.ACC_PRIVATE, COLS + p, "[[D", null, null).visitEnd();
            ctx.cw.visitField(org.objectweb.asm.Opcodes.ACC_PRIVATE, IDX + p, "[[I", null, null).visitEnd();
            arrayOf(ctx, mv, m.cols(), "[D", COLS + p);
            arrayOf(ctx, mv, m.idx(), "[I", IDX + p);
        }
    }

    /** {@code this.field = new T[] {this.s0, this.s1, ...}}. */
    private static void arrayOf(ClassContext ctx, MethodVisitor mv, List<Slot> slots, String element, String field) {
        mv.visitVarInsn(ALOAD, 0);
        Bytecode.pushInt(mv, slots.size());
        mv.visitTypeInsn(ANEWARRAY, element);
        for (int j = 0; j < slots.size(); j++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, j);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, ctx.internalName(), slots.get(j).field(), slots.get(j).type().descriptor);
            mv.visitInsn(AASTORE);
        }
        mv.visitFieldInsn(PUTFIELD, ctx.internalName(), field, "[" + element);
    }

    /**
     * Pushes the length of a split segment's partials buffer in its row blocks: the instance's
     * {@code partials} length, or for a matching segment at least {@code GlmRows.workLength(K)}
     * (the buffer is then the kernel's work array).
     */
    static void bufferLength(ClassContext ctx, MethodVisitor mv, Segment seg) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, ctx.internalName(), ClassContext.PARTIALS, "[D");
        mv.visitInsn(ARRAYLENGTH);
        GlmBlock m = match(seg);
        if (m == null) return;
        Bytecode.pushInt(mv, m.coefs().size());
        mv.visitMethodInsn(INVOKESTATIC, ROWS, "workLength", "(I)I", false);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false);
    }

    /** The kernel's method name. */
    String method() {
        return family.equals("poisson_log") ? "poissonLog" : "binomialLogit";
    }
}
