package ulam.compiler.check;

/**
 * What a symbol is (language reference 3.1 and 2.10).
 */
public enum Kind {
    /** A value of the data, read from a file. */
    DATA("data"),
    /** A value computed from data and constants once, when the data are read ({@code <-} on data, or {@code transdata>}). */
    TRANSFORMED_DATA("derived data"),
    /** A parameter: on the left of a {@code ~} and not data. */
    PARAMETER("parameter"),
    /** A local of the model ({@code <-} or {@code <<-} involving parameters): recomputed at every log density evaluation. */
    LOCAL("local"),
    /** A {@code transpars>} local: computed from parameters and reported with every draw. */
    TRANSFORMED_PARAMETER("transformed parameter"),
    /** A {@code save>} local: a model local that is also reported with every draw. */
    SAVED("saved local"),
    /** A {@code gq>} value: computed after sampling, once per draw, and reported. */
    GENERATED("generated quantity");

    public final String description;

    Kind(String description) {
        this.description = description;
    }

    /** Whether draws report it. */
    public boolean isOutput() {
        return this == PARAMETER || this == TRANSFORMED_PARAMETER || this == SAVED || this == GENERATED;
    }
}
