package ulam.stdlib.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

/** Data-time functions against commons-math3 and R's documented results. */
class DataFunctionsTest {
    static final double[] X = {3.5, -1.25, 8.0, 2.0, 2.0, 0.5, 10.75};

    @Test
    void meanAndSampleSdMatchCommonsMath() {
        assertEquals(new Mean().evaluate(X), DataFunctions.mean(X), 1e-14);
        assertEquals(new StandardDeviation(true).evaluate(X), DataFunctions.sd(X), 1e-14);
        assertTrue(Double.isNaN(DataFunctions.mean(new double[0])));
        assertTrue(Double.isNaN(DataFunctions.sd(new double[] {1})));
        assertEquals(1e308, DataFunctions.mean(new double[] {1e308, 1e308}), 1e294, "no overflow");
    }

    @Test
    void standardizeCentresAndScalesBySampleSd() {
        double[] z = DataFunctions.standardize(X);
        assertEquals(0.0, new Mean().evaluate(z), 1e-15);
        assertEquals(1.0, new StandardDeviation(true).evaluate(z), 1e-14);
        assertEquals((X[2] - DataFunctions.mean(X)) / DataFunctions.sd(X), z[2], 1e-15);
        // R: standardize(c(1, 2, 3)) is -1, 0, 1
        assertArrayEquals(new double[] {-1, 0, 1}, DataFunctions.standardize(new double[] {1, 2, 3}), 1e-15);
        assertTrue(Double.isNaN(DataFunctions.standardize(new double[] {2, 2})[0]), "zero sd gives NaN, as R");
    }

    @Test
    void asIndexCodesSortedDistinctValuesFromOne() {
        // rethinking: coerce_index(c(10, 30, 10, 20)) is 1, 3, 1, 2
        assertArrayEquals(new int[] {1, 3, 1, 2}, DataFunctions.asIndex(new int[] {10, 30, 10, 20}));
        assertArrayEquals(new int[] {2, 1, 2, 3}, DataFunctions.asIndex(new double[] {0.5, -2.0, 0.5, 7.0}));
        assertArrayEquals(new int[] {2, 1, 3, 1}, DataFunctions.asIndex(new String[] {"m", "f", "x", "f"}));
        assertArrayEquals(new int[] {1, 2, 3}, DataFunctions.asIndex(new int[] {1, 5, 61}), "gaps are closed");
        assertArrayEquals(new int[0], DataFunctions.asIndex(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> DataFunctions.asIndex(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> DataFunctions.asIndex(new String[] {"a", null}));
    }

    @Test
    void seqAndLengthFollowR() {
        assertArrayEquals(new int[] {1, 2, 3, 4}, DataFunctions.seq(1, 4));
        assertArrayEquals(new int[] {3, 2, 1}, DataFunctions.seq(3, 1), "3:1 counts down, as in R");
        assertArrayEquals(new int[] {5}, DataFunctions.seq(5, 5));
        // found by fuzzing: -2147483649:48 and 1:3e9 overflowed or ran out of memory
        assertEquals(DataFunctions.MAX_SEQ, DataFunctions.seq(1, DataFunctions.MAX_SEQ).length);
        assertThrows(IllegalArgumentException.class, () -> DataFunctions.seq(Integer.MIN_VALUE, 48));
        assertThrows(IllegalArgumentException.class, () -> DataFunctions.seq(1, Integer.MAX_VALUE));
        assertEquals(7, DataFunctions.length(X));
        assertEquals(3, DataFunctions.length(new int[] {1, 2, 3}));
        assertEquals(2, DataFunctions.length(new String[] {"a", "b"}));
    }
}
