package ulam.compiler.stan;

import java.util.HashMap;
import java.util.Map;
import ulam.compiler.check.Loop;
import ulam.compiler.check.Size;

/**
 * Where an expression is written: the Stan loop variables of the enclosing loops, and a label
 * (the name of what is being computed) for the names of values the writer exports as data.
 */
final class Scope {

    /**
     * The Stan counter of a loop: {@code var} (1-based) for a loop over a vector; {@code var} over
     * the rows and {@code colVar} over the columns for a loop over the elements of a matrix, whose
     * 0-based flat (column-major) position is {@code (var - 1) + (colVar - 1) * rows}.
     */
    record LoopVar(String var, String colVar, Size rows, Size cols) {
        boolean twoD() {
            return colVar != null;
        }
    }

    private final Map<Loop, LoopVar> vars;
    private final String label;

    private Scope(Map<Loop, LoopVar> vars, String label) {
        this.vars = vars;
        this.label = label;
    }

    /** No enclosing loop. */
    static Scope top(String label) {
        return new Scope(Map.of(), label);
    }

    /** This scope inside {@code loop}. */
    Scope with(Loop loop, LoopVar var) {
        Map<Loop, LoopVar> m = new HashMap<>(vars);
        m.put(loop, var);
        return new Scope(m, label);
    }

    /** The counter of an enclosing loop, or null. */
    LoopVar var(Loop loop) {
        return vars.get(loop);
    }

    /** What is being computed (a symbol's or an outcome's Stan name). */
    String label() {
        return label;
    }
}
