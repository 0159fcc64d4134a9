package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The per-thread memo of special-function values ({@link ulam.stdlib.math.Memo}) changes nothing:
 * results are identical whether the parameters repeat, alternate, or are used by several threads
 * at once with different values.
 */
class MemoTest {

    /** A checksum over many calls whose shape parameters change every {@code period} rows. */
    static double workload(double shift, int period) {
        double[] d = new double[4];
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            double shape = 1.5 + shift + (i / period) % 3;
            double y = 0.1 + (i % 17) / 20.0;
            sum += StudentT.kernel(y, shape, 0.2, 1.1, d) + d[1];
            sum += Gamma.kernel(y, shape, 2.0, d) + d[1];
            sum += Gamma2.kernel(y, shape, 0.7, d) + d[1] + d[2];
            sum += Beta.kernel(y * 0.9, shape, 2.5, d) + d[1] + d[2];
            sum += Beta2.kernel(y * 0.9, 0.3, shape, d) + d[1] + d[2];
            sum += StudentT.lpdf(y, shape, 0.2, 1.1) + Beta.lpdf(y * 0.9, 2.5, shape);
        }
        return sum;
    }

    @Test
    void repeatedAndAlternatingParametersGiveTheSameResults() {
        double everyRowNew = workload(0, 1);
        assertEquals(everyRowNew, workload(0, 1), 0.0, "deterministic");
        // the same sequence of parameter values, reached after the memo holds other values
        workload(0.37, 1000);
        assertEquals(everyRowNew, workload(0, 1), 0.0, "memo state from earlier calls does not leak");
    }

    @Test
    void threadsWithDifferentParametersDoNotInterfere() throws Exception {
        double[] shifts = {0.0, 0.25, 0.5, 0.75};
        double[] expected = new double[shifts.length];
        for (int k = 0; k < shifts.length; k++) {
            expected[k] = workload(shifts[k], 1000);
        }
        ExecutorService pool = Executors.newFixedThreadPool(shifts.length);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<Double>> results = new ArrayList<>();
                for (double shift : shifts) {
                    results.add(pool.submit(() -> workload(shift, 1000)));
                }
                for (int k = 0; k < shifts.length; k++) {
                    assertEquals(expected[k], results.get(k).get(), 0.0, "thread with shift " + shifts[k]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
