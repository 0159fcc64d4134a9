package ulam.compiler.ir;

import java.util.ArrayList;
import java.util.List;
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
     * segment before the next pass.
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
        for (Pass pass : passes) {
            for (int k = 0; k < density.size(); k++) {
                Segment seg = density.get(k);
                if (seg.role() == null) continue;
                Segment out = pass.rewrite(seg, ctx);
                if (out != seg && out.role() != seg.role()) {
                    throw new IllegalStateException("pass " + pass.name() + " lost the role of " + seg.name());
                }
                density.set(k, out);
            }
        }
        return new ModelIR(ir.name(), ir.file(), ir.source(), ir.options(), ir.notes(), ir.reparameterisations(),
                List.copyOf(slots), List.copyOf(prep), ir.params(), ir.outputs(), List.copyOf(density), ir.generate(), ir.logLik(),
                ir.theta(), ir.out(), ir.lpConst(), ir.dimension(), ir.thetaCount(), ir.outputCount(), ir.observations(),
                ir.workArrays());
    }
}
