package ulam.compiler.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.approx.ApproxDraws;
import ulam.runtime.approx.Lbfgs;
import ulam.runtime.approx.QuadraticApproximation;
import ulam.runtime.data.DataSet;
import ulam.runtime.cli.Seeds;
import ulam.runtime.fit.FitFolder;
import ulam.runtime.output.PrecisTable;

/**
 * {@code ulam quap MODEL.ulam --data FILE}: rethinking's {@code quap} (the quadratic
 * approximation: the mode by L-BFGS from the {@code start=list(...)} values, the covariance from
 * the Hessian there, both on the parameters' own scale without Jacobian), or with
 * {@code --laplace} Stan's Laplace approximation on the unconstrained scale
 * ({@link QuadraticApproximation}). Prints the {@code precis} table as rethinking prints it for a
 * quap fit ({@code mean sd 5.5% 94.5%}, the mean being the mode), and with {@code -o DIR}
 * saves the normal draws as a fit. {@code ulam run} on a model whose wrapper is {@code quap(...)}
 * comes here too.
 */
@Command(name = "quap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Quadratic approximation of the posterior (rethinking's quap): mode, covariance, normal draws.")
public final class QuapCommand implements Callable<Integer> {
    /** Draws by default: rethinking's extract.samples(n = 1e4). */
    static final int DEFAULT_DRAWS = 10_000;

    @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
    Path model;

    @Mixin
    ApproxOptions options = new ApproxOptions();

    @Option(names = "--laplace", description = "Stan's Laplace approximation instead: mode and Hessian of the"
            + " unconstrained log density with the Jacobian, draws mapped back (constrained parameters stay in bounds).")
    boolean laplace;

    @Option(names = "--draws", paramLabel = "N", defaultValue = "10000",
            description = "Normal draws saved and summarised (default: 10000, as rethinking's extract.samples).")
    int draws = DEFAULT_DRAWS;

    @Option(names = "--vcov", description = "Also print the covariance matrix of the parameters (rethinking's vcov).")
    boolean vcov;

    @Override
    public Integer call() {
        DataSet data = options.data.read();
        Source source = Source.read(model);
        Compiler.Compiled c = Compiler.compile(source, data == null ? null : Compiler.schema(data));
        options.sourceFile = model.toString();
        return run(c, data == null ? DataSet.empty() : data, options, laplace, draws, vcov, Main.Streams.out,
                Main.Streams.err);
    }

    /**
     * Fits and prints the approximation of a compiled model.
     *
     * @param c       the compiled model
     * @param data    its data
     * @param o       the options
     * @param laplace Stan's Laplace approximation instead of quap
     * @param count   number of draws
     * @param vcov    whether to print the covariance
     * @param out     standard output (table)
     * @param err     standard error (notes)
     * @return 0
     * @throws ulam.runtime.UlamException for bad options, start values or a Hessian that cannot be inverted
     */
    static int run(Compiler.Compiled c, DataSet data, ApproxOptions o, boolean laplace, int count, boolean vcov,
                   PrintStream out, PrintStream err) {
        o.validate();
        if (count < 1) throw new ulam.runtime.UlamException("--draws must be at least 1 (got " + count + ")", null, null);
        try (FitFolder claim = o.claimOutput(err)) {
            return approximateAndPrint(c, data, o, laplace, count, vcov, out, err);
        }
    }

