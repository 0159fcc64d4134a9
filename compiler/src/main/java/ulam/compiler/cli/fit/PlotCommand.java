package ulam.compiler.cli.fit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import ulam.runtime.plot.PredictivePlot;

/**
 * {@code ulam plot FIT [-o DIR]}: writes the fit's plots as PNG and SVG
 * ({@link FitPlots}: {@code precis}, {@code trace_1..}, {@code trank_1..}), by default into
 * {@code FIT/plots}; with {@code --sim SIM.csv --observed NAME} also the posterior predictive
 * plot {@code ppc} of a data column against simulated outcomes (draws x cases, as {@code ulam sim}
 * writes them). Needs only the fit, not the model.
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
            description = "The data column the simulations predict (default: the --sim file's column names' common base, e.g. y for y[1], y[2], ...).")
    String observed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(prob > 0 && prob < 1)) {
            throw new UlamException("--prob must lie strictly between 0 and 1 (got " + prob + ")", null, "e.g. --prob 0.89");
        }
        if (depth < 1 || depth > 3) throw new UlamException("--depth must be 1, 2 or 3 (got " + depth + ")", null, null);
        FitOptions.positive("--max-panels", maxPanels);
        FitDirectory f = FitDirectory.read(fit);
        for (String n : f.notes()) err.println("note: " + n);
        Path dir = outputDir != null ? outputDir : fit.resolve("plots");
        List<VariableSummary> summaries = VariableSummary.of(f.toFit(), prob);
        List<Integer> outputs = FitPlots.select(f, depth, pars);
        if (outputs.size() > maxPanels) {
            err.println("note: trace and trank plots show the first " + maxPanels + " of " + outputs.size()
                    + " values; choose others with --pars, or raise --max-panels");
        }
        Map<String, Pages> pages = FitPlots.build(f, summaries, outputs, prob, maxPanels);
        if (sim != null) pages.put("ppc", predictive(f));
        else if (observed != null) throw new UlamException("--observed needs --sim", null, "give the simulations with --sim SIM.csv");
        SafeOutput guard = f.protectedFiles().input(sim, "the simulations file");
        for (String page : pages.keySet()) {
            for (String ext : List.of(".png", ".svg")) guard.check(dir.resolve(page + ext), dir, "the plot");
        }
        List<Path> files = FitPlots.write(pages, dir);
        out.println("Wrote " + files.size() + " files to " + dir + ": " + String.join(", ",
                pages.keySet().stream().map(k -> k + ".png/.svg").toList()));
        out.flush();
        err.flush();
        return 0;
    }

    private Pages predictive(FitDirectory f) {
        SimulationTable t = SimulationTable.read(sim);
        String name = observed != null ? observed : t.baseName();
        if (name == null) {
            throw new UlamException("cannot tell which data column " + sim + " simulates", null,
                    "name it with --observed NAME");
        }
        DataSet data = f.readData();
        if (!data.has(name)) {
            throw new UlamException("the fit's data have no column '" + name + "' to compare the simulations with", null,
                    "name the observed data column with --observed (an outcome computed from data, as S <- surv, is"
                            + " observed as its column, --observed surv); the data columns are: "
                            + String.join(", ", data.names()));
        }
        double[] y = data.reals(name, null);
        if (y.length != t.cases()) {
            throw new UlamException(sim + " has " + t.cases() + " cases, but '" + name + "' has " + y.length + " values",
                    null, "simulate the fit's own data rows (ulam sim FIT without --data)");
        }
        return PredictivePlot.page(y, t.values(), prob, name);
    }

    /** Draws x cases, read from a CSV with a header (# comment lines allowed). */
    record SimulationTable(List<String> columns, double[][] values) {
        int cases() {
            return columns.size();
        }

        /** The common base name of columns like {@code S[1]} or {@code S.1}, or null. */
        String baseName() {
            String base = null;
            for (String c : columns) {
                int b = c.indexOf('[');
                if (b < 0) b = c.indexOf('.');
                String n = b < 0 ? c : c.substring(0, b);
                if (base == null) base = n;
                else if (!base.equals(n)) return null;
            }
            return base;
        }

        static SimulationTable read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                throw new UlamException("cannot read the simulations " + file + ": " + e.getMessage(), null,
                        "give the CSV that ulam sim wrote");
            }
            if (lines.size() < 2) throw new UlamException(file + " has no simulated draws", null, null);
            List<String> cols = List.of(lines.get(0).replace("\"", "").split(","));
            double[][] v = new double[lines.size() - 1][];
            for (int r = 1; r < lines.size(); r++) {
                String[] f = lines.get(r).split(",");
                if (f.length != cols.size()) {
                    throw new UlamException(file + " line " + (r + 1) + " has " + f.length + " fields, not " + cols.size(),
                            null, null);
                }
                v[r - 1] = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    try {
                        v[r - 1][i] = Double.parseDouble(f[i].trim());
                    } catch (NumberFormatException e) {
                        throw new UlamException(file + " line " + (r + 1) + ": '" + f[i] + "' is not a number", null, null);
                    }
                }
            }
            return new SimulationTable(cols, v);
        }
    }
}
