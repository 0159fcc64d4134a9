package ulam.compiler.ir;

import java.util.function.Function;

/**
 * An operand of a library call, a vector density or a whole-array draw: a single {@link Value}
 * of the segment, or a {@link Segment.Slice} (the elements of an array slot from an offset).
 */
public sealed interface Operand permits Value, Segment.Slice {

    /**
     * Complete dispatch on the two kinds.
     *
     * @param single what to do with a single value
     * @param slice  what to do with a slice of an array
     * @return the chosen function's result
     */
    <R> R fold(Function<Value, R> single, Function<Segment.Slice, R> slice);
}
