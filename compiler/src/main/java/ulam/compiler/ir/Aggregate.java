package ulam.compiler.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;

/**
 * An IR pass for bernoulli and binomial likelihoods whose probability depends on the row only
 * through integer index columns (the usual logistic regression on categories: chimpanzees'
 * {@code logit(p) <- b[T,B] + a[A]}). Rows with equal index values have equal probability p, and
 * their kernel terms {@code y log p + (N - y) log(1 - p)} sum exactly to one term with y and N
 * summed over the group (sufficient statistics). The likelihood segment then loops over groups
 * (167 instead of 504 rows for the chimpanzees), evaluating each density and its adjoint once.
 * The data-only constants are still summed per row, and the pointwise log-likelihood (WAIC,
 * PSIS-LOO) stays per row.
 */
final class Aggregate {
    private Aggregate() {}

    /** The pass: likelihood lines over every row (not those with a condition). */
    static final Pass PASS = Pass.of("aggregate",
            "a likelihood whose term depends on the row only through data columns loops over groups of equal rows",
            (seg, ctx) -> seg.role() == Segment.Role.LIKELIHOOD ? apply(seg, ctx, ctx.prep()) : seg);

    /**
     * The aggregated segment, or {@code seg} itself when the pass does not apply.
     *
     * @param seg   a per-row likelihood segment: one sink, the log density of a kernel
     * @param slots how to make fields
     * @param prep  where bind-time steps go
     */
    static Segment apply(Segment seg, Precompute.Slots slots, List<PrepStep> prep) {
        Counts c = Counts.of(seg);
        if (c == null || c.family().equals("poisson")) return weighted(seg, slots, prep);
        Set<Slot> keys = new LinkedHashSet<>();
        if (!keysOf(c.p(), seg, keys, new boolean[seg.values().size()])) return seg;

        Slot rep = slots.make(Slot.Type.INT_ARRAY, "representative rows of " + seg.name());
        Slot ySum = slots.make(Slot.Type.INT_ARRAY, "summed outcomes of " + seg.name());
        Slot nSum = slots.make(Slot.Type.INT_ARRAY, "summed trials of " + seg.name());
        Slot groups = slots.make(Slot.Type.INT, "groups of " + seg.name());
        prep.add(new PrepStep.Aggregate(new ArrayList<>(keys), c.y(), c.n(), c.nConst(), rep, ySum, nSum, groups));

        Segment out = Segment.loop(seg.name() + " (aggregated over rows with equal predictors)");
        out.count(out.slot(groups));
        Value row = out.load(rep, out.counter());
        Rebuild copy = new Rebuild(out, v -> v.op() == Value.Op.COUNTER ? row : null);
        DistributionSpec target = Registry.distribution(c.logit() ? "binomial_logit" : "binomial").orElseThrow();
        Value k = out.kernel(target, out.load(ySum, out.counter()), List.of(out.load(nSum, out.counter()), copy.of(c.p())));
        out.accumulate(null, k);
        return out;
    }

    /**
     * Any likelihood line whose term depends on the row only through data columns (the outcome
     * included; real columns compared exactly): rows equal in all of them have equal terms, so the line is evaluated once
     * per distinct row and weighted by how often it occurs ({@code lp += count * term}; the adjoint
     * follows from the product). The ordered logit of the Trolley data, with three binary
     * predictors and a 7-level response, has at most 56 distinct rows among its 9,930.
     */
    private static Segment weighted(Segment seg, Precompute.Slots slots, List<PrepStep> prep) {
        if (!seg.hasLoop() || seg.sinks().size() != 1 || !(seg.sinks().get(0) instanceof Segment.Sink.Accumulate acc)
                || acc.target() != null) {
            return seg;
        }
        IntExpr rows = Precompute.intExpr(seg.tripCount());
        Set<Slot> keys = new LinkedHashSet<>();
        if (rows == null || !keysOf(acc.value(), seg, keys, new boolean[seg.values().size()])) return seg;
        Slot rep = slots.make(Slot.Type.INT_ARRAY, "representative rows of " + seg.name());
        Slot count = slots.make(Slot.Type.INT_ARRAY, "row counts of " + seg.name());
        Slot groups = slots.make(Slot.Type.INT, "distinct rows of " + seg.name());
        prep.add(new PrepStep.Group(new ArrayList<>(keys), rows, rep, count, groups));

        Segment out = Segment.loop(seg.name() + " (once per distinct row, weighted)");
        out.count(out.slot(groups));
        Value row = out.load(rep, out.counter());
        Rebuild copy = new Rebuild(out, v -> v.op() == Value.Op.COUNTER ? row : null);
        Value term = copy.of(acc.value());
        out.accumulate(null, out.realOp(Value.Op.DMUL, out.real(out.load(count, out.counter())), term));
        return out;
    }

