package ulam.compiler.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;

/**
 * {@code ulam link} and {@code ulam sim} on a fit of the chimpanzees model mBT (actor intercepts,
 * treatment x block effects): predictions equal the model computed by hand from the saved draws,
 * simulations reproduce the observed proportions per actor and treatment, a new actor's
 * predictions spread as sigma_A says, and misuse gets clear errors.
 */
class PredictorTest {
    private static final Path DATA = Path.of("../examples/data/chimpanzees.csv");

    @TempDir
    static Path tmp;
    static Path fit;
    static FitDirectory dir;

    @BeforeAll
    static void fit() throws Exception {
        fit = Cli.fit(tmp, "chimpanzees", Files.readString(Path.of("../examples/chimpanzees.ulam")), DATA, "--seed", "7");
        dir = FitDirectory.read(fit);
    }

    private static double column(double[] draw, String name) {
        int k = dir.indexOf(name);
        assertTrue(k >= 0, name);
        return draw[k];
    }

    private static Predictor.Request request(List<Path> data, List<String> newGroups, int n) {
        return new Predictor.Request(data, Map.of(), newGroups, n, 5);
    }

    @Test
    void linkIsTheLinearModelOfEachSavedDraw() {
        Predictor.Result r = Predictor.predict(dir, request(List.of(), List.of(), 50));
        DataSet d = DataSet.read(List.of(DATA), Map.of());
        int[] actor = d.ints("actor", null);
        int[] block = d.ints("block", null);
        int[] prosoc = d.ints("prosoc_left", null);
        int[] condition = d.ints("condition", null);
        assertEquals(actor.length, r.link().names().length);
        assertEquals("p[1]", r.link().names()[0]);
        double[][] draws = dir.draws();
        for (int s = 0; s < r.draws().length; s++) {
            double[] draw = draws[r.draws()[s]];
            for (int i = 0; i < actor.length; i++) {
                int t = 1 + prosoc[i] + 2 * condition[i];
                double eta = column(draw, "b[" + t + "," + block[i] + "]") + column(draw, "a[" + actor[i] + "]");
                assertEquals(1 / (1 + Math.exp(-eta)), r.link().values()[s][i], 1e-12, "draw " + s + ", row " + (i + 1));
            }
        }
    }

    @Test
    void simulationsReproduceTheObservedProportionPerActorAndTreatment() {
        Predictor.Result r = Predictor.predict(dir, request(List.of(), List.of(), 1000));
        DataSet d = DataSet.read(List.of(DATA), Map.of());
        int[] actor = d.ints("actor", null);
        int[] prosoc = d.ints("prosoc_left", null);
        int[] condition = d.ints("condition", null);
        int[] pulled = d.ints("pulled_left", null);
        int covered = 0;
        int cells = 0;
        for (int a = 1; a <= 7; a++) {
            for (int t = 1; t <= 4; t++) {
                double observed = 0;
                int n = 0;
                double[] simulated = new double[r.sim().values().length];
                for (int i = 0; i < actor.length; i++) {
                    if (actor[i] != a || 1 + prosoc[i] + 2 * condition[i] != t) continue;
                    observed += pulled[i];
                    n++;
                    for (int s = 0; s < simulated.length; s++) simulated[s] += r.sim().values()[s][i];
                }
                for (int s = 0; s < simulated.length; s++) simulated[s] /= n;
                Arrays.sort(simulated);
                double lo = simulated[(int) Math.floor(0.055 * (simulated.length - 1))];
                double hi = simulated[(int) Math.ceil(0.945 * (simulated.length - 1))];
                observed /= n;
                cells++;
                if (observed >= lo && observed <= hi) covered++;
            }
        }
        // the posterior predictive interval of a cell's proportion covers its observed value in most
        // cells (a model without actor effects covers about half of them)
        assertTrue(covered >= 25, covered + " of " + cells + " cells covered");
    }

