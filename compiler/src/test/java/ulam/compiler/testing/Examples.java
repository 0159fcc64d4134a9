package ulam.compiler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ulam.compiler.Compiler;
import ulam.compiler.check.CompileMode;
import ulam.compiler.ir.Pass;
import ulam.compiler.parse.Source;
import ulam.runtime.data.DataSet;

/**
 * Every model of {@code examples/} with the data it is run with: the one table the tests that
 * go over all examples share (differential tests of the passes, golden IR files, gradients).
 * {@link #unlisted()} names the example files missing from it, so a new example cannot be
 * forgotten.
 */
public final class Examples {
    private Examples() {}

    /** The examples folder, seen from a module's directory (where Maven runs the tests). */
    public static final Path DIR = Path.of("../examples");

    /**
     * One example.
     *
     * @param model the file name in {@code examples/}
     * @param data  data files in {@code examples/data/}; an entry {@code NAME=FILE} is a data matrix
     *              read as {@code --data-matrix NAME=FILE} reads it
     */
    public record Example(String model, List<String> data) {

        /** The model file. */
        public Path file() {
            return DIR.resolve(model);
        }

        /** The model's name: its file name without {@code .ulam}. */
        public String name() {
            return model.substring(0, model.length() - ".ulam".length());
        }

        /** Its data, read (an empty data set for none). */
        public DataSet read() {
            List<Path> files = new ArrayList<>();
            Map<String, Path> matrices = new java.util.HashMap<>();
            for (String f : data) {
                if (f.contains("=")) matrices.put(f.substring(0, f.indexOf('=')), DIR.resolve("data").resolve(f.substring(f.indexOf('=') + 1)));
                else files.add(DIR.resolve("data").resolve(f));
            }
            return files.isEmpty() ? DataSet.empty() : DataSet.read(files, Map.of(), matrices);
        }

        /** The example compiled for its data with the given passes. */
        public Compiler.Compiled compile(DataSet read, List<Pass> passes) {
            return Compiler.compile(Source.read(file()), data.isEmpty() ? null : Compiler.schema(read), CompileMode.POSTERIOR, passes);
        }

        /** The command-line options that give its data: {@code --data FILE ... --data-matrix NAME=FILE}. */
        public List<String> dataOptions() {
            List<String> args = new ArrayList<>();
            for (String f : data) {
                if (f.contains("=")) {
                    args.add("--data-matrix");
                    args.add(f.substring(0, f.indexOf('=') + 1) + DIR.resolve("data").resolve(f.substring(f.indexOf('=') + 1)));
                } else {
                    args.add("--data");
                    args.add(DIR.resolve("data").resolve(f).toString());
                }
            }
            return args;
        }

        @Override
        public String toString() {
            return model;
        }
    }

    private static Example of(String model, String... data) {
        return new Example(model, List.of(data));
    }

    /** Every example, in the order of the README's table. */
    public static final List<Example> ALL = List.of(
            of("chimpanzees.ulam", "chimpanzees.csv"),
            of("chimpanzees_nc.ulam", "chimpanzees.csv"),
            of("reedfrogs_nopool.ulam", "reedfrogs.csv"),
            of("reedfrogs.ulam", "reedfrogs.csv"),
            of("reedfrogs_spg.ulam", "reedfrogs.csv"),
            of("reedfrogs_spg_nc.ulam", "reedfrogs.csv"),
            of("funnel.ulam"),
            of("funnel_nc.ulam"),
            of("glmm_100k.ulam", "sim_glmm_100k.csv"),
            of("cafes.ulam", "cafes.csv"),
            of("chimpanzees_slopes.ulam", "chimpanzees.csv"),
            of("trolley.ulam", "Trolley.csv"),
            of("trolley_edu.ulam", "Trolley.csv"),
            of("kline_gampois.ulam", "Kline.csv"),
            of("ucbadmit_betabinom.ulam", "UCBadmit.csv"),
            of("monks.ulam", "monks.csv"),
            of("milk_impute.ulam", "milk.csv"),
            of("kline_gp.ulam", "Kline2.csv", "Dmat=islandsDistMatrix.csv"));

    /** The examples as a stream, for {@code @MethodSource}. */
    public static Stream<Example> all() {
        return ALL.stream();
    }

    /** The {@code .ulam} files of {@code examples/} that {@link #ALL} does not list. */
    public static List<String> unlisted() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> listed = ALL.stream().map(Example::model).toList();
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ulam") && !listed.contains(n)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
