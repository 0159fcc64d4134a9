package ulam.runtime.model;

import java.util.LinkedHashMap;
import java.util.Map;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.stdlib.transform.LowerBound;
import ulam.stdlib.transform.LowerUpperBound;
import ulam.stdlib.transform.UpperBound;

/**
 * Helpers that generated model classes call for work off the sampler's hot path: output names,
 * unconstraining user-given values, literal index checks, option maps. (The hot path calls
 * {@code ulam.stdlib} directly.)
 */
public final class ModelSupport {
    private ModelSupport() {}

    /**
     * Stan's element names for every output, column-major: {@code a} (scalar), {@code a[1]},
     * ..., {@code b[1,1], b[2,1], ...}.
     *
     * @param names one name per output
     * @param ranks per output: 0 scalar, 1 vector, 2 matrix
     * @param sizes the outputs' dimensions, concatenated (rank entries each)
     * @return the element names, in output order
     */
    public static String[] outputNames(String[] names, int[] ranks, int[] sizes) {
        int total = 0;
        int at = 0;
        for (int k = 0; k < names.length; k++) {
            int n = 1;
            for (int r = 0; r < ranks[k]; r++) n *= sizes[at++];
            total += n;
        }
        String[] out = new String[total];
        int o = 0;
        at = 0;
        for (int k = 0; k < names.length; k++) {
            switch (ranks[k]) {
                case 0 -> out[o++] = names[k];
                case 1 -> {
                    int n = sizes[at++];
                    for (int i = 1; i <= n; i++) out[o++] = names[k] + "[" + i + "]";
                }
                default -> {
                    int rows = sizes[at++];
                    int cols = sizes[at++];
                    for (int c = 1; c <= cols; c++) {
                        for (int r = 1; r <= rows; r++) out[o++] = names[k] + "[" + r + "," + c + "]";
                    }
                }
            }
        }
        return out;
    }

    /**
     * A literal index written in the model ({@code a[3]}) lies within a size known only once the
     * data are bound.
     *
     * @throws UlamException at {@code at} otherwise
     */
    public static void literalInRange(int value, int bound, String name, SourceLocation at) {
        if (value < 1 || value > bound) {
            throw new UlamException("index " + value + " is beyond the size " + bound + " of '" + name + "' with these data",
                    at, "use an index from 1 to " + bound);
        }
    }

    /**
     * The unconstrained value of {@code x} for bounds {@code lower} and {@code upper}
     * (negative / positive infinity when absent), by the transforms of {@code ulam.stdlib.transform}.
     *
     * @param element the element's name, for the message
     * @throws IllegalArgumentException naming the element if x lies outside its support
     */
    public static double unconstrain(double x, double lower, double upper, String element) {
        boolean lo = lower != Double.NEGATIVE_INFINITY;
        boolean hi = upper != Double.POSITIVE_INFINITY;
        if (Double.isNaN(x) || (lo && !(x > lower)) || (hi && !(x < upper))) {
            String support = lo && hi ? "between " + lower + " and " + upper : lo ? "above " + lower : hi ? "below " + upper : "finite";
            throw new IllegalArgumentException(element + " = " + x + " is outside its support: it must be " + support);
        }
        if (lo && hi) return LowerUpperBound.unconstrain(x, lower, upper);
        if (lo) return LowerBound.unconstrain(x, lower);
        if (hi) return UpperBound.unconstrain(x, upper);
        return x;
    }

    /**
     * rethinking's {@code coerce_index} of a data column ({@code as_index(x)}): a text column
     * becomes factor codes 1..K in R's {@code factor()} order (as {@link DataSet#ints} codes it),
     * a numeric column the ranks 1..K of its sorted distinct values.
     *
     * @throws UlamException at {@code at} if the column is absent or holds NA
     */
    public static int[] asIndex(DataSet data, String name, SourceLocation at) {
        if (data.kind(name, at) == DataSet.Kind.STRING) return data.ints(name, at);
        return ulam.stdlib.data.DataFunctions.asIndex(data.reals(name, at));
    }

    /** Whole numbers as reals, for data functions of real vectors applied to integer data. */
    public static double[] toReals(int[] x) {
        double[] r = new double[x.length];
        for (int k = 0; k < x.length; k++) r[k] = x[k];
        return r;
    }

    /** A map from alternating keys and values, in order. */
    public static Map<String, String> options(String[] keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k + 1 < keysAndValues.length; k += 2) m.put(keysAndValues[k], keysAndValues[k + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
