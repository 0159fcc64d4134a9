package ulam.compiler.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import ulam.compiler.Compiler;
import ulam.compiler.check.CompileMode;
import ulam.compiler.check.DataSchema;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Symbol;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;

/**
 * Predictions from a saved fit ({@code ulam link} and {@code ulam sim}): the fit's model is
 * compiled again as a prediction program ({@link CompileMode.Prediction}), bound to the fit's
 * data or to new data, and run once per selected posterior draw. Each run reports the model's
 * named locals (the linear models, inverse link applied: {@code link}) and one random draw of
 * every outcome from its likelihood line ({@code sim}), case by case in the data's row order.
 *
 * <p>New groups ({@code --new-groups g}): the values of index {@code g} in the new data are
 * groups the fit has not seen; at each draw their varying effects are drawn from the population
 * distribution (the parameter's prior line, with that draw's hyper-parameters), as rethinking's
 * "predictions for new clusters" and rstanarm's {@code posterior_predict} with a new level.
 */
public final class Predictor {
    private Predictor() {
    }

    /**
     * What to predict.
     *
     * @param dataFiles  new data files (CSV or JSON), or empty for the fit's own rows
     * @param dataValues new {@code --data-value} scalars
     * @param newGroups  indices whose values in the new data are new groups
     * @param draws      how many posterior draws to use (evenly spaced over all chains), 0 for all
     * @param seed       seed of the random draws
     * @param simulate   also draw the outcomes (false for {@code ulam link}: the result's sim table
     *                   is then empty, and data only the outcome draws read are not needed)
     */
    public record Request(List<Path> dataFiles, Map<String, String> dataValues, List<String> newGroups, int draws, long seed,
                          boolean simulate) {
        public Request {
            dataFiles = List.copyOf(dataFiles);
            dataValues = Map.copyOf(dataValues);
            newGroups = List.copyOf(newGroups);
        }

        /** A request for both the named locals and the simulated outcomes. */
        public Request(List<Path> dataFiles, Map<String, String> dataValues, List<String> newGroups, int draws, long seed) {
            this(dataFiles, dataValues, newGroups, draws, seed, true);
        }
    }

    /**
     * Values per draw and case.
     *
     * @param names  column names ({@code p[1]}, {@code p[2]}, ...), one per case
     * @param values {@code double[draws][names.length]}
     */
    public record Table(String[] names, double[][] values) {
    }

    /**
     * The predictions.
     *
     * @param link     the named locals, per draw and case
     * @param sim      the simulated outcomes, per draw and case
     * @param draws    which posterior draws were used (0-based over the chains stacked)
     * @param notes    notes for the user (values read from the new data, lines not simulated)
     * @param warnings warnings for the user (draws whose parameters are not finite, so their predictions are NaN)
     */
    public record Result(Table link, Table sim, int[] draws, List<String> notes, List<String> warnings) {
    }

    /**
     * What predictions are made from: a fitted model's text, the data it was fitted to and its
     * draws. A saved fit folder ({@link #of(FitDirectory)}) or a posterior held in memory (the
     * Java API's {@code Posterior}).
     */
    public interface Fitted {
        /** How messages name the fit, e.g. {@code the fit fits/m1}. */
        String label();

        /** The model's file name (its extension tells an alist from a brms or rstanarm call). */
        String sourceName();

        /** The model's text. */
        String source();

        /** The data the model was fitted to. */
        DataSet data();

        /** Every post-warm-up draw, chains stacked: {@code double[draws][outputNames().size()]}, constrained scale. */
        double[][] draws();

        /** The draws' columns: the constrained parameters element by element, then the generated quantities. */
        List<String> outputNames();
    }

    /** A saved fit folder as what predictions are made from; its files are read when asked for. */
    public static Fitted of(FitDirectory fit) {
        return new Fitted() {
            @Override public String label() { return "the fit " + fit.dir(); }
            @Override public String sourceName() { return fit.sourcePath().toString(); }
            @Override public String source() { return fit.source(); }
            @Override public DataSet data() { return fit.readData(); }
            @Override public double[][] draws() { return fit.draws(); }
            @Override public List<String> outputNames() { return fit.manifest().outputNames(); }
        };
    }

    /**
     * Predicts from a saved fit, for its own rows or for the request's new data files and values.
     *
     * @throws UlamException for a new-data column the model needs but the data lack, a
     *                       {@code --new-groups} name that is not an index, a group the fit has
     *                       not seen without {@code --new-groups}, more draws asked than the fit has
     */
    public static Result predict(FitDirectory fit, Request request) {
        boolean fresh = !request.dataFiles().isEmpty() || !request.dataValues().isEmpty();
        checkDraws(fit.totalDraws(), request.draws(), "the fit " + fit.dir());
        DataSet newData = fresh ? DataSet.read(request.dataFiles(), request.dataValues()) : null;
        return predict(of(fit), newData, request.newGroups(), request.draws(), request.seed(), request.simulate());
    }

