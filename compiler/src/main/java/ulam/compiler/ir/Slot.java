package ulam.compiler.ir;

/**
 * A field of the generated model class: data arrays, sizes, scalars, work arrays. Identity
 * matters; {@code label} is for dumps and messages only (user names never become JVM names).
 *
 * <p>A slot whose value is known when the model is compiled (the offset of a scalar parameter,
 * a count of 1, a literal bound) is a <em>constant</em>: it has no field, every read is the
 * constant itself, and nothing writes it. A model of 20,000 scalar parameters would otherwise
 * need some 60,000 fields, more than a class file's constant pool can name (65,535 entries).
 *
 * @param id       unique within a model, gives the field name
 * @param type     JVM shape of the field
 * @param label    what it holds, e.g. {@code data actor (int)}
 * @param adjoint  whether it carries an adjoint (a parallel field) in gradient code
 * @param constant the value of a constant slot ({@link Integer} for INT, {@link Double} for
 *                 REAL), or null for a field
 */
public record Slot(int id, Type type, String label, boolean adjoint, Number constant) implements Payload {

    /** A slot held in a field. */
    public Slot(int id, Type type, String label, boolean adjoint) {
        this(id, type, label, adjoint, null);
    }

    /**
     * Checks the constant's type against the slot's.
     *
     * @throws IllegalArgumentException for a constant array, an adjoint constant, or a constant of the wrong type
     */
    public Slot {
        if (constant != null && (adjoint || !(type == Type.INT && constant instanceof Integer
                || type == Type.REAL && constant instanceof Double))) {
            throw new IllegalArgumentException("constant " + constant + " for slot of type " + type);
        }
    }

    /** Whether the slot is a compile-time constant (no field). */
    public boolean isConstant() {
        return constant != null;
    }

    /** JVM type of the field. */
    public enum Type {
        INT_ARRAY("[I"), REAL_ARRAY("[D"), STRING_ARRAY("[Ljava/lang/String;"), INT("I"), REAL("D");

        public final String descriptor;

        Type(String descriptor) {
            this.descriptor = descriptor;
        }

        public boolean isArray() {
            return this == INT_ARRAY || this == REAL_ARRAY || this == STRING_ARRAY;
        }
    }

    /** Field name in the generated class. */
    public String field() {
        return "f" + id;
    }

    /** As a {@link Payload}: the field name. */
    @Override
    public String show() {
        return field();
    }

    /** Field name of the adjoint. */
    public String adjointField() {
        return "a" + id;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return constant != null ? constant + "(" + label + ")" : field() + "(" + label + ")";
    }
}
