package ulam.compiler.cli.fit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulam.compiler.Compiler;
import ulam.compiler.ast.Expr;
import ulam.compiler.check.Symbol;
import ulam.compiler.parse.Source;
import ulam.compiler.predict.Predictor;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;

/**
 * brms's and rstanarm's {@code posterior_predict} and {@code posterior_epred} on a fit folder:
 * {@code ulam sim} and {@code ulam link} with {@code --allow-new-levels}, which names as new
 * groups ({@code --new-groups}) every grouping factor whose values in the new data are all
 * levels the fit has not seen (their group-level effects are drawn from the population at every
 * draw, brms's {@code sample_new_levels = "uncertainty"}), and with {@code --new-groups} taking
 * the grouping factor's column ({@code Subject}) as well as its index. A grouping factor whose
 * new values mix seen and new levels is refused: predict them from two files. With
 * {@code --weights}, also the poststratified average ({@link Poststratification}).
 */
abstract class PosteriorPredictCommand extends PredictCommand {

    @Option(names = "--allow-new-levels", description = "Draw the effects of grouping-factor levels the fit has not seen"
            + " from the population (brms's allow_new_levels = TRUE).")
    boolean allowNewLevels;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Poststratify: the per-draw average of the reported variable (--var) over the cases, weighted by"
                    + " this column of the new data (e.g. each cell's count in the population), overall and per --by value.")
    String weights;

    /** The table the prediction reported, kept for the weighted averages. */
    Predictor.Table reported;

    @Override
    public Integer call() {
        if (weights != null && data.isEmpty()) {
            throw new UlamException("--weights needs new data", null, "give the table of cells with --data CELLS.csv and its counts column with --weights");
        }
        int status = predict();
        if (weights != null) Poststratification.print(reported, DataSet.read(data, values), weights, by, var, prob,
                spec.commandLine().getOut());
        return status;
    }

    private int predict() {
        if (!data.isEmpty() && (allowNewLevels || !newGroups.isEmpty())) {
            FitDirectory f = FitDirectory.read(fit);
            DataSet fitData = f.readData();
            Map<String, String> indexOf = indices(f, fitData);   // column -> index
            List<String> groups = new ArrayList<>();
            for (String g : newGroups) groups.add(indexOf.getOrDefault(g, g));
            if (allowNewLevels) {
                DataSet fresh = DataSet.read(data, values);
                for (Map.Entry<String, String> e : indexOf.entrySet()) {
                    if (!fresh.has(e.getKey()) || groups.contains(e.getValue())) continue;
                    Set<String> seen = levels(fitData, e.getKey());
                    Set<String> now = levels(fresh, e.getKey());
                    Set<String> unseen = new HashSet<>(now);
                    unseen.removeAll(seen);
                    if (unseen.isEmpty()) continue;
                    if (unseen.size() < now.size()) {
                        throw new UlamException("the new data's " + e.getKey() + " mixes levels the fit has seen with new ones (e.g. '"
                                + unseen.iterator().next() + "')", null, "predict the rows of new levels and of seen levels from two files");
                    }
                    groups.add(e.getValue());
                }
            }
            newGroups = groups;
        }
        return super.call();
    }

    /** Each grouping column of the fit's model with its index ({@code J_1 <- as_index(Subject)}). */
    private static Map<String, String> indices(FitDirectory f, DataSet fitData) {
        Compiler.Compiled c = Compiler.compile(new Source(f.sourcePath().toString(), f.source()), Compiler.schema(fitData));
        Map<String, String> out = new LinkedHashMap<>();
        for (Symbol s : c.spec().derived()) {
            if (s.statement() != null && s.statement().rhs() instanceof Expr.Call call && call.function().equals("as_index")
                    && call.args().size() == 1 && call.args().get(0) instanceof Expr.Name n) {
                out.putIfAbsent(n.name(), s.name());
            }
        }
        return out;
    }

    private static Set<String> levels(DataSet d, String column) {
        Set<String> out = new HashSet<>();
        if (d.kind(column, null) == DataSet.Kind.STRING) {
            out.addAll(d.levels(column, null));
        } else {
            for (double v : d.reals(column, null)) out.add(Double.toString(v));
        }
        return out;
    }

    /** {@code ulam posterior_predict}: draws of the outcome (ulam sim). */
    @Command(name = "posterior_predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Draws of the outcome per case, as brms's and rstanarm's posterior_predict (ulam sim; --allow-new-levels).")
    static final class Predict extends PosteriorPredictCommand {
        @Override
        boolean simulates() {
            return true;
        }

        @Override
        String name() {
            return "posterior_predict";
        }

        @Override
        Predictor.Table table(Predictor.Result r) {
            reported = r.sim();
            return reported;
        }

        @Override
        String empty() {
            return "the model has no likelihood line to simulate";
        }
    }

    /** {@code ulam posterior_epred}: the mean of the outcome (ulam link). */
    @Command(name = "posterior_epred", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The mean of the outcome per case (mu), as posterior_epred (ulam link; --allow-new-levels).")
    static final class Epred extends PosteriorPredictCommand {
        @Override
        boolean simulates() {
            return false;
        }

        @Override
        String name() {
            return "posterior_epred";
        }

        /** The mean of the outcome: the link table's {@code mu} (the formula's mean), or every local of an alist. */
        @Override
        Predictor.Table table(Predictor.Result r) {
            Predictor.Table t = r.link();
            List<Integer> keep = new ArrayList<>();
            for (int c = 0; c < t.names().length; c++) {
                if (ulam.runtime.output.PrecisTable.baseName(t.names()[c]).equals("mu")) keep.add(c);
            }
            if (!keep.isEmpty() && keep.size() < t.names().length) {
                String[] names = new String[keep.size()];
                double[][] values = new double[t.values().length][keep.size()];
                for (int k = 0; k < keep.size(); k++) {
                    names[k] = t.names()[keep.get(k)];
                    for (int s = 0; s < values.length; s++) values[s][k] = t.values()[s][keep.get(k)];
                }
                t = new Predictor.Table(names, values);
            }
            reported = t;
            return reported;
        }

        @Override
        String empty() {
            return "the model has no named local such as mu";
        }
    }
}
