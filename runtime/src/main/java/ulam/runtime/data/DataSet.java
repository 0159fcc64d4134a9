package ulam.runtime.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * The data a model is bound to: named columns, scalars and matrices read from CSV and JSON
 * files (language reference A.2), merged, with names normalised so that {@code kcal.per.g} is
 * reachable as {@code kcal_per_g}.
 *
 * <p>The typed accessors are what generated model constructors call. Each takes the
 * {@link SourceLocation} of the model line that uses the value, so that a data error (missing
 * column, NA, non-integer, wrong shape) is reported at that line, naming the column, the file and
 * the row. Rows are 1-based data rows (the header is not counted).
 *
 * <p>Immutable once read; safe to share between chains.
 */
public final class DataSet {

    /**
     * Reads and merges data files ({@code .csv} or {@code .json}, by extension; anything else is
     * sniffed) and {@code NAME=VALUE} scalars.
     *
     * @throws UlamException if a file cannot be read or parsed, or two sources define one name
     */
    public static DataSet read(List<Path> files, Map<String, String> values) {
        throw new UnsupportedOperationException("not yet");
    }

    /** An empty data set, for models without data. */
    public static DataSet empty() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether a value of that (normalised) name exists. */
    public boolean has(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Number of elements of a named value (rows of a column; 1 for a scalar). */
    public int length(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A column of whole numbers, as used for an index, a count or a binary outcome. A string
     * column becomes factor codes 1..K with levels sorted as R's {@code factor()} sorts them
     * (a note records the coding).
     *
     * @throws UlamException if absent, or a value is NA or not a whole number (naming the row)
     */
    public int[] ints(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A numeric column.
     *
     * @throws UlamException if absent, or a value is NA or not a number (naming the row)
     */
    public double[] reals(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A column as text (numbers as written in the file), for comparisons such as
     * {@code pred == "no"}.
     *
     * @throws UlamException if absent, or a value is NA (naming the row)
     */
    public String[] strings(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A numeric column that may hold NA, with NA as {@code Double.NaN}: for variables the model
     * imputes.
     *
     * @throws UlamException if absent or not numeric
     */
    public double[] realsWithMissing(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * An integer scalar (a JSON scalar, a {@code NAME=VALUE}, or a column of length 1).
     *
     * @throws UlamException if absent, not of length 1, NA or not whole
     */
    public int intScalar(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A real scalar.
     *
     * @throws UlamException if absent, not of length 1, NA or not a number
     */
    public double realScalar(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Dimensions of a value: {@code []} for a scalar, {@code [n]} for a column or array,
     * {@code [rows, cols]} for a matrix (JSON nested arrays).
     */
    public int[] dims(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A numeric matrix in column-major order ({@code m[r + c*rows]}, 0-based), shape from
     * {@link #dims}.
     *
     * @throws UlamException if absent, not two-dimensional, or holding NA
     */
    public double[] realMatrix(String name, SourceLocation use) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every (normalised) name, in the order first read. */
    public List<String> names() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Notes made while reading (factor codings, renamed columns), to show the user once. */
    public List<String> notes() {
        throw new UnsupportedOperationException("not yet");
    }
}
