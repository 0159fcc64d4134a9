package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.PrecisTable;

/**
 * {@code ulam contrast FIT 'b[1,2] - b[1,1]' ...}: the posterior of a function of the outputs,
 * computed draw by draw (so it keeps their correlation), as brms's {@code hypothesis}: its mean,
 * sd, {@code --prob} interval (type-7 quantiles), and the posterior probabilities that it is above
 * and below 0 (the share of draws). The source is a fit folder (names are the outputs) or a CSV
 * of draws with a header ({@code ulam link}/{@code sim}'s {@code draws x cases}, {@code ulam draws}'s
 * table), whose columns are the names ({@code p[1] - p[2]}). Expressions: {@link ContrastExpression}.
 */
@Command(name = "contrast", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The posterior of a difference (or any expression) of a fit's outputs, draw by draw: mean, sd, interval, P(>0), P(<0).")
public final class ContrastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT|DRAWS.csv",
            description = "A fit folder, or a CSV of draws (ulam link, sim or draws writes them).")
    Path source;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "EXPR",
            description = "Expressions of output names, e.g. 'b[1,2] - b[1,1]' or 'inv_logit(a[1]) - inv_logit(a[2])'.")
    List<String> expressions;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval mass (default: 0.89).")
    double prob;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FitCommands.checkProbAndDepth(prob, 1);
        List<String> names;
        double[][] draws;
        if (Files.isDirectory(source)) {
            FitDirectory f = FitDirectory.read(source);
            for (String n : f.notes()) err.println("note: " + n);
            names = f.manifest().outputNames();
            draws = f.draws();
        } else {
            DrawsCsv t = DrawsCsv.read(source);
            names = t.columns();
            draws = t.values();
        }
        if (draws.length == 0) throw new UlamException(source + " has no draws", null, "run the model and let it finish");
        List<String> spaced = names.stream().map(n -> n.replace(" ", "")).toList();
        List<ContrastExpression> parsed = new ArrayList<>();
        for (String e : expressions) parsed.add(ContrastExpression.parse(e, spaced::indexOf, names));

        double lo = (1 - prob) / 2;
        int width = "contrast".length();
        for (String e : expressions) width = Math.max(width, e.length());
        out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s %7s %7s%n", "contrast", "mean", "sd",
                PrecisTable.percentLabel(lo), PrecisTable.percentLabel(1 - lo), "P(>0)", "P(<0)");
        for (ContrastExpression e : parsed) {
            double[] x = new double[draws.length];
            int above = 0;
            int below = 0;
            int nonFinite = 0;
            for (int s = 0; s < draws.length; s++) {
                x[s] = e.eval(draws[s]);
                if (x[s] > 0) above++;
                else if (x[s] < 0) below++;
                if (!Double.isFinite(x[s])) nonFinite++;
            }
            double[][] m = {x};
            double[] q = Convergence.quantiles(m, lo, 1 - lo);
            out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s %7.3f %7.3f%n", e.text(),
                    PrecisTable.value(Convergence.mean(m), 2), PrecisTable.value(Convergence.sd(m), 2),
                    PrecisTable.value(q[0], 2), PrecisTable.value(q[1], 2), (double) above / x.length, (double) below / x.length);
            if (nonFinite > 0) {
                err.printf(Locale.ROOT, "warning: '%s' is not finite at %d of %d draws (NaN or Inf): its summary is Inf or NaN%n",
                        e.text(), nonFinite, x.length);
            }
        }
        out.printf(Locale.ROOT, "%d draws; P(>0) and P(<0) are the shares of draws above and below 0%n", draws.length);
        out.flush();
        err.flush();
        return 0;
    }
}
