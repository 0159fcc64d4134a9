package ulam.runtime.data;

import java.util.function.Consumer;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * One named data value as read: a CSV column, a JSON scalar or array, or a {@code --data-value}.
 * Its fields are kept as text until the model asks for the value in a type, so that values the
 * model never uses are never checked. Conversions are done once, under this object's lock, and
 * kept; the arrays handed out by the package's callers are copies.
 */
final class Column {
    /** The identifier the model uses (normalised). */
    final String name;
    /** The name as written in the file, for messages. */
    final String original;
    /** Where it came from, as shown to the user: a file name or {@code --data-value N=3}. */
    final String source;
    private final boolean csv;
    final int[] dims;
    /** Elements in column-major order; null where missing. */
    final String[] cells;

    // Conversions, computed on first use; guarded by this.
    private double[] numbers;   // NaN where missing or text
    private int textCount = -1; // number of non-missing fields that are not numbers
    private int firstText;
    private int missingCount;
    private int[] ints;
    private FactorCoding factor;
    /** The levels to code with instead of this column's own (a prediction's new data use the fit's); or null. */
    final java.util.List<String> reference;
    /** Where its name is written in a data file (a CSV header, a JSON member), for errors about it; or null. */
    private SourceLocation declared;

    /**
     * @param name     the normalised name
     * @param original the name as written
     * @param source   file name or command-line option, for messages
     * @param csv      whether this is a CSV column (messages say "column", else "value")
     * @param dims     shape: {@code []} scalar, {@code [n]}, {@code [rows, cols]}, ...
     * @param cells    elements in column-major order, null (or NA text) where missing; not copied
     */
    Column(String name, String original, String source, boolean csv, int[] dims, String[] cells) {
        this(name, original, source, csv, dims, cells, null);
    }

    private Column(String name, String original, String source, boolean csv, int[] dims, String[] cells,
                   java.util.List<String> reference) {
        this.reference = reference;
        this.name = name;
        this.original = original;
        this.source = source;
        this.csv = csv;
        this.dims = dims;
        this.cells = cells;
        for (int i = 0; i < cells.length; i++) {
            if (NumberText.isMissing(cells[i])) cells[i] = null;
        }
    }

    /** Sets where its name is written in a data file (by the reader that made it); returns this. */
    Column declaredAt(SourceLocation at) {
        this.declared = at;
        return this;
    }

    /** Where its name is written in a data file, or null (a {@code --data-value}, a matrix file). */
    SourceLocation declared() {
        return declared;
    }

    /**
     * This value with other elements (same name and shape), e.g. simulated outcomes.
     *
     * @param from  where they came from, for messages
     * @param cells elements in column-major order, {@code cells.length == size()}; not copied
     */
    Column withCells(String from, String[] cells) {
        return new Column(name, original, from, csv, dims.clone(), cells, reference);
    }

    /** How messages name it: {@code column 'recipient' (chimpanzees.csv)}. */
    String subject() {
        return (csv ? "column '" : "value '") + original + "' (" + source + ")";
    }

    /** Shape; owned by this object, do not modify. */
    int[] dims() {
        return dims;
    }

    /** Number of elements. */
    int size() {
        return cells.length;
    }

