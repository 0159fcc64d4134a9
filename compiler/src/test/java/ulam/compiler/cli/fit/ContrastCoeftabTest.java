package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.fit.FitDirectory;

/**
 * {@code ulam contrast} (brms's {@code hypothesis}: a difference's posterior and P(>0), P(<0)) and
 * {@code ulam coeftab} (rethinking's {@code coeftab} and its plot) on the reed-frog fits m13.1
 * and m13.2; the probabilities of {@code link --by}'s differences.
 */
class ContrastCoeftabTest {
    @TempDir
    static Path tmp;
    static Path m131;
    static Path m132;

    @BeforeAll
    static void fits() throws Exception {
        Path frogs = Path.of("../examples/data/reedfrogs.csv");
        m131 = Cli.fit(tmp, "m13_1", LogLikColumnsTest.M13_1, frogs, "--seed", "3", "--iter", "400");
        m132 = Cli.fit(tmp, "m13_2", PrecisDrawsTest.M13_2, frogs, "--seed", "3", "--iter", "400");
    }

    @Test
    void contrastSummarisesTheDifferenceDrawByDraw() {
        String[] r = Cli.run("contrast", m132.toString(), "a[1] - a[2]", "inv_logit(a_bar)");
        assertEquals("0", r[0], r[2]);
        FitDirectory f = FitDirectory.read(m132);
        double[][] d = f.draws();
        double[] x = new double[d.length];
        int above = 0;
        for (int s = 0; s < d.length; s++) {
            x[s] = d[s][f.indexOf("a[1]")] - d[s][f.indexOf("a[2]")];
            if (x[s] > 0) above++;
        }
        double[][] m = {x};
        double[] q = Convergence.quantiles(m, 0.055, 0.945);
        String expected = String.format(Locale.ROOT, "a[1] - a[2] %9.2f %9.2f %9.2f %9.2f %7.3f %7.3f", Convergence.mean(m),
                Convergence.sd(m), q[0], q[1], (double) above / d.length, 1 - (double) above / d.length);
        List<String> lines = r[1].lines().toList();
        assertTrue(lines.get(0).matches("contrast +mean +sd +5\\.5% +94\\.5% +P\\(>0\\) +P\\(<0\\)"), lines.get(0));
        assertEquals(expected.replaceAll(" +", " "), lines.get(1).replaceAll(" +", " ").replace(" -0.00 ", " 0.00 "));
        assertTrue(lines.get(2).startsWith("inv_logit(a_bar) "), r[1]);
        assertTrue(lines.get(3).startsWith("800 draws"), r[1]);
    }

    @Test
    void expressionsFollowRsPrecedence() {
        List<String> none = List.of();
        assertEquals(-4, ContrastExpression.parse("-2^2", n -> -1, none).eval(new double[0]));
        assertEquals(512, ContrastExpression.parse("2^3^2", n -> -1, none).eval(new double[0]));
        assertEquals(9, ContrastExpression.parse("(1 + 2) * 3", n -> -1, none).eval(new double[0]));
        assertEquals(0.5, ContrastExpression.parse("inv_logit(0) + log(exp(0)) - abs(-0)", n -> -1, none).eval(new double[0]));
        assertEquals(1.5, ContrastExpression.parse("x[1, 2] / 2 - y", n -> n.equals("x[1,2]") ? 0 : 1, none).eval(new double[] {5, 1}));
        UlamException syntax = assertThrows(UlamException.class, () -> ContrastExpression.parse("a[1] -", n -> 0, none));
        assertTrue(syntax.getMessage().contains("the expression ends too early") && syntax.getMessage().contains("\n  a[1] -\n"), syntax.getMessage());
        UlamException fn = assertThrows(UlamException.class, () -> ContrastExpression.parse("lgamma(2)", n -> 0, none));
        assertTrue(fn.getMessage().contains("unknown function lgamma()"), fn.getMessage());
    }

    @Test
    void badContrastsAreClearErrors() {
        String[] r = Cli.run("contrast", m132.toString(), "a[1] - alpha");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("names 'alpha', which is not an output") && r[2].contains("a, a_bar, sigma"), r[2]);
        String[] s = Cli.run("contrast", m132.toString(), "a[1] * (a[2]");
        assertEquals("1", s[0]);
        assertTrue(s[2].contains("a ')' is missing"), s[2]);
    }

    @Test
    void contrastReadsDrawsTablesToo() throws Exception {
        assertEquals("0", Cli.run("draws", m132.toString())[0]);
        String[] r = Cli.run("contrast", m132.resolve("draws.csv").toString(), "sigma - a_bar");
        assertEquals("0", r[0], r[2]);
        String[] fromFit = Cli.run("contrast", m132.toString(), "sigma - a_bar");
        assertEquals(fromFit[1], r[1], "the same draws give the same summary");
    }

    @Test
    void linkByGivesTheDifferencesProbabilities() {
        String[] r = Cli.run("link", m132.toString(), "--by", "pred", "-o", tmp.resolve("link.csv").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("(?s).*\npred +mean +sd +5\\.5% +94\\.5% +P\\(>0\\) +P\\(<0\\)\n.*"), r[1]);
        // with predators (pred) survival is lower: the difference is below 0 in (nearly) every draw
        assertTrue(r[1].matches("(?s).*\npred - no +-0\\.\\d\\d .* 0\\.\\d{3} +(0\\.9\\d\\d|1\\.000)\n.*"), r[1]);
    }

    @Test
    void coeftabPutsTheFitsSideBySide() throws Exception {
        Path plots = tmp.resolve("ct");
        String[] r = Cli.run("coeftab", m131.toString(), m132.toString(), "--pars", "a[1],a_bar,sigma", "--se", "--plot", plots.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertTrue(lines.get(0).matches(" +m13_1 +m13_2"), lines.get(0));
        assertTrue(lines.get(1).matches("a\\[1\\] +-?\\d+\\.\\d\\d +-?\\d+\\.\\d\\d"), lines.get(1));
        assertTrue(lines.get(2).startsWith("a[1].se "), lines.get(2));
        assertTrue(lines.get(3).matches("a_bar +NA +\\d\\.\\d\\d"), lines.get(3));
        assertTrue(lines.get(7).matches("nobs +48 +48"), lines.get(7));
        FitDirectory f = FitDirectory.read(m132);
        double mean = 0;
        for (double[] d : f.draws()) mean += d[f.indexOf("sigma")];
        mean /= f.totalDraws();
        assertTrue(lines.get(5).endsWith(String.format(Locale.ROOT, "%.2f", mean)), lines.get(5));
        assertTrue(ImageIO.read(plots.resolve("coeftab.png").toFile()) != null);
        assertTrue(Files.readString(plots.resolve("coeftab.svg")).contains("m13_1"));
        String[] scalars = Cli.run("coeftab", m131.toString(), m132.toString());
        assertEquals("0", scalars[0], scalars[2]);
        assertEquals(1 + 2 + 1, scalars[1].lines().count(), "--depth 1 by default: a_bar, sigma and nobs:\n" + scalars[1]);
        String[] all = Cli.run("coeftab", m131.toString(), m132.toString(), "--depth", "3");
        assertEquals("0", all[0], all[2]);
        assertEquals(1 + 48 + 2 + 1, all[1].lines().count(), "48 a[i], a_bar, sigma and nobs:\n" + all[1]);
        String[] bad = Cli.run("coeftab", m131.toString(), "--pars", "beta");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("no fit has an output named 'beta'"), bad[2]);
    }
}
