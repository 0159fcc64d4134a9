package ulam.compiler.formula;

import java.util.List;
import ulam.compiler.ast.Program;
import ulam.compiler.parse.Parser;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The formula front end (docs/formulas.md): a model written as a call of brms's {@code brm} or
 * rstanarm's {@code stan_glmer}, {@code stan_lmer} or {@code stan_glm}, in a {@code .R} or
 * {@code .ulam} file, becomes the alist of the model that package fits, parsed by the alist
 * parser into the same {@link Program} an alist gives, so the checker and everything after it
 * see an ordinary ulam model (docs/design.md, "Three front ends, one checked model").
 *
 * <p>The expansion reads the data, as R's {@code model.matrix} and the packages' default priors
 * do: factor levels (dummy columns, the names of group-level effects), the means the design is
 * centred at, the scales of brms's default priors and rstanarm's autoscaled ones. These enter
 * the alist as numbers, so a model compiled with one data set keeps the fit's centring and
 * priors when it predicts for new data, as the packages do.
 */
public final class FormulaFrontEnd {
    private FormulaFrontEnd() {}

    /**
     * The alist a formula became.
     *
     * @param alist   the alist as a model file (what {@code ulam check} prints), named {@code FILE (alist)}
     *                for messages about its lines
     * @param program the alist parsed
     * @param notes   notes for the user (arguments not used, combinations of levels that never occur)
     */
    public record Expansion(Source alist, Program program, List<String> notes) {}

    /** Whether the file is a model call of brms or rstanarm rather than an alist. */
    public static boolean recognises(Source source) {
        return RParser.recognises(source.text());
    }

    /**
     * Expands a model call.
     *
     * @param source the file holding the call
     * @param data   the data it is fitted to, or null
     * @throws UlamException without data, or for anything in the call this front end does not support, located
     */
    public static Expansion expand(Source source, DataSet data) {
        List<RParser.Statement> statements = RParser.statements(source);
        ModelCall call = ModelCall.find(source, statements);
        if (data == null) {
            throw source.error(call.call.functionSpan(), call.function + "() needs the data it is fitted to: the design,"
                    + " the factor levels and the default priors come from them", "give the data with --data FILE");
        }
        FormulaData fd = new FormulaData(data, source);
        Alist out = new Alist(data.names());
        if (call.function.equals("brm")) BrmsExpansion.expand(call, fd, out);
        else RstanarmExpansion.expand(call, fd, out);
        Source alist = new Source(source.file() + " (alist)", out.text(call.fitName));
        Program program;
        try {
            program = Parser.parse(alist);
        } catch (UlamException e) {
            throw new IllegalStateException("the alist of " + source.file() + " does not parse: " + e.format(), e);
        }
        return new Expansion(alist, program, out.notes());
    }

    /** The checked model with the front end's notes first (the same model when there are none). */
    public static ulam.compiler.check.ModelSpec withNotes(ulam.compiler.check.ModelSpec s, List<String> notes) {
        if (notes.isEmpty()) return s;
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(s.notes());
        return new ulam.compiler.check.ModelSpec(s.name(), s.source(), s.program(), s.data(), s.derived(), s.parameters(),
                s.locals(), s.generated(), s.materialized(), s.terms(), s.checks(), s.options(), List.copyOf(all), s.mode(),
                s.predicted());
    }
}
