package ulam.compiler.check;

/**
 * The shape of a value: a scalar, a vector of a size, or a matrix (stored column-major, as Stan
 * orders {@code b[1,1], b[2,1], ...}).
 */
public sealed interface Shape {

    /** One value. */
    record Scalar() implements Shape {
        @Override public String toString() { return "scalar"; }
    }

    /** A vector (or one-dimensional array) of {@code length} values. */
    record Vector(Size length) implements Shape {
        @Override public String toString() { return "vector[" + length + "]"; }
    }

    /** A matrix of {@code rows} x {@code cols} values, column-major. */
    record Matrix(Size rows, Size cols) implements Shape {
        @Override public String toString() { return "matrix[" + rows + "," + cols + "]"; }
    }

    Shape SCALAR = new Scalar();

    /** Number of elements. */
    default Size count() {
        if (this instanceof Vector v) return v.length();
        if (this instanceof Matrix m) return new Size.Product(m.rows(), m.cols());
        return new Size.Const(1);
    }

    /** Whether this is a single value. */
    default boolean isScalar() {
        return this instanceof Scalar;
    }
}
