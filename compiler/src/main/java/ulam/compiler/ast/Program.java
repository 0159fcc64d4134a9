package ulam.compiler.ast;

import java.util.List;

/**
 * A parsed model file.
 *
 * @param statements the lines, in source order
 * @param options    named arguments of an {@code ulam(...)} wrapper ({@code chains = 4}), in order
 * @param fitName    the name in {@code name <- ulam(...)}, or null
 * @param wrapper    the wrapper's function name ({@code ulam}, {@code quap}), or null
 */
public record Program(List<Statement> statements, List<Option> options, String fitName, String wrapper) {

    /** One named argument of the wrapper; {@code name} is null for a positional one. */
    public record Option(String name, Expr value, Span span) {}
}
