package ulam.stdlib;

import java.util.List;

/**
 * One scalar function of the library ({@code exp}, {@code inv_logit}, {@code pow}, ...).
 *
 * <p>The implementation class has public static methods
 * {@code double <method>(double x1, ..., double xn)} for the value and, for each argument j
 * (0-based), {@code double <method>D<j>(double x1, ..., double xn, double fx)} for the partial
 * derivative d f / d x_j given the arguments and the value {@code fx} already computed (so
 * that {@code exp}'s derivative costs nothing). Functions with {@link Kind#REDUCTION} or
 * {@link Kind#DATA} are listed here for name lookup and checking; the compiler lowers them
 * itself (reductions) or calls {@code ulam.stdlib.data} helpers at data-load time (data).
 *
 * @param name           the name in the language, e.g. {@code inv_logit}
 * @param aliases        other names ({@code logistic} for {@code inv_logit})
 * @param implementation class holding the static methods (null for REDUCTION)
 * @param method         Java method name, e.g. {@code invLogit}
 * @param args           element types of the arguments
 * @param kind           SCALAR (elementwise, differentiable), REDUCTION (vector to scalar:
 *                       {@code sum}, {@code mean}), DATA (only in transformed data: {@code standardize})
 * @param description    one line for documentation
 * @param argShapes      per argument: "" for a single value, else {@code vector[K]},
 *                       {@code matrix[R,C]}, {@code int[K]} (BLOCK functions)
 * @param resultShape    "" for a single value, else the result's shape (BLOCK functions)
 */
public record FunctionSpec(
        String name,
        List<String> aliases,
        Class<?> implementation,
        String method,
        List<ValueType> args,
        Kind kind,
        String description,
        List<String> argShapes,
        String resultShape) {

    /** A function of scalars (the first release's form). */
    public FunctionSpec(String name, List<String> aliases, Class<?> implementation, String method, List<ValueType> args,
                        Kind kind, String description) {
        this(name, aliases, implementation, method, args, kind, description, java.util.Collections.nCopies(args.size(), ""), "");
    }

    /**
     * How the compiler treats the function: SCALAR elementwise with partials {@code <method>D<j>};
     * REDUCTION lowered by the compiler ({@code sum}, {@code mean}); DATA evaluated once on data;
     * BLOCK a function of vectors or matrices with a hand-written adjoint {@code <method>Backward}
     * (calling convention in {@link Signatures}).
     */
    public enum Kind { SCALAR, REDUCTION, DATA, BLOCK }

    /** Number of arguments. */
    public int arity() {
        return args.size();
    }
}
