package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.fit.FitDirectory;

/**
 * The commands for fits of formula models ({@code varcorr}, {@code ranef}, {@code coef},
 * {@code posterior_predict}, {@code posterior_epred}) on real fits of a brms and an rstanarm
 * call, their printed means checked against the fit's own draws.
 */
class FormulaCommandsTest {
    static final Path DATA = Path.of("../tests/src/test/resources/formula/data");
    static final String UCB = """
            fit <- brm(admit | trials(applications) ~ 1 + gender + (1 + gender | dept),
                       data = ucbadmit, family = binomial,
                       prior = c(prior(normal(0, 4), class = Intercept), prior(cauchy(0, 1), class = sd),
                                 prior(lkj(4), class = cor)))
            """;
    static final String SLEEP = "fit <- stan_lmer(Reaction ~ Days + (Days | Subject), data = sleepstudy)\n";

    @TempDir
    static Path tmp;
    static Path brms;
    static Path rstanarm;

    @BeforeAll
    static void fits() throws Exception {
        brms = Cli.fit(tmp, "ucb", UCB, DATA.resolve("ucbadmit.csv"), "--iter", "600", "--warmup", "300", "--seed", "3", "--chains", "2");
        rstanarm = Cli.fit(tmp, "sleep", SLEEP, DATA.resolve("sleepstudy.csv"), "--iter", "400", "--warmup", "200", "--seed", "3", "--chains", "2");
    }

    /** The mean over the fit's draws of a function of its columns. */
    static double mean(Path fit, java.util.function.ToDoubleFunction<java.util.function.ToDoubleFunction<String>> f) {
        FitDirectory d = FitDirectory.read(fit);
        double[][] draws = d.draws();
        List<String> names = d.manifest().outputNames();
        double sum = 0;
        for (double[] row : draws) sum += f.applyAsDouble(n -> row[names.indexOf(n)]);
        return sum / draws.length;
    }

    /** The mean printed on the line holding all of {@code words}. */
    static double printed(String out, String... words) {
        for (String line : out.split("\n")) {
            boolean all = true;
            for (String w : words) all &= line.contains(w);
            if (!all) continue;
            Matcher m = Pattern.compile("(-?\\d+\\.\\d+)").matcher(line.substring(line.lastIndexOf(words[words.length - 1])
                    + words[words.length - 1].length()));
            if (m.find()) return Double.parseDouble(m.group(1));
        }
        throw new AssertionError("no line with " + String.join(", ", words) + " in\n" + out);
    }

