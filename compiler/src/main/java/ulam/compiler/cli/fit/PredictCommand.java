package ulam.compiler.cli.fit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ulam.compiler.predict.Predictor;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.CsvNumbers;
import ulam.runtime.output.PrecisTable;

/**
 * What {@code ulam link} and {@code ulam sim} share: the options of a prediction
 * ({@link Predictor}), the CSV of draws x cases they write, and the summary per case (mean, sd
 * and the {@code --prob} interval of type-7 quantiles) they print.
 */
abstract class PredictCommand implements Callable<Integer> {
    /** Cases printed in full; the rest are in the CSV. */
    private static final int SHOWN = 40;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run --output-dir FIT).")
    Path fit;

    @Option(names = "--data", paramLabel = "FILE",
            description = "New data (.csv or .json, repeatable): predict for these cases instead of the fit's own rows.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--data-value", paramLabel = "NAME=VALUE", description = "A scalar of the new data (repeatable).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--new-groups", paramLabel = "INDEX", split = ",",
            description = "Indices whose values in the new data are groups the fit has not seen (e.g. actor): their varying"
                    + " effects are drawn from the population at every draw.")
    List<String> newGroups = new ArrayList<>();

    @Option(names = "--n", paramLabel = "N", defaultValue = "0",
            description = "Use N posterior draws, evenly spaced over the chains (default: every draw).")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the random draws (default 1).")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write the draws x cases CSV (default: FIT/<command>.csv).")
    Path out;

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval width (default 0.89).")
    double prob;

    /** The command's name, for the default file name and messages. */
    abstract String name();

    /** The part of the predictions this command reports. */
    abstract Predictor.Table table(Predictor.Result r);

    /** What the table holds when it has no columns, as a hint. */
    abstract String empty();

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(prob > 0 && prob < 1)) throw new UlamException("--prob must lie between 0 and 1", null, "e.g. --prob 0.89");
        if (!newGroups.isEmpty() && data.isEmpty()) {
            throw new UlamException("--new-groups needs new data", null,
                    "give the cases to predict with --data NEW.csv; their values of " + String.join(", ", newGroups) + " are the new groups");
        }
        FitDirectory f = FitDirectory.read(fit);
        Predictor.Result r = Predictor.predict(f, new Predictor.Request(data, values, newGroups, n, seed));
        for (String note : r.notes()) err.println("note: " + note);
        Predictor.Table t = table(r);
        if (t.names().length == 0) throw new UlamException("the model has nothing for " + name() + " to report", null, empty());
        Path file = out != null ? out : fit.resolve(name() + ".csv");
        write(t, file);
        summary(t, o);
        o.printf(Locale.ROOT, "%d draws x %d cases written to %s%n", t.values().length, t.names().length, file);
        o.flush();
        err.flush();
        return 0;
    }

    private static void write(Predictor.Table t, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", t.names()));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (double[] row : t.values()) {
                sb.setLength(0);
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) sb.append(',');
                    CsvNumbers.append(sb, row[c]);
                }
                w.write(sb.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UlamException("cannot write " + file + ": " + e.getMessage(), null, "choose another file with --out");
        }
    }

    private void summary(Predictor.Table t, PrintWriter o) {
        double lo = (1 - prob) / 2;
        String loLabel = PrecisTable.percentLabel(lo);
        String hiLabel = PrecisTable.percentLabel(1 - lo);
        o.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", "", "mean", "sd", loLabel, hiLabel);
        int shown = Math.min(SHOWN, t.names().length);
        for (int c = 0; c < shown; c++) {
            double[] x = new double[t.values().length];
            for (int s = 0; s < x.length; s++) x[s] = t.values()[s][c];
            double mean = 0;
            for (double v : x) mean += v;
            mean /= x.length;
            double ss = 0;
            for (double v : x) ss += (v - mean) * (v - mean);
            double sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : Double.NaN;
            double[] q = Convergence.quantiles(new double[][] {x}, lo, 1 - lo);
            o.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", t.names()[c], PrecisTable.fixed(mean, 2), PrecisTable.fixed(sd, 2),
                    PrecisTable.fixed(q[0], 2), PrecisTable.fixed(q[1], 2));
        }
        if (shown < t.names().length) o.printf(Locale.ROOT, "... %d more cases in the CSV%n", t.names().length - shown);
    }
}
