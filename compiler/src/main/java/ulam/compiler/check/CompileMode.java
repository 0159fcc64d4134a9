package ulam.compiler.check;

import java.util.List;
import java.util.Set;

/**
 * What a model is compiled for.
 *
 * <ul>
 *   <li>{@link #POSTERIOR}: the log density of the whole model, for sampling the posterior.</li>
 *   <li>{@code priorOnly}: the likelihood lines are left out of the log density (ulam's
 *       {@code sample_prior}), so sampling draws from the prior; the pointwise log-likelihood is
 *       still defined.</li>
 *   <li>{@code prediction}: a program for {@code ulam link} and {@code ulam sim}. Its parameters
 *       are set from saved draws; every named local (the linear models) is reported, each
 *       likelihood line becomes a random draw of its outcome (reported under the outcome's name),
 *       and the log density is empty. See {@link Prediction}.</li>
 * </ul>
 *
 * @param priorOnly  leave the likelihood out of the log density
 * @param prediction the prediction settings, or null when compiling for sampling
 */
public record CompileMode(boolean priorOnly, Prediction prediction) {

    /** Sampling the posterior. */
    public static final CompileMode POSTERIOR = new CompileMode(false, null);

    /** Sampling the prior. */
    public static final CompileMode PRIOR = new CompileMode(true, null);

    /**
     * Prediction settings.
     *
     * <p>Data columns named in {@code columns} replace a derived-data line of the same name when
     * that line uses no parameter (so new data can give {@code tank} directly instead of the
     * outcome it was computed from). Each name of {@code newGroups} is an index of the model's
     * parameters (e.g. {@code A} in {@code a[A] ~ dnorm(a_bar, sigma_A)}), or the data column such
     * an index is copied or coded from ({@code A <- actor}, {@code A <- as_index(actor)}); its
     * values in the data then denote new groups: value {@code v} becomes level
     * {@code F + v}, where {@code F}, the fit's number of levels, is bound as the data value
     * {@link #fitLevelsName(String)}, and the parameters of those levels are drawn from their
     * prior line at every draw.
     *
     * <p>With {@code drawPrior} (simulation-based calibration, {@code ulam sbc}) every parameter is
     * drawn from its prior line instead of read from the parameter vector: ancestral sampling,
     * each draw made after the draws and locals its prior line reads (hyper-parameters before the
     * parameters they scale). Each draw is reported as {@code prior NAME} ({@link #priorName}), and
     * the likelihood lines draw their outcomes from those values, so one {@code writeDraw} gives
     * one draw of the parameters and the data from their joint prior distribution.
     *
     * @param columns   names of the columns of the new data (empty when predicting the fit's own rows)
     * @param newGroups names given with {@code --new-groups}
     * @param drawPrior draw every parameter from its prior line (see above)
     * @param simulate  draw the outcomes from their likelihood lines ({@code ulam sim}); false for
     *                  {@code ulam link}, which then needs none of the data only those draws read
     *                  (a binomial's trial counts, say)
     */
    public record Prediction(Set<String> columns, List<String> newGroups, boolean drawPrior, boolean simulate) {
        public Prediction {
            columns = Set.copyOf(columns);
            newGroups = List.copyOf(newGroups);
        }

        /** Prediction with outcome draws, from the prior's draws or the parameter vector. */
        public Prediction(Set<String> columns, List<String> newGroups, boolean drawPrior) {
            this(columns, newGroups, drawPrior, true);
        }

        /** Prediction from the parameter vector (no prior draws), with outcome draws. */
        public Prediction(Set<String> columns, List<String> newGroups) {
            this(columns, newGroups, false, true);
        }
    }

    /** A program drawing parameters and outcomes from the prior, for {@code ulam sbc}. */
    public static final CompileMode PRIOR_DRAWS = new CompileMode(false, new Prediction(Set.of(), List.of(), true));

    /** The output name of the prior draw of parameter {@code parameter} in a {@code drawPrior} program. */
    public static String priorName(String parameter) {
        return "prior " + parameter;
    }

    /** The data value holding the fit's number of levels of index {@code index} (not a valid identifier). */
    public static String fitLevelsName(String index) {
        return "#fit_levels." + index;
    }

    /** Whether this is a prediction program. */
    public boolean predicting() {
        return prediction != null;
    }
}
