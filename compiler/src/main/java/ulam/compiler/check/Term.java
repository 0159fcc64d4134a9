package ulam.compiler.check;

import ulam.compiler.ast.Statement;

/**
 * A {@code ~} line after checking: one log density term per element of {@code loop} (or a single
 * term when {@code loop} is null), over the rows where {@code condition} holds.
 *
 * @param statement  the line
 * @param lhs        its left-hand symbol: the outcome (a likelihood) or the parameter (a prior)
 * @param likelihood whether the left side is data
 * @param loop       over observations (likelihood) or elements (prior on a vector), or null
 * @param value      the log density of one element: a {@link TExpr.Density} for an ordinary
 *                   {@code ~ dist(...)} line, any real expression for {@code custom(...)} and
 *                   {@code mixture(...)} lines
 * @param condition  for {@code y | cond ~ ...}: a data-only test of the row, else null
 */
public record Term(Statement statement, Symbol lhs, boolean likelihood, Loop loop, TExpr value, TExpr condition) {

    /** The density of an ordinary {@code ~ dist(...)} line; null for {@code custom(...)} and {@code mixture(...)}. */
    public TExpr.Density density() {
        return value instanceof TExpr.Density d ? d : null;
    }
}
