package ulam.compiler.ir;

/**
 * An optimising pass over the IR: it rewrites the segments of the {@code ~} lines
 * ({@link Segment#role()} not null) without changing the log density, its gradient or the
 * pointwise log-likelihood, only the work they take. {@link Lowering} produces unoptimised IR;
 * {@link Passes#run} applies a list of passes to it (all of them by default, none with
 * {@code ulam check --ir --passes none}), as stanc3's optimisation levels O0 and O1.
 *
 * <p>A pass may add fields ({@link Context#slot}) and bind-time steps ({@link Context#prep}),
 * which run when the data are bound, after every step {@link Lowering} made. It must return the
 * segment itself when it does not apply, and give a rewritten segment the role of the one it
 * replaces. The differential test {@code PassesDifferentialTest} compares every example with all
 * passes against none.
 */
public interface Pass {

    /** The pass's name on the command line ({@code aggregate}, {@code precompute}). */
    String name();

    /** One line for {@code --help} and the docs: what the pass does. */
    String description();

    /**
     * Rewrites one segment of the log density.
     *
     * @param seg a segment with a role (a {@code ~} line's log density)
     * @param ctx where new fields and bind-time steps go
     * @return the rewritten segment, with {@code seg}'s role, or {@code seg} itself
     */
    Segment rewrite(Segment seg, Context ctx);

    /**
     * A pass from its name, its description and its rewrite.
     *
     * @param rewrite as {@link #rewrite}: the rewritten segment (given {@code seg}'s role here) or
     *                {@code seg} itself
     */
    static Pass of(String name, String description, java.util.function.BiFunction<Segment, Context, Segment> rewrite) {
        return new Pass() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Segment rewrite(Segment seg, Context ctx) {
                Segment out = rewrite.apply(seg, ctx);
                if (out != seg) out.role(seg.role());
                return out;
            }
        };
    }

    /** The fields and bind-time steps of the model being rewritten, which passes add to. */
    final class Context implements Precompute.Slots {
        private final java.util.List<Slot> slots;
        private final java.util.List<PrepStep> prep;

        Context(java.util.List<Slot> slots, java.util.List<PrepStep> prep) {
            this.slots = slots;
            this.prep = prep;
        }

        /** A new field of the model class (no adjoint), numbered after the existing ones. */
        public Slot slot(Slot.Type type, String label) {
            Slot s = new Slot(slots.size(), type, label, false);
            slots.add(s);
            return s;
        }

        @Override
        public Slot make(Slot.Type type, String label) {
            return slot(type, label);
        }

        /** The bind-time steps, in order; a pass appends to them. */
        public java.util.List<PrepStep> prep() {
            return prep;
        }
    }
}