    private static int approximateAndPrint(Compiler.Compiled c, DataSet data, ApproxOptions o, boolean laplace, int count,
                                           boolean vcov, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        Model m = c.factory().apply(data);
        long seed = o.seed();
        List<String> notes = new ArrayList<>(data.notes());
        notes.addAll(m.notes());
        QuadraticApproximation qa = approximate(c, m, data, seed, o.init, laplace, notes, err);
        ApproxDraws d = qa.draw(count, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s of %s: %s; %,d draws, %s%n",
                laplace ? "Laplace approximation" : "Quadratic approximation (quap)", m.name(),
                laplace ? "mode and Hessian on the unconstrained scale, Jacobian included"
                        : "mode and Hessian on the parameters' own scale",
                count, Seeds.describe(seed, o.seedGiven()));
        out.print(PrecisTable.format(laplace ? d.summaries(o.prob) : qa.precis(o.prob), o.depth, o.prob, false, o.digits));
        if (vcov && !laplace) out.print(covarianceTable(qa));
        for (String n : d.notes()) err.println("warning: " + n);
        Lbfgs.Result opt = qa.optimisation();
        out.printf(Locale.ROOT, "Mode found by L-BFGS in %d iterations (%d gradient evaluations, %s); %.2f s in all.%n",
                opt.iterations(), opt.evaluations(), opt.stop().description(), seconds);
        if (o.outputDir != null) {
            d.writeFit(o.outputDir, m, seed, o.dataFiles(), o.dataValues(), o.dataMatrices(), o.sourceFile, seconds);
            out.println("Fit saved in " + o.outputDir + " (ulam waic, loo, compare, link, sim, plot and report read it)");
        }
        out.flush();
        err.flush();
        return 0;
    }

    /**
     * The approximation of a compiled model from its {@code start=list(...)} values (the other
     * parameters start at random, uniform in (-R, R) on the unconstrained scale): what
     * {@code ulam quap} prints, for tests and other front ends.
     *
     * @param c          the compiled model
     * @param m          the model bound to {@code data}
     * @param data       the data (start values may use them)
     * @param seed       the seed of the random start values
     * @param initRadius R
     * @param laplace    Stan's Laplace approximation instead of quap
     * @param notes      notes so far; start-value notes are added, and all are printed to {@code err} (if not null)
     * @param err        where notes go, or null
     * @return the approximation
     * @throws ulam.runtime.UlamException for bad start values or a Hessian that cannot be inverted
     */
    public static QuadraticApproximation approximate(Compiler.Compiled c, Model m, DataSet data, long seed,
                                                     double initRadius, boolean laplace, List<String> notes,
                                                     PrintStream err) {
        Map<String, double[]> start = StartValues.read(c.spec().program(), c.spec().source(), data);
        double[] q0 = StartValues.initialPoint(m, start, initRadius, seed, notes);
        if (err != null) for (String n : notes) err.println(ulam.runtime.Notes.line(n));
        QuadraticApproximation.Kind kind = laplace ? QuadraticApproximation.Kind.LAPLACE : QuadraticApproximation.Kind.QUAP;
        return QuadraticApproximation.fit(m, q0, kind, Lbfgs.Settings.defaults().tight());
    }

    /** rethinking's {@code vcov(m)}: the covariance matrix, 6 significant digits. */
    static String covarianceTable(QuadraticApproximation qa) {
        String[] names = qa.parameterNames();
        double[] cov = qa.covariance();
        int p = names.length;
        String[][] cells = new String[p + 1][p + 1];
        cells[0][0] = "";
        for (int i = 0; i < p; i++) {
            cells[0][i + 1] = names[i];
            cells[i + 1][0] = names[i];
            for (int j = 0; j < p; j++) cells[i + 1][j + 1] = String.format(Locale.ROOT, "%.6g", cov[i + j * p]);
        }
        int[] width = new int[p + 1];
        for (String[] row : cells) for (int j = 0; j <= p; j++) width[j] = Math.max(width[j], row[j].length());
        StringBuilder sb = new StringBuilder("\nCovariance (vcov):\n");
        for (String[] row : cells) {
            sb.append(row[0]).append(" ".repeat(width[0] - row[0].length()));
            for (int j = 1; j <= p; j++) sb.append(' ').append(" ".repeat(width[j] - row[j].length())).append(row[j]);
            sb.append('\n');
        }
        return sb.toString();
    }
}