    /**
     * Predicts from a fitted model.
     *
     * @param fit       what the predictions are made from
     * @param newData   the new cases, or null for the fit's own rows
     * @param newGroups indices whose values in the new data are groups the fit has not seen
     * @param n         how many posterior draws to use (evenly spaced over all chains), 0 for all
     * @param seed      seed of the random draws
     * @param simulate  also draw the outcomes (false: the sim table is empty, and data only the
     *                  outcome draws read are not needed)
     * @throws UlamException as {@link #predict(FitDirectory, Request)}
     */
    public static Result predict(Fitted fit, DataSet newData, List<String> newGroups, int n, long seed, boolean simulate) {
        double[][] draws = fit.draws();
        int total = draws.length;
        checkDraws(total, n, fit.label());
        DataSet fitData = fit.data();
        boolean fresh = newData != null;
        Set<String> columns = fresh ? new HashSet<>(newData.names()) : Set.of();
        CompileMode mode = new CompileMode(false, new CompileMode.Prediction(columns, newGroups, false, simulate));
        DataSchema schema = fresh ? DataSchema.overlay(Compiler.schema(fitData), Compiler.schema(newData)) : Compiler.schema(fitData);
        Compiler.Compiled compiled;
        try {
            compiled = Compiler.compile(new Source(fit.sourceName(), fit.source()), schema, mode);
        } catch (UlamException e) {
            if (e.location() == null) throw e;
            throw new UlamException("the model of " + fit.label() + " cannot be turned into predictions: " + e.getMessage(),
                    e.location(), e.help());
        }
        ModelSpec.Predicted predicted = compiled.spec().predicted();

        // the fit's number of levels of each index with new groups, from the fit's parameter names
        Map<String, String> levels = new LinkedHashMap<>();
        Set<String> ownCoding = new HashSet<>();
        for (Map.Entry<Symbol, List<Symbol>> e : predicted.newGroups().entrySet()) {
            levels.put(CompileMode.fitLevelsName(e.getKey().name()), Integer.toString(fitLevels(fit, e.getValue().get(0), e.getKey())));
            ownCoding.add(e.getKey().name());
            ownCoding.addAll(sources(compiled.spec(), e.getKey()));
        }
        DataSet data = fresh ? DataSet.forPrediction(newData, fitData, ownCoding, levels) : fitData.withValues(levels);
        Model model = compiled.factory().apply(data);

        int[] map = parameterMap(fit, model, compiled.spec());
        int[] use = selectDraws(total, n == 0 ? total : n);
        String[] outputs = model.outputNames();
        int[] linkColumns = columns(outputs, predicted.link());
        int[] simColumns = columns(outputs, predicted.simulated());
        double[][] link = new double[use.length][linkColumns.length];
        double[][] sim = new double[use.length][simColumns.length];
        double[] constrained = new double[model.parameterOutputs()];
        double[] q = new double[model.dimension()];
        double[] out = new double[outputs.length];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int nonFinite = 0;
        String example = null;
        for (int s = 0; s < use.length; s++) {
            double[] draw = draws[use[s]];
            int bad = -1;
            for (int k = 0; k < constrained.length; k++) {
                constrained[k] = draw[map[k]];
                if (bad < 0 && !Double.isFinite(constrained[k])) bad = k;
            }
            if (bad >= 0) {
                // an edited or damaged draw: no prediction can be made from it
                nonFinite++;
                if (example == null) example = outputs[bad] + " = " + constrained[bad];
                java.util.Arrays.fill(link[s], Double.NaN);
                java.util.Arrays.fill(sim[s], Double.NaN);
                continue;
            }
            model.unconstrain(constrained, q);
            model.writeDraw(q, rng, out);
            for (int c = 0; c < linkColumns.length; c++) link[s][c] = out[linkColumns[c]];
            for (int c = 0; c < simColumns.length; c++) sim[s][c] = out[simColumns[c]];
        }
        List<String> notes = new ArrayList<>(compiled.spec().notes());
        notes.addAll(predicted.skipped());
        List<String> warnings = new ArrayList<>();
        if (nonFinite > 0) {
            warnings.add(nonFinite + " of " + use.length + " draws " + (nonFinite == 1 ? "has" : "have") + " a parameter that is not"
                    + " finite (e.g. " + example + "): " + (nonFinite == 1 ? "its" : "their") + " predictions are NaN; the"
                    + " draws files of the fit may be damaged or edited");
        }
        return new Result(new Table(names(outputs, linkColumns), link), new Table(names(outputs, simColumns), sim), use, notes,
                warnings);
    }

