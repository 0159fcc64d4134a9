package ulam.runtime.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class CsvNumbersTest {

    @Test
    void formats() {
        assertEquals("3", CsvNumbers.format(3.0));
        assertEquals("-12", CsvNumbers.format(-12.0));
        assertEquals("0", CsvNumbers.format(0.0));
        assertEquals("-0", CsvNumbers.format(-0.0));
        assertEquals("0.1", CsvNumbers.format(0.1));
        assertEquals("1.5e-8", CsvNumbers.format(1.5e-8));
        assertEquals("1e20", CsvNumbers.format(1e20));
        assertEquals("nan", CsvNumbers.format(Double.NaN));
        assertEquals("inf", CsvNumbers.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", CsvNumbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void roundTripsEveryDouble() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(9L);
        for (int i = 0; i < 100_000; i++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (Double.isNaN(v)) continue;
            assertEquals(v, Double.parseDouble(CsvNumbers.format(v).replace("inf", "Infinity")), 0.0);
            double w = rng.nextDouble() * 100 - 50;
            assertEquals(w, Double.parseDouble(CsvNumbers.format(w)), 0.0);
        }
    }
}
