package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.runtime.data.Fixtures.RESOURCES;
import static ulam.runtime.data.Fixtures.USE;
import static ulam.runtime.data.Fixtures.fails;
import static ulam.runtime.data.Fixtures.failsIn;
import static ulam.runtime.data.Fixtures.read;
import static ulam.runtime.data.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON data in Stan's format: scalars, arrays, matrices (row-major in the file, column-major in memory). */
class JsonDataTest {

    private final DataSet d = read(RESOURCES.resolve("stan_data.json"));

    @Test
    void scalars() {
        assertEquals(3, d.intScalar("N", USE));
        assertEquals(1.5, d.realScalar("sigma", USE));
        assertEquals(2, d.intScalar("K", USE)); // 2.0 is a whole number
        assertEquals(3.0, d.realScalar("N", USE));
        assertEquals(1, d.intScalar("flag", USE)); // true
        assertArrayEquals(new int[0], d.dims("N", USE));
        assertEquals(1, d.length("N", USE));
        assertEquals(DataSet.Kind.INT, d.kind("K", USE));
        assertEquals(DataSet.Kind.REAL, d.kind("sigma", USE));
    }

    @Test
    void arrays() {
        assertArrayEquals(new int[] {1, 0, 1}, d.ints("y", USE));
        assertArrayEquals(new double[] {0.5, -1.25, 2}, d.reals("x", USE));
        assertArrayEquals(new int[] {3}, d.dims("x", USE));
        assertArrayEquals(new double[] {1.5, Double.NaN, Double.NaN}, d.realsWithMissing("z", USE));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, d.reals("bounds", USE));
        assertArrayEquals(new int[] {0}, d.dims("empty", USE));
        assertArrayEquals(new double[0], d.reals("empty", USE));
        assertArrayEquals(new int[] {2, 1, 2}, d.ints("group", USE));
        assertTrue(d.notes().contains("group: coded as an index: 1 = a, 2 = b"), d.notes().toString());
        assertArrayEquals(new double[] {0.49, 0.51}, d.reals("kcal_per_g", USE));
    }

    @Test
    void matrixIsStoredColumnMajor() {
        assertArrayEquals(new int[] {2, 3}, d.dims("D", USE));
        assertEquals(6, d.length("D", USE));
        // [[0, 1.5, 2.25], [1.5, 0, 3]]: m[r + c*rows]
        assertArrayEquals(new double[] {0, 1.5, 1.5, 0, 2.25, 3}, d.realMatrix("D", USE));
    }

    @Test
    void threeDimensionalArrayIsColumnMajorToo() {
        assertArrayEquals(new int[] {2, 2, 2}, d.dims("cube", USE));
        // cube[i][j][k] = 4i + 2j + k + 1 sits at i + 2j + 4k
        assertArrayEquals(new int[] {1, 5, 3, 7, 2, 6, 4, 8}, d.ints("cube", USE));
        fails(USE, () -> d.realMatrix("cube", USE), "value 'cube' (stan_data.json) is an array of 2 x 2 x 2 values",
                "as a matrix");
    }

    @Test
    void shapeErrors() {
        fails(USE, () -> d.realMatrix("x", USE), "value 'x' (stan_data.json) is an array of 3 values, but the model uses x as a matrix");
        fails(USE, () -> d.intScalar("y", USE), "value 'y' (stan_data.json) has 3 elements, but the model uses y as a single number");
        fails(USE, () -> d.intScalar("sigma", USE), "value 'sigma' (stan_data.json) is 1.5, but sigma is used as an index or count");
        fails(USE, () -> d.intScalar("big", USE), "value 'big' (stan_data.json) is 3000000000, too large for an integer");
        fails(USE, () -> d.reals("z", USE), "value 'z' (stan_data.json) is NA in row 2 and 1 other row");
        fails(USE, () -> d.ints("bounds", USE), "value 'bounds' (stan_data.json) row 1 is Inf", "whole number",
                "1 other row has the same problem");
    }

    @Test
    void malformedJson(@TempDir Path dir) {
        String[][] cases = {   // file, text, line, column, fragments
            {"bad.json", "{\"N\": 3,\n \"y\": [1, 2,]\n}", "2", "13", "cannot read bad.json", "line 2"},
            {"dup.json", "{\"N\": 3, \"N\": 4}", "1", "13", "cannot read dup.json", "'N'"},
            {"list.json", "[1, 2]", "1", "1", "list.json is not a JSON object"},
            {"blank.json", "  ", "1", "1", "blank.json is empty"},
            {"ragged.json", "{\"m\": [[1, 2], [3]]}", "1", "2", "value 'm' (ragged.json) is a ragged array: its element 2"},
            {"nested.json", "{\n  \"p\": {\"a\": 1}}", "2", "3", "value 'p' (nested.json) is a JSON object"},
            {"two.json", "{\"a\": 1} {\"b\": 2}", "1", "10", "more content after its object"},
        };
        for (String[] c : cases) {
            Path f = write(dir, c[0], c[1]);
            failsIn(f, Integer.parseInt(c[2]), Integer.parseInt(c[3]), () -> read(f), java.util.Arrays.copyOfRange(c, 4, c.length));
        }
    }

    @Test
    void contentDecidesWhenTheExtensionDoesNot(@TempDir Path dir) {
        DataSet sniffed = read(write(dir, "data.txt", "\n {\"N\": 4}"));
        assertEquals(4, sniffed.intScalar("N", USE));
        DataSet csv = read(write(dir, "table.dat", "a\tb\n1\t2\n"));
        assertArrayEquals(new int[] {2}, csv.ints("b", USE));
    }
}
