package ulam.runtime.data;

import java.util.function.Consumer;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * One named data value as read: a CSV column, a JSON scalar or array, or a {@code --data-value}.
 * Its elements are kept in primitive arrays ({@link ColumnBuilder}): a value of numbers as a
 * {@code double[]} (NaN where missing); a value with text as {@code int} codes into its distinct
 * texts (0 where missing). They are checked only when the model asks for the value in a type, so
 * that values the model never uses are never checked. Conversions are done once, under this
 * object's lock, and kept; the arrays handed out by the package's callers are copies.
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
    /** Numbers in column-major order, NaN where missing; null for a value that holds text. */
    private final double[] numbers;
    /** For a value that holds text: the code of each element (0 missing, k for {@code texts[k - 1]}); else null. */
    private final int[] codes;
    private final String[] texts;
    /** The levels to code with instead of this column's own (a prediction's new data use the fit's); or null. */
    final java.util.List<String> reference;
    /** Where its name is written in a data file (a CSV header, a JSON member), for errors about it; or null. */
    private SourceLocation declared;

    // Conversions, computed on first use; guarded by this.
    private int textCount = -1;   // present elements that are not numbers
    private int firstText;
    private int missingCount;
    private int[] ints;
    private String[] strings;

    private Column(String name, String original, String source, boolean csv, int[] dims, double[] numbers,
                   int[] codes, String[] texts, java.util.List<String> reference) {
        this.name = name;
        this.original = original;
        this.source = source;
        this.csv = csv;
        this.dims = dims;
        this.numbers = numbers;
        this.codes = codes;
        this.texts = texts;
        this.reference = reference;
    }

    /** A value of numbers ({@code NaN} where missing); the array is kept, not copied. */
    static Column numeric(String name, String original, String source, boolean csv, int[] dims, double[] numbers) {
        return new Column(name, original, source, csv, dims, numbers, null, null, null);
    }

    /** A value with text: codes into {@code texts} (0 where missing); the arrays are kept, not copied. */
    static Column text(String name, String original, String source, boolean csv, int[] dims, int[] codes, String[] texts) {
        return new Column(name, original, source, csv, dims, null, codes, texts, null);
    }

    /**
     * A value of elements given as text.
     *
     * @param cells elements in column-major order, null (or NA text) where missing
     */
    Column(String name, String original, String source, boolean csv, int[] dims, String[] cells) {
        this(ColumnBuilder.of(name, original, source, csv, dims, cells), null);
    }

    private Column(Column c, java.util.List<String> reference) {
        this(c.name, c.original, c.source, c.csv, c.dims, c.numbers, c.codes, c.texts, reference);
        this.declared = c.declared;
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
     * @param cells elements in column-major order, {@code cells.length == size()}
     */
    Column withCells(String from, String[] cells) {
        Column c = ColumnBuilder.of(name, original, from, csv, dims.clone(), cells);
        return reference == null ? c : new Column(c, reference);
    }

    /** How messages name it: {@code column 'recipient' (chimpanzees.csv)}. */
    String subject() {
        return (csv ? "column '" : "value '") + original + "' (" + source + ")";
    }

    /** Whether this value is one ulam added for itself (a name starting with {@code #}), not the user's. */
    boolean internal() {
        return original.startsWith("#");
    }

    /** Shape; owned by this object, do not modify. */
    int[] dims() {
        return dims;
    }

    /** Number of elements. */
    int size() {
        return numbers != null ? numbers.length : codes.length;
    }

    /** Whether element {@code i} is missing. */
    boolean isMissing(int i) {
        return numbers != null ? Double.isNaN(numbers[i]) : codes[i] == 0;
    }

    /** The distinct texts of a value that holds text, in order of first appearance; null for a numeric value. */
    java.util.List<String> texts() {
        return texts == null ? null : java.util.List.of(texts);
    }

    /** The text of element {@code i} as read (a number as its shortest decimal form), or null where missing. */
    String text(int i) {
        if (numbers != null) return Double.isNaN(numbers[i]) ? null : NumberText.format(numbers[i]);
        return codes[i] == 0 ? null : texts[codes[i] - 1];
    }

    /** The number of element {@code i}, NaN where missing or text. */
    double number(int i) {
        if (numbers != null) return numbers[i];
        return codes[i] == 0 ? Double.NaN : NumberText.parse(texts[codes[i] - 1]);
    }

    /** Bytes held by the element arrays (for the reading benchmark). */
    long bytes() {
        return numbers != null ? 8L * numbers.length : 4L * codes.length;
    }

    private void analyse() {
        if (textCount >= 0) return;
        int text = 0;
        int first = -1;
        int missing = 0;
        if (numbers != null) {
            for (double v : numbers) if (Double.isNaN(v)) missing++;
        } else {
            boolean[] isText = new boolean[texts.length];
            for (int k = 0; k < texts.length; k++) isText[k] = Double.isNaN(NumberText.parse(texts[k]));
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] == 0) {
                    missing++;
                } else if (isText[codes[i] - 1]) {
                    text++;
                    if (first < 0) first = i;
                }
            }
        }
        textCount = text;
        firstText = first;
        missingCount = missing;
    }

    /** Whether every present element is text (not a number) and at least one is present. */
    private boolean isText() {
        analyse();
        return textCount > 0 && textCount == size() - missingCount;
    }

    /** Integer, real or string, judged on the elements that are present. */
    synchronized DataSet.Kind kind() {
        analyse();
        if (textCount > 0) return DataSet.Kind.STRING;
        double[] v = realsWithMissing(null);
        for (double x : v) {
            if (!Double.isNaN(x) && !NumberText.isInt(x)) return DataSet.Kind.REAL;
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
        if (numbers != null) return numbers;
        double[] v = new double[codes.length];   // a value of numbers given as text with no text among them
        for (int i = 0; i < v.length; i++) v[i] = number(i);
        return v;
    }

    /** The numbers; owned by this object. */
    synchronized double[] reals(SourceLocation use) {
        double[] v = realsWithMissing(use);
        if (missingCount > 0) throw Problems.missing(subject(), dims, Problems.scan(v.length, i -> Double.isNaN(v[i])), use);
        return v;
    }

    /** The text of every element (numbers as their shortest decimal form); owned by this object. */
    synchronized String[] strings(SourceLocation use) {
        analyse();
        if (missingCount > 0) {
            throw Problems.missing(subject(), dims, Problems.scan(size(), this::isMissing), use);
        }
        if (strings == null) {
            String[] s = new String[size()];
            for (int i = 0; i < s.length; i++) s[i] = text(i);
            strings = s;
        }
        return strings;
    }

    /**
     * Whole numbers, or for a text column its factor codes (the coding's note goes to {@code note}
     * the first time); owned by this object.
     */
    synchronized int[] ints(SourceLocation use, Consumer<String> note) {
        if (ints != null) return ints;
        if (isText()) {
            if (missingCount > 0) throw Problems.missing(subject(), dims, Problems.scan(size(), this::isMissing), use);
            FactorCoding factor = reference == null ? FactorCoding.of(codes, texts)
                    : FactorCoding.of(strings(use), reference, subject(), use);
            ints = factor.codes();
            note.accept(factor.note(name));
        } else {
            double[] v = reals(use);
            ints = Problems.wholeNumbers(v, this::text, subject(), name, dims, use);
        }
        return ints;
    }

    /** The same value, coded as an index with the given levels instead of its own. */
    Column withReference(java.util.List<String> levels) {
        return new Column(this, java.util.List.copyOf(levels));
    }

    /**
     * The levels an index made from this value has: a text column's factor levels in order, or
     * the sorted distinct numbers (as {@link Double#toString}).
     */
    synchronized java.util.List<String> levels(SourceLocation use) {
        if (isText()) {
            if (missingCount > 0) throw Problems.missing(subject(), dims, Problems.scan(size(), this::isMissing), use);
            return FactorCoding.of(codes, texts).levels();
        }
        return java.util.Arrays.stream(reals(use)).distinct().sorted().mapToObj(Double::toString).toList();
    }

    /** The single number of a scalar or a value of one element, checked to be whole if asked. */
    synchronized double scalar(SourceLocation use, boolean whole) {
        if (size() != 1) {
            String what = dims.length == 1 ? (csv ? " has " + size() + " rows" : " has " + size() + " elements")
                    : " is " + shape();
            throw new UlamException(subject() + what + ", but the model uses " + name + " as a single number", use,
                    "give one number, e.g. --data-value " + name + "=VALUE or {\"" + name + "\": VALUE} in a JSON file");
        }
        double[] v = reals(use);
        if (whole) return Problems.wholeNumbers(v, this::text, subject(), name, dims, use)[0];
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
        String cell = text(firstText);
        String shown = "'" + cell + "'";
        if (isText()) {
            return new UlamException(subject() + " holds text, not numbers ("
                    + (at.isEmpty() ? "it is " : at + " is ") + shown + ")", use,
                    decimalComma(cell) ? DECIMAL_COMMA
                    : "use it as an index (" + name + "[...] codes its levels 1..K) or compare it ("
                            + name + " == " + '"' + cell + '"' + "), or use another column");
        }
        StringBuilder sb = new StringBuilder(subject());
        if (!at.isEmpty()) sb.append(' ').append(at);
        sb.append(" is ").append(shown).append(", not a number").append(Problems.alsoBad(textCount - 1, dims));
        return new UlamException(sb.toString(), use,
                decimalComma(cell) ? DECIMAL_COMMA : "correct the value in the file; write NA for a missing value");
    }

    /** Help for a number written with a decimal comma. */
    static final String DECIMAL_COMMA = "it looks like a number with a decimal comma: write decimals with a point (1.5),"
            + " e.g. R's write.csv instead of write.csv2";

    /** Whether a text looks like a number written with a decimal comma ({@code 1,5}, {@code -0,25}). */
    static boolean decimalComma(String text) {
        return text != null && text.strip().matches("[+-]?\\d+,\\d+");
    }
}
