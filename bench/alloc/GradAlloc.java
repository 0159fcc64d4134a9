import java.nio.file.Path;
import java.util.*;
import ulam.compiler.Compiler;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;
import ulam.runtime.model.RowThreads;
/**
 * Bytes allocated per gradient and per log density of glmm_100k (100,000 rows, row blocks and the
 * row kernels), on the calling thread, in steady state (after 1,000 gradients of warm-up), on one
 * thread and with one helper: bench/alloc.sh compiles and runs it against a built ulam.jar.
 * args[0]: a label printed with the figures.
 */
public class GradAlloc {
    public static void main(String[] a) throws Exception {
        DataSet data = DataSet.read(List.of(Path.of("examples/data/sim_glmm_100k.csv")), Map.of(), Map.of());
        Compiler.Compiled c = Compiler.compile(ulam.compiler.parse.Source.read(Path.of("examples/glmm_100k.ulam")), Compiler.schema(data));
        Model m = c.factory().apply(data);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double[] q = new double[m.dimension()]; Random r = new Random(5);
        for (int k = 0; k < q.length; k++) q[k] = -1 + 2 * r.nextDouble();
        double[] g = new double[q.length];
        double sink = 0;
        try (RowThreads two = new RowThreads(2)) {
            for (RowThreads t : new RowThreads[] {null, two}) {
                m.rowThreads(t);
                for (int k = 0; k < 1000; k++) sink += m.logDensityGradient(q, g);
                long b0 = bean.getCurrentThreadAllocatedBytes(); long t0 = System.nanoTime();
                for (int k = 0; k < 200; k++) sink += m.logDensityGradient(q, g);
                long b1 = bean.getCurrentThreadAllocatedBytes(); long t1 = System.nanoTime();
                for (int k = 0; k < 200; k++) sink += m.logDensity(q);
                long b2 = bean.getCurrentThreadAllocatedBytes();
                System.out.printf("%s %s: bytes per gradient %d (%.0f us each), per log density %d (the calling thread)%n", a[0], t == null ? "1 thread" : "2 threads", (b1 - b0) / 200, (t1 - t0) / 200e3, (b2 - b1) / 200);
            }
            if (Double.isNaN(sink)) System.out.println("NaN");
        }
    }
}
