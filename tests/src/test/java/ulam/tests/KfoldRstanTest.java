package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.tests.support.Cli;

/**
 * {@code ulam kfold} on the reed frogs, m13.1 (examples/reedfrogs_nopool.ulam) and m13.2
 * (examples/reedfrogs.ulam), on the 10 folds that {@code resources/kfold/reedfrogs_kfold.R} drew
 * with loo and fitted with rstan (see its README): elpd_kfold of each model and of their difference
 * agree with rstan's within a quarter of rstan's SE (the brief asks for agreement within the SEs;
 * the Monte Carlo error of either is far smaller: 0.2 of an SE of 3.8 when this was written), and
 * {@code compare --func kfold} ranks m13.2 first by rstan's difference. Needs no R: it reads the
 * committed numbers. Validation: 20 refits of 4 chains x 2000 iterations, about a minute.
 */
@Tag("validation")
class KfoldRstanTest {
    static final Path DIR = Path.of("tests/src/test/resources/kfold");

    @Test
    void kfoldAgreesWithRstanOnTheSameFolds(@TempDir Path tmp) throws Exception {
        Map<String, double[]> r = new HashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("rstan_kfold.csv")).subList(1, 4)) {
            String[] f = line.replace("\"", "").split(",");
            r.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        Map<String, Double> ours = new HashMap<>();
        Map<String, Path> fits = Map.of("m13_1", Path.of("examples/reedfrogs_nopool.ulam"), "m13_2", Path.of("examples/reedfrogs.ulam"));
        for (Map.Entry<String, Path> m : fits.entrySet()) {
            Path fit = tmp.resolve(m.getKey());
            Cli.Result run = Cli.run("run", m.getValue().toString(), "--data", "examples/data/reedfrogs.csv", "--seed", "4", "--quiet",
                    "--output-dir", fit.toString());
            assertEquals(0, run.status(), run.err());
            Cli.Result k = Cli.run("kfold", fit.toString(), "--folds", DIR.resolve("folds.csv").toString(), "--iter", "2000");
            assertEquals(0, k.status(), k.err());
            Matcher e = Pattern.compile("elpd_kfold +(-?[0-9.]+) +([0-9.]+)").matcher(k.out());
            assertTrue(e.find(), k.out());
            ours.put(m.getKey(), Double.parseDouble(e.group(1)));
        }
        for (String m : List.of("m13_1", "m13_2")) {
            double[] ref = r.get(m);
            assertEquals(ref[0], ours.get(m), ref[1] / 4, m + ": elpd_kfold against rstan's " + ref[0] + " (SE " + ref[1] + ")");
        }
        double[] diff = r.get("m13_2 - m13_1");
        assertEquals(diff[0], ours.get("m13_2") - ours.get("m13_1"), diff[1] / 4, "the difference of the models");
        Cli.Result c = Cli.run("compare", tmp.resolve("m13_1").toString(), tmp.resolve("m13_2").toString(), "--func", "kfold");
        assertEquals(0, c.status(), c.err());
        assertTrue(c.out().lines().skip(1).findFirst().orElseThrow().startsWith("reedfrogs "), c.out());
    }
}
