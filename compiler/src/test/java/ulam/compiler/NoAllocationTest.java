package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;

/**
 * docs/design.md step 5: generated code does no allocation per gradient evaluation (no tape, no boxing). The
 * JVM's per-thread allocation counter must not grow over 20,000 evaluations after warm-up (a few
 * hundred bytes of slack for the counter's own bookkeeping).
 */
class NoAllocationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"chimpanzees.ulam, chimpanzees.csv", "chimpanzees_nc.ulam, chimpanzees.csv", "reedfrogs_spg.ulam, reedfrogs.csv",
            "cafes.ulam, cafes.csv", "chimpanzees_slopes.ulam, chimpanzees.csv", "trolley.ulam, Trolley.csv", "trolley_edu.ulam, Trolley.csv"})
    // trolley_edu was left out until its cause was found: Dirichlet called log Gamma of its data
    // concentrations at every evaluation, and commons-numbers' LogGamma allocates a Sum for small
    // arguments that escape analysis removes only when the call is inlined (not after the rest of
    // the suite has shaped the JIT's profiles); Dirichlet now remembers its alpha terms
    void gradientAllocatesNothing(String model, String data) {
        Model m = Models.example(model, data);
        double[] q = new double[m.dimension()];
        double[] g = new double[q.length];
        double sink = 0;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        // steady state: code the JIT has not optimised yet may allocate (escape analysis comes with
        // C2, late on a busy machine), so rounds of 20,000 evaluations repeat until one allocates
        // nothing, at most five; an allocation in the compiled code itself fails every round
        for (int round = 0; round < 5 && allocated >= 1024; round++) {
            for (int i = 0; i < 20_000; i++) sink += m.logDensityGradient(q, g);   // warm-up: JIT, caches
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20_000; i++) {
                q[i % q.length] = 1e-3 * (i % 7);
                sink += m.logDensityGradient(q, g) + m.logDensity(q);
            }
            allocated = mx.getThreadAllocatedBytes(id) - before;
        }
        assertTrue(allocated < 1024, model + ": " + allocated + " bytes allocated over 20,000 evaluations (sink " + sink + ")");
    }
}
