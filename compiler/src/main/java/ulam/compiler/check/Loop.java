package ulam.compiler.check;

/**
 * An implicit loop of the language: over the observations of a likelihood or a local
 * (language reference 2.2), or over the elements of a vector parameter's prior or a
 * {@code <<-} assignment. Identity matters: two loops with the same count are different loops.
 *
 * @param name  for messages and dumps ({@code i}, {@code j})
 * @param count how many iterations
 */
public record Loop(String name, Size count) {
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return name + " in 1:" + count;
    }
}
