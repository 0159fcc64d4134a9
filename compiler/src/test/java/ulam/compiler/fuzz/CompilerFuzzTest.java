package ulam.compiler.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import ulam.runtime.data.DataSet;

/**
 * Fuzzing the compiler: generated models on random small data sets, and mutated
 * example models on the examples' data, must compile and evaluate or be rejected with a located
 * error ({@link Oracle}). Each property tries jqwik's default number of cases, which the build
 * sets ({@code fuzz.tries} in the parent pom): 1,000 in the default run, 33,334 in the validation
 * run ({@code mvn -B verify -P validation}); the seeds are fixed, so a run repeats.
 */
@Tag("fuzz")   // CI runs the 100,000-case validation as -Dgroups="validation | fuzz"
class CompilerFuzzTest {

    @Property(seed = "20240501", shrinking = ShrinkingMode.OFF)
    void generatedModels(@ForAll long seed) {
        Statistics.label("generated").collect(generated(seed));
    }

    @Property(seed = "20240502", shrinking = ShrinkingMode.OFF)
    void mutatedExamples(@ForAll long seed) {
        Statistics.label("mutated").collect(mutated(seed));
    }

    /** A generated model on its generated data. */
    static Oracle.Outcome generated(long seed) {
        ModelGenerator.Case c = ModelGenerator.generate(seed);
        Path csv = write("data_" + Thread.currentThread().getId() + ".csv", c.csv());
        DataSet data;
        try {
            data = DataSet.read(List.of(csv), c.values());
        } catch (ulam.runtime.UlamException e) {
            // a data file with a header and no rows is refused at its header: located in the file
            if (!e.getMessage().endsWith("has a header but no rows") || e.location() == null || e.location().line() != 1) throw e;
            return Oracle.Outcome.REJECTED;
        }
        return Oracle.check("gen.ulam", c.model(), data, c.dataLabel());
    }

    /** A mutated example model on the example's data. */
    static Oracle.Outcome mutated(long seed) {
        Random r = new Random(seed);
        Example e = EXAMPLES.get(r.nextInt(EXAMPLES.size()));
        String text = Mutator.mutate(e.text(), r);
        return Oracle.check(e.file(), text, e.data(), e.dataLabel());
    }

    // ------------------------------------------------------------------------------- fixtures

    /** An example model with its data (null for none). */
    record Example(String file, String text, DataSet data, String dataLabel) {}

    private static final Path TEMP;

    static {
        try {
            TEMP = Files.createTempDirectory("ulam-fuzz");
            TEMP.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data of an example, as its comment says to run it: {@code ./ulam run examples/m.ulam --data examples/data/m.csv}. */
    private static final Pattern DATA = Pattern.compile("--data (\\S+)");
    private static final Pattern MATRIX = Pattern.compile("--data-matrix (\\w+)=(\\S+)");

    private static final List<Example> EXAMPLES = examples();

    private static List<Example> examples() {
        Path dir = Path.of("..", "examples");
        DataSet chimps = read(dir.resolve("data/chimpanzees.csv"));
        DataSet frogs = read(dir.resolve("data/reedfrogs.csv"));
        DataSet glmm = read(write("glmm_head.csv", head(dir.resolve("data/sim_glmm_100k.csv"), 301)));
        Map<String, DataSet> data = Map.of("chimpanzees_nc", chimps, "reedfrogs", frogs, "reedfrogs_nopool", frogs,
                "reedfrogs_spg", frogs, "reedfrogs_spg_nc", frogs, "glmm_100k", glmm);
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".ulam")).sorted().map(p -> {
                String name = p.getFileName().toString().replace(".ulam", "");
                String text = text(p);
                DataSet d = data.containsKey(name) ? data.get(name) : commented(text);
                return new Example(name + ".ulam", text, d, d == null ? "(none)" : d.names().toString());
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data files named on the example's {@code ulam run} comment line, or null for none. */
    private static DataSet commented(String text) {
        String run = text.lines().filter(l -> l.startsWith("#") && l.contains("ulam run")).findFirst().orElse("");
        List<Path> files = new ArrayList<>();
        Map<String, Path> matrices = new LinkedHashMap<>();
        for (Matcher m = DATA.matcher(run); m.find(); ) files.add(Path.of("..", m.group(1)));
        for (Matcher m = MATRIX.matcher(run); m.find(); ) matrices.put(m.group(1), Path.of("..", m.group(2)));
        return files.isEmpty() && matrices.isEmpty() ? null : DataSet.read(files, Map.of(), matrices);
    }

    private static DataSet read(Path csv) {
        return DataSet.read(List.of(csv), Map.of());
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String head(Path p, int lines) {
        try (var all = Files.lines(p)) {
            return String.join("\n", all.limit(lines).toList()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, String text) {
        try {
            Path f = TEMP.resolve(name);
            Files.writeString(f, text, StandardCharsets.UTF_8);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
