/**
 * The distributions of the language, one final class per distribution, each holding the static
 * methods described in {@link ulam.stdlib.DistributionSpec}: {@code lpdf} (the full log density
 * or log mass, natural log), {@code kernel} (lpdf less the data-only {@code constant}, with its
 * partial derivatives written into an array), {@code constant} (where the registry says so),
 * {@code dropped} (the summands Stan's {@code ~} leaves out, {@link ulam.stdlib.dist.Propto}) and
 * {@code rng}.
 *
 * <p>Common rules, stated once here and referred to by every class:
 * <ul>
 *   <li>All values are scalars; a vectorised statement calls these once per element.</li>
 *   <li>{@code lpdf} and {@code kernel} never throw and never allocate. Invalid arguments
 *       give NaN: a scale, shape or rate that is not positive and finite, a probability outside
 *       its range, a real argument that is NaN or infinite (locations and log-odds included), a
 *       negative number of trials. An outcome outside the support gives -inf (a NaN outcome
 *       gives NaN or -inf). In either case the contents of {@code d} are unspecified.</li>
 *   <li>In {@code kernel(y, a1, ..., ak, d)}, {@code d[0]} = d/dy (only written for a real
 *       outcome) and {@code d[j]} = d/da_j (only written for a real argument); {@code d} must have
 *       length at least k + 1.</li>
 *   <li>{@code rng} throws {@link IllegalArgumentException} for invalid arguments, as Stan's
 *       {@code _rng} functions reject them; it allocates a sampler per call (not a hot path).</li>
 * </ul>
 * The mathematics follow the Stan Functions Reference (the section is named in each class).
 */
package ulam.stdlib.dist;
