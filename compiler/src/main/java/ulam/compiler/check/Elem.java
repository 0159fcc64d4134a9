package ulam.compiler.check;

/** Element type of a value: integer, real, text (data only), or logical (comparisons). */
public enum Elem {
    INT, REAL, STRING, BOOL;

    /** The type of an arithmetic result. */
    static Elem arithmetic(Elem a, Elem b) {
        return a == INT && b == INT ? INT : REAL;
    }
}
