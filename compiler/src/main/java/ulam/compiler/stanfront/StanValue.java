package ulam.compiler.stanfront;

import java.util.Arrays;

/**
 * A value of the transformed-data interpreter ({@link StanInterpreter}): a Stan {@code int},
 * {@code real}, {@code vector}, {@code row_vector} or {@code matrix}, or an array of them, as
 * its sizes along every index (array sizes first, then the type's) and its elements in
 * column-major order (the first index fastest, as the data set stores them: Stan JSON's nested
 * arrays, {@code DataSet}). Elements never given a value are NaN (Stan fills reals with NaN).
 *
 * @param dims   the sizes, array sizes first
 * @param v      the elements, column-major, {@code v.length} the product of {@code dims}
 * @param base   {@code "int"}, {@code "real"}, {@code "vector"}, {@code "row_vector"} or {@code "matrix"}
 */
record StanValue(int[] dims, double[] v, String base) {

    static StanValue scalar(double x, boolean isInt) {
        return new StanValue(new int[0], new double[] {x}, isInt ? "int" : "real");
    }

    /** A value of the given sizes, every element NaN. */
    static StanValue undefined(int[] dims, String base) {
        int n = 1;
        for (int d : dims) n *= d;
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return new StanValue(dims, v, base);
    }

    boolean isInt() {
        return base.equals("int");
    }

    boolean isScalar() {
        return dims.length == 0;
    }

    /** How many of the trailing sizes belong to the type: 0 for int and real, 1 for vectors, 2 for a matrix. */
    int typeRank() {
        return typeRank(base);
    }

    static int typeRank(String base) {
        return switch (base) {
            case "int", "real" -> 0;
            case "matrix" -> 2;
            default -> 1;
        };
    }

    /** Number of array indices before the type's. */
    int arrayRank() {
        return dims.length - typeRank();
    }

    double scalarValue() {
        return v[0];
    }

    int size() {
        return v.length;
    }

    /** Whether the two have the same sizes. */
    boolean sameShape(StanValue o) {
        return Arrays.equals(dims, o.dims);
    }

    /** The shape in Stan's words, for messages ({@code matrix[5, 3]}, {@code array[2] vector[4]}). */
    String describe() {
        int a = arrayRank();
        StringBuilder sb = new StringBuilder();
        if (a > 0) {
            sb.append("array[");
            for (int k = 0; k < a; k++) sb.append(k > 0 ? ", " : "").append(dims[k]);
            sb.append("] ");
        }
        sb.append(base);
        if (typeRank() > 0) {
            sb.append('[');
            for (int k = a; k < dims.length; k++) sb.append(k > a ? ", " : "").append(dims[k]);
            sb.append(']');
        }
        return sb.toString();
    }

    /** The same elements with another base (an int made real, a matrix read as an array). */
    StanValue as(String newBase) {
        return new StanValue(dims, v, newBase);
    }

    /** A copy whose elements may be changed. */
    StanValue copy() {
        return new StanValue(dims.clone(), v.clone(), base);
    }
}
