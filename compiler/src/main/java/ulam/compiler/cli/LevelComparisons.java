package ulam.compiler.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Statement;
import ulam.compiler.check.ModelSpec;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Comparisons of a text data column with a literal that never occurs in it ({@code grp ==
 * "tretment"}; docs/cli.md, "Compared texts"): such a comparison is false in every row (true, for {@code !=}),
 * which silently turns a term of the model off, so each one gets a located warning naming the
 * line, the literal and the column's levels. Only a column compared by its own name is checked
 * (not one copied to a local first), and only when no line of the model defines that name.
 */
final class LevelComparisons {
    /** Levels listed in a warning; a column with more is summarised by its count. */
    private static final int LISTED = 8;

    private LevelComparisons() {
    }

    /**
     * The warnings for a model compiled against {@code data}, each formatted as a located
     * diagnostic ({@code warning: ...}, {@code --> file:line:col}, the line and a caret).
     *
     * @param spec the checked model (its program and source)
     * @param data the data it is bound to, or null for none (no warnings)
     * @return the warnings, in source order; empty when there are none
     */
    static List<String> warnings(ModelSpec spec, DataSet data) {
        List<String> out = new ArrayList<>();
        if (data == null) return out;
        Set<String> defined = new HashSet<>();
        for (Statement s : spec.program().statements()) {
            if (s.target() instanceof Statement.Target.Symbol t) defined.add(t.name().name());
            if (s.target() instanceof Statement.Target.Link t) defined.add(t.name().name());
        }
        List<Expr.Binary> comparisons = new ArrayList<>();
        for (Statement s : spec.program().statements()) {
            collect(s.rhs(), comparisons);
            collect(s.condition(), comparisons);
            if (s.target() instanceof Statement.Target.Symbol t) for (Expr i : t.index()) collect(i, comparisons);
        }
        comparisons.sort((a, b) -> a.span().line() != b.span().line() ? Integer.compare(a.span().line(), b.span().line())
                : Integer.compare(a.span().column(), b.span().column()));
        for (Expr.Binary b : comparisons) {
            Expr.Name column = b.left() instanceof Expr.Name n ? n : b.right() instanceof Expr.Name m ? m : null;
            Expr.Str literal = b.left() instanceof Expr.Str t ? t : b.right() instanceof Expr.Str u ? u : null;
            if (column == null || literal == null || defined.contains(column.name())) continue;
            List<String> levels = data.texts(column.name());
            if (levels == null || levels.contains(literal.value())) continue;
            String shown = levels.size() <= LISTED ? "its values are " + String.join(", ", levels)
                    : "it has " + levels.size() + " distinct values";
            String message = "'" + literal.value() + "' never occurs in the data column '" + column.written() + "' (" + shown
                    + "): " + (b.left() == column ? column.written() + " " + b.op().symbol + " \"" + literal.value() + "\""
                    : "\"" + literal.value() + "\" " + b.op().symbol + " " + column.written()) + " is "
                    + (b.op() == Expr.BinaryOp.EQ ? "false" : "true") + " in every row";
            String same = levels.stream().filter(l -> l.strip().equalsIgnoreCase(literal.value().strip())).findFirst().orElse(null);
            String help = (same == null ? "" : "did you mean \"" + same + "\"? ")
                    + "texts are compared exactly, case and spaces included";
            // a located diagnostic as an error is shown, with its first word changed
            out.add(new UlamException(message, spec.source().at(b.span()), help).format().replaceFirst("^error: ", "warning: "));
        }
        return out;
    }

    /** Adds every {@code ==} or {@code !=} comparison within {@code e} to {@code out}. */
    private static void collect(Expr e, List<Expr.Binary> out) {
        List<Expr> todo = new ArrayList<>();
        if (e != null) todo.add(e);
        while (!todo.isEmpty()) {   // iterative: a long expression is no deep recursion
            Expr x = todo.remove(todo.size() - 1);
            if (x instanceof Expr.Binary b) {
                if (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) out.add(b);
                todo.add(b.right());
                todo.add(b.left());
            } else if (x instanceof Expr.Unary u) {
                todo.add(u.operand());
            } else if (x instanceof Expr.Call c) {
                todo.addAll(c.args());
            } else if (x instanceof Expr.Index i) {
                todo.add(i.target());
                todo.addAll(i.indices());
            }
        }
    }
}
