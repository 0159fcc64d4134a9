package ulam.compiler.check;

import java.util.List;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;

/**
 * A checked expression: scalar-valued, with its element type, every name resolved to a symbol,
 * every index made explicit and 0-based, and every implicit loop (over observations or over the
 * elements of a vector) named by a {@link Loop}. The IR is made from these.
 */
public sealed interface TExpr extends ArrayArg {

    /** Element type of the value. */
    Elem elem();

    /**
     * Calls the visitor's method for this node's kind: dispatch over every kind of checked
     * expression that the compiler checks for completeness (a new kind must be added to
     * {@link Visitor}, and every visitor then fails to compile until it handles it).
     */
    <R> R accept(Visitor<R> v);

    @Override
    default <R> R fold(java.util.function.Function<TExpr, R> single, java.util.function.Function<AExpr, R> array) {
        return single.apply(this);
    }

    /** One method per kind of {@link TExpr}. */
    interface Visitor<R> {
        R num(Num e);
        R str(Str e);
        R loopIndex(LoopIndex e);
        R sizeOf(SizeOf e);
        R ref(Ref e);
        R call(Call e);
        R arith(Arith e);
        R neg(Neg e);
        R logic(Logic e);
        R not(Not e);
        R ifElse(IfElse e);
        R dataCall(DataCall e);
        R reduce(Reduce e);
        R density(Density e);
        R slice(Slice e);
        R vDensity(VDensity e);
        R cdf(Cdf e);
        R vRng(VRng e);
        R rng(Rng e);
    }

    /** A literal number (INT or REAL) or logical (BOOL, 0 or 1). */
    record Num(double value, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.num(this); }
    }

    /** A string literal, compared with string data. */
    record Str(String value) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.str(this); }
        @Override public Elem elem() { return Elem.STRING; }
    }

    /** The 0-based counter of a loop. */
    record LoopIndex(Loop loop) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.loopIndex(this); }
        @Override public Elem elem() { return Elem.INT; }
    }

    /** A size, known once data are bound. */
    record SizeOf(Size size) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.sizeOf(this); }
        @Override public Elem elem() { return Elem.INT; }
    }

    /**
     * An element of a symbol's value: {@code index} is the 0-based flat (column-major) position,
     * or null for a scalar symbol. The element type is the symbol's, except that data read as
     * text has {@code STRING}.
     */
    record Ref(Symbol symbol, TExpr index, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.ref(this); }
    }

    /** An elementwise library function, e.g. {@code exp}, {@code inv_logit}, {@code pow}. */
    record Call(FunctionSpec function, List<TExpr> args) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.call(this); }
        @Override public Elem elem() { return Elem.REAL; }
    }

    /** Arithmetic on two values. */
    record Arith(Op op, TExpr left, TExpr right, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.arith(this); }
    }

    /** Negation. */
    record Neg(TExpr operand, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.neg(this); }
    }

    /** A comparison or logical operation; BOOL. */
    record Logic(ulam.compiler.ast.Expr.BinaryOp op, TExpr left, TExpr right) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.logic(this); }
        @Override public Elem elem() { return Elem.BOOL; }
    }

    /** Logical not; BOOL. */
    record Not(TExpr operand) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.not(this); }
        @Override public Elem elem() { return Elem.BOOL; }
    }

    /** {@code ifelse(test, yes, no)}, data only. */
    record IfElse(TExpr test, TExpr yes, TExpr no, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.ifElse(this); }
    }

    /**
     * A data function evaluated once when the data are bound ({@code mean(x)}, {@code sd(x)},
     * {@code length(x)}); arguments are whole vectors ({@link Ref} with a null index) or scalars.
     */
    record DataCall(FunctionSpec function, List<TExpr> args, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.dataCall(this); }
    }

    /** Sum or mean of {@code body} over {@code loop} (which runs over {@code loop.count()} elements). */
    record Reduce(Reduction kind, Loop loop, TExpr body) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.reduce(this); }
        @Override public Elem elem() { return Elem.REAL; }
    }

    /** A log density term: the log density of {@code outcome} under {@code distribution} with {@code args}. */
    record Density(DistributionSpec distribution, TExpr outcome, List<TExpr> args) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.density(this); }
        @Override public Elem elem() { return Elem.REAL; }
    }

    /**
     * The elements of a symbol's whole value from a 0-based flat {@code offset} (column-major):
     * a vector or matrix operand of a {@link VDensity}. The symbol is stored in an array: a
     * parameter, data, or a materialized local; {@code shape} is the part's (a column of a matrix
     * is a vector). Not a value by itself.
     */
    record Slice(Symbol symbol, TExpr offset, Shape shape, Elem elem) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.slice(this); }
    }

    /**
     * A log density with vector or matrix operands ({@code multi_normal}, {@code lkj_corr},
     * {@code dirichlet}, {@code ordered_logistic}'s cutpoints): the operands are the outcome, then
     * the arguments, each a single value or a {@link Slice}; {@code dims} gives one size per
     * distinct size name of the distribution's shapes ({@code ulam.stdlib.Signatures}).
     */
    record VDensity(DistributionSpec distribution, List<TExpr> operands, List<Size> dims) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.vDensity(this); }
        @Override public Elem elem() { return Elem.REAL; }
    }

    /**
     * The log of a distribution function at {@code at}: {@code log P(Y <= at)} ({@code _lcdf}),
     * or with {@code complement} {@code log P(Y > at)} ({@code _lccdf}); for truncation
     * {@code T[L, U]} and for {@code normal_lcdf(x | mu, sigma)} in expressions.
     */
    record Cdf(DistributionSpec distribution, boolean complement, TExpr at, List<TExpr> args) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.cdf(this); }
        @Override public Elem elem() { return Elem.REAL; }
    }

    /**
     * A random draw of a single value from a distribution with a vector argument
     * ({@code categorical_rng(theta)}, {@code ordered_logistic_rng(eta, c)}): the arguments as in
     * {@link VDensity} (without the outcome), generated quantities only.
     */
    record VRng(DistributionSpec distribution, List<TExpr> operands, List<Size> dims) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.vRng(this); }
        @Override public Elem elem() { return distribution.outcome() == ulam.stdlib.ValueType.INT ? Elem.INT : Elem.REAL; }
    }

    /** A random draw from a distribution ({@code normal_rng(mu, sigma)}), generated quantities only. */
    record Rng(DistributionSpec distribution, List<TExpr> args) implements TExpr {
        @Override public <R> R accept(Visitor<R> v) { return v.rng(this); }
        @Override public Elem elem() { return distribution.outcome() == ulam.stdlib.ValueType.INT ? Elem.INT : Elem.REAL; }
    }

    /** Arithmetic operators. */
    enum Op {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Reductions. */
    enum Reduction { SUM, MEAN }
}
