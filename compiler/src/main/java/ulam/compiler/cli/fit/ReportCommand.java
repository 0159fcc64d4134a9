package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulam.runtime.plot.Pages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.UlamException;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.Waic;
import ulam.runtime.report.HtmlReport;

/**
 * {@code ulam report FIT [-o FILE]}: one self-contained HTML page about the fit
 * ({@link HtmlReport}): the precis table, sampler diagnostics, WAIC and PSIS-LOO (when the model
 * has a likelihood; {@code --no-criteria} leaves them out and does not recompile the model),
 * the non-centring hints after divergences, the predictive checks (the outcome simulated on the
 * fit's rows from 1,000 draws; {@code --no-ppc} leaves them out), the precis plot and one page of
 * trace and trank plots of the values with the smallest bulk ESS, the run settings and the model
 * source. Default file: {@code FIT/report.html}.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one self-contained HTML page about a fit: summary, diagnostics, WAIC/PSIS-LOO and plots.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run -o FIT).")
    Path fit;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The HTML file (default: FIT/report.html).")
    Path output;

    @Option(names = "--depth", paramLabel = "1|2|3", defaultValue = "1",
            description = "Summary depth: 1 hides vector and matrix elements, 2 matrix elements, 3 nothing (default: 1).")
    int depth;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval mass (default: 0.89).")
    double prob;

    @Option(names = "--max-panels", paramLabel = "N", defaultValue = "15",
            description = "Trace and trank panels of at most this many values, those with the smallest bulk ESS (default: 15, one page).")
    int maxPanels;

    @Option(names = "--no-ppc", description = "Leave out the predictive checks (they simulate the outcomes of the fit's rows).")
    boolean noPpc;

    @Option(names = "--no-criteria", description = "Leave out WAIC and PSIS-LOO (the model is then not recompiled).")
    boolean noCriteria;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FitCommands.checkProbAndDepth(prob, depth);
        FitOptions.positive("--max-panels", maxPanels);
        LoadedFit f = noCriteria ? null : LoadedFit.load(fit);
        Waic waic = null;
        Loo loo = null;
        if (f != null && f.model().observations() > 0) {
            waic = f.waic();
            loo = f.loo(true);
        }
        var dir = f != null ? f.fit() : ulam.runtime.fit.FitDirectory.read(fit);
        for (String n : dir.notes()) err.println("note: " + n);
        List<String> notes = new ArrayList<>();
        Map<String, Pages> ppc = noPpc || dir.totalDraws() < 1 ? Map.of() : PredictiveCheck.simulated(dir, prob, notes);
        for (String n : notes) err.println("note: " + n);
        List<String> hints = f != null ? f.model().reparameterisations() : List.of();
        Path file = output != null ? output : fit.resolve("report.html");
        dir.protectedFiles().check(file, output != null ? null : fit, "the report");
        HtmlReport.write(dir, new HtmlReport.Options(prob, depth, maxPanels, waic, loo, ppc, hints, notes), file);
        out.println("Wrote " + file);
        out.flush();
        err.flush();
        return 0;
    }
}
