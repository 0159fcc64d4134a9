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

    /**
     * Asserts the model's gradient equals {@link #finiteDifference} (relative 1e-6) at three points
     * uniform in (-1, 1) on the unconstrained scale, drawn from {@code seed}.
     */
    public static void assertGradient(Model m, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        for (int p = 0; p < 3; p++) {
            double[] q = new double[m.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = -1 + 2 * rng.nextDouble();
            double[] g = new double[q.length];
            m.logDensityGradient(q, g);
            for (int k = 0; k < q.length; k++) {
                double fd = finiteDifference(m, q, k);
                if (!(Math.abs(g[k] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)))) {
                    throw new AssertionError("d/dq" + k + " at point " + p + ": " + g[k] + " vs finite differences " + fd);
                }
            }
        }
    }

    /** A data set from Stan-style JSON text (written to a temporary file and read as --data reads it). */
    public static DataSet json(String text) {
        try {
            Path f = java.nio.file.Files.createTempFile("data", ".json");
            java.nio.file.Files.writeString(f, text);
            f.toFile().deleteOnExit();
            return DataSet.read(List.of(f), Map.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
