package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.runtime.data.Fixtures.USE;
import static ulam.runtime.data.Fixtures.fails;
import static ulam.runtime.data.Fixtures.failsIn;
import static ulam.runtime.data.Fixtures.read;
import static ulam.runtime.data.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV details on small hand-written files: separators, quotes, missing values, names, malformed files. */
class CsvReadingTest {

    @TempDir
    Path dir;

    @Test
    void commaSeparatedWithQuotesAndMissingValues() {
        DataSet d = read(write(dir, "d.csv", "id,y,x,\"note\"\n\"a,1\",1,0.5,\"say \"\"hi\"\"\"\n"
                + "b, 2 ,,\"NA\"\n\n\"c\",NA,-1e-3,x\n"));
        assertEquals(List.of("id", "y", "x", "note"), d.names());
        assertArrayEquals(new String[] {"a,1", "b", "c"}, d.strings("id", USE));
        assertEquals(1, d.missingCount("y", USE));
        assertArrayEquals(new double[] {1, 2, Double.NaN}, d.realsWithMissing("y", USE));
        assertArrayEquals(new double[] {0.5, Double.NaN, -0.001}, d.realsWithMissing("x", USE));
        assertEquals(DataSet.Kind.STRING, d.kind("note", USE));
        fails(USE, () -> d.strings("note", USE), "column 'note' (d.csv) is NA in row 2");
        fails(USE, () -> d.reals("note", USE), "column 'note' (d.csv) holds text, not numbers (row 1 is 'say \"hi\"')");
    }

    @Test
    void separatorIsTheOneInTheHeader() {
        assertEquals(';', CsvReader.separator("\"a,b\";c\n1;2"));
        assertEquals(',', CsvReader.separator("a,b;c,d\n"));
        assertEquals('\t', CsvReader.separator("a\tb\tc\n"));
        assertEquals(',', CsvReader.separator("single\n1\n"));
    }

    @Test
    void byteOrderMarkAndLatin1(@TempDir Path d) throws Exception {
        Path bom = write(d, "bom.csv", "\uFEFFn;v\n1;2\n");
        assertEquals(List.of("n", "v"), read(bom).names());
        Path latin = Files.write(d.resolve("latin.csv"), "name;v\nS\u00e3o Paulo;3\n".getBytes(StandardCharsets.ISO_8859_1));
        DataSet data = read(latin);
        assertEquals("S\u00e3o Paulo", data.strings("name", USE)[0]);
        assertTrue(data.notes().contains("latin.csv: not UTF-8 text; it was read as Latin-1"), data.notes().toString());
    }

    @Test
    void namesAreNormalised() {
        DataSet d = read(write(dir, "n.csv", "kcal.per.g;Marriage SE;2nd;ok_1;\u00e5r\n1;2;3;4;5\n"));
        assertEquals(List.of("kcal_per_g", "Marriage_SE", "_2nd", "ok_1", "\u00e5r"), d.names());
        assertTrue(d.has("kcal.per.g"));
        assertEquals(3, d.ints("_2nd", USE)[0]);
        assertTrue(d.notes().contains("_2nd is '2nd' in n.csv (renamed to be an identifier)"), d.notes().toString());
        assertEquals(1, d.notes().size()); // only the renamed value that was used
    }

    @Test
    void unnamedColumnLaterInTheHeader() {
        DataSet d = read(write(dir, "u.csv", "a,,c\n1,2,3\n"));
        assertEquals(List.of("a", "V2", "c"), d.names());
        assertEquals(2, d.intScalar("V2", USE));
        assertTrue(d.notes().contains("u.csv: column 2 has no name; it is reachable as V2"));
    }

    @Test
    void headerOnlyIsRefused() {
        Path f = write(dir, "h.csv", "a;b\n\n");
        failsIn(f, 1, 1, () -> read(f), "h.csv has a header but no rows");
    }

    @Test
    void raggedRowNamesFileAndLine() {
        Path f = write(dir, "rag.csv", "a;b;c\r\n1;2;3\r\n\r\n4;5\r\n6;7;8\r\n");
        failsIn(f, 4, 1, () -> read(f), "rag.csv line 4 has 2 fields, but the header names 3 columns");
        Path multiLine = write(dir, "ml.csv", "a;b\n\"x\ny\";2\n3;4;5\n");
        failsIn(multiLine, 4, 1, () -> read(multiLine), "ml.csv line 4 has 3 fields");
        Path oldMac = write(dir, "cr.csv", "a;b\r1;2\r3\r");
        failsIn(oldMac, 3, 1, () -> read(oldMac), "cr.csv line 3 has 1 field, but");
        Path rowNames = write(dir, "rn.csv", "\"a\";\"b\"\n\"1\";1;2\n\"2\";3\n");
        failsIn(rowNames, 3, 1, () -> read(rowNames), "rn.csv line 3 has 2 fields, but the rows have a row name and 2 values (3 fields)");
    }

    @Test
    void malformedFiles() {
        Path open = write(dir, "q.csv", "a,b\n1,\"x\n");
        failsIn(open, 2, 1, () -> read(open), "cannot read q.csv", "a quoted value that starts on line 2 never ends");
        Path stray = write(dir, "q2.csv", "a,b\n1,\"x\"y\n");
        failsIn(stray, 2, 6, () -> read(stray), "cannot read q2.csv", "a character follows a quoted value's closing quote");   // at the y after the closing quote
        Path empty = write(dir, "e.csv", "");
        failsIn(empty, 1, 1, () -> read(empty), "e.csv is empty");
        fails(null, () -> read(dir.resolve("absent.csv")), "data file '" + dir.resolve("absent.csv") + "' not found");
        fails(null, () -> read(dir), "data file '" + dir + "' is not a regular file (it is a folder)");
    }

    @Test
    void namesCollidingInOneFile() {
        Path c = write(dir, "c.csv", "a.b,a_b\n1,2\n");
        failsIn(c, 1, 5, () -> read(c), "'a.b' and 'a_b' in c.csv are both reachable as a_b");
        Path c2 = write(dir, "c2.csv", "x;y; x\n1;2;3\n");
        failsIn(c2, 1, 6, () -> read(c2), "c2.csv has two columns named 'x'");   // the second x of the header
    }
}
