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
 * outputs chosen by {@link #select}. {@code ulam plot} writes them as PNG and SVG;
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
        Map<String, Pages> out = new LinkedHashMap<>();
        if (outputs.isEmpty()) return out;
        List<VariableSummary> rows = outputs.stream().map(summaries::get).toList();
        out.put("precis", IntervalPlot.page(rows, prob));
        List<Integer> panels = outputs.subList(0, Math.min(outputs.size(), maxPanels));
        double[] ess = summaries.stream().mapToDouble(VariableSummary::essBulk).toArray();
        List<Pages> trace = TracePlot.pages(fit, panels, ess);
        for (int i = 0; i < trace.size(); i++) out.put("trace_" + (i + 1), trace.get(i));
        if (fit.chains().size() >= 2 && fit.drawsPerChain() >= 1) {
            List<Pages> trank = TrankPlot.pages(fit, panels);
            for (int i = 0; i < trank.size(); i++) out.put("trank_" + (i + 1), trank.get(i));
        }
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
