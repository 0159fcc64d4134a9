/**
 * Linear algebra for the multivariate models: the BLOCK functions of the language (a value method
 * and a hand-written adjoint {@code <f>Backward} each, with the descriptors of
 * {@link ulam.stdlib.Signatures}) and the dense kernels they share with the multivariate densities
 * and the matrix transforms.
 *
 * <ul>
 *   <li>{@link ulam.stdlib.linalg.Matrices}: {@code multiply}, {@code multiply_mv},
 *       {@code transpose}, {@code dot_product}, {@code rows_dot_product}, {@code diag_pre_multiply},
 *       {@code diag_post_multiply}, {@code quad_form_diag};</li>
 *   <li>{@link ulam.stdlib.linalg.Cholesky}: {@code cholesky_decompose},
 *       {@code multiply_lower_tri_self_transpose};</li>
 *   <li>{@link ulam.stdlib.linalg.Softmax}: {@code softmax}, {@code log_softmax},
 *       {@code log_sum_exp};</li>
 *   <li>{@link ulam.stdlib.linalg.GaussianProcess}: rethinking's {@code cov_GPL2},
 *       {@code cov_GPL1}, {@code cov_Pagel};</li>
 *   <li>{@link ulam.stdlib.linalg.Dense}: Cholesky factorisation, triangular solves, inverse from
 *       the factor, L L^T and its adjoint; {@link ulam.stdlib.linalg.Scratch}: per-thread work
 *       space.</li>
 * </ul>
 *
 * <p>Common rules of the BLOCK functions:
 * <ul>
 *   <li>Matrices are column-major: element (r, c) of an R x C operand at {@code off + r + c*R}.</li>
 *   <li>The value method writes its whole result (or returns it, for a scalar result); the result
 *       must not overlap the operands. The Backward method <em>adds</em> into the operands' adjoint
 *       arrays and <em>overwrites</em> {@code d[j]} for the scalar operand at position j.</li>
 *   <li>An adjoint array passed as {@code null} marks a constant operand (data, or a value that
 *       needs no gradient): its adjoint is not computed. (An extension of
 *       {@code Signatures}: the generated code may use it to skip work.)</li>
 *   <li>Nothing is allocated (after a thread's first call: see {@code Scratch}) and nothing is
 *       thrown; non-finite inputs propagate to the result, and an invalid input to
 *       {@code cholesky_decompose} gives a result of NaN.</li>
 *   <li>Symmetric matrix inputs take adjoints in the symmetric convention described in
 *       {@link ulam.stdlib.linalg.Cholesky}.</li>
 * </ul>
 */
package ulam.stdlib.linalg;