    @Test
    void aNewActorsPredictionsSpreadAsSigmaASays() throws Exception {
        Path newData = tmp.resolve("new.csv");
        // treatment 1, block 1: each observed actor, and one new actor (its value 1 names the first new one)
        StringBuilder sb = new StringBuilder("actor,block,prosoc_left,condition\n");
        for (int a = 1; a <= 7; a++) sb.append(a).append(",1,0,0\n");
        Files.writeString(newData, sb.toString());
        Path newActor = tmp.resolve("new_actor.csv");
        Files.writeString(newActor, "actor,block,prosoc_left,condition\n1,1,0,0\n");
        Predictor.Result seen = Predictor.predict(dir, request(List.of(newData), List.of(), 0));
        Predictor.Result fresh = Predictor.predict(dir, request(List.of(newActor), List.of("actor"), 0));
        double widest = 0;
        for (int a = 0; a < 7; a++) widest = Math.max(widest, sd(seen.link().values(), a));
        double spread = sd(fresh.link().values(), 0);
        assertTrue(spread > widest, "a new actor's sd " + spread + " against the widest observed actor's " + widest);
        // on the logit scale, a new actor's intercept is a_bar + sigma_A * z: its spread around b[1,1]
        // is sqrt(E[sigma_A^2] + var(a_bar)) over the draws
        double[][] draws = dir.draws();
        double[] shift = new double[fresh.draws().length];
        double m2 = 0;
        double[] aBar = new double[fresh.draws().length];
        for (int s = 0; s < shift.length; s++) {
            double[] draw = draws[fresh.draws()[s]];
            double p = fresh.link().values()[s][0];
            shift[s] = Math.log(p / (1 - p)) - column(draw, "b[1,1]");
            m2 += Math.pow(column(draw, "sigma_A"), 2) / shift.length;
            aBar[s] = column(draw, "a_bar");
        }
        double expected = Math.sqrt(m2 + Math.pow(sd(aBar), 2));
        double sdShift = sd(shift);
        // the sd of S = 2000 draws has a relative standard error of about 1/sqrt(2 S) (heavier tails: allow 10 %)
        assertEquals(expected, sdShift, 0.1 * expected, "sd of a new actor's intercept");
    }

    @Test
    void misuseGetsClearErrors() throws Exception {
        Path noColumn = tmp.resolve("no_condition.csv");
        Files.writeString(noColumn, "actor,block,prosoc_left\n1,1,0\n");
        String[] r = Cli.run("link", fit.toString(), "--data", noColumn.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("condition"), r[2]);

        Path unseen = tmp.resolve("actor8.csv");
        Files.writeString(unseen, "actor,block,prosoc_left,condition\n8,1,0,0\n");
        r = Cli.run("sim", fit.toString(), "--data", unseen.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("a[8]") && r[2].contains("--new-groups A"), r[2]);

        r = Cli.run("link", fit.toString(), "--data", unseen.toString(), "--new-groups", "condition");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("'condition' is not an index") && r[2].contains("the group indices are T, B, A"), r[2]);

        r = Cli.run("sim", fit.toString(), "--n", "999999");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--n 999999 is more than the fit's 2000 draws"), r[2]);

