package ulam.compiler.check;

/**
 * A size known only when the data are bound: the compiled model computes it in its constructor,
 * so one compiled model serves any data set of the same columns.
 */
public sealed interface Size {

    /** Dispatches on the kind of size: a new kind fails to compile until every visitor handles it. */
    <R> R accept(Visitor<R> v);

    /** One method per kind of {@link Size}. */
    interface Visitor<R> {
        R constant(Const s);
        R dataScalar(DataScalar s);
        R levels(Levels s);
        R length(Length s);
        R product(Product s);
        R dim(Dim s);
        R missing(Missing s);
        R sum(Sum s);
    }

    /** A literal size, e.g. {@code vector[4]}. */
    record Const(int value) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.constant(this); }
        @Override public String toString() { return Integer.toString(value); }
    }

    /** The value of an integer data scalar, e.g. {@code vector[N]}. */
    record DataScalar(Symbol symbol) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.dataScalar(this); }
        @Override public String toString() { return symbol.name(); }
    }

    /** The number of levels of an index: {@code max(G)} (language reference A.5). */
    record Levels(Symbol symbol) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.levels(this); }
        @Override public String toString() { return "max(" + symbol.name() + ")"; }
    }

    /** The length of a data or transformed-data vector: its number of rows. */
    record Length(Symbol symbol) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.length(this); }
        @Override public String toString() { return "length(" + symbol.name() + ")"; }
    }

    /** The product of two sizes (the element count of a matrix). */
    record Product(Size left, Size right) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.product(this); }
        @Override public String toString() { return left + "*" + right; }
    }

    /** A dimension of a data matrix: {@code index} 0 for its rows, 1 for its columns. */
    record Dim(Symbol symbol, int index) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.dim(this); }
        @Override public String toString() { return (index == 0 ? "rows(" : "cols(") + symbol.name() + ")"; }
    }

    /** The number of missing values of an imputed variable: the length of its {@code _impute} parameter. */
    record Missing(Symbol symbol) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.missing(this); }
        @Override public String toString() { return "missing(" + symbol.name() + ")"; }
    }

    /** The sum of two sizes (concatenations). */
    record Sum(Size left, Size right) implements Size {
        @Override public <R> R accept(Visitor<R> v) { return v.sum(this); }
        @Override public String toString() { return left + "+" + right; }
    }

    /** Calls {@code out} with every symbol this size is computed from (a symbol may come more than once). */
    default void symbols(java.util.function.Consumer<Symbol> out) {
        accept(new Visitor<Void>() {
            @Override public Void constant(Const s) { return null; }
            @Override public Void dataScalar(DataScalar s) { out.accept(s.symbol()); return null; }
            @Override public Void levels(Levels s) { out.accept(s.symbol()); return null; }
            @Override public Void length(Length s) { out.accept(s.symbol()); return null; }
            @Override public Void dim(Dim s) { out.accept(s.symbol()); return null; }
            @Override public Void missing(Missing s) { out.accept(s.symbol()); return null; }

            @Override
            public Void product(Product s) {
                s.left().symbols(out);
                s.right().symbols(out);
                return null;
            }

            @Override
            public Void sum(Sum s) {
                s.left().symbols(out);
                s.right().symbols(out);
                return null;
            }
        });
    }

    /** The literal value, or -1 when it depends on data (or is beyond the range of int: checked when bound). */
    default int constant() {
        if (this instanceof Const c) return c.value();
        if (this instanceof Product p) {
            int a = p.left().constant();
            int b = p.right().constant();
            return a < 0 || b < 0 || (long) a * b > Integer.MAX_VALUE ? -1 : a * b;
        }
        if (this instanceof Sum p) {
            int a = p.left().constant();
            int b = p.right().constant();
            return a < 0 || b < 0 || (long) a + b > Integer.MAX_VALUE ? -1 : a + b;
        }
        return -1;
    }
}