    private void analyse() {
        if (textCount >= 0) return;
        double[] v = new double[cells.length];
        int text = 0;
        int first = -1;
        int missing = 0;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == null) {
                v[i] = Double.NaN;
                missing++;
                continue;
            }
            v[i] = NumberText.parse(cells[i]);
            if (Double.isNaN(v[i])) {
                text++;
                if (first < 0) first = i;
            }
        }
        numbers = v;
        textCount = text;
        firstText = first;
        missingCount = missing;
    }

    /** Whether every present element is text (not a number) and at least one is present. */
    private boolean isText() {
        analyse();
        return textCount > 0 && textCount == cells.length - missingCount;
    }

    /** Integer, real or string, judged on the elements that are present. */
    synchronized DataSet.Kind kind() {
        analyse();
        if (textCount > 0) return DataSet.Kind.STRING;
        for (double v : numbers) {
            if (!Double.isNaN(v) && !NumberText.isInt(v)) return DataSet.Kind.REAL;
        }
        return DataSet.Kind.INT;
    }

    /** Number of missing elements. */
    synchronized int missingCount() {
        analyse();
        return missingCount;
    }

    /** The numbers, NaN where missing; owned by this object. */
    synchronized double[] realsWithMissing(SourceLocation use) {
        analyse();
        if (textCount > 0) throw notNumbers(use);
        return numbers;
    }

    /** The numbers; owned by this object. */
    synchronized double[] reals(SourceLocation use) {
        double[] v = realsWithMissing(use);
        if (missingCount > 0) throw Problems.missing(subject(), dims, Problems.scan(v.length, i -> cells[i] == null), use);
        return v;
    }

    /** The text of every element; owned by this object. */
    synchronized String[] strings(SourceLocation use) {
        analyse();
        if (missingCount > 0) {
            throw Problems.missing(subject(), dims, Problems.scan(cells.length, i -> cells[i] == null), use);
        }
        return cells;
    }

    /**
     * Whole numbers, or for a text column its factor codes (the coding's note goes to {@code note}
     * the first time); owned by this object.
     */
    synchronized int[] ints(SourceLocation use, Consumer<String> note) {
        if (ints != null) return ints;
        if (isText()) {
            factor = reference == null ? FactorCoding.of(strings(use)) : FactorCoding.of(strings(use), reference, subject(), use);
            ints = factor.codes();
            note.accept(factor.note(name));
        } else {
            double[] v = reals(use);
            ints = Problems.wholeNumbers(v, i -> cells[i].strip(), subject(), name, dims, use);
        }
        return ints;
    }

    /** The same value, coded as an index with the given levels instead of its own. */
    Column withReference(java.util.List<String> levels) {
        return new Column(name, original, source, csv, dims, cells, java.util.List.copyOf(levels));
    }

    /**
     * The levels an index made from this value has: a text column's factor levels in order, or
     * the sorted distinct numbers (as {@link Double#toString}).
     */
    synchronized java.util.List<String> levels(SourceLocation use) {
        if (isText()) return FactorCoding.of(strings(use)).levels();
        return java.util.Arrays.stream(reals(use)).distinct().sorted().mapToObj(Double::toString).toList();
    }

    /** The single number of a scalar or a value of one element, checked to be whole if asked. */
    synchronized double scalar(SourceLocation use, boolean whole) {
        if (cells.length != 1) {
            String what = dims.length == 1 ? (csv ? " has " + cells.length + " rows" : " has " + cells.length + " elements")
                    : " is " + shape();
            throw new UlamException(subject() + what + ", but the model uses " + name + " as a single number", use,
                    "give one number, e.g. --data-value " + name + "=VALUE or {\"" + name + "\": VALUE} in a JSON file");
        }
        double[] v = reals(use);
        if (whole) return Problems.wholeNumbers(v, i -> cells[i].strip(), subject(), name, dims, use)[0];
        return v[0];
    }

    /** The numbers of a two-dimensional value, column-major; owned by this object. */
    synchronized double[] matrix(SourceLocation use) {
        if (dims.length != 2) {
            throw new UlamException(subject() + " is " + shape() + ", but the model uses " + name + " as a matrix", use,
                    "give a matrix in a JSON file, as an array of rows: {\"" + name + "\": [[0, 1.5], [1.5, 0]]}");
        }
        return reals(use);
    }

    /** The shape in words: "a single number", "a column of 504 values", "a 10 x 10 matrix", "an array of 2 x 3 x 4". */
    String shape() {
        switch (dims.length) {
            case 0: return "a single value";
            case 1: return (csv ? "a column of " : "an array of ") + dims[0] + " values";
            case 2: return "a " + dims[0] + " x " + dims[1] + " matrix";
            default:
                StringBuilder sb = new StringBuilder("an array of ");
                for (int d = 0; d < dims.length; d++) sb.append(d > 0 ? " x " : "").append(dims[d]);
                return sb.append(" values").toString();
        }
    }

    private UlamException notNumbers(SourceLocation use) {
        String at = Problems.place(dims, firstText);
        String shown = "'" + cells[firstText] + "'";
        if (isText()) {
            return new UlamException(subject() + " holds text, not numbers ("
                    + (at.isEmpty() ? "it is " : at + " is ") + shown + ")", use,
                    "use it as an index (" + name + "[...] codes its levels 1..K) or compare it ("
                            + name + " == " + '"' + cells[firstText] + '"' + "), or use another column");
        }
        StringBuilder sb = new StringBuilder(subject());
        if (!at.isEmpty()) sb.append(' ').append(at);
        sb.append(" is ").append(shown).append(", not a number").append(Problems.alsoBad(textCount - 1, dims));
        return new UlamException(sb.toString(), use, "correct the value in the file; write NA for a missing value");
    }
}
