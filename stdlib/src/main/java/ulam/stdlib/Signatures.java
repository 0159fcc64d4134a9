package ulam.stdlib;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The calling convention between generated code and the library: the JVM method descriptor of
 * every method a registry entry promises, derived from its operand types and shapes. The code
 * generator emits INVOKESTATIC with exactly these descriptors, and {@code RegistryContractTest}
 * checks every implementation against them: one source of truth.
 *
 * <h2>Operands</h2>
 * A distribution's operands are its outcome, then its arguments; a function's are its arguments.
 * Each is passed as:
 * <ul>
 *   <li>a scalar REAL: {@code double}; a scalar INT: {@code int};</li>
 *   <li>a vector or matrix of reals: {@code double[] a, int aOff} (its elements from {@code aOff},
 *       matrices column-major: element (r, c) at {@code aOff + r + c*rows});</li>
 *   <li>an integer vector ({@code int[K]}): {@code int[] a, int aOff}.</li>
 * </ul>
 * Then the <em>dimensions</em>: one {@code int} per distinct size name, in order of first
 * appearance over the operands' shapes (and a function's result shape last): multi_normal's
 * {@code y vector[K], mu vector[K], Sigma matrix[K,K]} take one {@code int K}; a matrix product
 * {@code matrix[R,M] x matrix[M,C] -> matrix[R,C]} takes {@code R, M, C}.
 *
 * <h2>Distributions</h2>
 * <ul>
 *   <li>{@code double lpdf(operands, dims)}: the full log density (natural log, constants kept);
 *       -inf outside the support, NaN for invalid arguments; never throws or allocates.</li>
 *   <li>{@code double kernel(operands, dims, double[] d, double[] dV1, ..., double[] dVm)}: lpdf
 *       minus {@code constant}, with partial derivatives: {@code d[j]} for the scalar REAL operand
 *       at position j (the outcome is position 0), and for each non-scalar REAL operand, in order,
 *       an array {@code dV} receiving its partials from index 0 (overwritten, column-major). The
 *       caller multiplies them by the adjoint of the result.</li>
 *   <li>{@code double constant(outcome, the INT operands, dims)} where {@code hasConstant}: the
 *       data-only part of an integer outcome's log mass.</li>
 *   <li>{@code double dropped(int data, operands, dims)}: the summands of the log density that
 *       Stan's {@code ~} leaves out, given in the mask {@code data} which operands are data
 *       ({@link ulam.stdlib.dist.Propto}); reads only those operands.</li>
 *   <li>{@code rng(UniformRandomProvider rng, arguments, dims)}: returns the draw for a scalar
 *       outcome ({@code int} or {@code double}); for a non-scalar outcome returns {@code void} and
 *       takes {@code double[] out, int outOff} (or {@code int[] out, int outOff}) after the dims.</li>
 *   <li>where {@code hasCdf} (scalar distributions): {@code double lcdf(operands)},
 *       {@code double lccdf(operands)} (log of P(Y &lt;= y) and P(Y &gt; y)), and
 *       {@code double lcdfGrad(operands, double[] d)}, {@code double lccdfGrad(operands, double[] d)}
 *       with partials as in {@code kernel}.</li>
 * </ul>
 *
 * <h2>BLOCK functions</h2>
 * <ul>
 *   <li>value: {@code void f(operands, dims, double[] out, int outOff)} for a non-scalar result,
 *       {@code double f(operands, dims)} for a scalar one;</li>
 *   <li>adjoint: {@code void fBackward(operands, dims, <result>, double[] d, <adjoints>)} where
 *       {@code <result>} is {@code double[] out, int outOff, double[] outAdj, int outAdjOff} for a
 *       non-scalar result or {@code double fx, double fxAdj} for a scalar one; {@code d[j]}
 *       receives (overwritten) the adjoint contribution of the scalar REAL operand at position j;
 *       {@code <adjoints>} is, for each non-scalar REAL operand in order, {@code double[] aAdj,
 *       int aAdjOff}, into which its adjoint contributions are <em>added</em>.</li>
 * </ul>
 *
 * <h2>Vector transforms</h2> ({@link TransformSpec})
 * {@code int unconstrainedSize(int K)}, {@code int constrainedSize(int K)},
 * {@code double constrain(double[] q, int qOff, int K, double[] x, int xOff)} (returns the log
 * absolute Jacobian determinant), {@code void backward(double[] q, int qOff, int K, double[] x,
 * int xOff, double[] xAdj, int xAdjOff, double[] g, int gOff)} (sets the gradient on the
 * unconstrained scale: the Jacobian transposed times the adjoint, plus the gradient of the
 * log-Jacobian), {@code void unconstrain(double[] x, int xOff, int K, double[] q, int qOff)}
 * (throws {@link IllegalArgumentException} outside the support).
 */
public final class Signatures {
    private Signatures() {}

    private static final String RNG = "Lorg/apache/commons/rng/UniformRandomProvider;";

    /** The size names of a shape: {@code matrix[K,N]} gives {@code [K, N]}; a scalar none. */
    public static List<String> sizeNames(String shape) {
        if (shape == null || shape.isEmpty()) return List.of();
        int a = shape.indexOf('[');
        int b = shape.lastIndexOf(']');
        if (a < 0 || b < a) throw new IllegalArgumentException("shape '" + shape + "'");
        List<String> out = new ArrayList<>();
        for (String p : shape.substring(a + 1, b).split(",")) out.add(p.trim());
        return out;
    }

    /** The kind of a shape: {@code vector}, {@code matrix}, {@code int} (an integer vector), or "" (scalar). */
    public static String shapeKind(String shape) {
        if (shape == null || shape.isEmpty()) return "";
        return shape.substring(0, shape.indexOf('['));
    }

