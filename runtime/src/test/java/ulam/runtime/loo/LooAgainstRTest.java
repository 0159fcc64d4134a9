package ulam.runtime.loo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * WAIC, PSIS, PSIS-LOO, relative efficiency and compare against the numbers R's loo package
 * (2.5.1) and rethinking's formulas give on the same fixed log-likelihood matrices
 * (resources ulam/runtime/loo, made by make_expected.R there): relative 1e-6, Pareto k 1e-3.
 */
class LooAgainstRTest {
    private static final double REL = 1e-6;
    private static final double K_TOL = 1e-3;

    /** A CSV with a header as written by R's write.table: name to column. */
    static Map<String, double[]> table(String file) {
        List<String> lines = resource(file).lines().toList();
        String[] head = lines.get(0).split(",");
        Map<String, double[]> out = new HashMap<>();
        for (int c = 0; c < head.length; c++) {
            double[] col = new double[lines.size() - 1];
            for (int r = 1; r < lines.size(); r++) col[r - 1] = number(lines.get(r).split(",")[c]);
            out.put(head[c].trim(), col);
        }
        return out;
    }

    /** The name,value estimates file. */
    static Map<String, Double> estimates(String file) {
        Map<String, Double> out = new HashMap<>();
        for (String line : resource(file).lines().skip(1).toList()) {
            String[] f = line.split(",");
            out.put(f[0].trim(), number(f[1]));
        }
        return out;
    }

    /** A log-likelihood matrix, S rows by N columns. */
    static double[][] logLik(String name) {
        List<String> lines = resource(name + "_loglik.csv").lines().skip(1).toList();
        double[][] m = new double[lines.size()][];
        for (int s = 0; s < m.length; s++) {
            String[] f = lines.get(s).split(",");
            m[s] = new double[f.length];
            for (int i = 0; i < f.length; i++) m[s][i] = number(f[i]);
        }
        return m;
    }

