package ulam.compiler.stan;

import java.util.List;
import java.util.Map;
import ulam.compiler.Compiler;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Symbol;
import ulam.runtime.data.DataSet;

/**
 * A model written as a Stan program ({@code ulam stancode}; rethinking's {@code stancode()}): the
 * program text, and what its data block declares, so that the Stan data can be written from the
 * model's data ({@link #dataJson}).
 */
public final class StanProgram {

    private final String text;
    private final ModelSpec spec;
    private final Map<String, String> names;
    private final Map<Symbol, String> data;
    private final List<StanSizes.Named> sizes;
    private final List<StanExpr.Hoisted> hoisted;
    private final List<String> logLik;

    StanProgram(String text, ModelSpec spec, Map<String, String> names, Map<Symbol, String> data, List<StanSizes.Named> sizes,
                List<StanExpr.Hoisted> hoisted, List<String> logLik) {
        this.text = text;
        this.spec = spec;
        this.names = names;
        this.data = data;
        this.sizes = sizes;
        this.hoisted = hoisted;
        this.logLik = List.copyOf(logLik);
    }

    /**
     * Writes a checked model in Stan.
     *
     * @param spec   the checked model (the data schema it was checked with decides which names are data)
     * @param syntax modern Stan, or Stan 2.21 (rstan from Debian)
     * @param logLik whether generated quantities include the pointwise log-likelihood
     * @throws ulam.runtime.UlamException located at the model line of a construct that cannot be
     *                                    written in Stan yet ("stancode does not support ... yet")
     */
    public static StanProgram of(ModelSpec spec, StanSyntax syntax, boolean logLik) {
        return StanWriter.write(spec, syntax, logLik);
    }

    /** The program text. */
    public String text() {
        return text;
    }

    /**
     * The Stan name of an output of the model ({@code a[2]}, {@code b[1,2]}, {@code sigma}): the
     * same unless the name had to be renamed ({@code sd[1]} becomes {@code sd_[1]}).
     */
    public String stanName(String output) {
        int bracket = output.indexOf('[');
        String base = bracket < 0 ? output : output.substring(0, bracket);
        return names.getOrDefault(base, base) + (bracket < 0 ? "" : output.substring(bracket));
    }

    /**
     * Names of the pointwise log-likelihood vectors in generated quantities, one per outcome in
     * the order of their first line ({@code log_lik} first); empty without {@code logLik}.
     */
    public List<String> logLikNames() {
        return logLik;
    }

    /**
     * The program's data as Stan JSON (CmdStan's format; rstan reads it with jsonlite): the
     * sizes, the data and derived data the program declares, computed from {@code data} as
     * {@code ulam run} computes them, and the exported tests on text. An imputed variable's
     * missing values are written as 0: the program reads its imputation parameter there instead.
     *
     * @param compiled the model compiled with the same schema as this program's
     * @param data     the data
     * @throws ulam.runtime.UlamException if the data do not fit the model (as {@code ulam run} says)
     */
    public String dataJson(Compiler.Compiled compiled, DataSet data) {
        return StanData.json(this, compiled, data);
    }

    ModelSpec spec() {
        return spec;
    }

    /** The data and derived-data symbols declared, in order, with their Stan names. */
    Map<Symbol, String> data() {
        return data;
    }

    List<StanSizes.Named> sizes() {
        return sizes;
    }

    List<StanExpr.Hoisted> hoisted() {
        return hoisted;
    }
}
