package ulam.compiler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import ulam.runtime.data.DataSet;
import ulam.runtime.output.SafeOutput;

/** {@code --data} and {@code --data-value}, as {@code compile}, {@code check} and {@code bench} take them (a picocli mixin). */
final class DataOptions {

    @Option(names = "--data", paramLabel = "FILE", description = "A data file, .csv or .json (repeatable; files are merged).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--data-value", paramLabel = "NAME=VALUE", description = "A scalar data value (repeatable).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--data-matrix", paramLabel = "NAME=FILE", description = "A matrix read from a CSV file (repeatable).")
    Map<String, Path> matrices = new LinkedHashMap<>();

    /** A rule protecting the data files given from being overwritten by an output (add the command's other inputs). */
    SafeOutput inputs() {
        SafeOutput guard = SafeOutput.protecting();
        for (Path f : files) guard.input(f, "a data file");
        for (Path f : matrices.values()) guard.input(f, "a data file");
        return guard;
    }

    /** The data, or null when none were given. */
    DataSet read() {
        if (files.isEmpty() && values.isEmpty() && matrices.isEmpty()) return null;
        return DataSet.read(files, values, matrices);
    }
}
