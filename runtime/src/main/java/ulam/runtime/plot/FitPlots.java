package ulam.runtime.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.OutputSelection;

/**
 * Every plot of a fit: trace pages ({@code trace_1}, ...), trank pages ({@code trank_1}, ...,
 * when there are two or more chains) and the precis interval plot ({@code precis}), for the
 * outputs chosen by {@link #select}; and on request the predictive checks ({@link #predictive})
 * and the pairs plot ({@link PairsPlot}). {@code ulam plot} writes them as PNG and SVG;
 * {@code ulam report} embeds them.
 */
public final class FitPlots {
    /** At most this many panels of traces (and of tranks) by default: 4 pages. */
    public static final int MAX_PANELS = 4 * Pages.COLUMNS * Pages.ROWS;

    private FitPlots() {
    }

    /**
     * The outputs to plot: {@link OutputSelection#select} (those a precis table shows at this
     * depth, or those named in {@code pars}, in the order given; a base name such as {@code a}
     * selects every element {@code a[i]}).
     *
     * @param fit   the fit
     * @param depth 1, 2 or 3
     * @param pars  names to keep, or empty for all
     * @return output indices
     * @throws UlamException if a name in {@code pars} matches no output
     */
    public static List<Integer> select(FitDirectory fit, int depth, List<String> pars) {
        return OutputSelection.select(fit.manifest().outputNames(), depth, pars, fit.manifest().model());
    }

    /**
     * The plots.
     *
     * @param fit       the fit
     * @param summaries {@code VariableSummary.of(fit.toFit(), prob)}: one per output, in output order
     * @param outputs   the outputs to plot ({@link #select}); at most {@code maxPanels} get trace and trank panels
     * @param prob      interval mass of the precis plot (as the summaries)
     * @param maxPanels cap on trace and trank panels
     * @return name to page, in the order {@code precis}, {@code trace_1..}, {@code trank_1..}
     */
    public static Map<String, Pages> build(FitDirectory fit, List<VariableSummary> summaries, List<Integer> outputs,
                                           double prob, int maxPanels) {
        return build(fit, summaries, outputs, prob, maxPanels, true);
    }

    /**
     * As {@link #build(FitDirectory, List, List, double, int)}, choosing whether trace plots show
     * the warmup iterations.
     *
     * @param warmup whether trace plots draw the warmup (shaded)
     */
    public static Map<String, Pages> build(FitDirectory fit, List<VariableSummary> summaries, List<Integer> outputs,
                                           double prob, int maxPanels, boolean warmup) {
        Map<String, Pages> out = new LinkedHashMap<>();
        if (outputs.isEmpty()) return out;
        List<VariableSummary> rows = outputs.stream().map(summaries::get).toList();
        out.put("precis", IntervalPlot.page(rows, prob));
        List<Integer> panels = outputs.subList(0, Math.min(outputs.size(), maxPanels));
        double[] ess = summaries.stream().mapToDouble(VariableSummary::essBulk).toArray();
        List<Pages> trace = TracePlot.pages(fit, panels, ess, warmup);
        for (int i = 0; i < trace.size(); i++) out.put("trace_" + (i + 1), trace.get(i));
        if (fit.chains().size() >= 2 && fit.drawsPerChain() >= 1) {
            List<Pages> trank = TrankPlot.pages(fit, panels, ess);
            for (int i = 0; i < trank.size(); i++) out.put("trank_" + (i + 1), trank.get(i));
        }
        return out;
    }

    /**
     * The outputs sorted by bulk ESS, smallest first (undefined ESS last, then output order): the
     * values most worth a look come first, for a report that shows one page of traces.
     *
     * @param summaries one per output, in output order
     * @param outputs   output indices
     * @return the same indices, reordered
     */
    public static List<Integer> smallestEssFirst(List<VariableSummary> summaries, List<Integer> outputs) {
        List<Integer> out = new ArrayList<>(outputs);
        out.sort((a, b) -> {
            double ea = summaries.get(a).essBulk();
            double eb = summaries.get(b).essBulk();
            if (Double.isNaN(ea) != Double.isNaN(eb)) return Double.isNaN(ea) ? 1 : -1;
            int c = Double.compare(ea, eb);
            return c != 0 ? c : Integer.compare(a, b);
        });
        return out;
    }

    /**
     * The predictive checks of an outcome: {@code ppc} (observed against the simulated mean and
     * interval per case, {@link PredictivePlot}) and {@code ppc_dens} (density overlay,
     * {@link DensityOverlayPlot}).
     *
     * @param observed  {@code double[N]} observed outcomes
     * @param simulated {@code double[S][N]}
     * @param prob      interval mass
     * @param name      the outcome's name
     * @param prior     whether the simulations come from the prior (titles say "prior predictive")
     * @return the two pages, in that order
     */
    public static Map<String, Pages> predictive(double[] observed, double[][] simulated, double prob, String name, boolean prior) {
        String kind = prior ? "Prior" : "Posterior";
        Map<String, Pages> out = new LinkedHashMap<>();
        out.put("ppc", PredictivePlot.page(observed, simulated, prob, kind + " predictive check: " + name, name));
        out.put("ppc_dens", DensityOverlayPlot.page(observed, simulated, kind + " predictive density: " + name, name));
        return out;
    }

    /**
     * Writes each page as {@code dir/<name>.png} and {@code dir/<name>.svg}.
     *
     * @param pages name to page
     * @param dir   output folder (created if missing)
     * @return the files written, in order
     * @throws UlamException if a file cannot be written
     */
    public static List<Path> write(Map<String, Pages> pages, Path dir) {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, Pages> e : pages.entrySet()) files.addAll(e.getValue().write(dir.resolve(e.getKey())));
        return files;
    }
}
