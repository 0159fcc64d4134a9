package ulam.stdlib;

import java.util.List;

/**
 * One distribution of the library: what the type checker needs to know about it and where the
 * code generator finds its implementation.
 *
 * <p>The implementation class has these public static methods, with {@code T} = {@code int} for
 * an {@link ValueType#INT} slot and {@code double} for a {@link ValueType#REAL} one, the outcome
 * first and the arguments in {@link #args()} order:
 * <ul>
 *   <li>{@code double lpdf(T y, T a1, ..., T ak)}: the log density (or log mass), natural log,
 *       all constants kept; negative infinity outside the support, NaN for invalid
 *       arguments; never throws;</li>
 *   <li>{@code double kernel(T y, T a1, ..., T ak, double[] d)}: {@code lpdf - constant}
 *       (where {@link #hasConstant()}; else equal to {@code lpdf}) and its partial derivatives:
 *       {@code d[0]} = d/dy, {@code d[j]} = d/da_j; entries of int slots are left
 *       unspecified. {@code d} has length at least k + 1;</li>
 *   <li>{@code double constant(int y, int ...)} where {@link #hasConstant()}: the part of the
 *       log mass that depends only on the outcome and the int arguments (binomial: log choose(N, y)),
 *       which the generated code computes once per data set instead of once per gradient;
 *       parameters: the outcome, then the int arguments in order;</li>
 *   <li>{@code double dropped(int data, T y, T a1, ..., T ak)}: the summands of the log density
 *       that Stan's {@code ~} leaves out, given in the mask {@code data} which operands are data
 *       (bit 0 the outcome, bit j argument j; {@link ulam.stdlib.dist.Propto}), reading only those;
 *       the whole log density when every operand is data;</li>
 *   <li>{@code T rng(UniformRandomProvider rng, T a1, ..., T ak)}: one random draw.</li>
 * </ul>
 *
 * @param name           the canonical (Stan) name, e.g. {@code normal}
 * @param aliases        other names that select it: R names ({@code dnorm}), rethinking names
 * @param implementation the class holding the static methods
 * @param outcome        element type of the outcome
 * @param outcomeSupport support of the outcome: the constraint a parameter on the left of
 *                       {@code ~} receives
 * @param args           the arguments, in order
 * @param lowerArg       for {@link Support#ARG_BOUNDS}: index of the argument that is the lower bound; else -1
 * @param upperArg       for {@link Support#ARG_BOUNDS}: index of the upper-bound argument; else -1
 * @param hasConstant    whether a {@code constant(...)} method exists
 * @param linkRewrites   cheaper equivalents when an argument is an inverse link of an expression,
 *                       e.g. {@code bernoulli(inv_logit(x))} is {@code bernoulli_logit(x)}
 * @param description    one line for documentation and {@code ulam check}, e.g. "normal(mu, sigma): mean mu, standard deviation sigma"
 * @param outcomeShape   "" for a single value, else a shape such as {@code vector[K]},
 *                       {@code matrix[K,K]}, {@code int[K]} (see {@link Signatures} for how
 *                       non-scalar operands are passed)
 * @param hasCdf         whether {@code lcdf}, {@code lccdf}, {@code lcdfGrad} and
 *                       {@code lccdfGrad} exist (for truncation {@code T[L, U]})
 */
public record DistributionSpec(
        String name,
        List<String> aliases,
        Class<?> implementation,
        ValueType outcome,
        Support outcomeSupport,
        List<Arg> args,
        int lowerArg,
        int upperArg,
        boolean hasConstant,
        List<LinkRewrite> linkRewrites,
        String description,
        String outcomeShape,
        boolean hasCdf) {

    /** A distribution of scalars without cumulative distribution functions (the first release's form). */
    public DistributionSpec(String name, List<String> aliases, Class<?> implementation, ValueType outcome,
                            Support outcomeSupport, List<Arg> args, int lowerArg, int upperArg, boolean hasConstant,
                            List<LinkRewrite> linkRewrites, String description) {
        this(name, aliases, implementation, outcome, outcomeSupport, args, lowerArg, upperArg, hasConstant,
                linkRewrites, description, "", false);
    }

    /**
     * Whether this is an improper prior ({@code flat()}): a log density that is no law, so it has
     * no draws, no cumulative distribution function and no reference law to be tested against.
     */
    public boolean improper() {
        return implementation == ulam.stdlib.dist.Flat.class;
    }

    /**
     * One argument.
     *
     * @param name    its name in the documentation (mu, sigma, N, p)
     * @param type    element type; an INT argument must be data or a constant
     * @param support the constraint a bare parameter name in this position receives if it has
     *                none yet (sigma: POSITIVE; p: UNIT)
     */
    public record Arg(String name, ValueType type, Support support, String shape) {
        /** A scalar argument. */
        public Arg(String name, ValueType type, Support support) {
            this(name, type, support, "");
        }

        /** Whether it is a single value. */
        public boolean scalar() {
            return shape.isEmpty();
        }
    }

    /**
     * A rewrite of this distribution when argument {@code argIndex} is
     * {@code inverseLink(expr)}: use distribution {@code target} with {@code expr} in that place.
     *
     * @param argIndex    0-based argument index
     * @param inverseLink the function name, e.g. {@code inv_logit} or {@code exp}
     * @param target      canonical name of the equivalent distribution, e.g. {@code bernoulli_logit}
     */
    public record LinkRewrite(int argIndex, String inverseLink, String target) {}

    /** Whether the outcome is a single value. */
    public boolean scalarOutcome() {
        return outcomeShape.isEmpty();
    }

    /** Whether every operand (outcome and arguments) is a single value. */
    public boolean allScalar() {
        if (!scalarOutcome()) return false;
        for (Arg a : args) if (!a.scalar()) return false;
        return true;
    }

    /** Number of arguments (the outcome not counted). */
    public int arity() {
        return args.size();
    }
}
