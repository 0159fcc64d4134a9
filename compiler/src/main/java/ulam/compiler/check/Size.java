package ulam.compiler.check;

/**
 * A size known only when the data are bound: the compiled model computes it in its constructor,
 * so one compiled model serves any data set of the same columns.
 */
public sealed interface Size {

    /** A literal size, e.g. {@code vector[4]}. */
    record Const(int value) implements Size {
        @Override public String toString() { return Integer.toString(value); }
    }

    /** The value of an integer data scalar, e.g. {@code vector[N]}. */
    record DataScalar(Symbol symbol) implements Size {
        @Override public String toString() { return symbol.name(); }
    }

    /** The number of levels of an index: {@code max(G)} (language reference A.5). */
    record Levels(Symbol symbol) implements Size {
        @Override public String toString() { return "max(" + symbol.name() + ")"; }
    }

    /** The length of a data or transformed-data vector: its number of rows. */
    record Length(Symbol symbol) implements Size {
        @Override public String toString() { return "length(" + symbol.name() + ")"; }
    }

    /** The product of two sizes (the element count of a matrix). */
    record Product(Size left, Size right) implements Size {
        @Override public String toString() { return left + "*" + right; }
    }

    /** A dimension of a data matrix: {@code index} 0 for its rows, 1 for its columns. */
    record Dim(Symbol symbol, int index) implements Size {
        @Override public String toString() { return (index == 0 ? "rows(" : "cols(") + symbol.name() + ")"; }
    }

    /** The number of missing values of an imputed variable: the length of its {@code _impute} parameter. */
    record Missing(Symbol symbol) implements Size {
        @Override public String toString() { return "missing(" + symbol.name() + ")"; }
    }

    /** The sum of two sizes (concatenations). */
    record Sum(Size left, Size right) implements Size {
        @Override public String toString() { return left + "+" + right; }
    }

    /** Calls {@code out} with every symbol this size is computed from (a symbol may come more than once). */
    default void symbols(java.util.function.Consumer<Symbol> out) {
        if (this instanceof Levels l) out.accept(l.symbol());
        else if (this instanceof Length l) out.accept(l.symbol());
        else if (this instanceof DataScalar d) out.accept(d.symbol());
        else if (this instanceof Dim d) out.accept(d.symbol());
        else if (this instanceof Missing m) out.accept(m.symbol());
        else if (this instanceof Product p) {
            p.left().symbols(out);
            p.right().symbols(out);
        } else if (this instanceof Sum p) {
            p.left().symbols(out);
            p.right().symbols(out);
        }
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
