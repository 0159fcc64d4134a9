package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.runtime.data.Fixtures.DATA;
import static ulam.runtime.data.Fixtures.RESOURCES;
import static ulam.runtime.data.Fixtures.USE;
import static ulam.runtime.data.Fixtures.example;
import static ulam.runtime.data.Fixtures.fails;
import static ulam.runtime.data.Fixtures.failsIn;
import static ulam.runtime.data.Fixtures.read;
import static ulam.runtime.data.Fixtures.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.UlamException;

/** Merging sources, command-line values, accessor errors, caching and sharing between threads. */
class DataSetTest {

    @Test
    void filesAndValuesMerge() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("N_actors", "7");
        values.put("scale", "2.5");
        DataSet d = DataSet.read(List.of(DATA.resolve("reedfrogs.csv"), RESOURCES.resolve("extra.json")), values);
        assertEquals(List.of("density", "pred", "size", "surv", "propsurv", "M", "w", "N_actors", "scale"), d.names());
        assertEquals(7, d.intScalar("N_actors", USE));
        assertEquals(2.5, d.realScalar("scale", USE));
        assertArrayEquals(new int[0], d.dims("scale", USE));
        assertEquals(7, d.intScalar("M", USE));
        assertEquals(48, d.length("surv", USE));
        fails(USE, () -> d.intScalar("scale", USE), "value 'scale' (--data-value scale=2.5) is 2.5");
    }

    @Test
    void nothingToRead() {
        DataSet d = DataSet.read(null, null);
        assertTrue(d.names().isEmpty());
        assertFalse(DataSet.empty().has("N"));
        assertTrue(DataSet.empty().names().isEmpty());
        UlamException e = fails(USE, () -> DataSet.empty().ints("y", USE), "the data have no value named 'y'");
        assertTrue(e.help().startsWith("no data were given"), e.help());
    }

    @Test
    void nameDefinedTwiceNamesBothSources(@TempDir Path dir) {
        Path a = write(dir, "a.csv", "kcal.per.g;x\n1;2\n");
        Path b = write(dir, "b.json", "{\"kcal_per_g\": [3]}");
        failsIn(b, 1, 2, () -> DataSet.read(List.of(a, b), Map.of()),
                "'kcal_per_g' is defined twice: as 'kcal.per.g' in a.csv and in b.json");
        fails(null, () -> DataSet.read(List.of(b), Map.of("kcal_per_g", "1")),
                "'kcal_per_g' is defined twice: in b.json and in --data-value kcal_per_g=1");
    }

    @Test
    void commandLineValuesMustBeNumbers() {
        fails(null, () -> DataSet.read(List.of(), Map.of("N", "ten")), "--data-value N=ten: 'ten' is not a number");
        fails(null, () -> DataSet.read(List.of(), Map.of("N", "NA")), "'NA' is not a number");
        fails(null, () -> DataSet.read(List.of(), Map.of("N", "0x10")), "'0x10' is not a number");
        fails(null, () -> DataSet.read(List.of(), Map.of(" ", "1")), "has no name");
        assertEquals(-3e-2, DataSet.read(List.of(), Map.of("a", " -3e-2 ")).realScalar("a", USE));
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        DataSet d = example("chimpanzees.csv");
        UlamException e = fails(USE, () -> d.ints("actr", USE), "the data have no value named 'actr'");
        assertEquals("did you mean 'actor'? the data have: actor, recipient, condition, block, trial, prosoc_left, "
                + "chose_prosoc, pulled_left", e.help());
        UlamException far = fails(USE, () -> d.reals("zzz", USE), "no value named 'zzz'");
        assertTrue(far.help().contains("--data-value zzz=VALUE"), far.help());
        DataSet wide = example("rugged.csv");
        UlamException many = fails(USE, () -> wide.reals("rgdpc_2000", USE), "no value named 'rgdpc_2000'");
        assertTrue(many.help().startsWith("did you mean 'rgdppc_2000'"), many.help());
        assertTrue(many.help().contains("the data have 51 values, from rugged.csv"), many.help());
    }

    @Test
    void accessorErrorsNameTheRow(@TempDir Path dir) {
        DataSet d = read(write(dir, "t.csv", "actor;x;lab;mixed\n1;0.5;a;1\n2;1;b;2\n1.5;x;c;three\n4;2;d;4\n2.5;3;e;five\n"));
        UlamException e = fails(USE, () -> d.ints("actor", USE),
                "column 'actor' (t.csv) row 3 is 1.5, but actor is used as an index or count and must be a whole number",
                "1 other row has the same problem");
        assertTrue(e.format().contains("^^^^^"), e.format());
        fails(USE, () -> d.reals("x", USE), "column 'x' (t.csv) row 3 is 'x', not a number");
        fails(USE, () -> d.ints("mixed", USE), "column 'mixed' (t.csv) row 3 is 'three', not a number",
                "1 other row has the same problem");
        fails(USE, () -> d.realsWithMissing("lab", USE), "column 'lab' (t.csv) holds text, not numbers (row 1 is 'a')");
        fails(USE, () -> d.realScalar("lab", USE), "column 'lab' (t.csv) has 5 rows, but the model uses lab as a single number");
        assertEquals(DataSet.Kind.STRING, d.kind("mixed", USE));
        assertEquals(DataSet.Kind.REAL, d.kind("actor", USE));
    }

    @Test
    void repeatedCallsAreCachedCopiesWithoutRepeatedNotes() {
        DataSet d = example("reedfrogs.csv", "milk.csv");
        int[] first = d.ints("pred", USE);
        first[0] = 99;
        int[] second = d.ints("pred", USE);
        assertEquals(1, second[0]);
        assertNotSame(d.ints("pred", USE), d.ints("pred", USE));
        double[] r = d.reals("kcal_per_g", USE);
        r[0] = -1;
        assertEquals(0.49, d.reals("kcal.per.g", USE)[0]);
        assertEquals(List.of("pred: coded as an index: 1 = no, 2 = pred",
                "kcal_per_g is 'kcal.per.g' in milk.csv (renamed to be an identifier)"), d.notes());
        // a failed call is not cached: it fails again, at the new line
        fails(USE, () -> d.reals("neocortex_perc", USE), "row 2");
        fails(null, () -> d.reals("neocortex_perc", null), "row 2");
    }

    @Test
    void sharedBetweenThreads() throws Exception {
        DataSet d = example("Trolley.csv");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<int[]>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) tasks.add(() -> d.ints("id", USE));
            List<int[]> results = new ArrayList<>();
            for (Future<int[]> f : pool.invokeAll(tasks)) results.add(f.get());
            for (int[] r : results) assertArrayEquals(results.get(0), r);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, d.notes().size(), d.notes().toString());
        assertEquals(331, Arrays.stream(d.ints("id", USE)).max().getAsInt());
    }

    @Test
    void replacedValuesKeepTheOthersAndTheShape(@TempDir Path dir) {
        DataSet d = read(write(dir, "r.csv", "y,n,g\n3,10,a\n4,10,b\nNA,12,a\n"));
        DataSet sim = d.withReplaced(Map.of("y", new double[] {7, Double.NaN, 2.5}), "simulation 1");
        assertArrayEquals(new double[] {7, 4, 2.5}, Arrays.copyOf(sim.realsWithMissing("y", USE), 3));
        assertEquals(DataSet.Kind.REAL, sim.kind("y", USE));
        assertArrayEquals(new int[] {10, 10, 12}, sim.ints("n", USE));
        assertArrayEquals(d.ints("g", USE), sim.ints("g", USE));
        DataSet counts = d.withReplaced(Map.of("y", new double[] {0, 5, 9}), "simulation 2");
        assertArrayEquals(new int[] {0, 5, 9}, counts.ints("y", USE));
        assertEquals(1, d.missingCount("y", USE), "the original is unchanged");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> d.withReplaced(Map.of("y", new double[2]), "x"));
    }
}
