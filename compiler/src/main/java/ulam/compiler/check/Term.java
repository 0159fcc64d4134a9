package ulam.compiler.check;

import ulam.compiler.ast.Statement;

/**
 * A {@code ~} line after checking: one log density term per element of {@code loop} (or a single
 * term when {@code loop} is null).
 *
 * @param statement  the line
 * @param lhs        its left-hand symbol: the outcome (a likelihood) or the parameter (a prior)
 * @param likelihood whether the left side is data
 * @param loop       over observations (likelihood) or elements (prior on a vector), or null
 * @param density    the density of one element, in terms of {@code loop}
 */
public record Term(Statement statement, Symbol lhs, boolean likelihood, Loop loop, TExpr.Density density) {}
