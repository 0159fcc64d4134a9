package ulam.compiler.ir;

import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.IntFunction;

/** An integer computed when data are bound: a size, an offset, a count. */
public sealed interface IntExpr {

    /**
     * Evaluates this bottom-up, one function per kind (exhaustive: a new kind fails to compile
     * until every caller handles it); the left operand of a sum or product is folded before the
     * right one.
     */
    <R> R fold(IntFunction<R> constant, Function<Slot, R> of, BinaryOperator<R> add, BinaryOperator<R> mul);

    /** A literal. */
    record Const(int value) implements IntExpr {
        @Override
        public <R> R fold(IntFunction<R> constant, Function<Slot, R> of, BinaryOperator<R> add, BinaryOperator<R> mul) {
            return constant.apply(value);
        }
    }

    /** The value of an INT slot. */
    record Of(Slot slot) implements IntExpr {
        @Override
        public <R> R fold(IntFunction<R> constant, Function<Slot, R> of, BinaryOperator<R> add, BinaryOperator<R> mul) {
            return of.apply(slot);
        }
    }

    /** A sum. */
    record Add(IntExpr left, IntExpr right) implements IntExpr {
        @Override
        public <R> R fold(IntFunction<R> constant, Function<Slot, R> of, BinaryOperator<R> add, BinaryOperator<R> mul) {
            R l = left.fold(constant, of, add, mul);
            return add.apply(l, right.fold(constant, of, add, mul));
        }
    }

    /** A product. */
    record Mul(IntExpr left, IntExpr right) implements IntExpr {
        @Override
        public <R> R fold(IntFunction<R> constant, Function<Slot, R> of, BinaryOperator<R> add, BinaryOperator<R> mul) {
            R l = left.fold(constant, of, add, mul);
            return mul.apply(l, right.fold(constant, of, add, mul));
        }
    }

    /** The value of a slot: a constant slot's constant, else {@link Of}. */
    static IntExpr of(Slot slot) {
        return slot.isConstant() ? new Const((Integer) slot.constant()) : new Of(slot);
    }

    /** {@code a + b}, folded: two constants give their sum, a constant 0 disappears. */
    static IntExpr add(IntExpr a, IntExpr b) {
        if (a instanceof Const x && b instanceof Const y) return new Const(x.value() + y.value());   // wraps as IADD would: the size check at binding refuses it
        if (a instanceof Const x && x.value() == 0) return b;
        if (b instanceof Const y && y.value() == 0) return a;
        return new Add(a, b);
    }

    /** {@code a * b}, folded: two constants give their product, a constant 1 disappears. */
    static IntExpr mul(IntExpr a, IntExpr b) {
        if (a instanceof Const x && b instanceof Const y) return new Const(x.value() * y.value());
        if (a instanceof Const x && x.value() == 1) return b;
        if (b instanceof Const y && y.value() == 1) return a;
        return new Mul(a, b);
    }

    /** Builds this in a segment as an INT value. */
    default Value in(Segment seg) {
        return fold(seg::constInt, seg::slot, (l, r) -> seg.intOp(Value.Op.IADD, l, r), (l, r) -> seg.intOp(Value.Op.IMUL, l, r));
    }
}
