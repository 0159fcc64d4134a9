package ulam.compiler.stanfront;

import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Span;
import ulam.grammar.StanParser;

/**
 * One variable a Stan program declares (Stan reference manual, "Variable declarations"): its
 * block, its base type ({@code int}, {@code real}, {@code vector}, {@code matrix},
 * {@code simplex}, ...), its array sizes and type sizes (in the alist's spelling) and its bounds.
 *
 * @param name      the program's name
 * @param block     where it is declared
 * @param base      the base type's keyword ({@code "vector"}, {@code "cholesky_factor_corr"}, ...)
 * @param arrayDims the sizes of {@code array[...]} or of the old {@code x[N]} suffix, as alist text
 * @param typeDims  the sizes of the type itself ({@code vector[J]}: J; {@code matrix[R,C]}: R, C)
 * @param bounds    {@code lower}, {@code upper}, {@code offset}, {@code multiplier} as alist text
 * @param span      where it is declared
 * @param ctx       its declaration, or null for a loop's local made a vector
 */
record Decl(String name, Block block, String base, List<String> arrayDims, List<String> typeDims,
            Map<String, String> bounds, Span span, StanParser.VarDeclContext ctx) {

    /** The blocks of a Stan program, in order, and the model block's local scope. */
    enum Block { DATA, TRANSFORMED_DATA, PARAMETERS, TRANSFORMED_PARAMETERS, MODEL, GENERATED_QUANTITIES }

    /** Number of indices an element takes: 0 for a scalar, 1 for a vector or array, 2 for a matrix. */
    int rank() {
        int r = arrayDims.size();
        return switch (base) {
            case "int", "real", "complex" -> r;
            case "matrix", "cov_matrix", "corr_matrix", "cholesky_factor_corr", "cholesky_factor_cov" -> r + 2;
            default -> r + 1;
        };
    }

    /** Whether its elements are integers. */
    boolean isInt() {
        return base.equals("int");
    }

    /** The sizes along each index, array sizes first. */
    List<String> dims() {
        List<String> all = new java.util.ArrayList<>(arrayDims);
        if (List.of("cov_matrix", "corr_matrix", "cholesky_factor_corr").contains(base)) {
            all.add(typeDims.get(0));
            all.add(typeDims.get(0));
        } else if (base.equals("cholesky_factor_cov") && typeDims.size() == 1) {
            all.add(typeDims.get(0));
            all.add(typeDims.get(0));
        } else {
            all.addAll(typeDims);
        }
        return all;
    }

    /** Whether it is a row vector (for {@code row_vector * vector}, the dot product). */
    boolean isRowVector() {
        return base.equals("row_vector") && arrayDims.isEmpty();
    }
}
