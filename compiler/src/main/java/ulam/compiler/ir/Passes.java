package ulam.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * The optimising passes and the step that runs them (see {@link Pass}). {@link #ALL} is the
 * compiler's default: {@link Aggregate} (likelihoods over groups of equal rows), then
 * {@link Precompute} (per-row data-only values computed when the data are bound). {@link #NONE}
 * leaves the IR as {@link Lowering} made it.
 */
public final class Passes {
    private Passes() {}

    /** No pass: the IR as lowered (stanc3's O0). */
    public static final List<Pass> NONE = List.of();

    /** Every pass, in the order they run (the default; stanc3's O1). */
    public static final List<Pass> ALL = List.of(Aggregate.PASS, Precompute.PASS);

    /**
     * The passes a command-line value names: {@code all}, {@code none}, or pass names separated by
     * commas ({@code aggregate,precompute}), run in the order of {@link #ALL}.
     *
     * @throws UlamException for an unknown name, listing the known ones
     */
    public static List<Pass> parse(String text) {
        String t = text.trim();
        if (t.equals("all")) return ALL;
        if (t.equals("none")) return NONE;
        List<String> names = new ArrayList<>();
        for (String part : t.split(",")) {
            String n = part.trim();
            if (ALL.stream().noneMatch(p -> p.name().equals(n))) {
                throw new UlamException("unknown pass '" + n + "' in --passes " + text, null,
                        "give all, none, or some of: " + String.join(", ", ALL.stream().map(Pass::name).toList()));
            }
            names.add(n);
        }
        return ALL.stream().filter(p -> names.contains(p.name())).toList();
    }

    /**
     * Runs passes over the log density's segments of {@code ~} lines, each pass over every
     * segment before the next pass. The bookkeeping of messages follows the rewrite: a rewritten
     * segment keeps the {@code ~} line of the one it replaces ({@link ModelIR#termLines}), and a
     * copy of a data column that a pass makes ({@link #namePassCopies}) is named as the column
     * ({@link ModelIR#dataNames}), so that "not finite at the initial values" still names the line,
     * the column and the data row.
     *
     * @param ir     a model as {@link Lowering} made it
     * @param passes the passes, in order
     * @return the model with rewritten segments, and the passes' fields and bind-time steps
     *         appended; {@code ir} itself for no pass
     */
    public static ModelIR run(ModelIR ir, List<Pass> passes) {
        if (passes.isEmpty()) return ir;
        List<Slot> slots = new ArrayList<>(ir.slots());
        List<PrepStep> prep = new ArrayList<>(ir.prep());
        Pass.Context ctx = new Pass.Context(slots, prep);
        List<Segment> density = new ArrayList<>(ir.density());
        Map<Segment, SourceLocation> termLines = new IdentityHashMap<>(ir.termLines());
        for (Pass pass : passes) {
            for (int k = 0; k < density.size(); k++) {
                Segment seg = density.get(k);
                if (seg.role() == null) continue;
                Segment out = pass.rewrite(seg, ctx);
                if (out != seg && out.role() != seg.role()) {
                    throw new IllegalStateException("pass " + pass.name() + " lost the role of " + seg.name());
                }
                if (out != seg && termLines.containsKey(seg)) termLines.put(out, termLines.remove(seg));
                density.set(k, out);
            }
        }
        Map<Slot, ModelIR.DataName> dataNames = new HashMap<>(ir.dataNames());
        namePassCopies(prep.subList(ir.prep().size(), prep.size()), dataNames);
        return new ModelIR(ir.name(), ir.file(), ir.source(), ir.options(), ir.notes(), ir.reparameterisations(),
                List.copyOf(slots), List.copyOf(prep), ir.params(), ir.outputs(), List.copyOf(density), ir.generate(), ir.logLik(),
                ir.theta(), ir.out(), ir.lpConst(), ir.lpDropped(), ir.dimension(), ir.thetaCount(), ir.outputCount(), ir.observations(),
                ir.workArrays(), Collections.unmodifiableMap(termLines), Map.copyOf(dataNames));
    }

    /**
     * Names the copies of data columns that the passes make ({@code precomputed}: a column read
     * once per distinct row, {@code copy[c] = column[rep[c]]}), so that a message about a term
     * of the pass's segment names the column and the data row.
     *
     * @param added     the bind-time steps the passes appended
     * @param dataNames the names of data slots so far; the copies' names are added to it
     */
    private static void namePassCopies(List<PrepStep> added, Map<Slot, ModelIR.DataName> dataNames) {
        for (PrepStep p : added) {
            if (!(p instanceof PrepStep.Run r) || !r.segment().hasLoop()) continue;
            for (Segment.Sink k : r.segment().sinks()) {
                if (!(k instanceof Segment.Sink.Store st) || st.index() != r.segment().counter()) continue;
                Value load = st.value().op() == Value.Op.I2D ? st.value().arg(0) : st.value();   // an integer column read as real
                if (load.op() != Value.Op.LOAD) continue;
                ModelIR.DataName from = dataNames.get(load.slot());
                if (from == null || from.rows() != null) continue;
                Value at = load.arg(0);
                if (at == r.segment().counter()) {
                    dataNames.putIfAbsent(st.array(), from);
                } else if (at.op() == Value.Op.LOAD && at.arg(0) == r.segment().counter()) {
                    dataNames.putIfAbsent(st.array(), new ModelIR.DataName(from.name(), at.slot()));
                }
            }
        }
    }
}
