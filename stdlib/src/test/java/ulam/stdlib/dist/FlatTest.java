package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ulam.stdlib.Registry;
import ulam.stdlib.testing.Seeds;

/** The improper flat prior: log density 0 everywhere, no gradient, no draws (the generic law tests leave it out). */
class FlatTest {

    @Test
    void logDensityIsZeroWithZeroGradient() {
        double[] d = {Double.NaN};
        for (double y : new double[] {-1e300, -3.5, 0, 2, 1e300}) {
            assertEquals(0.0, Flat.lpdf(y));
            assertEquals(0.0, Flat.kernel(y, d));
            assertEquals(0.0, d[0]);
        }
        assertTrue(Double.isNaN(Flat.lpdf(Double.NaN)));
    }

    @Test
    void itHasNoDrawsAndIsMarkedImproper() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Flat.rng(Seeds.source("flat")));
        assertTrue(e.getMessage().contains("improper"), e.getMessage());
        assertTrue(Registry.distribution("flat").orElseThrow().improper());
        assertTrue(!Registry.distribution("normal").orElseThrow().improper());
    }
}
