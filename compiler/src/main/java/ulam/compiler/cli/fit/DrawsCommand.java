package ulam.compiler.cli.fit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.DrawsTable;
import ulam.runtime.output.OutputSelection;

/**
 * {@code ulam draws FIT}: the posterior draws as one table, as R's {@code posterior::as_draws_df}
 * (and rethinking's {@code extract.samples}) give them: one row per post-warmup draw, a column per
 * output ({@code lp__}, the constrained parameters and the generated quantities, named as the
 * model names them: {@code a[1]}, {@code b[1,2]}), then {@code .chain}, {@code .iteration} and
 * {@code .draw}. CSV (default) or JSON ({@code --format json}: an array of one object per draw);
 * {@code --zarr DIR} writes ArviZ's InferenceData instead ({@link ZarrExport}).
 */
@Command(name = "draws", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a fit's posterior draws as one table (CSV or JSON, as posterior's as_draws_df), or as ArviZ InferenceData (Zarr).")
public final class DrawsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run --output-dir FIT, or fits/<model>-<time>).")
    Path fit;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The file to write (default: FIT/draws.csv or FIT/draws.json); - writes to standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "csv|json", defaultValue = "csv", description = "csv (default) or json.")
    String format;

    @Option(names = "--pars", paramLabel = "NAME", split = ",",
            description = "Only these outputs, in this order (a base name such as a selects a[1], a[2], ...); lp__ and the"
                    + " .chain/.iteration/.draw columns are always written.")
    List<String> pars = new ArrayList<>();

    @Option(names = "--zarr", paramLabel = "DIR",
            description = "Write ArviZ InferenceData as a Zarr store in DIR instead (posterior, sample_stats, log_likelihood,"
                    + " posterior_predictive, observed_data; Python: arviz.InferenceData.from_zarr(DIR)).")
    Path zarr;

    @Option(names = "--warmup", description = "Also write the warmup draws (their .iteration counts from 1 at the first warmup iteration).")
    boolean warmup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("csv") && !fmt.equals("json")) {
            throw new UlamException("unknown --format '" + format + "'", null, "use --format csv or --format json");
        }
        if (zarr != null) {
            if (!pars.isEmpty() || warmup || output != null) {
                throw new UlamException("--zarr writes the whole fit (post-warmup draws) to its own folder", null,
                        "leave out --pars, --warmup and -o with --zarr");
            }
            List<String> notes = new ArrayList<>();
            List<String> groups = ZarrExport.write(fit, zarr, notes);
            for (String n : notes) err.println("note: " + n);
            out.println("InferenceData (" + String.join(", ", groups) + ") written to " + zarr
                    + " (Python: arviz.InferenceData.from_zarr(\"" + zarr + "\"))");
            out.flush();
            err.flush();
            return 0;
        }
        FitDirectory f = FitDirectory.read(fit);
        for (String n : f.notes()) err.println("note: " + n);
        List<String> names = f.manifest().outputNames();
        List<Integer> columns = new ArrayList<>();
        if (pars.isEmpty()) for (int i = 0; i < names.size(); i++) columns.add(i);
        else columns.addAll(OutputSelection.select(names, 3, pars, f.manifest().model()));
        DrawsTable table = DrawsTable.of(f, columns, warmup);
        boolean stdout = output != null && output.toString().equals("-");
        Path file = output != null ? output : fit.resolve("draws." + fmt);
        try {
            if (stdout) {
                write(table, out, fmt);
            } else {
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    write(table, w, fmt);
                }
            }
        } catch (IOException e) {
            throw new UlamException("cannot write " + file + ": " + e.getMessage(), null, "choose another file with -o");
        }
        if (!stdout) {
            out.printf(Locale.ROOT, "%d draws x %d variables (and .chain, .iteration, .draw) written to %s%n", table.rows(),
                    table.variables().size(), file);
        }
        out.flush();
        err.flush();
        return 0;
    }

    private static void write(DrawsTable table, Writer w, String fmt) throws IOException {
        if (fmt.equals("csv")) table.writeCsv(w);
        else table.writeJson(w);
        w.flush();
    }
}
