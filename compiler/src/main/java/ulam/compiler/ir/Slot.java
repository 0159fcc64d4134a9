package ulam.compiler.ir;

/**
 * A field of the generated model class: data arrays, sizes, scalars, work arrays. Identity
 * matters; {@code label} is for dumps and messages only (user names never become JVM names).
 *
 * @param id      unique within a model, gives the field name
 * @param type    JVM shape of the field
 * @param label   what it holds, e.g. {@code data actor (int)}
 * @param adjoint whether it carries an adjoint (a parallel field) in gradient code
 */
public record Slot(int id, Type type, String label, boolean adjoint) implements Payload {

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
        return field() + "(" + label + ")";
    }
}
