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
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.cli.Seeds;
import ulam.runtime.output.CsvNumbers;
import ulam.runtime.output.SafeOutput;
import ulam.runtime.output.PrecisTable;

/**
 * What {@code ulam link} and {@code ulam sim} share: the options of a prediction
 * ({@link Predictor}), the CSV of draws x cases they write, and the summary per case (mean, sd
 * and the {@code --prob} interval of type-7 quantiles) they print.
 */
abstract class PredictCommand implements Callable<Integer> {
    /** Cases printed in full; the rest are in the CSV. */
    private static final int SHOWN = 40;
    /** Width of the label column (wider in the {@code --by} table when its labels are longer). */
    private static final int LABEL = 14;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run -o FIT).")
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

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the random draws (default: random, printed so the predictions can be repeated).")
    Long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the draws x cases CSV (default: FIT/<command>.csv).")
    Path out;

    /** The old spelling of {@code --output}, still accepted (not listed in the help). */
    @Option(names = "--out", paramLabel = "FILE", hidden = true)
    void outAlias(Path file) {
        this.out = file;
    }

    @Option(names = "--prob", paramLabel = "P", defaultValue = "0.89", description = "Interval width (default 0.89).")
    double prob;

    @Option(names = "--by", paramLabel = "COLUMN",
            description = "Also summarise, per draw, the average over the cases of each value of this data column"
                    + " (e.g. a scenario column), and each value's difference from the first value (paired by draw).")
    String by;

    @Option(names = "--var", paramLabel = "NAME",
            description = "The variable --by averages (default: the first one reported, e.g. p or the outcome).")
    String var;

    /** The command's name, for the default file name and messages. */
    abstract String name();

    /** The part of the predictions this command reports. */
    abstract Predictor.Table table(Predictor.Result r);

    /** Whether this command reports simulated outcomes (so the outcomes must be drawn). */
    abstract boolean simulates();

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
        if (n < 0) throw new UlamException("--n must be at least 1 (got " + n + ")", null, "leave it out to use every draw");
        FitDirectory f = FitDirectory.read(fit);
        for (String note : f.notes()) err.println(ulam.runtime.Notes.line(note));
        Path file = out != null ? out : fit.resolve(name() + ".csv");
        SafeOutput guard = f.protectedFiles();
        for (Path d : data) guard.input(d, "a data file");
        guard.check(file, out != null ? null : fit, "the " + name() + " output");
        long s = seed != null ? seed : Seeds.random();
        Predictor.Result r = Predictor.predict(f, new Predictor.Request(data, values, newGroups, n, s, simulates()));
        for (String note : r.notes()) err.println(ulam.runtime.Notes.line(note));
        for (String w : r.warnings()) err.println("warning: " + w);
        Predictor.Table t = table(r);
        if (t.names().length == 0) throw new UlamException("the model has nothing for " + name() + " to report", null, empty());
        o.printf(Locale.ROOT, "%s of %s: %d draws, %s%n", name(), f.manifest().model(), t.values().length,
                Seeds.describe(s, seed != null));
        write(t, file);
        summary(t, o);
        o.printf(Locale.ROOT, "%d draws x %d cases written to %s%n", t.values().length, t.names().length, file);
        if (by != null) groups(t, f, o);
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
            throw new UlamException("cannot write " + file + ": " + e.getMessage(), null, "choose another file with -o");
        }
    }

    private void summary(Predictor.Table t, PrintWriter o) {
        header(o, "", LABEL);
        int shown = Math.min(SHOWN, t.names().length);
        for (int c = 0; c < shown; c++) {
            double[] x = new double[t.values().length];
            for (int s = 0; s < x.length; s++) x[s] = t.values()[s][c];
            row(o, t.names()[c], x, LABEL);
        }
        if (shown < t.names().length) o.printf(Locale.ROOT, "... %d more cases in the CSV%n", t.names().length - shown);
    }

    private void header(PrintWriter o, String first, int width) {
        header(o, first, width, false);
    }

    /** The header; with {@code probabilities} also the columns P(>0) and P(<0) of the differences. */
    private void header(PrintWriter o, String first, int width, boolean probabilities) {
        double lo = (1 - prob) / 2;
        o.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s" + (probabilities ? " %7s %7s" : "") + "%n", first, "mean", "sd",
                PrecisTable.percentLabel(lo), PrecisTable.percentLabel(1 - lo), "P(>0)", "P(<0)");
    }

    /** One line: mean, sd and the interval of draws {@code x}, after a label padded to {@code width}. */
    private void row(PrintWriter o, String label, double[] x, int width) {
        row(o, label, x, width, false);
    }

    /** One line; with {@code probabilities} also the shares of draws above and below 0 (brms hypothesis's Post.Prob). */
    private void row(PrintWriter o, String label, double[] x, int width, boolean probabilities) {
        double lo = (1 - prob) / 2;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        double sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : Double.NaN;
        double[] q = Convergence.quantiles(new double[][] {x}, lo, 1 - lo);
        int above = 0;
        int below = 0;
        for (double v : x) {
            if (v > 0) above++;
            else if (v < 0) below++;
        }
        String p = probabilities ? String.format(Locale.ROOT, " %7.3f %7.3f", (double) above / x.length, (double) below / x.length) : "";
        o.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s%s%n", label, PrecisTable.value(mean, 2), PrecisTable.value(sd, 2),
                PrecisTable.value(q[0], 2), PrecisTable.value(q[1], 2), p);
    }

    /** The {@code --by} table: per value of the column, the per-draw average of {@code --var} over its cases. */
    private void groups(Predictor.Table t, FitDirectory f, PrintWriter o) {
        DataSet d = data.isEmpty() && values.isEmpty() ? f.readData() : DataSet.read(data, values);
        if (!d.has(by)) {
            throw new UlamException("--by " + by + ": the data have no column '" + by + "'", null, "the data have: " + String.join(", ", d.names()));
        }
        String[] level = d.strings(by, null);
        String v = var != null ? var : PrecisTable.baseName(t.names()[0]);
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < t.names().length; c++) if (PrecisTable.baseName(t.names()[c]).equals(v)) cols.add(c);
        if (cols.isEmpty()) {
            throw new UlamException("--var " + v + ": " + name() + " reports no variable '" + v + "'", null, null);
        }
        if (cols.size() != level.length) {
            throw new UlamException("--by " + by + ": '" + v + "' has " + cols.size() + " cases but '" + by + "' has " + level.length
                    + " rows", null, "--by needs a column of the data whose rows are the cases of " + v);
        }
        Map<String, List<Integer>> byLevel = new LinkedHashMap<>();
        for (int i = 0; i < level.length; i++) byLevel.computeIfAbsent(level[i], k -> new ArrayList<>()).add(cols.get(i));
        int draws = t.values().length;
        Map<String, double[]> avg = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : byLevel.entrySet()) {
            double[] a = new double[draws];
            for (int s = 0; s < draws; s++) {
                double sum = 0;
                for (int c : e.getValue()) sum += t.values()[s][c];
                a[s] = sum / e.getValue().size();
            }
            avg.put(e.getKey(), a);
        }
        o.println();
        o.printf(Locale.ROOT, "average of %s over the cases of each %s, per draw:%n", v, by);
        String firstLevel = avg.keySet().iterator().next();
        int width = Math.max(LABEL, by.length());
        for (String key : avg.keySet()) width = Math.max(width, (key + " - " + firstLevel).length());
        header(o, by, width, avg.size() > 1);
        for (Map.Entry<String, double[]> e : avg.entrySet()) row(o, e.getKey(), e.getValue(), width);
        for (Map.Entry<String, double[]> e : avg.entrySet()) {
            if (e.getKey().equals(firstLevel)) continue;
            double[] diff = new double[draws];
            for (int s = 0; s < draws; s++) diff[s] = e.getValue()[s] - avg.get(firstLevel)[s];
            row(o, e.getKey() + " - " + firstLevel, diff, width, true);
        }
    }
}
