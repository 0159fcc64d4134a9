package ulam.compiler.check;

import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Program;
import ulam.compiler.parse.Source;

/**
 * A checked model: every symbol classified and typed, every line turned into log density terms
 * or definitions with explicit loops and indices. What the IR is built from, and what
 * {@code ulam check} prints.
 *
 * @param name        model name (file stem, e.g. {@code chimpanzees})
 * @param source      the source file
 * @param program     the AST
 * @param data        data read from files, in order of first use
 * @param derived     derived data, in dependency order
 * @param parameters  parameters, in declaration order (first {@code ~} line of each): the order of
 *                    the unconstrained vector and of the outputs
 * @param locals      model locals, in dependency order (recomputed with every log density)
 * @param generated   reported values other than parameters ({@code transpars>}, {@code save>},
 *                    {@code gq>}), in dependency order
 * @param materialized locals computed into arrays (named and anonymous, of any kind but derived
 *                    data), in computing order
 * @param terms       log density terms in source order (likelihoods and priors)
 * @param checks      data checks to run when the data are bound
 * @param options     sampler options from an {@code ulam(...)} wrapper, name to literal text
 * @param notes       notes for the user (ignored wrapper arguments, rewrites)
 * @param mode        what the model is compiled for (posterior, prior, prediction)
 * @param predicted   for a prediction program: what {@code ulam link} and {@code ulam sim} report;
 *                    null otherwise
 */
public record ModelSpec(String name, Source source, Program program, List<Symbol> data, List<Symbol> derived,
                        List<Symbol> parameters, List<Symbol> locals, List<Symbol> generated, List<Symbol> materialized,
                        List<Term> terms,
                        List<Check> checks, Map<String, String> options, List<String> notes,
                        CompileMode mode, Predicted predicted) {

    /**
     * The reported values of a prediction program.
     *
     * @param link      the model's named locals (linear models, inverse link applied), in
     *                  computing order
     * @param simulated outcomes drawn from their likelihood lines, named as the outcomes
     * @param newGroups for each index with new groups: the parameters whose new levels are drawn
     *                  from their priors
     * @param skipped   likelihood lines that cannot be simulated (custom, mixture), with why
     * @param prior     with {@link CompileMode.Prediction#drawPrior()}: the prior draw of each
     *                  parameter (named {@link CompileMode#priorName}), in parameter order; else empty
     */
    public record Predicted(List<Symbol> link, List<Symbol> simulated, Map<Symbol, List<Symbol>> newGroups,
                            List<String> skipped, List<Symbol> prior) {}


    /** Likelihood terms, in source order. */
    public List<Term> likelihoods() {
        return terms.stream().filter(Term::likelihood).toList();
    }
}