    @Test
    void varcorrPrintsTheGroupLevelSdsAndCorrelations() {
        String[] r = Cli.run("varcorr", brms.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(mean(brms, c -> c.applyAsDouble("sd_dept__Intercept")), printed(r[1], "dept", "sd(Intercept)"), 0.006);
        assertEquals(mean(brms, c -> c.applyAsDouble("cor_dept__Intercept__gendermale")),
                printed(r[1], "dept", "cor(Intercept,gendermale)"), 0.006);
        String[] s = Cli.run("varcorr", rstanarm.toString());
        assertEquals("0", s[0], s[2]);
        assertEquals(mean(rstanarm, c -> Math.sqrt(c.applyAsDouble("Sigma[Subject:Days,Days]"))),
                printed(s[1], "Subject", "sd(Days)"), 0.006);
        assertEquals(mean(rstanarm, c -> c.applyAsDouble("Sigma[Subject:Days,(Intercept)]")
                        / Math.sqrt(c.applyAsDouble("Sigma[Subject:Days,Days]") * c.applyAsDouble("Sigma[Subject:(Intercept),(Intercept)]"))),
                printed(s[1], "Subject", "cor((Intercept),Days)"), 0.006);
        assertEquals(mean(rstanarm, c -> c.applyAsDouble("sigma")), printed(s[1], "Residual", "sd(sigma)"), 0.006);
    }

    @Test
    void ranefAndCoefPrintEachLevel() {
        String[] r = Cli.run("ranef", brms.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(mean(brms, c -> c.applyAsDouble("r_dept[C,gendermale]")), printed(r[1], "C ", "gendermale"), 0.006);
        String[] c = Cli.run("coef", brms.toString(), "--group", "dept");
        assertEquals("0", c[0], c[2]);
        assertEquals(mean(brms, d -> d.applyAsDouble("b_Intercept") + d.applyAsDouble("r_dept[A,Intercept]")),
                printed(c[1], "A ", "Intercept"), 0.006);
        String[] s = Cli.run("coef", rstanarm.toString());
        assertEquals("0", s[0], s[2]);
        assertEquals(mean(rstanarm, d -> d.applyAsDouble("Days") + d.applyAsDouble("b[Days Subject:308]")),
                printed(s[1], "308", "Days"), 0.006);
        String[] bad = Cli.run("ranef", brms.toString(), "--group", "nope");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("its groups are: dept"), bad[2]);
    }

    @Test
    void posteriorEpredDrawsNewLevelsAndPoststratifies() throws Exception {
        Path cells = tmp.resolve("cells.csv");
        Files.writeString(cells, "dept,gender,applications,n\nG,female,100,300\nG,male,100,100\nH,female,50,100\nH,male,50,500\n");
        String[] r = Cli.run("posterior_epred", brms.toString(), "--data", cells.toString(), "--allow-new-levels",
                "--weights", "n", "--by", "gender");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("weighted by n"), r[1]);
        // the weighted average of the cells' mu, per draw, from the written draws
        List<String> lines = Files.readAllLines(brms.resolve("posterior_epred.csv"));
        double[] w = {300, 100, 100, 500};
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            double a = 0;
            for (int k = 0; k < 4; k++) a += w[k] * Double.parseDouble(v[k]);
            sum += a / 1000;
        }
        assertEquals(sum / (lines.size() - 1), printed(r[1], "all"), 0.0006);
        Files.writeString(cells, "dept,gender,applications\nA,female,100\nG,male,100\n");
        String[] mixed = Cli.run("posterior_predict", brms.toString(), "--data", cells.toString(), "--allow-new-levels");
        assertEquals("1", mixed[0]);
        assertTrue(mixed[2].contains("mixes levels the fit has seen with new ones"), mixed[2]);
        String[] unseen = Cli.run("posterior_predict", brms.toString(), "--data", cells.toString());
        assertEquals("1", unseen[0]);
        assertTrue(unseen[2].contains("'G' is not one of the fit's levels"), unseen[2]);
        Files.writeString(cells, "dept,gender,applications\nG,female,100\nG,male,100\n");
        String[] byColumn = Cli.run("posterior_predict", brms.toString(), "--data", cells.toString(), "--new-groups", "dept");
        assertEquals("0", byColumn[0], byColumn[2]);
    }

    @Test
    void checkPrintsTheAlistTheFormulaBecame() throws Exception {
        String[] r = Cli.run("check", tmp.resolve("ucb.ulam").toString(), "--data", DATA.resolve("ucbadmit.csv").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("the alist of"), r[1]);
        assertTrue(r[1].contains("Intercept ~ normal(0, 4)"), r[1]);
        assertTrue(r[1].contains("cholesky_factor_corr[2]: L_1 ~ lkj_corr_cholesky(4)"), r[1]);
        assertTrue(r[1].contains("sd_dept__Intercept ~ cauchy(0, 1)"), r[1]);
        assertTrue(r[1].contains("admit ~ binomial(applications, mu)"), r[1]);
    }

    @Test
    void commandsSayWhenAFitHasNoGroupLevelEffects() throws Exception {
        Path fit = Cli.fit(tmp, "plain", "surv ~ dnorm(mu, 10)\nmu ~ dnorm(0, 10)\n", Path.of("../examples/data/reedfrogs.csv"),
                "--iter", "100", "--warmup", "50");
        String[] r = Cli.run("varcorr", fit.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no group-level effects"), r[2]);
    }
}
