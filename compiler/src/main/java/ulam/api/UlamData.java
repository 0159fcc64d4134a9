package ulam.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The data a model is fitted to: columns and scalars read from CSV or JSON files (as
 * {@code ulam run --data}), or given from Java as a map of names to values. Immutable.
 */
public final class UlamData {
    private final DataSet data;

    private UlamData(DataSet data) {
        this.data = data;
    }

    /** No data (a model whose every name is a parameter). */
    public static UlamData empty() {
        return new UlamData(DataSet.empty());
    }

    /**
     * Reads data files, merged in order: {@code .csv} (a header line, one column per variable,
     * {@code NA} missing) or {@code .json} (Stan's format), as {@code ulam run --data} reads them.
     *
     * @param files the files
     * @return the data
     * @throws UlamException if a file cannot be read or parsed (naming the file, row and
     *                       column), or two files define one name
     */
    public static UlamData read(Path... files) {
        return new UlamData(DataSet.read(List.of(files), Map.of()));
    }

    /**
     * Data given from Java: each value is a number (a scalar), an {@code int[]}, {@code double[]}
     * or {@code String[]} (a column; text is coded as an index 1..K in order of first
     * appearance, as a CSV's text column), a {@code double[][]} or {@code int[][]} (a matrix,
     * {@code [rows][columns]}), or a {@link List} of numbers or strings. They go through the same
     * reader as a JSON data file, so they get the same checks.
     *
     * @param values name to value, in the order the names should be listed
     * @return the data
     * @throws UlamException if a value has another type, or a name is given twice after
     *                       normalisation (as in a data file)
     */
    public static UlamData of(Map<String, ?> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) json.put(e.getKey(), jsonValue(e.getKey(), e.getValue()));
        Path file = null;
        try {
            file = Files.createTempFile("ulam-data-", ".json");
            new ObjectMapper().writeValue(file.toFile(), json);
            return new UlamData(DataSet.read(List.of(file), Map.of()));
        } catch (IOException e) {
            throw new UlamException("cannot write the data to a temporary file: " + e.getMessage(), null, null);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static Object jsonValue(String name, Object v) {
        if (v instanceof Number || v instanceof int[] || v instanceof double[] || v instanceof String[]
                || v instanceof double[][] || v instanceof int[][]) {
            return v;
        }
        if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number || x instanceof String)) return l;
        String type = v == null ? "null" : v.getClass().getSimpleName();
        throw new UlamException("data value '" + name + "' is a " + type, null,
                "give a number, an int[], double[] or String[] column, a double[][] matrix, or a List of numbers or strings");
    }

    /** The names of the data, in order. */
    public List<String> names() {
        return data.names();
    }

    /** Whether there are no data. */
    public boolean isEmpty() {
        return data.names().isEmpty();
    }

    /**
     * The values of a numeric column or scalar, as reals ({@code double[N]}, NaN where missing; a
     * scalar is {@code double[1]}); a new array.
     *
     * @throws UlamException if there is no such name
     */
    public double[] reals(String name) {
        if (!data.has(name)) throw new UlamException("no data named '" + name + "'", null, "the names are " + names());
        return data.realsWithMissing(name, null);
    }

    DataSet dataSet() {
        return data;
    }
}
