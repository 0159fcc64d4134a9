/**
 * The public Java API: compile an ulam model, bind data, sample its posterior with NUTS and read
 * the results (summaries, draws, PSIS-LOO), or run any {@code ulam} command in-process. Every
 * other package is internal and may change; this one is what a JVM application uses. See
 * docs/api.md for an example program.
 *
 * <p>Entry point: {@link ulam.api.Ulam}. Errors in the model or the data are
 * {@link ulam.runtime.UlamException}s whose {@code format()} names the file, line and column (or the
 * data column) and says what to do, as on the command line.
 */
package ulam.api;
