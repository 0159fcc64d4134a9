package ulam.compiler.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * Stage 3 of the compiler: resolves and type-checks a parsed model (language reference sections
 * 2-4 and A). Classifies every name as data, derived data, parameter, local or generated
 * quantity (3.1); sorts locals by dependency (A.4); infers shapes ({@code a[G]} has
 * {@code max(G)} elements, A.5) and constraints (3.5, A.6); makes the implicit per-observation
 * and per-element loops explicit (2.2, 4); and checks every call against the library registry.
 * Every error is a {@link UlamException} at the offending line with what to do.
 *
 * <p>This class is the orchestrator: {@link #run} calls the rooms in order, each a
 * package-private class of one sub-stage sharing one {@link CheckState}: {@link WrapperOptions},
 * {@link Definitions}, {@link Classification}, {@link Imputation}, {@link LocalOrder},
 * {@link Shapes}, {@link Constraints}, {@link Locals}, {@link Terms}, {@link DataViews}; the
 * expression typers ({@link Typer}, {@link ArrayTyper}) and, for a prediction program,
 * {@link PredictionRewrite} are called by them and at fixed points of the run.
 */
public final class Checker {

    /** The data function of {@code as_index(column)}: coded when the data are read ({@code ModelSupport.asIndex}). */
    public static final String COLUMN_INDEX = "asIndexColumn";

    private final CheckState state;
    private final Typer typer;
    private final ArrayTyper arrays;
    /** The prediction program's changes, or null when compiling for sampling. */
    private final PredictionRewrite prediction;
    private final Shapes shapes;

    private Checker(Program program, Source source, String modelName, DataSchema schema, CompileMode mode) {
        this.state = new CheckState(Definitions.stackAppendedColumns(program), source, modelName, schema, mode);
        this.typer = new Typer(state);
        this.arrays = new ArrayTyper(typer, state);
        typer.arrays(arrays);
        this.prediction = mode.predicting() ? new PredictionRewrite(mode.prediction(), state, typer) : null;
        this.shapes = new Shapes(state, typer);
    }

    /**
     * Checks a model.
     *
     * @param program   the parsed model
     * @param source    its source, for messages
     * @param modelName the model's name (file stem)
     * @param schema    what is known of the data before binding, or null (names are then inferred)
     * @return the checked model
     * @throws UlamException at the first error, located, with what to do
     */
    public static ModelSpec check(Program program, Source source, String modelName, DataSchema schema) {
        return check(program, source, modelName, schema, CompileMode.POSTERIOR);
    }

    /**
     * Checks a model for sampling its posterior or prior, or as a prediction program.
     *
     * @param mode what the model is compiled for
     * @see #check(Program, Source, String, DataSchema)
     */
    public static ModelSpec check(Program program, Source source, String modelName, DataSchema schema, CompileMode mode) {
        return new Checker(program, source, modelName, schema, mode).run();
    }

    /** Runs the rooms in order; the prediction program's changes are applied between them. */
    private ModelSpec run() {
        new WrapperOptions(state).readOptions();
        new Definitions(state).collect();
        if (prediction != null) prediction.replaceByColumns(state.schema);
        Classification classification = new Classification(state, typer);
        classification.classify();
        new Imputation(state, typer).impute();
        Map<Symbol, Symbol> shifted = Map.of();
        if (prediction != null) {
            prediction.reportLocals();
            shifted = prediction.newGroupIndices();
        }
        List<Symbol> order = new LocalOrder(state).orderLocals();
        classification.missingOutcomes();
        shapes.shapeData();
        shapes.shapeParameters();
        List<Symbol> masks = prediction == null ? List.of() : prediction.newGroupParameters(byKind(Kind.PARAMETER));
        if (prediction != null) prediction.priorParameters(byKind(Kind.PARAMETER));
        new Constraints(state, typer).constrain();
        Locals locals = new Locals(state, typer, arrays, shapes);
        List<Symbol> typed = new ArrayList<>();   // locals in computing order, anonymous parts before their users
        for (Symbol s : order) {
            arrays.context(s.kind() == Kind.TRANSFORMED_DATA ? Kind.TRANSFORMED_DATA
                    : s.kind() == Kind.GENERATED ? Kind.GENERATED : Kind.LOCAL);
            locals.typeLocal(s);
            typed.addAll(state.made);
            state.made.clear();
            typed.add(s);
        }
        for (Map.Entry<Symbol, Symbol[]> e : state.imputations.entrySet()) {   // the missing-row helpers follow their variable
            int at = typed.indexOf(e.getKey()) + 1;
            typed.add(at, e.getValue()[2]);
            typed.add(at, e.getValue()[1]);
        }
        for (Map.Entry<Symbol, Symbol> e : shifted.entrySet()) {   // a shifted index follows its index
            typed.add(typed.indexOf(e.getKey()) + 1, e.getValue());
        }
        typed.addAll(masks);   // after the indices whose levels they read
        arrays.context(Kind.LOCAL);
        List<Term> terms = new Terms(state, typer, arrays, shapes).typeTerms();
        typed.addAll(state.made);
        state.made.clear();
        ModelSpec.Predicted predicted = null;
        if (prediction != null) {
            predicted = prediction.simulate(terms, typed);
            terms = List.of();
            prediction.prune(typed, state.checks);
        }
        order = typed;
        new DataViews(state).assignViews(terms);
        List<Symbol> data = byKind(Kind.DATA);
        List<Symbol> derived = order.stream().filter(s -> s.kind() == Kind.TRANSFORMED_DATA).toList();
        // anonymous generated parts are computed with the generated quantities but never reported
        List<Symbol> params = byKind(Kind.PARAMETER);
        List<Symbol> localValues = order.stream().filter(s -> !s.anonymous() && (s.kind() == Kind.LOCAL || s.kind() == Kind.SAVED)).toList();
        List<Symbol> generated = new ArrayList<>(order.stream().filter(s -> !s.anonymous()
                && (s.kind() == Kind.TRANSFORMED_PARAMETER || s.kind() == Kind.SAVED || s.kind() == Kind.GENERATED)).toList());
        List<Symbol> materialized = order.stream().filter(s -> s.materialized() && s.kind() != Kind.TRANSFORMED_DATA).toList();
        generated.sort(Comparator.comparingInt(s -> s.kind() == Kind.TRANSFORMED_PARAMETER ? 0 : 1));
        for (Symbol s : java.util.stream.Stream.concat(params.stream(), generated.stream()).toList()) {
            if (s.name().endsWith("__")) {
                throw state.error(s.span(), "'" + s.name() + "' is a " + s.kind().description + " and its name ends in two underscores,"
                        + " which Stan CSV files reserve for the sampler's own columns (lp__, accept_stat__, divergent__, ...)",
                        "rename it (e.g. '" + s.name().replaceAll("_+$", "") + "'): Stan, cmdstanpy and ArviZ would take it for a sampler column");
            }
        }
        new OutputNames(state).name(params, generated);
        if (params.isEmpty() && terms.stream().noneMatch(Term::likelihood) && prediction == null) {
            throw state.error(new Span(1, 1, 1), "the model has no parameters", "a model needs at least one line 'name ~ distribution(...)' for a parameter");
        }
        if (params.isEmpty()) {
            throw state.error(terms.get(0).statement().span(), "the model has no parameters: every '~' line is about data",
                    "give the unknowns priors, e.g. 'mu ~ dnorm(0, 10)'");
        }
        String unread = Classification.unreadData(state);
        if (unread != null) state.notes.add(unread);
        return new ModelSpec(state.modelName, state.source, state.program, data, derived, params, localValues, List.copyOf(generated),
                materialized, terms,
                dedupe(state.checks), Map.copyOf(state.options), List.copyOf(state.notes), state.mode, predicted);
    }

    private List<Symbol> byKind(Kind kind) {
        return state.byKind(kind);
    }

    private static List<Check> dedupe(List<Check> checks) {
        return List.copyOf(new LinkedHashSet<>(checks));
    }
}
