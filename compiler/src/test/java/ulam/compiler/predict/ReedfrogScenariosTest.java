package ulam.compiler.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.Convergence;

/**
 * The size intervention of docs/tutorial.md keeps working: examples/data/reedfrogs_scenarios.csv
 * holds the tutorial's 2 x 1,000 new tanks, and {@code ulam link} on a fit of the lecture model
 * mSPG with {@code --new-groups T --by scenario} finds what the tutorial shows: fewer survivors
 * when 75 % rather than 25 % of the tadpoles are large.
 */
class ReedfrogScenariosTest {
    private static final Path SCENARIOS = Path.of("../examples/data/reedfrogs_scenarios.csv");

    /**
     * Posterior means of the average survival probability of the 1,000 new tanks (status quo,
     * intervention) and of their paired difference, from a long reference run: ulam run
     * examples/reedfrogs_spg.ulam --seed 11 --iter 6000 (12,000 draws, smallest bulk ESS 3048),
     * then ulam link --n 4000 --seed 3. Their Monte Carlo SE is about 0.0235 / sqrt(4000) = 0.0004.
     */
    private static final double STATUS_QUO = 0.7225;
    private static final double INTERVENTION = 0.6777;
    private static final double DIFFERENCE = -0.0447;
    private static final double REFERENCE_MCSE = 0.0004;

    @TempDir
    Path tmp;

    @Test
    void theScenarioFileHoldsTheTutorialsTanks() {
        DataSet d = DataSet.read(List.of(SCENARIOS), Map.of());
        String[] scenario = d.strings("scenario", null);
        int[] tank = d.ints("T", null);
        int[] density = d.ints("density", null);
        String[] pred = d.strings("pred", null);
        String[] size = d.strings("size", null);
        assertEquals(2000, scenario.length);
        Map<String, Integer> cells = new HashMap<>();
        for (int i = 0; i < scenario.length; i++) {
            assertEquals(i < 1000 ? "status_quo" : "intervention", scenario[i], "row " + (i + 1));
            assertEquals(i % 1000 + 1, tank[i], "row " + (i + 1));
            assertEquals(35, density[i], "row " + (i + 1));
            cells.merge(scenario[i] + " " + pred[i] + " " + size[i], 1, Integer::sum);
        }
        // half the tanks with predators, a quarter (status quo) or three quarters (intervention) with
        // large tadpoles, size balanced across predation
        for (String p : List.of("no", "pred")) {
            assertEquals(125, cells.get("status_quo " + p + " big"), p);
            assertEquals(375, cells.get("status_quo " + p + " small"), p);
            assertEquals(375, cells.get("intervention " + p + " big"), p);
            assertEquals(125, cells.get("intervention " + p + " small"), p);
        }
    }

    @Test
    void newTanksSurviveLessWhenMoreTadpolesAreLarge() throws Exception {
        Path fit = Cli.fit(tmp, "reedfrogs_spg", Files.readString(Path.of("../examples/reedfrogs_spg.ulam")),
                Path.of("../examples/data/reedfrogs.csv"), "--seed", "1");
        Path out = tmp.resolve("link_scenarios.csv");
        String[] r = Cli.run("link", fit.toString(), "--data", SCENARIOS.toString(), "--new-groups", "T", "--by", "scenario",
                "--n", "200", "-o", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("average of p over the cases of each scenario"), r[1]);
        String[] diffRow = row(r[1], "intervention - status_quo");
        assertTrue(Double.parseDouble(diffRow[0]) < 0, "the printed difference: " + String.join(" ", diffRow));

        // per draw: the average p of each scenario's 1,000 new tanks (columns p[1..1000], p[1001..2000])
        List<String> lines = Files.readAllLines(out);
        assertEquals(201, lines.size());
        double[][] statusQuo = new double[1][200];
        double[][] intervention = new double[1][200];
        double[][] difference = new double[1][200];
        int lower = 0;
        for (int s = 0; s < 200; s++) {
            String[] v = lines.get(s + 1).split(",");
            assertEquals(2000, v.length);
            for (int c = 0; c < 1000; c++) {
                statusQuo[0][s] += Double.parseDouble(v[c]) / 1000;
                intervention[0][s] += Double.parseDouble(v[1000 + c]) / 1000;
            }
            difference[0][s] = intervention[0][s] - statusQuo[0][s];
            if (difference[0][s] < 0) lower++;
        }
        // the reference posterior puts 97.8 % of its mass below 0; 200 draws give 185 or more
        // below 0 with probability above 0.99999 (and a change of sign gives about 5)
        assertTrue(lower >= 185, lower + " of 200 draws have a lower survival under the intervention");
        assertNear(STATUS_QUO, statusQuo, "status quo");
        assertNear(INTERVENTION, intervention, "intervention");
        assertNear(DIFFERENCE, difference, "intervention - status quo");
    }

    /** The mean of {@code draws} lies within 4 Monte Carlo SE (its own and the reference's) of {@code expected}. */
    private static void assertNear(double expected, double[][] draws, String what) {
        double mcse = Math.hypot(Convergence.mcseMean(draws), REFERENCE_MCSE);
        double mean = Convergence.mean(draws);
        assertEquals(expected, mean, 4 * mcse, what + ": mean " + mean + ", MCSE " + mcse);
    }

    /** The fields of the printed line that starts with {@code label}. */
    private static String[] row(String out, String label) {
        for (String line : out.split("\n")) {
            if (line.startsWith(label)) return line.substring(label.length()).trim().split("\\s+", -1);
        }
        throw new AssertionError("no line '" + label + "' in\n" + out);
    }
}
