package ulam.runtime.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ulam.runtime.sampler.Fit;

/**
 * Outputs with draws that are not finite numbers: a generated quantity that overflows
 * ({@code gq> big <- exp(mu*1000)} is {@code Inf} for {@code mu > 0.71}), or is undefined at some
 * draws ({@code NaN}, e.g. {@code 0/0}). Their summaries are {@code Inf} or {@code NaN} (as R's
 * {@code mean} and {@code quantile} give them), their plots leave those draws out, and every
 * command that shows them warns once with {@link #warning}.
 *
 * @param names    the outputs with non-finite post-warmup draws, in output order
 * @param infinite per output in {@code names}: how many draws are {@code Inf} or {@code -Inf}
 * @param nan      per output in {@code names}: how many draws are {@code NaN}
 * @param draws    post-warmup draws per output (all chains)
 */
public record NonFiniteDraws(List<String> names, List<Integer> infinite, List<Integer> nan, int draws) {
    /** At most this many outputs are named in the warning. */
    static final int NAMED = 5;

    /**
     * Counts the non-finite post-warmup draws of each output a precis table shows (not
     * {@code lp__}, {@code log_lik}).
     *
     * @param fit the draws
     * @return the outputs that have some (empty lists when every draw is finite)
     */
    public static NonFiniteDraws of(Fit fit) {
        List<String> names = new ArrayList<>();
        List<Integer> inf = new ArrayList<>();
        List<Integer> nan = new ArrayList<>();
        String[] outputs = fit.outputNames();
        for (int j = 0; j < outputs.length; j++) {
            if (!PrecisTable.isShown(outputs[j])) continue;
            int ni = 0;
            int nn = 0;
            for (double[] chain : fit.draws(j)) {
                for (double v : chain) {
                    if (Double.isNaN(v)) nn++;
                    else if (Double.isInfinite(v)) ni++;
                }
            }
            if (ni + nn > 0) {
                names.add(outputs[j]);
                inf.add(ni);
                nan.add(nn);
            }
        }
        return new NonFiniteDraws(names, inf, nan, fit.chainCount() * fit.drawsPerChain());
    }

    /** Whether every draw is finite. */
    public boolean none() {
        return names.isEmpty();
    }

    /**
     * The warning, or null when every draw is finite: which outputs (the first {@value #NAMED}), how
     * many of their draws are infinite or NaN, what that does to the summaries and plots, and what
     * to do.
     */
    public String warning() {
        if (none()) return null;
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(NAMED, names.size());
        for (int k = 0; k < shown; k++) {
            if (k > 0) sb.append(k == shown - 1 && shown == names.size() ? " and " : ", ");
            sb.append(names.get(k)).append(k == 0 ? (names.size() == 1 ? " has " : " has ") : " ");
            if (infinite.get(k) > 0) sb.append(infinite.get(k)).append(" infinite");
            if (infinite.get(k) > 0 && nan.get(k) > 0) sb.append(" and ");
            if (nan.get(k) > 0) sb.append(nan.get(k)).append(" NaN");
            sb.append(k == 0 ? " draws" : "");
        }
        if (names.size() > shown) sb.append(String.format(Locale.ROOT, ", and %d more outputs", names.size() - shown));
        return String.format(Locale.ROOT, "%s (of %d): %s mean, sd and interval are Inf or NaN, and plots leave those"
                + " draws out. The value overflows (exp of a large number) or is undefined (0/0, log of a negative"
                + " number) at those draws; compute it on another scale (e.g. log_big <- mu*1000 instead of"
                + " big <- exp(mu*1000))", sb, draws, names.size() == 1 ? "its" : "their");
    }
}