    /**
     * A per-row likelihood of counts read from data: the distribution family, the outcome
     * column, the trials (a column, or one number for every row), and the rate or probability.
     *
     * @param family bernoulli, binomial or poisson
     * @param logit  whether {@code p} is on the link (log-odds or log) scale
     * @param y      the outcome column
     * @param n      the trials column, or null
     * @param nConst trials of every row when {@code n} is null (1 for bernoulli)
     * @param p      the probability (or rate) value
     */
    record Counts(String family, boolean logit, Slot y, Slot n, IntExpr nConst, Value p) {

        /** The reading of {@code seg}, or null if it is not such a likelihood. */
        static Counts of(Segment seg) {
            if (!seg.hasLoop() || seg.sinks().size() != 1 || !(seg.sinks().get(0) instanceof Segment.Sink.Accumulate acc)
                    || acc.target() != null || acc.value().op() != Value.Op.KERNEL) {
                return null;
            }
            Value kernel = acc.value();
            String name = kernel.distribution().name();
            String family = name.startsWith("bernoulli") ? "bernoulli" : name.startsWith("binomial") ? "binomial"
                    : name.startsWith("poisson") ? "poisson" : null;
            if (family == null || !isRowLoad(kernel.arg(0), seg)) return null;
            Slot n = null;
            IntExpr nConst = new IntExpr.Const(1);
            if (family.equals("binomial")) {
                Value trials = kernel.arg(1);
                if (isRowLoad(trials, seg)) {
                    n = trials.slot();
                } else if (!trials.invariant() || (nConst = Precompute.intExpr(trials)) == null) {
                    return null;
                }
            }
            return new Counts(family, name.endsWith("_logit") || name.endsWith("_log"), kernel.arg(0).slot(), n,
                    nConst, kernel.arg(kernel.arity() - 1));
        }
    }

    /** An integer data column read at the current row. */
    private static boolean isRowLoad(Value v, Segment seg) {
        return v.op() == Value.Op.LOAD && v.arg(0) == seg.counter() && v.slot().type() == Slot.Type.INT_ARRAY
                && !v.slot().adjoint();
    }

    /** A data column (integer or real: a key compares values exactly) read at the current row. */
    private static boolean isKeyLoad(Value v, Segment seg) {
        if (v.op() != Value.Op.LOAD || v.arg(0) != seg.counter() || v.slot().adjoint()) return false;
        Slot.Type t = v.slot().type();
        return t == Slot.Type.INT_ARRAY || t == Slot.Type.REAL_ARRAY;
    }

    /**
     * Collects the data columns through which {@code v} depends on the row; false if it also
     * depends on it otherwise (a real column, the row number itself, a random draw).
     */
    private static boolean keysOf(Value v, Segment seg, Set<Slot> keys, boolean[] seen) {
        if (seen[v.id()]) return true;
        seen[v.id()] = true;
        if (v.invariant()) return true;
        if (v.op() == Value.Op.RNG || v.op() == Value.Op.VRNG || v.op() == Value.Op.COUNTER) return false;
        if (isKeyLoad(v, seg)) {
            keys.add(v.slot());
            return true;
        }
        for (int k = 0; k < v.arity(); k++) {
            Value a = v.arg(k);
            if (a.op() == Value.Op.COUNTER) return false;   // e.g. x[i] of a real column, theta[offset + i]
            if (!keysOf(a, seg, keys, seen)) return false;
        }
        return true;
    }
}
