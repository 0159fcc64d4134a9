package ulam.runtime.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>Values are kept as read until a model asks for one: a value that is never asked for is never
 * checked (it may hold text, NA, anything). A value's conversion is done on the first request and
 * kept, so asking again (each chain's constructor does) is cheap and adds no second note; every
 * accessor returns a fresh copy of its array, so callers may modify it. Names may be given
 * normalised or as written ({@code kcal.per.g} finds {@code kcal_per_g}).
 *
 * <p>Immutable once read, apart from its notes; safe to share between chains and to read from
 * several threads.
 */
public final class DataSet {

    /** What a value holds, judged on its present (non-missing) elements. */
    public enum Kind {
        /** Only whole numbers (or nothing but missing values). */
        INT,
        /** Numbers, at least one of them not whole. */
        REAL,
        /** At least one element that is not a number. */
        STRING
    }

    /** Up to this many names are listed in full in the help of a "no value named" error. */
    private static final int LIST_ALL = 15;

    private final Map<String, Column> values;
    private final Set<String> notes; // guarded by itself

    private DataSet(Map<String, Column> values, List<String> readNotes) {
        this.values = Collections.unmodifiableMap(values);
        this.notes = new LinkedHashSet<>(readNotes);
    }

    /**
     * Reads and merges data files ({@code .csv} or {@code .json}, by extension; anything else is
     * sniffed) and {@code NAME=VALUE} scalars.
     *
     * <p>CSV: separator {@code ,}, {@code ;} or tab detected from the header line, double-quoted
     * fields, {@code NA} or an empty field missing, an unnamed first column of R row names
     * dropped, CRLF accepted. JSON: Stan's format (an object of scalars and arrays; nested arrays
     * are matrices written row by row). Names that are not identifiers are normalised (every
     * character other than a letter, digit or {@code _} becomes {@code _}; a leading digit gets a
     * {@code _} prefix) and the original kept for messages.
     *
     * @param files  data files, read in order; may be null
     * @param values {@code --data-value} scalars, name to number as written; may be null
     * @throws UlamException if a file cannot be read or parsed, a value given on the command line
     *                       is not a number, or two sources (or two columns of one file, after
     *                       normalisation) define one name; an error about a file's text is
     *                       located in that file (a ragged CSV row, a broken quote, a JSON syntax
     *                       error, the second of two names)
     */
    public static DataSet read(List<Path> files, Map<String, String> values) {
        return read(files, values, null);
    }

    /**
     * As {@link #read(List, Map)}, plus matrices read from CSV files ({@code --data-matrix
     * NAME=FILE}): the file's columns side by side (an R row-name column dropped, as for any CSV),
     * e.g. a distance matrix written by R's {@code write.csv}.
     *
     * @param matrices name to CSV file; may be null
     * @throws UlamException as {@link #read(List, Map)}, or if a matrix file is ragged or its
     *                       columns differ in length
     */
    public static DataSet read(List<Path> files, Map<String, String> values, Map<String, Path> matrices) {
        Map<String, Column> all = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (files != null) {
            for (Path file : files) {
                Map<String, Column> here = new LinkedHashMap<>();
                for (Column c : readFile(file, notes)) {
                    Column twin = here.putIfAbsent(c.name, c);
                    if (twin != null) {
                        throw new UlamException(twin.original.equals(c.original)
                                ? c.source + " has two columns named '" + c.original + "'"
                                : "'" + twin.original + "' and '" + c.original + "' in " + c.source
                                  + " are both reachable as " + c.name,
                                c.declared(), "rename one of them in the file");
                    }
                }
                for (Column c : here.values()) merge(all, c);
            }
        }
        if (values != null) {
            for (Map.Entry<String, String> v : values.entrySet()) merge(all, commandLineValue(v.getKey(), v.getValue()));
        }
        if (matrices != null) {
            for (Map.Entry<String, Path> m : matrices.entrySet()) merge(all, matrixFile(m.getKey(), m.getValue(), notes));
        }
        return new DataSet(all, notes);
    }

    private static Column matrixFile(String name, Path file, List<String> notes) {
        List<Column> columns = readFile(file, notes);
        if (columns.isEmpty()) throw new UlamException(file + " holds no columns", null, "a matrix file is a CSV of numbers");
        int rows = columns.get(0).dims[0];
        ColumnBuilder cells = new ColumnBuilder();
        for (Column col : columns) {
            if (col.dims[0] != rows) throw new UlamException(file + ": its columns differ in length", null, null);
            for (int r = 0; r < rows; r++) {
                if (col.isMissing(r)) cells.addMissing();
                else if (Double.isNaN(col.number(r))) cells.addText(col.text(r));
                else cells.addNumber(col.number(r));
            }
        }
        return cells.build(Names.normalise(name), name, file.getFileName().toString(), false, new int[] {rows, columns.size()});
    }

    /**
     * The data of a prediction ({@code ulam link} and {@code ulam sim} with new data): every value
     * of {@code fresh}; from {@code fit}, the values {@code fresh} lacks that are not columns of
     * rows (scalars and matrices, which describe the model rather than the cases); and
     * {@code extra} numbers. A column of {@code fresh} that the fit also has is coded as an index
     * with the fit's levels, so that a text value (or a number under {@code as_index}) keeps the
     * code it had in the fit, except the columns named in {@code ownCoding} (new groups), which
     * are coded by their own levels.
     *
     * @param fresh     the new data
     * @param fit       the fit's data
     * @param ownCoding names coded by their own levels
     * @param extra     scalars to add, name to number as text
     * @throws UlamException if {@code extra} repeats a name of the data
     */
    public static DataSet forPrediction(DataSet fresh, DataSet fit, java.util.Set<String> ownCoding, Map<String, String> extra) {
        Map<String, Column> all = new LinkedHashMap<>();
        for (Column c : fresh.values.values()) {
            Column old = fit.values.get(c.name);
            boolean index = old != null && old.dims.length == 1 && !ownCoding.contains(c.name);
            all.put(c.name, index ? c.withReference(old.levels(null)) : c);
        }
        for (Column c : fit.values.values()) {
            if (!all.containsKey(c.name) && c.dims.length != 1) all.put(c.name, c);
        }
        for (Map.Entry<String, String> v : extra.entrySet()) merge(all, commandLineValue(v.getKey(), v.getValue()));
        List<String> notes = new ArrayList<>(fresh.notes());
        return new DataSet(all, notes);
    }

    /** These data plus {@code extra} numbers (name to number as text). */
    public DataSet withValues(Map<String, String> extra) {
        Map<String, Column> all = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> v : extra.entrySet()) merge(all, commandLineValue(v.getKey(), v.getValue()));
        return new DataSet(all, notes());
    }

    /**
     * These data with the elements of some numeric values replaced (the simulated outcomes of
     * {@code ulam sbc}); a NaN keeps the element read. Whole numbers are stored as integers, so a
     * count stays an index-able whole-number column.
     *
     * @param replaced name to new elements, in column-major order, as long as the value
     * @param from     where the new elements came from, for messages (e.g. "simulation 3")
     * @return new data; these are unchanged
     * @throws IllegalArgumentException if a name is absent or a length differs
     */
    public DataSet withReplaced(Map<String, double[]> replaced, String from) {
        Map<String, Column> all = new LinkedHashMap<>(values);
        for (Map.Entry<String, double[]> e : replaced.entrySet()) {
            Column old = all.get(Names.normalise(e.getKey()));
            double[] v = e.getValue();
            if (old == null || old.size() != v.length) {
                throw new IllegalArgumentException("no value '" + e.getKey() + "' of " + v.length + " elements to replace");
            }
            String[] cells = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                cells[i] = Double.isNaN(x) ? old.text(i)
                        : x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
            }
            all.put(old.name, old.withCells(from, cells));
        }
        return new DataSet(all, List.of());
    }

    /**
     * These data plus new numeric values (a Stan program's transformed data, computed from these
     * by the Stan front end). A value of whole numbers only is of kind {@code INT}, as when read from a file.
     *
     * @param added name to {dims, elements in column-major order}; the product of dims is the length
     * @param from  where they came from, for messages (e.g. "transformed data of model.stan")
     * @return new data; these are unchanged
     * @throws IllegalArgumentException if a name is already in the data or a length differs from its dims
     */
    public DataSet withAdded(Map<String, Map.Entry<int[], double[]>> added, String from) {
        Map<String, Column> all = new LinkedHashMap<>(values);
        for (Map.Entry<String, Map.Entry<int[], double[]>> e : added.entrySet()) {
            String name = Names.normalise(e.getKey());
            int[] dims = e.getValue().getKey();
            double[] v = e.getValue().getValue();
            int n = 1;
            for (int d : dims) n *= d;
            if (all.containsKey(name) || n != v.length) throw new IllegalArgumentException("cannot add '" + e.getKey() + "' to the data");
            all.put(name, Column.numeric(name, e.getKey(), from, false, dims.clone(), v.clone()));
        }
        return new DataSet(all, notes());
    }

    /**
     * The levels a value is coded with when used as an index: given ones (a prediction's, see
     * {@link #forPrediction}) or null for its own.
     */
    public List<String> referenceLevels(String name) {
        Column c = name == null ? null : values.get(Names.normalise(name));
        return c == null ? null : c.reference;
    }

    /** An empty data set, for models without data. */
    public static DataSet empty() {
        return new DataSet(new LinkedHashMap<>(), List.of());
    }

    private static void merge(Map<String, Column> all, Column c) {
        Column twin = all.putIfAbsent(c.name, c);
        if (twin != null) {
            throw new UlamException("'" + c.name + "' is defined twice: " + origin(twin) + " and " + origin(c), c.declared(),
                    "remove it from one of the data sources, or rename it in one of them");
        }
    }

    private static String origin(Column c) {
        return (c.original.equals(c.name) ? "" : "as '" + c.original + "' ") + "in " + c.source;
    }

    private static Column commandLineValue(String name, String value) {
        String shown = "--data-value " + name + "=" + value;
        if (name == null || name.isBlank()) {
            throw new UlamException(shown + " has no name", null, "write --data-value NAME=NUMBER, e.g. --data-value N=10");
        }
        String text = value == null ? "" : value.strip();
        if (NumberText.isMissing(text) || Double.isNaN(NumberText.parse(text))) {
            throw new UlamException(shown + ": '" + text + "' is not a number", null,
                    "--data-value gives a single number, e.g. --data-value " + name
                            + "=10; put other data in a CSV or JSON file and name it with --data");
        }
        String clean = name.strip();
        return new Column(Names.normalise(clean), clean, shown, false, new int[0], new String[] {text});
    }

    private static List<Column> readFile(Path file, List<String> notes) {
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = label.toLowerCase(Locale.ROOT);
        byte[] bytes;
        try {
            if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
            if (!Files.isRegularFile(file)) {
                throw new UlamException("data file '" + file + "' is not a regular file (" + kindOf(file) + ")", null,
                        "give a CSV or JSON file with --data; ulam does not read pipes, devices or folders");
            }
            if (lower.endsWith(".csv") || (!lower.endsWith(".json") && !startsWithBrace(file))) {
                return CsvReader.read(file, label, file.toString(), notes);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UlamException("data file '" + file + "' not found", null,
                    "check the path given with --data (a relative path starts from "
                            + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new UlamException("cannot read data file '" + file + "': " + e.getMessage(), null,
                    "check that it is a readable file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            notes.add(label + ": not UTF-8 text; it was read as Latin-1");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return JsonReader.read(text, label, file.toString());
    }

    /** Whether the file's first character other than blanks (and a byte order mark) is '{': a JSON file. */
    private static boolean startsWithBrace(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            for (int i = 0; i < head.length; i++) {
                int b = head[i] & 0xFF;
                if (i < 3 && (b == 0xEF || b == 0xBB || b == 0xBF)) continue;
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
                return b == '{';
            }
            return false;
        }
    }

    /** What a file that is not a regular file is, in words. */
    static String kindOf(Path file) {
        if (Files.isDirectory(file)) return "it is a folder";
        try {
            Object type = Files.readAttributes(file, "unix:mode").get("mode");
            if (type instanceof Integer mode) {
                int t = mode & 0170000;
                if (t == 0010000) return "it is a named pipe";
                if (t == 0020000) return "it is a character device";
                if (t == 0060000) return "it is a block device";
                if (t == 0140000) return "it is a socket";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix attributes here
        }
        return "it is a device or a pipe";
    }

    /** The value of that name (normalised first), noting once that it was renamed. */
    private Column column(String name, SourceLocation use) {
        Column c = name == null ? null : values.get(Names.normalise(name));
        if (c == null) throw noSuchValue(String.valueOf(name), use);
        if (!c.original.equals(c.name)) {
            note(c.name + " is '" + c.original + "' in " + c.source + " (renamed to be an identifier)");
        }
        return c;
    }

    private UlamException noSuchValue(String name, SourceLocation use) {
        String message = "the data have no value named '" + name + "'";
        if (values.isEmpty()) {
            return new UlamException(message, use, "no data were given: name a CSV or JSON file with --data FILE, "
                    + "or give a number with --data-value " + name + "=VALUE");
        }
        StringBuilder help = new StringBuilder();
        List<String> close = Names.closest(Names.normalise(name), values.values().stream().filter(c -> !c.internal())
                .map(c -> c.name).toList(), 3);
        if (!close.isEmpty()) help.append("did you mean '").append(String.join("' or '", close)).append("'? ");
        List<String> shown = new ArrayList<>();
        for (Column c : values.values()) if (!c.internal()) shown.add(c.name);
        if (shown.size() <= LIST_ALL) {
            help.append("the data have: ").append(String.join(", ", shown));
        } else {
            Set<String> sources = new LinkedHashSet<>();
            for (Column c : values.values()) sources.add(c.source);
            help.append("the data have ").append(shown.size()).append(" values, from ").append(String.join(", ", sources));
        }
        if (close.isEmpty()) {
            help.append("; add ").append(name).append(" to the data, or give a number with --data-value ")
                    .append(name).append("=VALUE");
        }
        return new UlamException(message, use, help.toString());
    }

    private void note(String note) {
        synchronized (notes) {
            notes.add(note);
        }
    }

    /** Whether a value of that (normalised) name exists; a name as written in the file also works. */
    public boolean has(String name) {
        return name != null && values.containsKey(Names.normalise(name));
    }

    /**
     * Number of elements of a named value (rows of a column; 1 for a scalar; rows x cols for a
     * matrix).
     *
     * @throws UlamException if absent
     */
    public int length(String name, SourceLocation use) {
        return column(name, use).size();
    }

    /**
     * A column of whole numbers, as used for an index, a count or a binary outcome. A string
     * column becomes factor codes 1..K with levels sorted as R's {@code factor()} sorts them
     * (a note records the coding).
     *
     * <p>A value of more than one dimension gives its elements in column-major order (see
     * {@link #dims}). Numbers such as {@code 2.0} are whole. A column that mixes numbers and text
     * is not coded: its text is an error.
     *
     * @return {@code int[length(name)]}, a fresh copy
     * @throws UlamException if absent, or a value is NA or not a whole number (naming the row)
     */
    public int[] ints(String name, SourceLocation use) {
        return column(name, use).ints(use, this::note).clone();
    }

    /**
     * The levels an index made from a value has, in code order (level k is code k of
     * {@link #ints}): a text column's factor levels as R's {@code factor()} sorts them, or the
     * sorted distinct numbers (as {@link Double#toString}). The formula front end names
     * group-level effects and dummy columns by them.
     *
     * @return the levels, a fresh list
     * @throws UlamException if absent, or a value is NA (naming the row)
     */
    public List<String> levels(String name, SourceLocation use) {
        return List.copyOf(column(name, use).levels(use));
    }

    /**
     * A numeric column.
     *
     * @return {@code double[length(name)]} (column-major for more than one dimension), a fresh copy
     * @throws UlamException if absent, or a value is NA or not a number (naming the row)
     */
    public double[] reals(String name, SourceLocation use) {
        return column(name, use).reals(use).clone();
    }

    /**
     * A column as text (numbers as written in the file), for comparisons such as
     * {@code pred == "no"}.
     *
     * @return {@code String[length(name)]}, a fresh copy
     * @throws UlamException if absent, or a value is NA (naming the row)
     */
    public String[] strings(String name, SourceLocation use) {
        return column(name, use).strings(use).clone();
    }

    /**
     * A numeric column that may hold NA, with NA as {@code Double.NaN}: for variables the model
     * imputes.
     *
     * @return {@code double[length(name)]}, a fresh copy
     * @throws UlamException if absent or not numeric (naming the first row that is not a number)
     */
    public double[] realsWithMissing(String name, SourceLocation use) {
        return column(name, use).realsWithMissing(use).clone();
    }

    /**
     * An integer scalar (a JSON scalar, a {@code NAME=VALUE}, or a column of length 1).
     *
     * @throws UlamException if absent, not of length 1, NA or not whole
     */
    public int intScalar(String name, SourceLocation use) {
        return (int) column(name, use).scalar(use, true);
    }

    /**
     * A real scalar.
     *
     * @throws UlamException if absent, not of length 1, NA or not a number
     */
    public double realScalar(String name, SourceLocation use) {
        return column(name, use).scalar(use, false);
    }

    /**
     * Dimensions of a value: {@code []} for a scalar, {@code [n]} for a column or array,
     * {@code [rows, cols]} for a matrix (JSON nested arrays). A CSV column of one row is
     * {@code [1]}; deeper JSON nesting gives more dimensions.
     *
     * @return a fresh array
     * @throws UlamException if absent
     */
    public int[] dims(String name, SourceLocation use) {
        return column(name, use).dims().clone();
    }

    /**
     * A numeric matrix in column-major order ({@code m[r + c*rows]}, 0-based), shape from
     * {@link #dims}.
     *
     * @return {@code double[rows * cols]}, a fresh copy
     * @throws UlamException if absent, not two-dimensional, or holding NA
     */
    public double[] realMatrix(String name, SourceLocation use) {
        return column(name, use).matrix(use).clone();
    }

    /**
     * The distinct texts of a value read as text ({@code pred}: {@code no}, {@code pred}), in order
     * of first appearance, for checking a comparison {@code pred == "no"} against what occurs.
     *
     * @return the texts, or null when the value is absent or holds numbers
     */
    public List<String> texts(String name) {
        Column c = name == null ? null : values.get(Names.normalise(name));
        return c == null ? null : c.texts();
    }

    /**
     * What a value holds, for deciding a data variable's type (language reference 3.1: a value
     * of whole numbers is an integer). Missing elements are not considered.
     *
     * @throws UlamException if absent
     */
    public Kind kind(String name, SourceLocation use) {
        return column(name, use).kind();
    }

    /**
     * Number of missing (NA) elements of a value, for deciding whether a variable is imputed
     * (language reference 2.15).
     *
     * @throws UlamException if absent
     */
    public int missingCount(String name, SourceLocation use) {
        return column(name, use).missingCount();
    }

    /**
     * Bytes the values' elements take in memory: 8 per number, 4 per element of a value holding
     * text (a code into its distinct texts, which are not counted). For measuring the reader.
     */
    public long elementBytes() {
        long n = 0;
        for (Column c : values.values()) n += c.bytes();
        return n;
    }

    /** Every (normalised) name, in the order first read. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /**
     * Notes made while reading (factor codings, renamed columns the model used, dropped row-name
     * columns), to show the user once; each note appears once however often a value is asked for.
     */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }
}
