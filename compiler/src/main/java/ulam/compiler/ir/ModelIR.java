package ulam.compiler.ir;

import java.util.List;
import java.util.Map;
import ulam.runtime.SourceLocation;

/**
 * Stage 4 of the compiler: the whole model as loops over scalar operations, ready for the
 * adjoint and bytecode generators.
 *
 * @param name        model name
 * @param file        source file name
 * @param source      source text
 * @param options     sampler options from the source's wrapper
 * @param notes       compile-time notes, shown with the data notes
 * @param reparameterisations advice for a run with divergent transitions ({@link ulam.compiler.check.CentredPriors})
 * @param slots       every field of the generated class
 * @param prep        the constructor: binding the data
 * @param params      the parameters, in the order of the unconstrained vector
 * @param outputs     everything a draw reports, in order (parameters first)
 * @param density     the log density: segments in order (fused or not)
 * @param generate    transformed parameters and generated quantities, written to the output array
 * @param logLik      pointwise log-likelihood, written to the output array
 * @param theta       the constrained parameters (REAL array, with adjoint)
 * @param out         the output array of {@code writeDraw} and {@code logLikelihood}
 * @param lpConst     the data-only constant of the log density (REAL)
 * @param lpDropped   the summands Stan's {@code ~} leaves out (REAL; Stan's {@code lp__} is the log
 *                    density minus it: docs/stan.md, "lp__")
 * @param dimension   number of unconstrained parameters (INT)
 * @param thetaCount  number of constrained parameter values (INT): the length of {@code theta} and the
 *                    number of leading outputs; larger than {@code dimension} when a parameter has a
 *                    vector transform (a simplex of K values has K - 1 unconstrained coordinates)
 * @param outputCount number of output values (INT)
 * @param observations number of pointwise log-likelihood values (INT)
 * @param workArrays   work arrays written while evaluating (materialized locals), with their
 *                     lengths: each instance (one per chain) allocates its own, and its adjoint
 *                     array where the slot has one (zeroed at every gradient evaluation)
 * @param termLines    each log density term's segment of {@code density} to its {@code ~} line
 *                     (identity keys), for the message about a term that is not finite
 * @param dataNames    each slot holding data or derived data (or a copy of a column made by a
 *                     pass, element c being row {@code rows[c]}) to the name a user reads in a
 *                     message ({@code y}, {@code x (derived data, line 2)})
 */
public record ModelIR(String name, String file, String source, Map<String, String> options, List<String> notes,
                      List<String> reparameterisations,
                      List<Slot> slots, List<PrepStep> prep, List<Param> params, List<Output> outputs,
                      List<Segment> density, List<Segment> generate, List<Segment> logLik,
                      Slot theta, Slot out, Slot lpConst, Slot lpDropped, Slot dimension, Slot thetaCount, Slot outputCount, Slot observations,
                      Map<Slot, IntExpr> workArrays, Map<Segment, SourceLocation> termLines, Map<Slot, DataName> dataNames) {

    /**
     * The name of a slot of data values, for messages.
     *
     * @param name the name ({@code y}, {@code x (derived data, line 2)})
     * @param rows null when element i is row i of the data; else the INT array slot whose element
     *             c is the data row of element c (a column copied once per distinct row)
     */
    public record DataName(String name, Slot rows) {}

    /**
     * One parameter: its constrained values occupy {@code theta[offset .. offset+count)}, its
     * unconstrained coordinates {@code q[qOffset .. qOffset+qCount)}. Elementwise bounds
     * ({@code lower}, {@code upper}) or a vector transform ({@code transform} of size
     * {@code size}, e.g. a simplex of K values), or neither.
     *
     * @param name      user name
     * @param offset    INT slot: first position in theta and in the outputs
     * @param count     INT slot: number of constrained values
     * @param lower     REAL slot of the lower bound, or null
     * @param upper     REAL slot of the upper bound, or null
     * @param at        where it is declared, for messages
     * @param qOffset   INT slot: first position in the unconstrained vector
     * @param qCount    INT slot: number of unconstrained coordinates
     * @param transform the vector transform, or null
     * @param size      INT slot of the transform's K, or null
     * @param boundCode null when the bounds are constants or data; else the straight segment that
     *                  computes the bounds that read earlier parameters ({@code upper=1 - alpha1})
     *                  from theta, each added from 0 to its slot (which has an adjoint): the
     *                  transform runs it before constraining this parameter, and its backward sweep
     *                  after this parameter's adjoint, so the bounds' adjoints reach those parameters
     */
    public record Param(String name, Slot offset, Slot count, Slot lower, Slot upper, SourceLocation at,
                        Slot qOffset, Slot qCount, ulam.stdlib.TransformSpec transform, Slot size, Segment boundCode) {}

    /**
     * One reported value, its elements named Stan's way: {@code a[3]}, {@code b[1,2]} (column-major).
     *
     * @param name   user name
     * @param dims   empty for a scalar, one size for a vector, rows and columns for a matrix
     * @param offset INT slot: its first position in the output array
     * @param names  the names its elements are reported under, column-major (the model's
     *               {@code output_names}), or null for Stan's
     */
    public record Output(String name, List<IntExpr> dims, Slot offset, List<String> names) {}

    /** A listing of the IR, for tests and {@code ulam check --ir}. */
    public String dump() {
        StringBuilder sb = new StringBuilder("model ").append(name).append('\n');
        for (PrepStep p : prep) sb.append("prep ").append(p instanceof PrepStep.Run r ? r.segment().dump() : p + "\n");
        for (Segment s : density) sb.append("density ").append(s.dump());
        for (Segment s : generate) sb.append("generate ").append(s.dump());
        for (Segment s : logLik) sb.append("loglik ").append(s.dump());
        return sb.toString();
    }
}
