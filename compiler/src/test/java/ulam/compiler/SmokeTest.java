package ulam.compiler;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

class SmokeTest {
    @Test
    void chimpanzees() {
        DataSet data = DataSet.read(List.of(Path.of("../examples/data/chimpanzees.csv")), Map.of());
        Compiler.Compiled c = Compiler.compile(Source.read(Path.of("../examples/chimpanzees.ulam")), Compiler.schema(data));
        System.out.println(c.ir().dump());
        Model m = c.factory().apply(data);
        System.out.println("dim " + m.dimension() + " names " + String.join(",", m.outputNames()));
        double[] q = new double[m.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = 0.3 * Math.sin(k + 1);
        double[] g = new double[q.length];
        double lp = m.logDensityGradient(q, g);
        System.out.println("lp " + lp + " ld " + m.logDensity(q));
        for (int k = 0; k < q.length; k++) {
            double h = 1e-5;
            double[] a = q.clone(); a[k] += h;
            double[] b = q.clone(); b[k] -= h;
            double fd = (m.logDensity(a) - m.logDensity(b)) / (2 * h);
            System.out.printf("%d %.10f %.10f%n", k, g[k], fd);
        }
    }
}
