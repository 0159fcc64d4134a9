package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.runtime.data.Fixtures.USE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * Fuzzing the data readers: random CSV files (random headers, separators, quotes, NA
 * and empty cells, text, huge and odd numbers, ragged rows, byte order marks, CR and CRLF line
 * ends, R row names) and JSON files (wrong shapes, ragged and deeply nested arrays, objects,
 * nulls, duplicate names, broken syntax), and {@code --data-value} scalars. Reading either
 * succeeds or fails with a {@link UlamException} that names the file and is located in it
 * ({@code file:line:column}, with the line; a {@code --data-value} names the option); then every accessor on
 * every value either returns a consistent answer or fails with a {@link UlamException} at the
 * model line that asked, naming the value and, for a bad element, its row or element. Anything
 * else (an unchecked exception of another kind) is a bug. The property tries jqwik's default
 * number of cases, which the build sets ({@code fuzz.tries} in the parent pom): 1,000 in the
 * default run, 33,334 in the validation run; the seed is fixed.
 */
@Tag("fuzz")   // CI runs the 100,000-case validation as -Dgroups="validation | fuzz"
class DataFuzzTest {

    private static final Path DIR = tempDir();

    @Property(seed = "20240503", shrinking = ShrinkingMode.OFF)
    void randomDataFiles(@ForAll long seed) {
        Statistics.label("read").collect(check(seed));
    }