    static double number(String s) {
        String t = s.trim();
        return switch (t) {
            case "NA" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    static String resource(String file) {
        try (InputStream in = LooAgainstRTest.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("missing test resource " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(double expected, double actual, double rel, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = rel * Math.max(1, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    static void close(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) close(expected[i], actual[i], rel, what + "[" + (i + 1) + "]");
    }

    static int chains(String name) {
        return switch (name) {
            case "small" -> 2;
            case "tiny" -> 1;
            default -> 4;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "student", "fixed", "small", "tiny"})
    void waicEqualsRethinkingAndLoo(String name) {
        double[][] ll = logLik(name);
        Map<String, double[]> pw = table("expected_" + name + "_pointwise.csv");
        Map<String, Double> est = estimates("expected_" + name + "_estimates.csv");
        Waic r = Waic.of(ll);
        close(pw.get("lppd"), r.pointwiseLppd(), REL, "lppd");
        close(pw.get("pwaic_pop"), r.pointwisePenalty(), REL, "pWAIC");
        close(pw.get("waic_pop"), r.pointwiseWaic(), REL, "WAIC_i");
        close(est.get("WAIC"), r.waic(), REL, "WAIC");
        close(est.get("WAIC_lppd"), r.lppd(), REL, "lppd");
        close(est.get("WAIC_penalty"), r.penalty(), REL, "penalty");
        close(est.get("WAIC_std_err"), r.seWaic(), REL, "std_err");
        Waic l = Waic.ofLooPackage(ll);
        close(pw.get("elpd_waic"), negHalf(l.pointwiseWaic()), REL, "elpd_waic_i");
        close(pw.get("p_waic"), l.pointwisePenalty(), REL, "p_waic_i");
        close(est.get("elpd_waic"), l.elpd(), REL, "elpd_waic");
        close(est.get("se_elpd_waic"), l.seElpd(), REL, "se_elpd_waic");
        close(est.get("p_waic"), l.penalty(), REL, "p_waic");
        close(est.get("se_p_waic"), l.sePenalty(), REL, "se_p_waic");
        close(est.get("waic"), l.waic(), REL, "waic");
        close(est.get("se_waic"), l.seWaic(), REL, "se_waic");
    }

    private static double[] negHalf(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = -x[i] / 2;
        return y;
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "student", "fixed", "small", "tiny"})
    void looWithReffOneEqualsLoo(String name) {
        double[][] ll = logLik(name);
        Map<String, double[]> pw = table("expected_" + name + "_pointwise.csv");
        Map<String, Double> est = estimates("expected_" + name + "_estimates.csv");
        Loo loo = Loo.of(ll);
        checkLoo(loo, pw, est, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "student", "fixed", "small", "tiny"})
    void looWithRelativeEfficiencyEqualsLoo(String name) {
        double[][] ll = logLik(name);
        Map<String, double[]> pw = table("expected_" + name + "_pointwise.csv");
        Map<String, Double> est = estimates("expected_" + name + "_estimates.csv");
        double[] reff = RelativeEfficiency.of(ll, chains(name));
        close(pw.get("r_eff"), reff, REL, "r_eff");
        checkLoo(Loo.of(ll, reff), pw, est, "_r");
    }

    private static void checkLoo(Loo loo, Map<String, double[]> pw, Map<String, Double> est, String suffix) {
        close(pw.get("elpd_loo" + suffix), loo.pointwiseElpd(), REL, "elpd_loo_i" + suffix);
        close(pw.get("mcse_elpd_loo" + suffix), loo.pointwiseMcse(), REL, "mcse_i" + suffix);
        close(pw.get("p_loo" + suffix), loo.pointwisePenalty(), REL, "p_loo_i" + suffix);
        close(pw.get("k" + suffix), loo.paretoK(), K_TOL, "k" + suffix);
        close(pw.get("n_eff" + suffix), loo.nEff(), REL, "n_eff" + suffix);
        if (suffix.isEmpty()) close(pw.get("looic"), loo.pointwiseLooic(), REL, "looic_i");
        close(est.get("elpd_loo" + suffix), loo.elpd(), REL, "elpd_loo" + suffix);
        close(est.get("se_elpd_loo" + suffix), loo.seElpd(), REL, "se_elpd_loo" + suffix);
        close(est.get("p_loo" + suffix), loo.penalty(), REL, "p_loo" + suffix);
        close(est.get("se_p_loo" + suffix), loo.sePenalty(), REL, "se_p_loo" + suffix);
        close(est.get("looic" + suffix), loo.looic(), REL, "looic" + suffix);
        close(est.get("se_looic" + suffix), loo.seLooic(), REL, "se_looic" + suffix);
        close(est.get("mcse_elpd_loo" + suffix), loo.mcseElpd(), REL, "mcse_elpd_loo" + suffix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "student", "small", "tiny"})
    void psisWeightsOfTheLastObservationEqualLoo(String name) {
        double[][] ll = logLik(name);
        int n = ll[0].length;
        double[] ratios = new double[ll.length];
        for (int s = 0; s < ll.length; s++) ratios[s] = -ll[s][n - 1];
        Map<String, double[]> expected = table("expected_" + name + "_psis_last.csv");
        Psis.Column c = Psis.smooth(ratios, 1);
        close(expected.get("log_weight"), c.logWeights(), REL, "log weight");
        close(expected.get("k")[0], c.k(), K_TOL, "k");
        close(expected.get("n_eff")[0], c.nEff(), REL, "n_eff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"WAIC", "PSIS"})
    void compareEqualsRethinkingsFormulas(String func) {
        List<String> names = List.of("normal", "student", "fixed");
        Compare cmp;
        if (func.equals("WAIC")) {
            cmp = Compare.waic(names, names.stream().map(n -> Waic.of(logLik(n))).toList());
        } else {
            List<Loo> loos = new ArrayList<>();
            for (String n : names) {
                double[][] ll = logLik(n);
                loos.add(Loo.of(ll, RelativeEfficiency.of(ll, 4)));
            }
            cmp = Compare.psis(names, loos);
        }
        List<String> lines = resource("expected_compare_" + func + ".csv").lines().skip(1).toList();
        assertEquals(3, cmp.rows().size());
        for (int r = 0; r < 3; r++) {
            String[] f = lines.get(r).split(",");
            Compare.Row row = cmp.rows().get(r);
            assertEquals(f[0], row.model(), "order");
            close(number(f[1]), row.value(), REL, func);
            close(number(f[2]), row.se(), REL, "SE");
            close(number(f[3]), row.delta(), REL, "d" + func);
            close(number(f[4]), row.dSe(), REL, "dSE");
            close(number(f[5]), row.penalty(), REL, "p" + func);
            close(number(f[6]), row.weight(), REL, "weight");
        }
        Map<String, double[]> dse = table("expected_compare_" + func + "_dse.csv");
        double[][] m = cmp.dSe();
        for (int j = 0; j < 3; j++) close(dse.get(names.get(j)), column(m, j), REL, "dSE matrix " + names.get(j));
        assertTrue(cmp.warnings().isEmpty());
        String text = cmp.format();
        assertTrue(text.startsWith("        " + func + "    SE d" + func + "  dSE p" + func + " weight\nstudent 83.2 "),
                text);
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) c[i] = m[i][j];
        return c;
    }

    @Test
    void theOutliersAreFlaggedAndTheTableCountsThem() {
        Loo loo = Loo.of(logLik("normal"));
        Map<String, double[]> pw = table("expected_normal_pointwise.csv");
        double[] k = pw.get("k");
        int above07 = 0;
        for (double v : k) if (v > 0.7) above07++;
        assertEquals(above07, loo.highK(0.7).length);
        assertTrue(above07 >= 1, "the outlier at observation 20 has k above 0.7");
        assertEquals(19, loo.highK(0.7)[loo.highK(0.7).length - 1]);
        String w = String.join("\n", loo.warnings());
        assertTrue(w.contains("have a Pareto k above 0.7") && w.contains("20"), w);
        assertTrue(Double.isNaN(loo.mcseElpd()));
        String text = loo.format();
        assertTrue(text.startsWith("Computed from 1000 by 20 log-likelihood matrix\n"), text);
        assertTrue(text.contains("Pareto k diagnostic values:"), text);
        int[] counts = loo.kCounts();
        assertEquals(20, counts[0] + counts[1] + counts[2] + counts[3]);
    }

    @Test
    void tooFewDrawsForATailGiveInfiniteK() {
        Loo loo = Loo.of(logLik("tiny"));
        for (double k : loo.paretoK()) assertEquals(Double.POSITIVE_INFINITY, k);
        assertEquals(4, loo.tailLengths()[0]);
    }

    @Test
    void differentObservationCountsWarnAndGiveNoDse() {
        double[][] a = logLik("small");
        double[][] b = logLik("tiny");
        Compare c = Compare.waic(List.of("a", "b"), List.of(Waic.of(a), Waic.of(b)));
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("different numbers of observations (a: 6, b: 3)"), c.warnings().get(0));
        assertTrue(Double.isNaN(c.dSe()[0][1]));
    }
}
