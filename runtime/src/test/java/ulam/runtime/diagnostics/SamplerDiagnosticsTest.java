package ulam.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.SamplerStat;

class SamplerDiagnosticsTest {

    /** A fit built by hand: 4 chains x 500 draws of one output, with chosen statistics. */
    private static Fit fit(double[][] values, double[][] energy, int divergentPerChain, int saturatedPerChain) {
        SamplerConfig config = SamplerConfig.builder().chains(values.length).warmup(500).draws(values[0].length).build();
        List<ChainResult> chains = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            int n = values[c].length;
            double[][] v = new double[n][1];
            double[][] s = new double[n][SamplerStat.COUNT];
            for (int i = 0; i < n; i++) {
                v[i][0] = values[c][i];
                s[i][SamplerStat.ENERGY.index()] = energy[c][i];
                s[i][SamplerStat.TREEDEPTH.index()] = i < saturatedPerChain ? 10 : 3;
                s[i][SamplerStat.DIVERGENT.index()] = i < divergentPerChain ? 1 : 0;
            }
            chains.add(new ChainResult(c + 1, new double[0][1], new double[0][SamplerStat.COUNT], v, s, 0.5,
                    MetricKind.DIAG, new double[] {1}, new double[] {0}, 0, 0, 0));
        }
        return new Fit("hand", new String[] {"theta"}, 1, 1, config, chains, 1);
    }

    @Test
    void ebfmiOfIndependentAndRandomWalkEnergies() {
        double[][] iid = ConvergenceTest.ar1(new double[1][20000], 0, 1);
        // independent draws: E[(E_n - E_{n-1})^2] = 2 Var(E), so E-BFMI is near 2
        assertEquals(2.0, SamplerDiagnostics.ebfmi(iid[0]), 0.1);
        double[][] sticky = ConvergenceTest.ar1(new double[1][20000], 0.95, 2);
        // AR(1) with coefficient phi: 2 (1 - phi) = 0.1
        assertEquals(0.1, SamplerDiagnostics.ebfmi(sticky[0]), 0.02);
        assertTrue(Double.isNaN(SamplerDiagnostics.ebfmi(new double[] {1})));
    }

    @Test
    void quietWhenAllIsWell() {
        double[][] x = ConvergenceTest.ar1(new double[4][500], 0, 3);
        double[][] e = ConvergenceTest.ar1(new double[4][500], 0, 4);
        Fit f = fit(x, e, 0, 0);
        assertEquals(List.of(), SamplerDiagnostics.warnings(f, VariableSummary.of(f, 0.89)));
    }

    @Test
    void reportsEveryProblemInPlainWords() {
        double[][] x = ConvergenceTest.ar1(new double[4][500], 0.9, 5);
        for (int i = 0; i < 500; i++) x[3][i] += 2; // a chain elsewhere: high R-hat, low ESS
        double[][] e = ConvergenceTest.ar1(new double[4][500], 0.95, 6);
        Fit f = fit(x, e, 3, 5);
        List<String> w = SamplerDiagnostics.warnings(f, VariableSummary.of(f, 0.89));
        assertEquals(6, w.size(), String.join("\n", w));
        assertEquals("12 of 2000 transitions after warmup ended with a divergence: the sampler could not follow the"
                + " posterior's geometry. Increase --adapt-delta (e.g. 0.99) or use a non-centred parameterisation.",
                w.get(0));
        assertTrue(w.get(1).startsWith("20 of 2000 transitions after warmup hit the maximum tree depth of 10"), w.get(1));
        assertTrue(w.get(2).startsWith("E-BFMI is below 0.3 in chain 1 ("), w.get(2));
        assertTrue(w.get(3).startsWith("R-hat is above 1.01 for 1 of 1 values"), w.get(3));
        assertTrue(w.get(4).startsWith("bulk ESS is below 400 for 1 of 1 values"), w.get(4));
        assertTrue(w.get(5).startsWith("tail ESS is below 400"), w.get(5));
        assertEquals(12, SamplerDiagnostics.divergences(f));
        assertEquals(20, SamplerDiagnostics.treeDepthHits(f));
    }

    /** The hand-made fit with lp__ set per chain: lp[c][i]. */
    private static Fit withLp(double[][] lp) {
        Fit f = fit(ConvergenceTest.ar1(new double[lp.length][lp[0].length], 0, 11),
                ConvergenceTest.ar1(new double[lp.length][lp[0].length], 0, 12), 0, 0);
        for (int c = 0; c < lp.length; c++) {
            double[][] s = f.chains().get(c).stats();
            for (int i = 0; i < s.length; i++) s[i][SamplerStat.LP.index()] = lp[c][i];
        }
        return f;
    }

    @Test
    void namesAChainWhoseLogDensityStayedFarBelowTheOthers() {
        // lp__ near a 4-parameter normal posterior: 257 + N(0, 1.4^2); chain 3 stuck near its start
        double[][] lp = ConvergenceTest.ar1(new double[4][500], 0.3, 13);
        for (double[] chain : lp) for (int i = 0; i < chain.length; i++) chain[i] = 257 + 1.4 * chain[i];
        assertEquals(List.of(), SamplerDiagnostics.stuckChains(withLp(lp)));
        for (int i = 0; i < 500; i++) lp[2][i] = -7.4e43 * (1 + i / 1000.0);
        Fit f = withLp(lp);
        assertEquals(List.of(3), SamplerDiagnostics.stuckChains(f));
        List<String> w = SamplerDiagnostics.warnings(f, VariableSummary.of(f, 0.89));
        assertEquals(1, w.size(), String.join("\n", w));
        assertTrue(w.get(0).startsWith("the log density (lp__) after warmup of chain 3 (median -9.246e+43) stayed far"
                + " below that of chain "), w.get(0));
        assertTrue(w.get(0).contains("--init pathfinder"), w.get(0));
        // a chain 5 sds lower in the median (a different but overlapping region) is not "stuck"
        for (int i = 0; i < 500; i++) lp[2][i] = lp[1][i] - 5 * 1.4;
        assertEquals(List.of(), SamplerDiagnostics.stuckChains(withLp(lp)));
        // two chains in a mode 50 sds lower: both named
        for (int i = 0; i < 500; i++) {
            lp[2][i] = lp[1][i] - 70;
            lp[3][i] = lp[0][i] - 70;
        }
        assertEquals(List.of(3, 4), SamplerDiagnostics.stuckChains(withLp(lp)));
    }

    @Test
    void summaryOfAFit() {
        double[][] x = ConvergenceTest.ar1(new double[4][500], 0, 7);
        Fit f = fit(x, x, 0, 0);
        VariableSummary s = VariableSummary.of(f, 0.89).get(0);
        assertEquals("theta", s.name());
        assertEquals(Convergence.mean(x), s.mean(), 0);
        double a = (1 - 0.89) / 2; // as rethinking's precis computes the bounds
        assertEquals(Convergence.quantile(x, a), s.lower(), 0);
        assertEquals(Convergence.quantile(x, 1 - a), s.upper(), 0);
        assertEquals(Convergence.essBulk(x), s.essBulk(), 0);
    }
}