        r = Cli.run("sim", tmp.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("fit.json"), r[2]);
    }

    @Test
    void simWritesDrawsByCasesAndSummarisesScenarios() throws Exception {
        Path scenarios = tmp.resolve("scenarios.csv");
        Files.writeString(scenarios, "scenario,actor,block,prosoc_left,condition\nleft,1,1,1,0\nleft,2,1,1,0\nright,1,1,0,0\nright,2,1,0,0\n");
        Path out = tmp.resolve("sim_scen.csv");
        String[] r = Cli.run("sim", fit.toString(), "--data", scenarios.toString(), "--n", "300", "--out", out.toString(),
                "--by", "scenario");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(out);
        assertEquals(301, lines.size());
        assertEquals("P[1],P[2],P[3],P[4]", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            for (String v : line.split(",")) assertTrue(v.equals("0") || v.equals("1"), line);
        }
        assertTrue(r[1].contains("average of P over the cases of each scenario") && r[1].contains("right - left"), r[1]);
    }

    @Test
    void priorOnlySamplesThePriorAndSimGivesPriorPredictions() throws Exception {
        String model = """
                S ~ binomial(N, p)
                logit(p) <- a + b*D
                a ~ normal(0, 1.5)
                b ~ normal(0.5, 0.2)
                S <- surv
                N <- density
                D <- density / 10
                """;
        Path prior = Cli.fit(tmp, "prior", model, Path.of("../examples/data/reedfrogs.csv"), "--prior-only", "--seed", "3");
        FitDirectory f = FitDirectory.read(prior);
        assertTrue(f.manifest().priorOnly());
        double[][][] byChain = new double[2][f.chains().size()][f.drawsPerChain()];
        for (int c = 0; c < f.chains().size(); c++) {
            for (int s = 0; s < f.drawsPerChain(); s++) {
                byChain[0][c][s] = f.chains().get(c).values()[s][f.indexOf("a")];
                byChain[1][c][s] = f.chains().get(c).values()[s][f.indexOf("b")];
            }
        }
        double[][] prior2 = {{0, 1.5}, {0.5, 0.2}};
        for (int k = 0; k < 2; k++) {
            double mcse = ulam.runtime.diagnostics.Convergence.mcseMean(byChain[k]);
            assertEquals(prior2[k][0], ulam.runtime.diagnostics.Convergence.mean(byChain[k]), 4 * mcse);
            assertEquals(prior2[k][1], ulam.runtime.diagnostics.Convergence.sd(byChain[k]), 0.1 * prior2[k][1]);
        }
        // prior predictive: every simulated count lies in 0..N, and their spread is that of the prior
        Predictor.Result r = Predictor.predict(f, request(List.of(), List.of(), 500));
        int[] n = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of()).ints("density", null);
        double[] first = new double[500];
        for (int s = 0; s < 500; s++) {
            for (int i = 0; i < n.length; i++) assertTrue(r.sim().values()[s][i] >= 0 && r.sim().values()[s][i] <= n[i]);
            first[s] = r.sim().values()[s][0] / n[0];
        }
        assertTrue(sd(first) > 0.2, "prior predictive proportions spread widely: " + sd(first));
    }

    @Test
    void simOfAModelWithoutPredictorsHasOneCasePerRowOfTheOutcome() throws Exception {
        // the outcome is read for its length alone: nothing else tells the number of rows
        Path data = tmp.resolve("heights.csv");
        Files.writeString(data, "h\n151.8\n139.7\n136.5\n156.8\n145.4\n");
        Path f = Cli.fit(tmp, "heights", "h ~ normal(mu, sigma)\nmu ~ normal(150, 20)\nsigma ~ exponential(0.1)\n", data,
                "--seed", "2");
        Predictor.Result r = Predictor.predict(FitDirectory.read(f), request(List.of(), List.of(), 100));
        assertEquals(List.of("h[1]", "h[2]", "h[3]", "h[4]", "h[5]"), List.of(r.sim().names()));
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (double[] draw : r.sim().values()) for (double v : draw) {
            assertTrue(Double.isFinite(v), "simulated height " + v);
            distinct.add(v);
        }
        assertEquals(500, distinct.size(), "every case of every draw is a draw of its own");
    }

    private static double sd(double[][] x, int column) {
        double[] c = new double[x.length];
        for (int s = 0; s < x.length; s++) c[s] = x[s][column];
        return sd(c);
    }

    /**
     * link needs only what the named locals read: a binomial's trial counts are read by the
     * outcome draw alone, so link on new data without them works (it asked for them before),
     * while sim on the same data says which column it lacks.
     */
    @Test
    void linkOnNewDataNeedsNoTrialCounts() throws Exception {
        StringBuilder csv = new StringBuilder("y,n,x\n");
        for (int i = 0; i < 30; i++) csv.append(i % 7).append(',').append(8 + i % 5).append(',').append((i - 15) / 10.0).append('\n');
        Path data = tmp.resolve("binomial.csv");
        Files.writeString(data, csv);
        Path binomial = Cli.fit(tmp, "binomial", "y ~ dbinom(n, p)\nlogit(p) <- a + b*x\na ~ dnorm(0, 1.5)\nb ~ dnorm(0, 1)\n",
                data, "--seed", "3", "--iter", "400");
        Path fresh = tmp.resolve("binomial-new.csv");
        Files.writeString(fresh, "x\n-1\n0\n1\n");
        FitDirectory f = FitDirectory.read(binomial);
        Predictor.Result link = Predictor.predict(f, new Predictor.Request(List.of(fresh), Map.of(), List.of(), 0, 5, false));
        assertEquals(List.of("p[1]", "p[2]", "p[3]"), Arrays.asList(link.link().names()));
        assertEquals(0, link.sim().names().length);
        double[][] draws = f.draws();
        for (int s = 0; s < link.draws().length; s++) {
            double[] draw = draws[link.draws()[s]];
            double eta = draw[f.indexOf("a")] + draw[f.indexOf("b")];
            assertEquals(1 / (1 + Math.exp(-eta)), link.link().values()[s][2], 1e-12);
        }
        UlamException e = assertThrows(UlamException.class,
                () -> Predictor.predict(f, new Predictor.Request(List.of(fresh), Map.of(), List.of(), 0, 5, true)));
        assertTrue(e.getMessage().contains("'n'"), e.getMessage());
    }

    private static double sd(double[] x) {
        double m = Arrays.stream(x).average().orElseThrow();
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (x.length - 1));
    }
}
