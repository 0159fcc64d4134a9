package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.SafeOutput;
import ulam.runtime.plot.FitPlots;
import ulam.runtime.plot.Pages;
import ulam.runtime.plot.PairsPlot;
import ulam.runtime.output.NonFiniteDraws;

/**
 * {@code ulam plot FIT [-o DIR]}: writes the fit's plots as PNG and SVG
 * ({@link FitPlots}: {@code precis}, {@code trace_1..}, {@code trank_1..}), by default into
 * {@code FIT/plots}; with {@code --sim SIM.csv [--observed NAME]} only the predictive checks
 * {@code ppc} and {@code ppc_dens} of a data column against simulated outcomes (draws x cases, as
 * {@code ulam sim} writes them); with {@code --pairs a,b,...} only the pairs plot {@code pairs}.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a fit's trace, trank and precis interval plots (PNG and SVG), and a posterior predictive plot.")
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run -o FIT).")
    Path fit;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the plots (default: FIT/plots).")
    Path outputDir;

    /** The old spelling of {@code --output}, still accepted (not listed in the help). */
    @Option(names = "--output-dir", paramLabel = "DIR", hidden = true)
    void outputDirAlias(Path dir) {
        this.outputDir = dir;
    }

    @Option(names = "--depth", paramLabel = "1|2|3", defaultValue = "1",
            description = "1 leaves out vector and matrix elements, 2 matrix elements, 3 nothing (default: 1, as precis).")
    int depth;

    @Option(names = "--pars", paramLabel = "NAME", split = ",",
            description = "Only these outputs (a base name such as a selects a[1], a[2], ...).")
    List<String> pars = new ArrayList<>();

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval mass (default: 0.89).")
    double prob;

    @Option(names = "--max-panels", paramLabel = "N", defaultValue = "60",
            description = "At most this many trace and trank panels (default: 60, four pages of 3 x 5).")
    int maxPanels;

    @Option(names = "--sim", paramLabel = "SIM.csv",
            description = "Simulated outcomes, one row per draw and one column per case (ulam sim's CSV), for the posterior predictive plot.")
    Path sim;

    @Option(names = "--observed", paramLabel = "NAME",
            description = "The data column the simulations predict (default: the --sim file's columns' common base, e.g. y for y[1], y[2], ..., or the column it copies: surv for S <- surv).")
    String observed;

    @Option(names = "--pairs", paramLabel = "NAME", split = ",",
            description = "Draw only the pairs plot of these values (2 to 10; a base name stands for all its elements), divergent transitions in red.")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--no-warmup", description = "Leave the warmup iterations out of the trace plots (by default they are drawn, shaded).")
    boolean noWarmup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FitCommands.checkProbAndDepth(prob, depth);
        if (observed != null && sim == null) throw new UlamException("--observed needs --sim", null, "give the simulations with --sim SIM.csv");
        if (sim != null && !pairs.isEmpty()) {
            throw new UlamException("--sim and --pairs draw different plots", null, "run ulam plot once for each");
        }
        FitOptions.positive("--max-panels", maxPanels);
        FitDirectory f = FitDirectory.read(fit);
        for (String n : f.notes()) err.println("note: " + n);
        Path dir = outputDir != null ? outputDir : fit.resolve("plots");
        Map<String, Pages> pages = new LinkedHashMap<>();
        if (sim != null) {
            pages.putAll(predictive(f));   // --sim: only the predictive checks
        } else if (!pairs.isEmpty()) {
            pages.put("pairs", PairsPlot.page(f, FitPlots.select(f, 3, pairs)));
        } else {
            List<VariableSummary> summaries = VariableSummary.of(f.toFit(), prob);
            List<Integer> outputs = FitPlots.select(f, depth, pars);
            if (outputs.size() > maxPanels) {
                err.println("note: trace and trank plots show the first " + maxPanels + " of " + outputs.size()
                        + " values; choose others with --pars, or raise --max-panels");
            }
            pages.putAll(FitPlots.build(f, summaries, outputs, prob, maxPanels, !noWarmup));
            String nonFinite = NonFiniteDraws.of(f.toFit()).warning();
            if (nonFinite != null) err.println("warning: " + nonFinite);
        }
        SafeOutput guard = f.protectedFiles().input(sim, "the simulations file");
        for (Map.Entry<String, Pages> page : pages.entrySet()) {
            for (String ext : page.getValue().vector() ? List.of(".png", ".svg") : List.of(".png")) {
                guard.check(dir.resolve(page.getKey() + ext), dir, "the plot");
            }
        }
        List<Path> files = FitPlots.write(pages, dir);
        out.println("Wrote " + files.size() + " files to " + dir + ": " + String.join(", ",
                pages.entrySet().stream().map(e -> e.getKey() + (e.getValue().vector() ? ".png/.svg" : ".png")).toList()));
        out.flush();
        err.flush();
        return 0;
    }

    private Map<String, Pages> predictive(FitDirectory f) {
        DrawsCsv t = DrawsCsv.read(sim);
        String base = observed != null ? observed : t.baseName();
        if (base == null) {
            throw new UlamException("cannot tell which data column " + sim + " simulates", null,
                    "name it with --observed NAME");
        }
        DataSet data = f.readData();
        String name = observed != null ? observed : PredictiveCheck.observedColumn(f, base, data);
        if (name == null || !data.has(name)) {
            name = base;
            throw new UlamException("the fit's data have no column '" + name + "' to compare the simulations with", null,
                    "name the observed data column with --observed (an outcome computed from data, as S <- surv, is"
                            + " observed as its column, --observed surv); the data columns are: "
                            + String.join(", ", data.names()));
        }
        double[] y = PredictiveCheck.observed(data, name, t.cases(), sim.toString());
        return FitPlots.predictive(y, t.values(), prob, name, f.manifest().priorOnly());
    }
}
