package ulam.runtime.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * Reads a JSON data file in Stan's format: one object whose members are numbers, text, or arrays of
 * them nested to any depth (an array of arrays is a matrix, written row by row). Numbers are
 * integers or reals by value; {@code null}, {@code "NA"} and {@code NaN} are missing; {@code "Inf"},
 * {@code Infinity} and their negatives are infinities; {@code true}/{@code false} are 1/0.
 * Arrays are stored in column-major order (first index fastest), so a matrix element
 * {@code m[r][c]} of an R x C matrix is at {@code r + c*R}.
 */
final class JsonReader {
    private JsonReader() {}

    /** Thread-safe once configured. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String HELP = "a JSON data file is one object of named values, e.g. {\"N\": 3, \"y\": [1.5, 2, 0.5]}";

    /**
     * @param text  the file's content
     * @param label the file's name, for messages
     * @param where the file as named on the command line, for the locations of errors
     * @return one value per member of the top-level object, in file order, each with the place of its name
     * @throws UlamException at the place in the file if the text is not JSON, is not an object,
     *                       names a member twice, or holds a ragged array or a nested object; at the
     *                       first array if it has arrays and every one of them is empty (no rows: as
     *                       a CSV file with a header alone, it can only be a mistake)
     */
    static List<Column> read(String text, String label, String where) {
        FilePlace place = new FilePlace(where, text);
        List<Column> columns = new ArrayList<>();
        List<String> emptyArrays = new ArrayList<>();
        SourceLocation firstArray = null;
        boolean someElement = false;
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new UlamException(label + " is " + (first == null ? "empty" : "not a JSON object"),
                        first == null ? place.at(1, 1, 1) : at(place, p.currentTokenLocation(), 1), HELP);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String original = p.currentName();
                SourceLocation declared = at(place, p.currentTokenLocation(), original.length() + 2);
                p.nextToken();
                JsonNode value = MAPPER.readTree(p);
                if (original.isEmpty()) {
                    throw new UlamException(label + " has a value with an empty name", declared, "give every value a name");
                }
                String subject = "value '" + original + "' (" + label + ")";
                int[] dims = shape(value, subject, declared);
                if (dims.length > 0) {
                    if (firstArray == null) firstArray = declared;
                    if (Arrays.stream(dims).anyMatch(d -> d == 0)) emptyArrays.add(original);
                    else someElement = true;
                }
                List<String> rowMajor = new ArrayList<>();
                flatten(value, rowMajor);
                String[] cells = columnMajor(rowMajor, dims);
                columns.add(new Column(Names.normalise(original), original, label, false, dims, cells).declaredAt(declared));
            }
            if (p.nextToken() != null) {
                throw new UlamException("cannot read " + label + ": more content after its object", at(place, p.currentTokenLocation(), 1), HELP);
            }
            if (firstArray != null && !someElement) {
                throw new UlamException(label + " has no rows: every array in it is empty (" + String.join(", ", emptyArrays) + ")",
                        firstArray, "give each row's values, e.g. {\"y\": [1.5, 2, 0.5]}"
                        + " (ulam run --prior-only draws from the prior, with data that have rows)");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new UlamException("cannot read " + label + ": " + e.getOriginalMessage() + line,
                    at == null ? place.at(1, 1, 1) : at(place, at, 1), HELP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // reading a string
        }
        return columns;
    }

    /** A place Jackson reports (1-based line and column) in the file. */
    private static SourceLocation at(FilePlace place, JsonLocation at, int length) {
        return place.at(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), length);
    }

    /** Shape of a value: {@code []} for a scalar, {@code [n, ...]} for an array of equally shaped elements. */
    private static int[] shape(JsonNode node, String subject, SourceLocation at) {
        if (node.isObject()) {
            throw new UlamException(subject + " is a JSON object", at,
                    "data values are numbers, text, or arrays of them (an array of arrays for a matrix)");
        }
        if (!node.isArray()) return new int[0];
        int n = node.size();
        if (n == 0) return new int[] {0};
        int[] inner = shape(node.get(0), subject, at);
        for (int k = 1; k < n; k++) {
            if (!Arrays.equals(inner, shape(node.get(k), subject, at))) {
                throw new UlamException(subject + " is a ragged array: its element " + (k + 1)
                        + " has a different shape from its first", at,
                        "a matrix is an array of rows of equal length, e.g. [[1, 2], [3, 4]]");
            }
        }
        int[] dims = new int[inner.length + 1];
        dims[0] = n;
        System.arraycopy(inner, 0, dims, 1, inner.length);
        return dims;
    }

    /** Appends the scalars of {@code node} in row-major order (last index fastest), as text. */
    private static void flatten(JsonNode node, List<String> out) {
        if (node.isArray()) {
            for (JsonNode element : node) flatten(element, out);
        } else if (node.isNull()) {
            out.add(null);
        } else if (node.isBoolean()) {
            out.add(node.booleanValue() ? "1" : "0");
        } else {
            out.add(node.asText());
        }
    }

    /** Reorders row-major elements of an array of shape {@code dims} to column-major. */
    static String[] columnMajor(List<String> rowMajor, int[] dims) {
        int total = rowMajor.size();
        String[] out = new String[total];
        if (dims.length < 2) return rowMajor.toArray(out);
        int[] stride = new int[dims.length]; // column-major strides
        stride[0] = 1;
        for (int d = 1; d < dims.length; d++) stride[d] = stride[d - 1] * dims[d - 1];
        int[] index = new int[dims.length];
        for (int r = 0; r < total; r++) {
            int offset = 0;
            for (int d = 0; d < dims.length; d++) offset += index[d] * stride[d];
            out[offset] = rowMajor.get(r);
            for (int d = dims.length - 1; d >= 0; d--) { // advance the row-major counter
                if (++index[d] < dims[d]) break;
                index[d] = 0;
            }
        }
        return out;
    }
}
