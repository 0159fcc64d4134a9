package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.Waic;

/**
 * WAIC and PSIS-LOO of the reed-frog models m13.1 (no pooling) and m13.2 (varying intercepts)
 * against rstan + R's loo on the same data and the same number of draws (4 chains x 2000):
 * the WAIC difference within its standard error (dSE), and each model's WAIC, elpd_loo and
 * p_loo within their standard errors. The reference was made by {@code bench/stan/loo/reedfrogs_loo.R}
 * (see the README beside it). PSIS-LOO depends on the number of draws when many Pareto k are high
 * (m13.1 has one parameter per observation), so both sides use 8000 draws.
 */
class ReedfrogsLooTest {
    @TempDir
    static Path tmp;
    static LoadedFit m131;
    static LoadedFit m132;

    @BeforeAll
    static void fits() throws Exception {
        Path frogs = Path.of("../examples/data/reedfrogs.csv");
        m131 = LoadedFit.load(Cli.fit(tmp, "m13_1", FitCommandsTest.M13_1, frogs, "--seed", "21", "--iter", "4000"));
        m132 = LoadedFit.load(Cli.fit(tmp, "m13_2", FitCommandsTest.M13_2, frogs, "--seed", "22", "--iter", "4000"));
    }

    /** One row of the reference, column name to value. */
    static Map<String, Double> rstan(String model) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(ReedfrogsLooTest.class.getResource("reedfrogs_loo_rstan.csv").toURI()));
        String[] head = lines.get(0).replace("\"", "").split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.replace("\"", "").split(",");
            if (!cells[0].equals(model)) continue;
            Map<String, Double> row = new HashMap<>();
            for (int k = 1; k < head.length; k++) row.put(head[k], cells[k].equals("NA") ? Double.NaN : Double.parseDouble(cells[k]));
            return row;
        }
        throw new AssertionError("no reference row " + model);
    }

    @Test
    void waicDifferenceAgreesWithinItsStandardError() throws Exception {
        Map<String, Double> d = rstan("m13_1-m13_2");
        double ours = Waic.ofLooPackage(m131.logLik()).waic() - Waic.ofLooPackage(m132.logLik()).waic();
        assertEquals(d.get("waic"), ours, d.get("se_waic"), "WAIC(m13.1) - WAIC(m13.2), within dSE");
    }

    @Test
    void eachModelsWaicAndPsisAgreeWithinTheirStandardErrors() throws Exception {
        for (String m : List.of("m13_1", "m13_2")) {
            Map<String, Double> ref = rstan(m);
            LoadedFit f = m.equals("m13_1") ? m131 : m132;
            Waic w = Waic.ofLooPackage(f.logLik());
            Loo l = f.loo(true);
            assertEquals(ref.get("waic"), w.waic(), ref.get("se_waic"), m + " WAIC");
            assertEquals(ref.get("elpd_loo"), l.elpd(), ref.get("se_elpd_loo"), m + " elpd_loo");
            assertEquals(ref.get("p_loo"), l.penalty(), ref.get("se_p_loo"), m + " p_loo");
        }
    }
}
