package ulam.runtime.data;

import java.util.ArrayList;
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

    /** Absent levels listed by number in a note up to this many. */
    private static final int LISTED = 10;

    /**
     * The most levels an index may have: a parameter indexed by it has that many elements (10
     * million doubles are 80 MB per copy; the sampler keeps several per chain).
     */
    public static final int MAX_LEVELS = 10_000_000;

    /**
     * The most unconstrained parameters a model may have with its data unless the user raises the
     * limit ({@code --max-parameters}): a mistyped index (a row number used as a group, a
     * 1,000,000-level code) would otherwise allocate millions of parameters, and the draws of
     * each, before anyone is asked.
     */
    public static final int MAX_PARAMETERS = 100_000;

    private static final ThreadLocal<Integer> PARAMETER_LIMIT = ThreadLocal.withInitial(() -> MAX_PARAMETERS);

    /**
     * Runs {@code binding} (a model's constructor) with another limit on the number of parameters.
     *
     * @param limit    the most parameters, at least 1
     * @param binding  what binds the model
     * @return what {@code binding} returns
     */
    public static <T> T withMaxParameters(int limit, java.util.function.Supplier<T> binding) {
        Integer before = PARAMETER_LIMIT.get();
        PARAMETER_LIMIT.set(limit);
        try {
            return binding.get();
        } finally {
            PARAMETER_LIMIT.set(before);
        }
    }

    /**
     * The number of unconstrained parameters with these data is at most the limit
     * ({@link #MAX_PARAMETERS}, or the one of {@link #withMaxParameters}).
     *
     * @param dimension the number of unconstrained parameters
     * @param model     the model being bound (for its source text)
     * @param file      the model file
     * @param names     the vector and matrix parameters' names, joined by {@code '\n'}
     * @param lines     for each, the line of its declaration, joined by {@code ;}
     * @param counts    for each, its number of unconstrained values with these data
     * @throws UlamException at the largest parameter's line, with how to raise the limit
     */
    public static void parameterCount(int dimension, ulam.runtime.Model model, String file, String names, String lines, int[] counts) {
        int limit = PARAMETER_LIMIT.get();
        if (dimension <= limit && dimension >= 0) return;
        long total = dimension >= 0 ? dimension : 0;
        for (int c : counts) total = Math.max(total, c);
        int largest = -1;
        for (int k = 0; k < counts.length; k++) if (largest < 0 || counts[k] > counts[largest]) largest = k;
        SourceLocation at = null;
        String what = "";
        if (largest >= 0) {
            String[] n = names.split("\n", -1);
            at = line(file, model.source(), Integer.parseInt(lines.split(";", -1)[largest]));
            what = " (" + n[largest] + " has " + String.format(java.util.Locale.ROOT, "%,d", counts[largest]) + ")";
        }
        String count = dimension >= 0 ? String.format(java.util.Locale.ROOT, "%,d", dimension) : "more than 2,147,483,647";
        throw new UlamException("with these data the model has " + count + " parameters, more than the limit of "
                + String.format(java.util.Locale.ROOT, "%,d", limit) + what, at,
                "a vector indexed by a column has one parameter per level, its largest value: check that column (as_index(g) numbers"
                        + " its distinct values 1..K); if the size is what you mean, raise the limit with --max-parameters "
                        + (dimension >= 0 ? dimension : Integer.MAX_VALUE));
    }

    /**
     * The location of a whole line of a model (its text without the indentation): where a
     * generated model's error points when the class stores only line numbers (a constant that
     * does not change with the names' spellings, one short string for thousands of parameters).
     *
     * @param file   the model file
     * @param source the model's source text
     * @param line   1-based line
     */
    public static SourceLocation line(String file, String source, int line) {
        String[] text = source.split("\\r\\n|\\r|\\n", -1);
        String t = line >= 1 && line <= text.length ? text[line - 1] : "";
        int from = t.length() - t.stripLeading().length();
        return new SourceLocation(file, line, from + 1, Math.max(1, t.strip().length()), t);
    }

    /**
     * Size of a parameter indexed by {@code idx} (language reference A.5): {@code max(idx)}.
     * Levels in 1..max that never occur get a note (they are sampled from their prior).
     *
     * @param idx   index values (1-based)
     * @param name  the index's name in the model, e.g. {@code actor}
     * @param use   the line that declares the indexed parameter
     * @param notes where to add the note about absent levels (not added again if it is already
     *              there); may be null
     * @return max(idx), or 0 for an empty index
     * @throws UlamException if a value is below 1 or above {@link #MAX_LEVELS} (naming the row)
     */
    public static int levels(int[] idx, String name, SourceLocation use, List<String> notes) {
        int[] low = Problems.scan(idx.length, i -> idx[i] < 1);
        if (low != null) throw belowOne(idx, low, name, use);
        int[] high = Problems.scan(idx.length, i -> idx[i] > MAX_LEVELS);
        if (high != null) {
            int[] dims = {idx.length};
            throw new UlamException("index '" + name + "' is " + idx[high[0]] + " in " + Problems.place(dims, high[0])
                    + ": what it indexes would have that many elements, more than " + MAX_LEVELS
                    + Problems.alsoBad(high[1] - 1, dims), use,
                    "an index takes the values 1, 2, ..., K for K groups; recode it (as_index(" + name
                            + ") numbers its distinct values 1..K)");
        }
        int max = 0;
        for (int v : idx) max = Math.max(max, v);
        boolean[] seen = new boolean[max + 1];
        for (int v : idx) seen[v] = true;
        List<Integer> absent = new ArrayList<>();
        for (int k = 1; k <= max; k++) {
            if (!seen[k]) absent.add(k);
        }
        if (!absent.isEmpty() && notes != null) {
            StringBuilder sb = new StringBuilder(name).append(absent.size() == 1 ? ": level " : ": levels ");
            for (int i = 0; i < Math.min(absent.size(), LISTED); i++) sb.append(i > 0 ? ", " : "").append(absent.get(i));
            if (absent.size() > LISTED) sb.append(", ... (").append(absent.size()).append(" in all)");
            sb.append(" of 1..").append(max).append(absent.size() == 1 ? " never occurs" : " never occur")
                    .append(" in the data; the parameters for ").append(absent.size() == 1 ? "it" : "them")
                    .append(" are sampled from their prior");
            String note = sb.toString();
            if (!notes.contains(note)) notes.add(note);
        }
        return max;
    }

    /**
     * The dimensions of an array whose sizes come from the data ({@code vector[N]:a},
     * {@code matrix[K,J]:b}, {@code gq> real[N]:x}): none negative, and at most
     * {@link #MAX_LEVELS} elements in all (as an index may have at most that many levels).
     *
     * @param dims  the dimensions with these data (one for a vector, two for a matrix)
     * @param shape the declaration as the model writes its sizes, e.g. {@code vector[N]}
     * @param name  the array's name
     * @param use   the line that declares it
     * @throws UlamException at {@code use} naming the array and its sizes otherwise
     */
    public static void size(int[] dims, String shape, String name, SourceLocation use) {
        long elements = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new UlamException("'" + name + "' (" + shape + ") has a size of " + d + " with these data; a size"
                        + " cannot be negative", use, "check the data value that gives the size");
            }
            elements = Math.min(elements * d, Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (elements > MAX_LEVELS) {
            StringBuilder sizes = new StringBuilder();
            for (int d : dims) sizes.append(sizes.length() > 0 ? " x " : "").append(d);
            throw new UlamException("'" + name + "' (" + shape + ") would have " + sizes + (dims.length > 1 ? " = "
                    + ((long) dims[0] * dims[1]) : "") + " elements, more than " + MAX_LEVELS, use,
                    "an array holds at most " + MAX_LEVELS + " elements: check the sizes in its declaration and the data"
                            + " values that give them");
        }
    }

    /**
     * Every value of {@code idx} lies in 1..size.
     *
     * @throws UlamException naming the first offending row, its value and the size (and how many
     *                       other rows are out of range)
     */
    public static void inRange(int[] idx, int size, String name, SourceLocation use) {
        int[] out = Problems.scan(idx.length, i -> idx[i] < 1 || idx[i] > size);
        if (out == null) return;
        int v = idx[out[0]];
        if (v < 1) throw belowOne(idx, out, name, use);
        int[] dims = {idx.length};
        throw new UlamException("index '" + name + "' is " + v + " in " + Problems.place(dims, out[0])
                + ", but what it indexes has " + size + (size == 1 ? " element" : " elements")
                + Problems.alsoBad(out[1] - 1, dims), use,
                "an index here must lie in 1.." + size + "; check the data, or the size in the declaration");
    }

    /**
     * A single index value (a data scalar, {@code a[K]}) lies in 1..size.
     *
     * @throws UlamException naming the index, its value and the size otherwise
     */
    public static void inRange(int index, int size, String name, SourceLocation use) {
        if (index >= 1 && index <= size) return;
        throw new UlamException("index '" + name + "' is " + index + (index < 1 ? "; indices start at 1" : ", but what it indexes has "
                + size + (size == 1 ? " element" : " elements")), use, "an index here must lie in 1.." + size
                + "; check the data, or the size in the declaration");
    }

    private static UlamException belowOne(int[] idx, int[] hit, String name, SourceLocation use) {
        int[] dims = {idx.length};
        return new UlamException("index '" + name + "' is " + idx[hit[0]] + " in " + Problems.place(dims, hit[0])
                + "; indices start at 1" + Problems.alsoBad(hit[1] - 1, dims), use,
                "recode it to take the values 1, 2, ..., K (for example add 1 to an index that starts at 0)");
    }

    /**
     * Two values used row by row have the same length.
     *
     * @throws UlamException naming both and their lengths
     */
    public static void sameLength(int expected, int actual, String expectedName, String actualName,
                                  SourceLocation use) {
        if (expected == actual) return;
        throw new UlamException("'" + actualName + "' has " + actual + (actual == 1 ? " row" : " rows") + ", but '"
                + expectedName + "' has " + expected + "; values used row by row on one line must have the same length",
                use, "check that both come from the same data file, or index them explicitly");
    }

    /**
     * Converts computed values that the model uses as integers (an index or a count made by a
     * transformed-data line).
     *
     * @return {@code int[values.length]}
     * @throws UlamException naming the first row whose value is not a whole number (NaN and
     *                       infinities included; also a whole number beyond the range of int)
     */
    public static int[] toInts(double[] values, String name, SourceLocation use) {
        return Problems.wholeNumbers(values, i -> NumberText.format(values[i]), "value '" + name + "'", name,
                new int[] {values.length}, use);
    }

    /**
     * A text the model compares with a column ({@code grp == "typo"}) occurs in it; otherwise the
     * comparison is the same for every row, silently. An error when a value of the column is a
     * near spelling of the text (it differs in case or spaces, or by one character in four: a
     * typo), else a warning note naming the column's values.
     *
     * @param values the column's values (text); null entries are missing values
     * @param text   the text the model writes
     * @param name   the column's name
     * @param use    where the text is written
     * @param notes  where the warning goes (not added twice)
     * @throws UlamException at {@code use} for a near spelling
     */
    public static void textOccurs(String[] values, String text, String name, SourceLocation use, List<String> notes) {
        java.util.Set<String> levels = new java.util.TreeSet<>();
        for (String v : values) {
            if (v == null) continue;
            if (v.equals(text)) return;
            levels.add(v);
        }
        String near = null;
        for (String v : levels) {
            if (v.strip().equalsIgnoreCase(text.strip())
                    || text.length() >= 4 && ulam.stdlib.Registry.editDistance(v, text) <= text.length() / 4) {
                near = v;
                break;
            }
        }
        String quoted = text.length() > 60 ? text.substring(0, 57) + "..." : text;   // a text of 70,000 characters is shown cut
        List<String> shown = new ArrayList<>(levels);
        String list = shown.size() <= LISTED ? String.join(", ", shown) : String.join(", ", shown.subList(0, LISTED)) + ", ...";
        if (near != null) {
            throw new UlamException("the text \"" + quoted + "\" never occurs in " + name + " (did you mean \"" + near + "\"?)", use,
                    "write the value as the data have it; " + name + " has " + list);
        }
        String note = ulam.runtime.Notes.warning((use == null ? "" : use.file() + ":" + use.line() + ":" + use.column() + ": ") + "the text \""
                + quoted + "\" never occurs in " + name + " (its values: " + list + "), so the comparison with it is the same for every row");
        if (notes != null && !notes.contains(note)) notes.add(note);
    }
}
