package ulam.runtime.data;

import java.util.List;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * Checks that generated model constructors run on data after transformed data are computed:
 * index ranges, sizes of indexed parameters, lengths. Each failure is a {@link UlamException} at
 * the model line that uses the value, naming the value and the 1-based row.
 */
public final class Checks {
    private Checks() {}

    /**
     * Size of a parameter indexed by {@code idx} (language reference A.5): {@code max(idx)}.
     * Levels in 1..max that never occur get a note (they are sampled from their prior).
     *
     * @param idx   index values (1-based)
     * @param name  the index's name in the model, e.g. {@code actor}
     * @param use   the line that declares the indexed parameter
     * @param notes where to add the note about absent levels
     * @return max(idx), or 0 for an empty index
     * @throws UlamException if a value is below 1 (naming the row)
     */
    public static int levels(int[] idx, String name, SourceLocation use, List<String> notes) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Every value of {@code idx} lies in 1..size.
     *
     * @throws UlamException naming the first offending row, its value and the size
     */
    public static void inRange(int[] idx, int size, String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Two values used row by row have the same length.
     *
     * @throws UlamException naming both and their lengths
     */
    public static void sameLength(int expected, int actual, String expectedName, String actualName,
                                  SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Converts computed values that the model uses as integers (an index or a count made by a
     * transformed-data line).
     *
     * @throws UlamException naming the first row whose value is not a whole number
     */
    public static int[] toInts(double[] values, String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }
}
