package ulam.stdlib;

/** Element type of a value in the language: {@code int} (JVM {@code int}) or {@code real} (JVM {@code double}). */
public enum ValueType {
    INT, REAL
}