    /** One random file: how it ended ("read", "refused"). */
    static String check(long seed) {
        Random r = new Random(seed);
        boolean json = r.nextInt(3) == 0;
        String text = json ? json(r) : csv(r);
        String name = (json ? "d" + seed + ".json" : "d" + seed + ".csv");
        if (r.nextInt(20) == 0) name = "d" + seed + ".txt";   // sniffed
        boolean latin1 = r.nextInt(30) == 0;
        Path file = write(name, text, latin1);
        Map<String, String> values = new LinkedHashMap<>();
        if (r.nextInt(5) == 0) values.put(pick(r, NAMES), pick(r, CELLS));
        String shown = "--- " + name + " ---\n" + text + "\n--- values " + values;
        try {
            DataSet data;
            try {
                data = DataSet.read(List.of(file), values);
            } catch (UlamException e) {
                boolean commandLine = e.getMessage().contains("--data-value");
                assertTrue(commandLine || e.getMessage().contains(name), "the error does not name the file: " + e.getMessage() + "\n" + shown);
                if (commandLine) {
                    assertTrue(e.location() == null, "a --data-value is in no file: " + e.format());
                } else {
                    assertLocatedIn(e, file, latin1 ? null : text, shown);
                }
                return "refused";
            }
            for (String n : data.names()) accessors(data, n, shown);
            UlamException absent = expectUlam(() -> data.ints("no_such_name_here", USE), shown);
            assertTrue(absent != null && absent.getMessage().contains("no_such_name_here"), shown);
            return "read";
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("crash: " + t + "\n" + shown, t);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /**
     * An error about a file points into it: the file as named, a line it has and a column on that
     * line (one past its end allowed), with that line's text (not checked for a file written in
     * Latin-1, {@code text} null).
     */
    private static void assertLocatedIn(UlamException e, Path file, String text, String shown) {
        SourceLocation at = e.location();
        assertTrue(at != null, "an error about a file names no line of it: " + e.format() + shown);
        assertEquals(file.toString(), at.file(), e.format());
        assertTrue(at.line() >= 1 && at.column() >= 1 && at.column() <= at.lineText().length() + 1, "invalid place " + at + "\n" + e.format() + shown);
        if (text != null) {
            String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r\n|\r|\n", -1);
            assertTrue(at.line() <= lines.length, "line " + at.line() + " of " + lines.length + "\n" + e.format() + shown);
            assertEquals(lines[at.line() - 1], at.lineText(), e.format() + shown);
        }
    }

    /** Every accessor on one value: a consistent answer, or an error at the model line naming the value. */
    private static void accessors(DataSet data, String n, String shown) {
        int[] dims = data.dims(n, USE);
        int size = data.length(n, USE);
        int product = 1;
        for (int d : dims) product *= d;
        assertEquals(product, size, "length is the product of the dimensions of " + n + "\n" + shown);
        DataSet.Kind kind = data.kind(n, USE);
        int missing = data.missingCount(n, USE);
        assertTrue(missing >= 0 && missing <= size, shown);
        double[] reals = attempt(() -> data.reals(n, USE), n, dims, shown);
        int[] ints = attempt(() -> data.ints(n, USE), n, dims, shown);
        String[] strings = attempt(() -> data.strings(n, USE), n, dims, shown);
        double[] withMissing = attempt(() -> data.realsWithMissing(n, USE), n, dims, shown);
        attempt(() -> data.intScalar(n, USE), n, dims, shown);
        attempt(() -> data.realScalar(n, USE), n, dims, shown);
        attempt(() -> data.realMatrix(n, USE), n, dims, shown);
        if (reals != null) {
            assertEquals(size, reals.length, shown);
            assertEquals(0, missing, "reals of a value with NA: " + n + "\n" + shown);
        }
        if (ints != null) assertEquals(size, ints.length, shown);
        if (strings != null) assertEquals(size, strings.length, shown);
        if (withMissing != null) assertEquals(size, withMissing.length, shown);
        if (reals != null && ints != null && kind == DataSet.Kind.INT) {
            for (int i = 0; i < ints.length; i++) {   // equal as numbers: "-0.000" is the whole number 0 and the real -0.0
                assertTrue(reals[i] == ints[i], "ints and reals of " + n + " at " + i + ": " + ints[i] + ", " + reals[i] + "\n" + shown);
            }
        }
    }

    /** The accessor's value, or null after a well-formed error. */
    private static <T> T attempt(Supplier<T> accessor, String name, int[] dims, String shown) {
        try {
            return accessor.get();
        } catch (UlamException e) {
            String m = e.getMessage();
            assertEquals(USE, e.location(), "an error about a value is at the model line that uses it: " + e.format() + shown);
            assertTrue(e.help() != null && !e.help().isBlank(), "no help: " + e.format() + shown);
            assertTrue(names(m, name), "the value is not named: " + m + shown);
            boolean perElement = m.contains(" is NA") || m.contains(", not a number") || m.contains("whole number")
                    || m.contains("too large for an integer");
            if (perElement && dims.length > 0 && product(dims) > 1) {
                assertTrue(m.contains("row ") || m.contains("element ["), "the row is not named: " + m + shown);
            }
            return null;
        }
    }

    /** Whether a message quotes the value: a name in quotes that is, or normalises to, {@code name}. */
    private static boolean names(String message, String name) {
        java.util.regex.Matcher q = java.util.regex.Pattern.compile("'([^']*)'").matcher(message);
        while (q.find()) if (Names.normalise(q.group(1)).equals(name)) return true;
        return false;
    }

    private static int product(int[] dims) {
        int p = 1;
        for (int d : dims) p *= d;
        return p;
    }

    private static UlamException expectUlam(Runnable r, String shown) {
        try {
            r.run();
        } catch (UlamException e) {
            assertEquals(USE, e.location(), e.format() + shown);
            return e;
        }
        return null;
    }

    // ------------------------------------------------------------------------------- generators

    private static final String[] NAMES = {"y", "x", "actor", "kcal.per.g", "Marriage SE", "1st", "", " ", "a", "A", "a_",
            "a.", "\u00e9t\u00e9", "\u03bb", "x\"y", "NA", "class", "$x", "a,b", "a;b", "\t", "\ud83d\ude00", "_", "x".repeat(300)};

    private static final String[] CELLS = {"0", "1", "2", "-1", "3.5", "-0.25", "1e3", "1E-3", ".5", "5.", "+2", "NA", "",
            " ", "NaN", "Inf", "-Inf", "inf", "Infinity", "1e309", "-1e309", "1e-400", "2147483647", "2147483648",
            "-2147483649", "99999999999999999999", "0x1p3", "1d", "1_000", "1,5", "abc", "no", "yes", "TRUE", "\u00e9",
            "\"quoted\"", "\"a,b\"", "\"a\"\"b\"", "\"open", "x\"y", "\ud83d\ude00", "\u00a0", " 7 ", "\u0000", "na", "null"};

    private static String csv(Random r) {
        char sep = ",;\t".charAt(r.nextInt(3));
        String nl = r.nextInt(6) == 0 ? "\r\n" : r.nextInt(12) == 0 ? "\r" : "\n";
        int cols = r.nextInt(6);
        int rows = r.nextInt(9);
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(8) == 0) sb.append('\uFEFF');
        if (r.nextInt(25) == 0) return sb.append(r.nextBoolean() ? "" : " \n\n").toString();
        boolean rowNames = r.nextInt(8) == 0;
        List<String> header = new ArrayList<>();
        if (rowNames && r.nextBoolean()) header.add("\"\"");
        for (int c = 0; c < cols; c++) {
            String n = r.nextInt(3) == 0 ? pick(r, NAMES) : "c" + c;
            header.add(r.nextInt(3) == 0 ? "\"" + n.replace("\"", "\"\"") + "\"" : n);
        }
        sb.append(String.join(String.valueOf(sep), header)).append(nl);
        int kindSeed = r.nextInt(4);
        for (int i = 0; i < rows; i++) {
            List<String> cells = new ArrayList<>();
            if (rowNames) cells.add("\"" + (i + 1) + "\"");
            int width = cols + (r.nextInt(15) == 0 ? r.nextInt(3) - 1 : 0);   // a ragged row now and then
            for (int c = 0; c < width; c++) cells.add(cell(r, kindSeed + c));
            sb.append(String.join(String.valueOf(sep), cells));
            if (i < rows - 1 || r.nextBoolean()) sb.append(nl);
            if (r.nextInt(20) == 0) sb.append(nl);   // an empty line
        }
        return sb.toString();
    }

    /** A cell: mostly of its column's kind (whole numbers, reals, text), sometimes anything. */
    private static String cell(Random r, int kind) {
        if (r.nextInt(6) == 0) return pick(r, CELLS);
        return switch (kind % 4) {
            case 0 -> Integer.toString(1 + r.nextInt(5));
            case 1 -> String.format(java.util.Locale.ROOT, "%.3f", r.nextGaussian());
            case 2 -> r.nextBoolean() ? "\"no\"" : "yes";
            default -> Integer.toString(r.nextInt(2));
        };
    }

    private static String json(Random r) {
        int form = r.nextInt(20);
        if (form == 0) return pick(r, new String[] {"", "[]", "3", "\"x\"", "null", "{", "{}", "{\"a\": }", "{\"a\": 1} x",
                "{\"a\": 1, \"a\": 2}", "{\"\": 1}", "{'a': 1}", "{\"a\": [1, 2,]}", "[{\"a\": 1}]", "{\"a\": 1e99999}"});
        if (form == 1) {
            int depth = new int[] {10, 500, 1001, 5000}[r.nextInt(4)];
            return "{\"deep\": " + "[".repeat(depth) + "1" + "]".repeat(depth) + "}";
        }
        StringBuilder sb = new StringBuilder("{");
        int members = r.nextInt(5);
        for (int m = 0; m < members; m++) {
            if (m > 0) sb.append(", ");
            String n = r.nextInt(3) == 0 ? pick(r, NAMES) : "v" + m;
            sb.append('"').append(n.replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ").append(jsonValue(r, 2));
        }
        return sb.append('}').toString();
    }

    private static String jsonValue(Random r, int depth) {
        int k = depth <= 0 ? r.nextInt(4) : r.nextInt(9);
        return switch (k) {
            case 0 -> Integer.toString(r.nextInt(7) - 1);
            case 1 -> pick(r, new String[] {"1.5", "-0.25", "1e308", "1e400", "-0", "NaN", "Infinity", "-Infinity", "12345678901234567890"});
            case 2 -> pick(r, new String[] {"null", "true", "false", "\"NA\"", "\"Inf\"", "\"x\"", "\"1\"", "\"\""});
            case 3 -> "[]";
            case 4 -> "{\"inner\": 1}";
            default -> {
                int n = 1 + r.nextInt(4);
                StringBuilder sb = new StringBuilder("[");
                boolean ragged = r.nextInt(6) == 0;
                String element = null;
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(", ");
                    String e = element == null || ragged ? jsonValue(r, depth - 1) : element.replaceAll("-?[0-9]+", Integer.toString(r.nextInt(5)));
                    if (element == null) element = e;
                    sb.append(e);
                }
                yield sb.append(']').toString();
            }
        };
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static Path write(String name, String text, boolean latin1) {
        try {
            Path f = DIR.resolve(name);
            Files.write(f, text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("ulam-data-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
