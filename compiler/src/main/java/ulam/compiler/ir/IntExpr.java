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

    /** Builds this in a segment as an INT value. */
    default Value in(Segment seg) {
        if (this instanceof Const c) return seg.constInt(c.value());
        if (this instanceof Of o) return seg.slot(o.slot());
        if (this instanceof Add a) return seg.intOp(Value.Op.IADD, a.left().in(seg), a.right().in(seg));
        Mul m = (Mul) this;
        return seg.intOp(Value.Op.IMUL, m.left().in(seg), m.right().in(seg));
    }
}
