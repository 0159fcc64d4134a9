package ulam.compiler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import ulam.runtime.data.DataSet;

/** {@code --data} and {@code --data-value}, as {@code compile}, {@code check} and {@code bench} take them (a picocli mixin). */
final class DataOptions {

    @Option(names = "--data", paramLabel = "FILE", description = "A data file, .csv or .json (repeatable; files are merged).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--data-value", paramLabel = "NAME=VALUE", description = "A scalar data value (repeatable).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--data-matrix", paramLabel = "NAME=FILE", description = "A matrix read from a CSV file (repeatable).")
    Map<String, Path> matrices = new LinkedHashMap<>();

    /** The data, or null when none were given. */
    DataSet read() {
        if (files.isEmpty() && values.isEmpty() && matrices.isEmpty()) return null;
        return DataSet.read(files, values, matrices);
    }
}
