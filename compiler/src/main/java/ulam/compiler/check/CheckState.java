package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * Everything the rooms of the {@link Checker} share while one model is checked: the inputs and
 * the tables each sub-stage fills for the later ones. One instance per {@link Checker#check} call;
 * the rooms ({@link WrapperOptions}, {@link Definitions}, {@link Classification},
 * {@link Imputation}, {@link LocalOrder}, {@link Shapes}, {@link Constraints}, {@link Locals},
 * {@link Terms}, {@link DataViews}) and the expression typers ({@link Typer}, {@link ArrayTyper},
 * {@link PredictionRewrite}, {@link TypeInference}) read and write these fields, and nothing else
 * of each other.
 *
 * <p>Who writes what (in the order {@link Checker#check} runs the rooms): {@link WrapperOptions}
 * fills {@link #options}, {@link #constraintOverrides} and {@link #notes}; {@link Definitions}
 * fills {@link #definitions}, {@link #firstSample} and {@link #merges}; {@link Classification}
 * fills {@link #symbols} and the {@code usedAs} sets; {@link Imputation} fills
 * {@link #imputations} and {@link #redirect}; the typers add to {@link #checks} and
 * {@link #made}; {@link Locals} fills {@link #rowLocal}.
 */
final class CheckState {

    /** The parsed model. */
    final Program program;
    /** Its text, for located errors. */
    final Source source;
    /** The model's name (file stem). */
    final String modelName;
    /** What is known of the data before binding, or null (data names are then inferred). */
    final DataSchema schema;
    /** What the model is compiled for. */
    final CompileMode mode;

    /** Every name of the model (and the compiler's anonymous {@code #} symbols) to its symbol, in classification order. */
    final Map<String, Symbol> symbols = new LinkedHashMap<>();
    /** A {@code <-} line's name to its line. */
    final Map<String, Statement> definitions = new LinkedHashMap<>();
    /** A {@code ~} line's outcome name (through {@code merge_missing}) to its first {@code ~} line. */
    final Map<String, Statement> firstSample = new LinkedHashMap<>();
    /** Conditions checked when the data are bound (sizes equal, indices in range). */
    final List<Check> checks = new ArrayList<>();
    /** Notes for the user (ignored wrapper arguments, imputation). */
    final List<String> notes = new ArrayList<>();
    /** The {@code ulam(...)} wrapper's literal sampler options (chains, iter, adapt_delta, ...). */
    final Map<String, String> options = new LinkedHashMap<>();
    /** {@code constraints=list(name = "lower=0")} of the wrapper, by parameter name. */
    final Map<String, Program.Option> constraintOverrides = new LinkedHashMap<>();
    /** Whether a typed local is computed row by row (one value per observation). */
    final Map<Symbol, Boolean> rowLocal = new HashMap<>();
    /** Names that appear inside brackets. */
    final Set<String> usedAsIndex = new HashSet<>();
    /** Names that appear in a type's sizes ({@code vector[K]}). */
    final Set<String> usedAsDim = new HashSet<>();
    /** Names indexed with two indices ({@code D[i, j]}). */
    final Set<String> usedAsMatrix = new HashSet<>();
    /** Anonymous symbols the array typer materialized, in computing order, not yet placed by the orchestrator. */
    final List<Symbol> made = new ArrayList<>();
    /** Imputed variables (language reference 2.15): uses of the variable read its merged value (observed or parameter). */
    final Map<String, Symbol> redirect = new HashMap<>();
    /** An imputed variable to {its {@code _impute} parameter, missing mask, slot index, merged value}. */
    final Map<Symbol, Symbol[]> imputations = new LinkedHashMap<>();
    /** {@code X <- merge_missing(B, B_impute)}: X to {B, B_impute}; X is another name of B's merged values. */
    final Map<String, String[]> merges = new LinkedHashMap<>();

    CheckState(Program program, Source source, String modelName, DataSchema schema, CompileMode mode) {
        this.program = program;
        this.source = source;
        this.modelName = modelName;
        this.schema = schema;
        this.mode = mode;
    }

    /** A located error at {@code span} of the model's source. */
    UlamException error(Span span, String message, String help) {
        return source.error(span, message, help);
    }

    /** The symbols of one kind, in classification order. */
    List<Symbol> byKind(Kind kind) {
        return symbols.values().stream().filter(s -> s.kind() == kind).toList();
    }

    /** Makes and registers a symbol. */
    Symbol symbol(String name, Kind kind, Span span, Statement st) {
        Symbol s = new Symbol(name, kind);
        s.span(span);
        s.statement(st);
        symbols.put(name, s);
        return s;
    }

    /** The variable a {@code merge_missing} name stands for, or the name itself. */
    String merged(String name) {
        String[] m = merges.get(name);
        return m == null ? name : m[0];
    }

    /** Whether a parameter holds the imputed values of a variable (shaped by its missing values). */
    boolean isImputed(Symbol p) {
        for (Symbol[] x : imputations.values()) if (x[0] == p) return true;
        return false;
    }
}
