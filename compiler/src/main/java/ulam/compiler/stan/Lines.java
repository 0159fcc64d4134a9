package ulam.compiler.stan;

import java.util.ArrayList;
import java.util.List;

/** Lines of program text with two-space indentation by nesting. */
final class Lines {
    private final List<String> lines = new ArrayList<>();
    private int depth;

    /** A line at the current depth. */
    void add(String line) {
        lines.add("  ".repeat(depth) + line);
    }

    /** The line {@code head} and an opening brace; what follows is one level deeper. */
    void open(String head) {
        add(head.isEmpty() ? "{" : head + " {");
        depth++;
    }

    /** One level up, then a closing brace. */
    void close() {
        depth--;
        add("}");
    }

    /** Appends another's lines at the current depth. */
    void addAll(Lines other) {
        for (String l : other.lines) add(l);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        return sb.toString();
    }
}
