/**
 * Constraining transforms from the unconstrained scale q (where the sampler moves) to a bounded
 * parameter x, with the log absolute Jacobian that the log density must include, following the
 * Stan Reference Manual, chapter "Constraint transforms". Every class has static methods of
 * scalars: {@code constrain}, {@code logJacobian} (log |dx/dq|, natural log), {@code derivative}
 * (dx/dq), {@code logJacobianDerivative} (d logJacobian / dq) and {@code unconstrain} (the inverse,
 * used for user-supplied initial values, which throws {@link IllegalArgumentException} outside
 * the open support). Bounds come last and must be finite: the compiler uses no transform for an
 * infinite bound, as Stan does. Methods other than {@code unconstrain} never throw or allocate.
 */
package ulam.stdlib.transform;
