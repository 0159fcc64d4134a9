package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.diagnostics.SamplerDiagnostics;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.NonFiniteDraws;
import ulam.runtime.output.PrecisTable;
import ulam.runtime.sampler.Fit;

/**
 * {@code ulam precis FIT} (alias {@code summary}): the table {@code ulam run} printed, computed
 * again from the saved draws (rethinking's {@code precis}, language reference 8.1), with
 * {@code --depth}, {@code --prob} and {@code --pars} (in the order given), then the run's warnings
 * (divergences, tree depth, E-BFMI, R-hat, ESS, non-finite draws). Needs only the fit folder.
 */
@Command(name = "precis", aliases = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The precis table of a saved fit (mean sd 5.5%% 94.5%% rhat ess_bulk) and its warnings.")
public final class PrecisCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run --output-dir FIT, or fits/<model>-<time>).")
    Path fit;

    @Option(names = "--depth", paramLabel = "1|2|3", defaultValue = "1",
            description = "1 hides vector and matrix elements, 2 hides matrix elements, 3 shows all (default: 1, as run).")
    int depth;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval mass (default: 0.89).")
    double prob;

    @Option(names = "--pars", paramLabel = "NAME", split = ",",
            description = "Only these outputs, in this order (a base name such as a selects a[1], a[2], ...).")
    List<String> pars = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FitCommands.checkProbAndDepth(prob, depth);
        FitDirectory f = FitDirectory.read(fit);
        for (String n : f.notes()) err.println("note: " + n);
        Fit draws = f.toFit();
        List<VariableSummary> summaries = VariableSummary.of(draws, prob);
        out.print(PrecisTable.format(PrecisTable.selected(summaries, depth, pars, f.manifest().model()),
                pars.isEmpty() ? depth : 3, prob));
        out.flush();
        List<VariableSummary> shown = summaries.stream().filter(s -> PrecisTable.isShown(s.name())).toList();
        for (String w : SamplerDiagnostics.warnings(draws, shown)) err.println("warning: " + w);
        String nonFinite = NonFiniteDraws.of(draws).warning();
        if (nonFinite != null) err.println("warning: " + nonFinite);
        err.flush();
        return 0;
    }
}
