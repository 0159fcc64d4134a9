package ulam.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Convergence} against R's posterior package, and against properties with known answers.
 *
 * <p>Provenance of the expected numbers: the inputs {@code case_*.csv} and the values in
 * {@link #matchesPosteriorPackage()} were produced by
 * {@code src/test/resources/ulam/runtime/diagnostics/posterior-reference.R} with R 4.2.2 and
 * posterior 1.4.0 (columns: rhat, ess_bulk, ess_tail, ess_mean, mcse_mean, quantile2 at 0.055 and
 * 0.945, ess_quantile at 0.05, mean, sd, median). The inputs are stored with 17 significant digits,
 * so Java reads exactly R's doubles; the tests need no R.
 */
class ConvergenceTest {

    /** Relative tolerance against posterior (the project requires agreement to 1e-8). */
    private static final double TOL = 1e-9;

    @Test
    void matchesPosteriorPackage() throws IOException {
        expect("normal_4x100", 1.0015894901102476, 377.0869540011841, 355.15892055571567, 380.43947203368623, 0.050121604295710873, -1.5170024233032189, 1.5568413024020074, 355.15892055571567, -0.013035939283491312, 0.97761475708915169, -0.056042475688097705);
        expect("ar1_4x101", 1.0988070222978306, 34.47289075336213, 97.573810447017209, 32.492736214084303, 0.34769264455011156, -3.0304599484699519, 3.2576787015856823, 155.85583780305635, 0.066269700629611669, 1.9819315249427973, -0.17970813631283589);
        expect("shifted_4x200", 1.1211254015179524, 23.166163170505019, 523.22584059763665, 22.763342456128772, 0.2277800720860062, -1.1422421124633866, 2.4404758618725624, 523.22584059763665, 0.61174596839940276, 1.0867602426510179, 0.57200399086324116);
        expect("cauchy_2x250", 1.0029885969006045, 483.31816447099652, 491.9482684521189, 501.50647986737664, 0.77111578620006882, -4.3081105647473565, 4.4191900426936126, 491.9482684521189, 0.6633592223363014, 17.268629368103486, -0.054713624722234074);
        expect("poisson_4x50", 1.0037767925074597, 255.55655875512181, 195.73309850698453, 257.75902034184327, 0.10794459152875255, 0, 6, 195.73309850698453, 2.96, 1.7330369544320559, 3);
        expect("short_3x5", 1.1551782953448226, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1.2805916879370765, 1.6544181564837563, Double.NaN, 0.089575091787079633, 1.1475075108155333, -0.1289343172603987);
        expect("short_2x9", 0.92202411973761123, 8, Double.NaN, 8, 0.32443842026048009, -1.1252807454465048, 1.4564148215953645, Double.NaN, 0.064759069078322823, 0.91765042817454578, -0.062838509704724016);
        expect("antithetic_4x100", 1.0033442626346292, 1040.823996531185, 424.04905836485432, 1040.823996531185, 0.04368838156878236, -2.1986852406020851, 2.1326250580392365, 431.54329767812658, 0.013188119038692919, 1.409466002705408, 0.065117879850706606);
        expect("single_1x300", 1.0192227653971542, 113.86621552007304, 166.652216133731, 116.40920972985211, 0.10349444697107088, -1.7884515254058149, 1.6091264575560369, 258.23244037815493, -0.10292602165316755, 1.1166336690295542, -0.11092403446309343);
        expect("constant_2x10", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 1, Double.NaN, 1, 0, 1);
        expect("ar1_4x1000", 1.0246415340112289, 92.095065570839836, 284.39120312141023, 92.157390913281986, 0.32434189506857708, -4.713942780182963, 4.9834089762746672, 329.54888094513802, 0.059360272904319458, 3.1136381175479269, 0.036233226852988715);
        expect("withinf_2x50", 0.99219743945659544, 117.35883534952059, Double.NaN, Double.NaN, Double.NaN, -1.4688992416529993, 1.8742406380973473, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, -0.13579941757373148);
    }

    private static void expect(String name, double rhat, double essBulk, double essTail, double essMean,
                               double mcseMean, double q055, double q945, double essQ05, double mean,
                               double sd, double median) throws IOException {
        double[][] x = load(name);
        close(name + " rhat", rhat, Convergence.rhat(x));
        close(name + " ess_bulk", essBulk, Convergence.essBulk(x));
        close(name + " ess_tail", essTail, Convergence.essTail(x));
        close(name + " ess_mean", essMean, Convergence.essMean(x));
        close(name + " mcse_mean", mcseMean, Convergence.mcseMean(x));
        double[] q = Convergence.quantiles(x, 0.055, 0.945);
        close(name + " q5.5", q055, q[0]);
        close(name + " q94.5", q945, q[1]);
        close(name + " ess_quantile(0.05)", essQ05, Convergence.essQuantile(x, 0.05));
        close(name + " mean", mean, Convergence.mean(x));
        close(name + " sd", sd, Convergence.sd(x));
        close(name + " median", median, Convergence.median(x));
    }

    private static void close(String what, double expected, double actual) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = TOL * Math.max(1, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    /** Reads {@code case_<name>.csv}: one column per chain. */
    static double[][] load(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = ConvergenceTest.class.getResourceAsStream("case_" + name + ".csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                double[] row = new double[f.length];
                for (int i = 0; i < f.length; i++) row[i] = parse(f[i].trim());
                rows.add(row);
            }
        }
        int chains = rows.get(0).length;
        double[][] x = new double[chains][rows.size()];
        for (int i = 0; i < rows.size(); i++) for (int c = 0; c < chains; c++) x[c][i] = rows.get(i)[c];
        return x;
    }

    private static double parse(String s) {
        return switch (s) {
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "NA" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    void normalQuantileMatchesR() {
        // qnorm values printed by posterior-reference.R (R 4.2.2)
        double[] p = { 1e-300, 9.9999999999999995e-21, 1e-10, 1.0000000000000001e-05, 0.001, 0.024250000000000001, 0.050000000000000003, 0.10000000000000001, 0.29999999999999999, 0.42499999999999999, 0.5, 0.50000009999999995, 0.59999999999999998, 0.90000000000000002, 0.92500000000000004, 0.97499999999999998, 0.999, 0.99999999989999999 };
        double[] qnorm = { -37.047096299361201, -9.2623400897984052, -6.3613409024040557, -4.2648907939228256, -3.0902323061678132, -1.9729610513118845, -1.6448536269514726, -1.2815515655446008, -0.52440051270804067, -0.18911842627279249, 0, 2.5066282733116488e-07, 0.25334710313579978, 1.2815515655446008, 1.4395314709384559, 1.9599639845400536, 3.0902323061678132, 6.3613408896974208 };
        for (int i = 0; i < p.length; i++) {
            assertEquals(qnorm[i], NormalQuantile.quantile(p[i]), 2e-15 * Math.max(1, Math.abs(qnorm[i])), "p=" + p[i]);
        }
        assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.quantile(1));
        assertTrue(Double.isNaN(NormalQuantile.quantile(1.5)));
    }

    @Test
    void identicalChainsGiveRhatOne() {
        double[] base = ar1(new double[1][4000], 0.0, 7)[0];
        double[][] x = {base, base.clone(), base.clone(), base.clone()};
        assertEquals(1.0, Convergence.rhat(x), 0.005);
    }

    @Test
    void shiftedChainsGiveLargeRhat() {
        double[][] x = ar1(new double[4][1000], 0.0, 11);
        for (int i = 0; i < 1000; i++) {
            x[2][i] += 3;
            x[3][i] += 3;
        }
        assertTrue(Convergence.rhat(x) > 1.5, "rhat " + Convergence.rhat(x));
        // one chain stuck at a different scale: bulk R-hat misses it, the folded (tail) R-hat sees it
        double[][] y = ar1(new double[4][1000], 0.0, 12);
        for (int i = 0; i < 1000; i++) y[3][i] *= 3;
        assertTrue(Convergence.rhat(y) > 1.1, "scale rhat " + Convergence.rhat(y));
    }

    @Test
    void ar1EssMatchesTheory() {
        // AR(1) with coefficient phi: integrated autocorrelation time (1 + phi) / (1 - phi)
        double phi = 0.5;
        double[][] x = ar1(new double[4][5000], phi, 3);
        double theory = 4 * 5000 * (1 - phi) / (1 + phi);
        double ess = Convergence.essMean(x);
        assertEquals(theory, ess, 0.1 * theory, "ess_mean");
        assertEquals(theory, Convergence.essBulk(x), 0.1 * theory, "ess_bulk");
        // antithetic chains are more efficient than independent draws
        double[][] y = ar1(new double[4][5000], -0.5, 4);
        double theoryNeg = 4 * 5000 * (1 + 0.5) / (1 - 0.5);
        assertEquals(theoryNeg, Convergence.essMean(y), 0.15 * theoryNeg, "antithetic ess_mean");
    }

    @Test
    void splitDropsTheMiddleDrawOfOddChains() {
        double[][] x = {{1, 2, 3, 4, 5}};
        double[][] s = Convergence.splitChains(x);
        assertEquals(2, s.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2}, s[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {4, 5}, s[1]);
    }

    @Test
    void ranksAverageTies() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2.5, 1, 2.5, 4},
                Convergence.averageRanks(new double[] {3, 1, 3, 7}));
    }

    @Test
    void quantileType7HandChecked() {
        double[][] x = {{4, 1}, {3, 2}};
        // sorted 1 2 3 4; p = 0.1: h = 1 + 3 * 0.1 = 1.3 -> 1 + 0.3 * (2 - 1)
        assertEquals(1.3, Convergence.quantile(x, 0.1), 1e-15);
        assertEquals(2.5, Convergence.quantile(x, 0.5), 1e-15);
        assertEquals(4, Convergence.quantile(x, 1), 0);
    }

    @Test
    void fftAutocovarianceEqualsDirectSums() {
        double[] y = ar1(new double[1][37], 0.3, 5)[0];
        double[] fft = new double[y.length];
        Fft.autocorrelationSums(y, fft);
        for (int t = 0; t < y.length; t++) {
            double direct = 0;
            for (int i = 0; i + t < y.length; i++) direct += y[i] * y[i + t];
            assertEquals(direct, fft[t], 1e-12);
        }
    }

    /** Fills x[c] with stationary AR(1) chains of coefficient phi from a seeded stream. */
    static double[][] ar1(double[][] x, double phi, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        for (double[] chain : x) {
            chain[0] = normal.sample() / Math.sqrt(1 - phi * phi);
            for (int i = 1; i < chain.length; i++) chain[i] = phi * chain[i - 1] + normal.sample();
        }
        return x;
    }
}
