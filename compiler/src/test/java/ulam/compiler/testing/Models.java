package ulam.compiler.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/** Compiling and binding models in tests: example files, or model text given inline. */
public final class Models {
    private Models() {}

    /** An example model bound to data files of {@code ../examples/data}. */
    /**
     * An example model bound to its data files (under examples/data); an entry {@code NAME=FILE}
     * is a data matrix read as {@code --data-matrix} reads it.
     */
    public static Model example(String model, String... dataFiles) {
        List<Path> files = new ArrayList<>();
        Map<String, Path> matrices = new java.util.HashMap<>();
        for (String f : dataFiles) {
            if (f.contains("=")) {   // NAME=FILE: a data matrix, as --data-matrix
                matrices.put(f.substring(0, f.indexOf('=')), Path.of("../examples/data", f.substring(f.indexOf('=') + 1)));
            } else {
                files.add(Path.of("../examples/data", f));
            }
        }
        DataSet data = files.isEmpty() ? DataSet.empty() : DataSet.read(files, Map.of(), matrices);
        Compiler.Compiled c = Compiler.compile(Source.read(Path.of("../examples", model)),
                files.isEmpty() ? null : Compiler.schema(data));
        return c.factory().apply(data);
    }

    /** Model text bound to data (or to none when {@code data} is null). */
    public static Model inline(String text, DataSet data) {
        Compiler.Compiled c = Compiler.compile(new Source("test.ulam", text), data == null ? null : Compiler.schema(data));
        return c.factory().apply(data == null ? DataSet.empty() : data);
    }

    /**
     * d logDensity / dq_k by Richardson-extrapolated central differences (error O(h^4)).
     */
    public static double finiteDifference(Model m, double[] q, int k) {
        double h = 1e-3 * Math.max(1.0, Math.abs(q[k]));
        double[] x = q.clone();
        double f1 = shifted(m, x, k, q[k] + h) - shifted(m, x, k, q[k] - h);
        double f2 = shifted(m, x, k, q[k] + 2 * h) - shifted(m, x, k, q[k] - 2 * h);
        return (8 * f1 - f2) / (12 * h);
    }

    private static double shifted(Model m, double[] x, int k, double v) {
        x[k] = v;
        return m.logDensity(x);
    }
}
