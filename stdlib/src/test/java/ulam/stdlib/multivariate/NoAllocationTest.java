package ulam.stdlib.multivariate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The hot multivariate paths allocate nothing per evaluation once warm (each thread's scratch and
 * memory are made on its first call): measured with the JVM's per-thread allocation counter over
 * 20,000 evaluations of {@link M143Path}.
 */
class NoAllocationTest {

    @Test
    void theMultivariatePathsAllocateNothingPerEvaluation() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        M143Path path = new M143Path();
        double sink = 0;
        for (int i = 0; i < 2_000; i++) {
            sink += path.gradient() + path.others();
        }
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sink += path.gradient() + path.others();
        }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(Double.isFinite(sink), "finite results");
        // a few hundred bytes of slack for the measurement itself; one allocation per evaluation would be >= 16 n
        assertTrue(bytes < 4096, bytes + " bytes allocated over " + n + " evaluations");
    }
}
