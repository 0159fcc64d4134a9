package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.OutputSelection;
import ulam.runtime.output.PrecisTable;
import ulam.runtime.plot.CoeftabPlot;
import ulam.runtime.plot.Pages;

/**
 * {@code ulam coeftab FIT1 FIT2 ...}: rethinking's {@code coeftab}, the posterior means of every
 * parameter in every fit side by side: one row per parameter (in the order they first appear), one
 * column per model, {@code NA} where a model lacks the parameter, and a last row {@code nobs} (the
 * observations of each fit's likelihood). {@code --se} adds each parameter's posterior sd in a row
 * below it (rethinking's {@code se = TRUE}). {@code --plot DIR} also writes {@code coeftab.png/.svg},
 * rethinking's {@code plot(coeftab(...))}. Only the parameters (not generated quantities) are
 * listed unless {@code --pars} names others.
 */
@Command(name = "coeftab", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The posterior means of the parameters of several fits side by side (rethinking's coeftab), and its plot.")
public final class CoeftabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FIT", description = "Fit folders.")
    List<Path> fits;

    @Option(names = "--pars", paramLabel = "NAME", split = ",",
            description = "Only these outputs, in this order (a base name such as a selects a[1], a[2], ...).")
    List<String> pars = new ArrayList<>();

    @Option(names = "--depth", paramLabel = "1|2|3", defaultValue = "1",
            description = "1 leaves out vector and matrix elements (default, as every command), 2 matrix elements, 3 nothing (rethinking's coeftab shows all).")
    int depth;

    @Option(names = "--se", description = "Also give each parameter's posterior sd, in a row below its mean.")
    boolean se;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval mass of the plot (default: 0.89).")
    double prob;

    @Option(names = "--plot", paramLabel = "DIR", description = "Also write the coeftab plot, DIR/coeftab.png and .svg.")
    Path plot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FitCommands.checkProbAndDepth(prob, depth);
        List<FitDirectory> read = new ArrayList<>();
        for (Path p : fits) read.add(FitDirectory.read(p));
        List<String> models = modelNames(read);
        Set<String> rows = new LinkedHashSet<>();
        List<Map<String, VariableSummary>> byName = new ArrayList<>();
        for (FitDirectory f : read) {
            for (String n : f.notes()) err.println("note: " + n);
            List<String> names = f.manifest().outputNames();
            List<Integer> chosen;
            if (pars.isEmpty()) {
                chosen = new ArrayList<>();
                for (int i : OutputSelection.select(names, depth, List.of(), f.manifest().model())) {
                    if (i < f.manifest().parameterOutputs()) chosen.add(i);
                }
            } else {
                chosen = new ArrayList<>();
                for (String p : pars) {
                    // a name missing from one fit is NA there, not an error (unless no fit has it)
                    if (names.stream().anyMatch(n -> n.equals(p) || PrecisTable.baseName(n).equals(p))) {
                        chosen.addAll(OutputSelection.select(names, depth, List.of(p), f.manifest().model()));
                    }
                }
            }
            Map<String, VariableSummary> m = new HashMap<>();
            var fit = f.toFit();
            for (int i : chosen) {
                String n = names.get(i);
                rows.add(n);
                m.put(n, VariableSummary.of(n, fit.draws(i), prob));
            }
            byName.add(m);
        }
        if (!pars.isEmpty()) {
            for (String p : pars) {
                boolean any = rows.stream().anyMatch(n -> n.equals(p) || PrecisTable.baseName(n).equals(p));
                if (!any) {
                    throw new ulam.runtime.UlamException("--pars " + p + ": no fit has an output named '" + p + "'", null,
                            "the fits' parameters are: " + String.join(", ", rows));
                }
            }
        }
        List<String> params = new ArrayList<>(rows);
        int width = "nobs".length();
        for (String r : params) width = Math.max(width, r.length() + (se ? 4 : 0));
        int[] col = new int[models.size()];
        for (int m = 0; m < models.size(); m++) col[m] = Math.max(7, models.get(m).length());
        StringBuilder sb = new StringBuilder(" ".repeat(width));
        for (int m = 0; m < models.size(); m++) sb.append(' ').append(pad(models.get(m), col[m]));
        out.println(sb);
        for (String r : params) {
            line(out, r, width, col, byName, r, false);
            if (se) line(out, r + ".se", width, col, byName, r, true);
        }
        sb.setLength(0);
        sb.append(String.format(Locale.ROOT, "%-" + width + "s", "nobs"));
        for (int m = 0; m < models.size(); m++) sb.append(' ').append(pad(Integer.toString(read.get(m).manifest().observations()), col[m]));
        out.println(sb);
        if (plot != null) {
            List<List<VariableSummary>> cells = new ArrayList<>();
            for (Map<String, VariableSummary> m : byName) cells.add(params.stream().map(m::get).toList());
            Pages page = CoeftabPlot.page(params, models, cells, prob);
            List<Path> files = page.write(plot.resolve("coeftab"));
            out.println("Wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
        }
        out.flush();
        err.flush();
        return 0;
    }

    private static void line(PrintWriter out, String label, int width, int[] col, List<Map<String, VariableSummary>> byName,
                             String name, boolean sd) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", label));
        for (int m = 0; m < byName.size(); m++) {
            VariableSummary v = byName.get(m).get(name);
            String cell = v == null ? "NA" : PrecisTable.value(sd ? v.sd() : v.mean(), 2);
            sb.append(' ').append(pad(cell, col[m]));
        }
        out.println(sb);
    }

    private static String pad(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }

    /** Model names, or folder names where two fits share a model name (as compare names them). */
    static List<String> modelNames(List<FitDirectory> fits) {
        Set<String> seen = new HashSet<>();
        boolean clash = false;
        for (FitDirectory f : fits) clash |= !seen.add(f.manifest().model());
        List<String> out = new ArrayList<>();
        for (FitDirectory f : fits) {
            Path fn = f.dir().toAbsolutePath().normalize().getFileName();
            out.add(clash ? (fn == null ? f.dir().toString() : fn.toString()) : f.manifest().model());
        }
        return out;
    }
}
