/**
 * Scalar mathematics: {@link ulam.stdlib.math.Functions} (the language's functions with their
 * derivatives) and {@link ulam.stdlib.math.Numerics} (shared numerical building blocks: fast
 * log1p, stable logistic family, special functions).
 */
package ulam.stdlib.math;