    /** The data columns an index is copied or coded from ({@code A <- actor}: actor). */
    private static List<String> sources(ModelSpec spec, Symbol index) {
        List<String> out = new ArrayList<>();
        if (index.statement() != null && index.statement().rhs() instanceof ulam.compiler.ast.Expr.Name n) out.add(n.name());
        if (index.statement() != null && index.statement().rhs() instanceof ulam.compiler.ast.Expr.Call c
                && !c.args().isEmpty() && c.args().get(0) instanceof ulam.compiler.ast.Expr.Name n) {
            out.add(n.name());
        }
        return out;
    }

    /**
     * The fit's number of levels of {@code index}: the largest position, in the dimension
     * {@code index} sizes, among the saved names of {@code parameter} ({@code a[7]} gives 7).
     */
    private static int fitLevels(Fitted fit, Symbol parameter, Symbol index) {
        int dim = 0;
        if (parameter.shape() instanceof ulam.compiler.check.Shape.Matrix m) {
            dim = m.cols() instanceof ulam.compiler.check.Size.Levels l && l.symbol().name().equals("#" + index.name() + "_new") ? 1 : 0;
        }
        int max = 0;
        String prefix = parameter.name() + "[";
        for (String name : fit.outputNames()) {
            if (!name.startsWith(prefix)) continue;
            String[] at = name.substring(prefix.length(), name.length() - 1).split(",");
            max = Math.max(max, Integer.parseInt(at[dim].strip()));
        }
        return max;
    }

    /**
     * For each parameter value of the prediction program, its column in the fit's draws. A new
     * group's element (absent from the fit) takes the parameter's first element as a stand-in: it
     * is drawn again from the prior inside the program.
     */
    private static int[] parameterMap(Fitted fit, Model model, ModelSpec spec) {
        Set<String> extended = new HashSet<>();
        for (List<Symbol> ps : spec.predicted().newGroups().values()) for (Symbol p : ps) extended.add(p.name());
        Map<String, Integer> fitIndex = new HashMap<>();
        List<String> fitNames = fit.outputNames();
        for (int k = 0; k < fitNames.size(); k++) fitIndex.put(fitNames.get(k), k);
        String[] names = model.outputNames();
        int[] map = new int[model.parameterOutputs()];
        for (int k = 0; k < map.length; k++) {
            Integer at = fitIndex.get(names[k]);
            String base = names[k].contains("[") ? names[k].substring(0, names[k].indexOf('[')) : names[k];
            if (at == null && extended.contains(base)) {
                at = fitIndex.get(first(fitNames, base));
            }
            if (at == null) {
                throw new UlamException("the new data need the parameter " + names[k] + ", which the fit does not have", null,
                        "the data refer to a group the fit has not seen; to predict for new groups, name its index with"
                                + " --new-groups (" + indexHint(spec, base) + ")");
            }
            map[k] = at;
        }
        return map;
    }

    private static String first(List<String> names, String base) {
        for (String n : names) if (n.startsWith(base + "[")) return n;
        return base;
    }

    /** {@code --new-groups A}, when parameter {@code a} is sized by the levels of {@code A}. */
    private static String indexHint(ModelSpec spec, String parameter) {
        for (Symbol p : spec.parameters()) {
            if (!p.name().equals(parameter)) continue;
            List<ulam.compiler.check.Size> sizes = p.shape() instanceof ulam.compiler.check.Shape.Vector v ? List.of(v.length())
                    : p.shape() instanceof ulam.compiler.check.Shape.Matrix m ? List.of(m.rows(), m.cols()) : List.of();
            List<String> indices = new ArrayList<>();
            for (ulam.compiler.check.Size z : sizes) {
                if (z instanceof ulam.compiler.check.Size.Levels l) indices.add(l.symbol().name());
            }
            if (!indices.isEmpty()) return "e.g. --new-groups " + String.join(",", indices);
        }
        return "the index that sizes " + parameter;
    }

    private static void checkDraws(int total, int n, String label) {
        if (total < 1) throw new UlamException(label + " has no draws after warmup", null, "run the model again and let it finish");
        if (n > total) {
            throw new UlamException("--n " + n + " is more than the fit's " + total + " draws", null,
                    "give --n " + total + " or less (or leave it out to use every draw)");
        }
        if (n < 0) throw new UlamException("--n must be at least 1", null, null);
    }

    /** {@code k} draws evenly spaced over {@code total}. */
    private static int[] selectDraws(int total, int k) {
        int[] use = new int[k];
        for (int s = 0; s < k; s++) use[s] = (int) ((long) s * total / k);
        return use;
    }

    /** Positions of the outputs of the given symbols, in order. */
    private static int[] columns(String[] outputs, List<Symbol> symbols) {
        List<Integer> out = new ArrayList<>();
        for (Symbol s : symbols) {
            for (int k = 0; k < outputs.length; k++) {
                if (outputs[k].equals(s.name()) || outputs[k].startsWith(s.name() + "[")) out.add(k);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String[] names(String[] outputs, int[] columns) {
        String[] n = new String[columns.length];
        for (int k = 0; k < columns.length; k++) n[k] = outputs[columns[k]];
        return n;
    }
}