    private static String operand(ValueType type, String shape) {
        if (shape.isEmpty()) return type == ValueType.INT ? "I" : "D";
        return shapeKind(shape).equals("int") || type == ValueType.INT ? "[II" : "[DI";
    }

    /** Distinct size names over shapes, in order of first appearance. */
    public static List<String> dims(List<String> shapes) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : shapes) out.addAll(sizeNames(s));
        return new ArrayList<>(out);
    }

    /** The shapes of a distribution's operands: outcome, then arguments. */
    public static List<String> shapes(DistributionSpec d) {
        List<String> s = new ArrayList<>();
        s.add(d.outcomeShape());
        for (DistributionSpec.Arg a : d.args()) s.add(a.shape());
        return s;
    }

    private static String operands(DistributionSpec d, boolean outcome) {
        StringBuilder sb = new StringBuilder();
        if (outcome) sb.append(operand(d.outcome(), d.outcomeShape()));
        for (DistributionSpec.Arg a : d.args()) sb.append(operand(a.type(), a.shape()));
        sb.append("I".repeat(dims(shapes(d)).size()));
        return sb.toString();
    }

    /** Number of non-scalar REAL operands of a distribution (each gets a partials array in {@code kernel}). */
    public static int vectorPartials(DistributionSpec d) {
        int n = !d.scalarOutcome() && d.outcome() == ValueType.REAL && !shapeKind(d.outcomeShape()).equals("int") ? 1 : 0;
        for (DistributionSpec.Arg a : d.args()) if (!a.scalar() && a.type() == ValueType.REAL) n++;
        return n;
    }

    /** {@code lpdf}. */
    public static String lpdf(DistributionSpec d) {
        return "(" + operands(d, true) + ")D";
    }

    /**
     * {@code dropped}: {@code double dropped(int data, operands, dims)}, the summands Stan's
     * {@code ~} leaves out given which operands are data ({@link ulam.stdlib.dist.Propto}).
     */
    public static String dropped(DistributionSpec d) {
        return "(I" + operands(d, true) + ")D";
    }

    /** {@code kernel}. */
    public static String kernel(DistributionSpec d) {
        return "(" + operands(d, true) + "[D" + "[D".repeat(vectorPartials(d)) + ")D";
    }

    /** {@code constant}: the outcome, the INT arguments, the dims. */
    public static String constant(DistributionSpec d) {
        StringBuilder sb = new StringBuilder("(").append(operand(d.outcome(), d.outcomeShape()));
        for (DistributionSpec.Arg a : d.args()) if (a.type() == ValueType.INT) sb.append(operand(a.type(), a.shape()));
        sb.append("I".repeat(dims(shapes(d)).size()));
        return sb.append(")D").toString();
    }

    /** {@code rng}. */
    public static String rng(DistributionSpec d) {
        String ops = operands(d, false);
        if (d.scalarOutcome()) return "(" + RNG + ops + ")" + (d.outcome() == ValueType.INT ? "I" : "D");
        String out = d.outcome() == ValueType.INT || shapeKind(d.outcomeShape()).equals("int") ? "[II" : "[DI";
        return "(" + RNG + ops + out + ")V";
    }

    /** {@code lcdf} and {@code lccdf} (value). */
    public static String cdf(DistributionSpec d) {
        return lpdf(d);
    }

    /** {@code lcdfGrad} and {@code lccdfGrad}. */
    public static String cdfGrad(DistributionSpec d) {
        return "(" + operands(d, true) + "[D)D";
    }

    // ------------------------------------------------------------------ functions

    private static List<String> shapes(FunctionSpec f, boolean withResult) {
        List<String> s = new ArrayList<>(f.argShapes());
        if (withResult) s.add(f.resultShape());
        return s;
    }

    private static String operands(FunctionSpec f) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < f.arity(); k++) sb.append(operand(f.args().get(k), f.argShapes().get(k)));
        sb.append("I".repeat(dims(shapes(f, true)).size()));
        return sb.toString();
    }

    /** The value method of a SCALAR function: {@code double f(double...)}, or of a BLOCK function. */
    public static String function(FunctionSpec f) {
        if (f.kind() != FunctionSpec.Kind.BLOCK) return "(" + "D".repeat(f.arity()) + ")D";
        return f.resultShape().isEmpty() ? "(" + operands(f) + ")D" : "(" + operands(f) + "[DI)V";
    }

    /** A SCALAR function's partial {@code <method>D<j>(x..., fx)}. */
    public static String derivative(FunctionSpec f) {
        return "(" + "D".repeat(f.arity() + 1) + ")D";
    }

    /** A BLOCK function's {@code <method>Backward}. */
    public static String backward(FunctionSpec f) {
        StringBuilder sb = new StringBuilder("(").append(operands(f));
        sb.append(f.resultShape().isEmpty() ? "DD" : "[DI[DI");
        sb.append("[D");
        for (int k = 0; k < f.arity(); k++) {
            if (!f.argShapes().get(k).isEmpty() && f.args().get(k) == ValueType.REAL) sb.append("[DI");
        }
        return sb.append(")V").toString();
    }

    // ------------------------------------------------------------------ transforms

    /** {@code unconstrainedSize} and {@code constrainedSize}. */
    public static final String SIZE = "(I)I";
    /** {@code constrain}. */
    public static final String CONSTRAIN = "([DII[DI)D";
    /** {@code backward}. */
    public static final String TRANSFORM_BACKWARD = "([DII[DI[DI[DI)V";
    /** {@code unconstrain}. */
    public static final String UNCONSTRAIN = "([DII[DI)V";
}
