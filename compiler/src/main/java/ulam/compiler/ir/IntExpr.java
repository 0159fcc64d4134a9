package ulam.compiler.ir;

/** An integer computed when data are bound: a size, an offset, a count. */
public sealed interface IntExpr {
    /** A literal. */
    record Const(int value) implements IntExpr {}

    /** The value of an INT slot. */
    record Of(Slot slot) implements IntExpr {}

    /** A sum. */
    record Add(IntExpr left, IntExpr right) implements IntExpr {}

    /** A product. */
    record Mul(IntExpr left, IntExpr right) implements IntExpr {}

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
        if (this instanceof Const c) return seg.constInt(c.value());
        if (this instanceof Of o) return seg.slot(o.slot());
        if (this instanceof Add a) return seg.intOp(Value.Op.IADD, a.left().in(seg), a.right().in(seg));
        Mul m = (Mul) this;
        return seg.intOp(Value.Op.IMUL, m.left().in(seg), m.right().in(seg));
    }
}
