package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.ast.Span;
import ulam.compiler.testing.Cli;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.loo.KFold;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerConfig;

/**
 * {@code ulam kfold}: the folds (balanced, by group, from a file), the refits (a left-out tank of the
 * no-pooling model m13.1 gets its prior back: its likelihood really left the log density), the
 * table and {@code FIT/kfold.csv}, {@code compare --func kfold} and its refusals. The agreement with
 * rstan on the same folds is {@code ulam.tests.KfoldRstanTest} (validation).
 */
class KfoldTest {
    @TempDir
    static Path tmp;
    static Path m131;
    static Path m132;

    @BeforeAll
    static void fits() throws Exception {
        Path frogs = Path.of("../examples/data/reedfrogs.csv");
        m131 = Cli.fit(tmp, "m13_1", LogLikColumnsTest.M13_1, frogs, "--seed", "3", "--iter", "400", "--chains", "2");
        m132 = Cli.fit(tmp, "m13_2", PrecisDrawsTest.M13_2, frogs, "--seed", "3", "--iter", "400", "--chains", "2");
    }

    @Test
    void foldsAreBalancedOrByGroup() {
        int[] f = KFold.splitRandom(10, 48, 7);
        int[] n = new int[11];
        for (int x : f) n[x]++;
        for (int k = 1; k <= 10; k++) assertTrue(n[k] == 4 || n[k] == 5, Arrays.toString(n));
        assertTrue(!Arrays.equals(f, KFold.splitRandom(10, 48, 8)), "the seed shuffles");
        String[] g = {"a", "b", "a", "c", "b", "d", "d", "a"};
        int[] fg = KFold.splitGrouped(2, g, 1);
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) if (g[i].equals(g[j])) assertEquals(fg[i], fg[j], "a group stays in one fold");
        }
        assertEquals(2, Arrays.stream(fg).distinct().count(), "both folds used");
        assertThrows(IllegalArgumentException.class, () -> KFold.splitGrouped(5, g, 1), "5 folds of 4 groups");
    }

    @Test
    void theConditionGoesAfterTheOutcome() {
        String src = "S ~ dbinom(N, p)\nlogit(p) <- a[tank]\n";
        assertEquals("S | ulam_kfold_train == 1 ~ dbinom(N, p)\nlogit(p) <- a[tank]\n",
                KfoldRefits.insertCondition(src, new Span(1, 1, 1)));
        assertEquals("x <- 1\ny[i] | ulam_kfold_train == 1 ~ normal(0, 1)",
                KfoldRefits.insertCondition("x <- 1\ny[i] ~ normal(0, 1)", new Span(2, 1, 4)));
    }

    @Test
    void aLeftOutTankOfTheNoPoolingModelFallsBackToItsPrior() {
        LoadedFit loaded = LoadedFit.load(m131);
        KfoldRefits refits = KfoldRefits.prepare(loaded);
        int[] folds = new int[48];
        Arrays.fill(folds, 1);
        folds[0] = 2;   // tank 1 left out
        folds[9] = 2;   // tank 10 left out
        Fit refit = refits.fit(folds, 2, SamplerConfig.builder().chains(2).cores(1).warmup(300).draws(1000).seed(5).build());
        double[][] a1 = refit.draws(refit.indexOf("a[1]"));
        double[][] a2 = refit.draws(refit.indexOf("a[2]"));
        // prior normal(0, 1.5) for the left-out tanks; tank 2 (10 of 10 survived) keeps its data
        assertEquals(0, Convergence.mean(a1), 0.25);
        assertEquals(1.5, Convergence.sd(a1), 0.2);
        assertTrue(Convergence.mean(a2) > 1.5, "tank 2 is fitted to its data: " + Convergence.mean(a2));
        double[] lpd = refits.heldOutLpd(refit, folds, 2);
        assertTrue(lpd[0] < 0 && lpd[9] < 0 && lpd[1] == 0, "held-out rows only");
    }

    @Test
    void kfoldWritesItsResultAndCompareReadsIt() throws Exception {
        String[] noResult = Cli.run("compare", m131.toString(), m132.toString(), "--func", "kfold");
        assertEquals("1", noResult[0]);
        assertTrue(noResult[2].contains("has no K-fold result") && noResult[2].contains("ulam kfold"), noResult[2]);
        for (Path f : List.of(m131, m132)) {
            String[] r = Cli.run("kfold", f.toString(), "--k", "3", "--iter", "300", "--seed", "9");
            assertEquals("0", r[0], r[2]);
            assertTrue(r[1].contains("Based on 3-fold cross-validation of 48 observations") && r[1].contains("elpd_kfold")
                    && r[1].contains("p_kfold") && r[1].contains("kfoldic"), r[1]);
            assertTrue(r[2].contains("of 3: 16 observations left out"), r[2]);
            List<String> lines = Files.readAllLines(f.resolve("kfold.csv"));
            assertEquals(2 + 48, lines.size());
            assertTrue(lines.get(0).startsWith("# ulam kfold: K = 3, folds: random, seed = 9"), lines.get(0));
        }
        String[] c = Cli.run("compare", m131.toString(), m132.toString(), "--func", "kfold");
        assertEquals("0", c[0], c[2]);
        assertTrue(c[1].lines().findFirst().orElseThrow().matches(" +KFOLD +SE +dKFOLD +dSE +pKFOLD +weight"), c[1]);
        // other folds for one model: refused
        assertEquals("0", Cli.run("kfold", m132.toString(), "--k", "3", "--iter", "300", "--seed", "10")[0]);
        String[] d = Cli.run("compare", m131.toString(), m132.toString(), "--func", "kfold");
        assertEquals("1", d[0]);
        assertTrue(d[2].contains("use different folds"), d[2]);
    }

    /** loo --reloo on m13.1: every tank (each its own parameter) has k above 0.7, so about 35 refits. */
    @Test
    @org.junit.jupiter.api.Tag("validation")
    void relooRefitsTheObservationsWithHighK() {
        String[] before = Cli.run("loo", m131.toString());
        String[] r = Cli.run("loo", m131.toString(), "--reloo");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("with Pareto k above 0.7 refitted without them (exact elpd_loo)"), r[1]);
        assertTrue(r[1].contains("   (0.7, 1]      (bad)     0") && r[1].contains("   (1, Inf) (very bad)     0"), r[1]);
        assertTrue(before[1].contains("(bad)") && !before[1].equals(r[1]));
    }

    @Test
    void kfoldBadUse() throws Exception {
        String[] k = Cli.run("kfold", m131.toString(), "--k", "60");
        assertEquals("1", k[0]);
        assertTrue(k[2].contains("--k 60") && k[2].contains("[2, 48]"), k[2]);
        String[] g = Cli.run("kfold", m131.toString(), "--group", "nothing");
        assertEquals("1", g[0]);
        assertTrue(g[2].contains("no column 'nothing'"), g[2]);
        Path folds = tmp.resolve("folds.csv");
        Files.writeString(folds, "fold\n1\n2\n");
        String[] f = Cli.run("kfold", m131.toString(), "--folds", folds.toString());
        assertEquals("1", f[0]);
        assertTrue(f[2].contains("gives 2 folds, but the model has 48 observations"), f[2]);
    }
}
