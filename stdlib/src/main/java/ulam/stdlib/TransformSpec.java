package ulam.stdlib;

/**
 * A constrained type of the language whose transform acts on a whole vector or matrix
 * ({@code simplex[K]}, {@code ordered[K]}, {@code cholesky_factor_corr[K]}, ...): the static
 * methods of its implementation are described in {@link Signatures} ("Vector transforms").
 *
 * @param type           the type's name in the language ({@code simplex})
 * @param implementation the class holding the static methods
 * @param shape          the constrained value's shape in terms of K: {@code vector[K]} or {@code matrix[K,K]}
 * @param support        the support the type denotes (for the compiler's constraint bookkeeping)
 * @param description    one line for documentation and {@code ulam check}
 */
public record TransformSpec(String type, Class<?> implementation, String shape, Support support, String description) {}
