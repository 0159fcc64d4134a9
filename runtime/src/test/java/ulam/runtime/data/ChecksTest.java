package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.runtime.data.Fixtures.USE;
import static ulam.runtime.data.Fixtures.fails;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks generated constructors run on indices and lengths. */
class ChecksTest {

    @Test
    void levelsIsTheMaximumAndNotesAbsentLevels() {
        List<String> notes = new ArrayList<>();
        assertEquals(7, Checks.levels(new int[] {1, 2, 7, 4, 3, 5, 6}, "actor", USE, notes));
        assertTrue(notes.isEmpty());
        assertEquals(0, Checks.levels(new int[0], "g", USE, notes));
        assertEquals(5, Checks.levels(new int[] {5, 1, 2, 5}, "g", USE, notes));
        assertEquals(List.of("g: levels 3, 4 of 1..5 never occur in the data; the parameters for them are sampled "
                + "from their prior"), notes);
        Checks.levels(new int[] {5, 1, 2, 5}, "g", USE, notes); // a second chain's constructor
        assertEquals(1, notes.size());
        assertEquals(5, Checks.levels(new int[] {5}, "g", USE, null));
    }

    /** Found by fuzzing: an index of 2147483647 overflowed the array of seen levels (NegativeArraySizeException). */
    @Test
    void hugeIndexIsALocatedError() {
        fails(USE, () -> Checks.levels(new int[] {1, Integer.MAX_VALUE, 2}, "P", USE, new ArrayList<>()),
                "index 'P' is 2147483647 in row 2", "more than 10000000");
        fails(USE, () -> Checks.levels(new int[] {Checks.MAX_LEVELS + 1}, "P", USE, null), "row 1");
        assertEquals(Checks.MAX_LEVELS, Checks.levels(new int[] {Checks.MAX_LEVELS}, "P", USE, null));
    }

    @Test
    void singleIndexInRange() {
        assertDoesNotThrow(() -> Checks.inRange(3, 3, "K", USE));
        fails(USE, () -> Checks.inRange(4, 3, "K", USE), "index 'K' is 4, but what it indexes has 3 elements");
        fails(USE, () -> Checks.inRange(0, 3, "K", USE), "index 'K' is 0; indices start at 1");
    }

    @Test
    void bangladeshDistrict54NeverOccurs(@org.junit.jupiter.api.io.TempDir Path dir) {
        // district 1..61 with 54 absent, as in rethinking's bangladesh data
        StringBuilder csv = new StringBuilder("woman;district\n");
        for (int k = 1; k <= 61; k++) if (k != 54) csv.append(k).append(';').append(k).append('\n');
        DataSet d = DataSet.read(List.of(Fixtures.write(dir, "b.csv", csv.toString())), Map.of());
        List<String> notes = new ArrayList<>();
        assertEquals(61, Checks.levels(d.ints("district", USE), "district", USE, notes));
        assertEquals(List.of("district: level 54 of 1..61 never occurs in the data; the parameters for it are "
                + "sampled from their prior"), notes);
    }

    @Test
    void manyAbsentLevelsAreShortened() {
        List<String> notes = new ArrayList<>();
        Checks.levels(new int[] {1, 100}, "g", USE, notes);
        assertTrue(notes.get(0).startsWith("g: levels 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ... (98 in all) of 1..100"), notes.get(0));
    }

    @Test
    void levelsBelowOneAreErrors() {
        fails(USE, () -> Checks.levels(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 2, -1}, "T", USE, null),
                "index 'T' is 0 in row 12; indices start at 1; 1 other row has the same problem");
    }

    @Test
    void inRange() {
        assertDoesNotThrow(() -> Checks.inRange(new int[] {1, 7, 3}, 7, "actor", USE));
        assertDoesNotThrow(() -> Checks.inRange(new int[0], 0, "actor", USE));
        fails(USE, () -> Checks.inRange(new int[] {1, 8, 9, 2}, 7, "actor", USE),
                "index 'actor' is 8 in row 2, but what it indexes has 7 elements; 1 other row has the same problem");
        fails(USE, () -> Checks.inRange(new int[] {1, 2, 0}, 7, "T", USE), "index 'T' is 0 in row 3; indices start at 1");
    }

    @Test
    void sameLength() {
        assertDoesNotThrow(() -> Checks.sameLength(504, 504, "pulled_left", "actor", USE));
        fails(USE, () -> Checks.sameLength(504, 503, "pulled_left", "actor", USE),
                "'actor' has 503 rows, but 'pulled_left' has 504");
    }

    @Test
    void toInts() {
        assertArrayEquals(new int[] {1, 4, -2, 0}, Checks.toInts(new double[] {1, 4.0, -2, -0.0}, "T", USE));
        fails(USE, () -> Checks.toInts(new double[] {1, 2, 3, 4, 5, 6, 1.5}, "T", USE),
                "value 'T' row 7 is 1.5, but T is used as an index or count and must be a whole number");
        fails(USE, () -> Checks.toInts(new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY}, "T", USE),
                "row 1 is NaN", "1 other row has the same problem");
        fails(USE, () -> Checks.toInts(new double[] {1e10}, "N", USE), "row 1 is 10000000000, too large for an integer");
    }
}
