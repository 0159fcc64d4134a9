package ulam.compiler.sbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.RankUniformity;
import ulam.runtime.output.CsvNumbers;
import ulam.runtime.plot.Pages;
import ulam.runtime.plot.RankHistogramPlot;

/**
 * What {@code ulam sbc} prints and writes: the table of p-values with a verdict in plain words per
 * quantity, the overall verdict, notes on the fits (divergences, autocorrelation, truncated
 * priors), and the files of {@code -o}.
 *
 * <p>Decision rule: a quantity fails when the smaller of its two p-values is below
 * {@code alpha / (2 m)} for {@code m} quantities (Bonferroni over all tests), so a correct model
 * and sampler fail anywhere with probability at most {@code alpha}. The words describe the
 * histogram's shape from its two z-scores ({@link RankUniformity.Test#biasZ()},
 * {@link RankUniformity.Test#tailZ()}; Talts et al. 2018, Sec. 4.2 and Figs. 3-6): a slope is a
 * biased posterior, a smile one too narrow, a frown one too wide.
 */
public final class SbcReport {
    private SbcReport() {
    }

    /** The family-wise threshold of one p-value: {@code alpha / (2 m)}. */
    public static double threshold(Sbc.Result r, double alpha) {
        return alpha / (2.0 * r.quantities().size());
    }

    /** The verdict on quantity {@code q} in plain words. */
    public static String verdict(Sbc.Result r, int q, double alpha) {
        if (!r.fails(q, alpha)) return "uniform";
        RankUniformity.Test t = r.tests().get(q);
        String of = "the posterior of " + r.quantities().get(q);
        String shape;
        if (Math.abs(t.biasZ()) >= Math.abs(t.tailZ()) && Math.abs(t.biasZ()) > 2) {
            shape = t.biasZ() > 0 ? "the true values lie above the posterior draws too often: " + of + " is biased low"
                    : "the true values lie below the posterior draws too often: " + of + " is biased high";
        } else if (t.tailZ() > 2) {
            shape = "the true values fall in the posterior's tails too often: " + of + " is too narrow";
        } else if (t.tailZ() < -2) {
            shape = "the true values fall in the posterior's tails too rarely: " + of + " is too wide";
        } else {
            shape = "an irregular histogram (see the plot)";
        }
        return "NOT uniform: " + shape;
    }

    /** The table, one line per quantity, and the overall verdict. */
    public static String table(Sbc.Result r, double alpha) {
        int width = "quantity".length();
        for (String q : r.quantities()) width = Math.max(width, q.length());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + width + "s  %8s  %8s  %s%n", "quantity", "chi2_p", "ecdf_p", "verdict"));
        for (int q = 0; q < r.quantities().size(); q++) {
            RankUniformity.Test t = r.tests().get(q);
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %8s  %8s  %s%n", r.quantities().get(q),
                    p(t.chiSquareP()), p(t.ecdfP()), verdict(r, q, alpha)));
        }
        sb.append('\n').append(overall(r, alpha)).append('\n');
        return sb.toString();
    }

    /** The overall verdict in one or two sentences. */
    public static String overall(Sbc.Result r, double alpha) {
        int m = r.quantities().size();
        String rule = String.format(Locale.ROOT, "p < %s = %s / (2 x %d), Bonferroni over %d quantities and 2 tests",
                p(threshold(r, alpha)), num(alpha), m, m);
        List<String> failing = new ArrayList<>();
        double smallest = 1;
        for (int q = 0; q < m; q++) {
            if (r.fails(q, alpha)) failing.add(r.quantities().get(q));
            smallest = Math.min(smallest, r.tests().get(q).minP());
        }
        if (failing.isEmpty()) {
            return "PASSED: the ranks of all " + m + " quantities are consistent with uniformity (smallest p = " + p(smallest)
                    + "; failing needs " + rule + ").";
        }
        return "FAILED: " + failing.size() + " of " + m + " quantities have ranks that are not uniform (" + rule + "): "
                + String.join(", ", failing) + ". The log density, its gradient or the sampler is wrong for them, or the fits"
                + " did not converge (see the notes).";
    }

    /** Notes on the fits: divergent transitions, autocorrelated kept draws, truncated priors. */
    public static List<String> notes(Sbc.Result r) {
        List<String> notes = new ArrayList<>();
        int n = r.simulations().size();
        int fitsDivergent = 0;
        long divergent = 0;
        long rejected = 0;
        double[] ess = new double[n];
        int k = 0;
        for (Sbc.Simulation s : r.simulations()) {
            if (s.divergent() > 0) fitsDivergent++;
            divergent += s.divergent();
            rejected += s.rejected();
            if (!Double.isNaN(s.minEss())) ess[k++] = s.minEss();
        }
        if (fitsDivergent > 0) {
            notes.add(fitsDivergent + " of " + n + " fits had divergent transitions (" + divergent + " in all): their draws may be"
                    + " biased, which shows as non-uniform ranks (often of a hierarchy's scale); raise --adapt-delta or use a"
                    + " non-centred parameterisation");
        }
        int draws = r.settings().draws();
        if (k > 0) {
            double[] sorted = Arrays.copyOf(ess, k);
            Arrays.sort(sorted);
            double median = sorted[k / 2];
            if (median < 0.5 * draws) {
                notes.add(String.format(Locale.ROOT, "the kept draws are autocorrelated: the median over the fits of the smallest"
                        + " bulk ESS is %.0f of %d draws; autocorrelation piles ranks up at the ends of the histograms,"
                        + " raise --thin", median, draws));
            }
        }
        if (rejected > 0) {
            notes.add(String.format(Locale.ROOT, "%d prior draws fell outside the parameters' support and were drawn again"
                    + " (%.2f per simulation): those priors are truncated to the support, as the model's density is", rejected,
                    rejected / (double) n));
        }
        return notes;
    }

    /**
     * Writes {@code ranks.csv} (one row per simulation: the rank of each quantity, then the fit's
     * divergent transitions, rejected prior draws and smallest bulk ESS), {@code truth.csv} (the
     * true values), {@code summary.csv} (per quantity: chi-square statistic, degrees of freedom,
     * both p-values, mean normalised rank, the shape z-scores, the verdict) and the rank
     * histograms {@code ranks_<page>.png} and {@code .svg}.
     *
     * @param r     the result
     * @param alpha the family-wise level of the verdicts
     * @param dir   the folder, created if absent
     * @return the files written
     * @throws UlamException if a file cannot be written
     */
    public static List<Path> write(Sbc.Result r, double alpha, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            StringBuilder ranks = new StringBuilder("sim");
            StringBuilder truth = new StringBuilder("sim");
            for (String q : r.quantities()) {
                ranks.append(',').append(csv(q));
                truth.append(',').append(csv(q));
            }
            ranks.append(",divergent,rejected,min_ess\n");
            truth.append('\n');
            for (int i = 0; i < r.simulations().size(); i++) {
                Sbc.Simulation s = r.simulations().get(i);
                ranks.append(i + 1);
                truth.append(i + 1);
                for (int q = 0; q < r.quantities().size(); q++) {
                    ranks.append(',').append(s.ranks()[q]);
                    truth.append(',').append(CsvNumbers.format(s.truth()[q]));
                }
                ranks.append(',').append(s.divergent()).append(',').append(s.rejected()).append(',')
                        .append(CsvNumbers.format(s.minEss())).append('\n');
                truth.append('\n');
            }
            StringBuilder summary = new StringBuilder("quantity,chi2,df,chi2_p,ecdf_p,mean_rank,bias_z,tail_z,verdict\n");
            for (int q = 0; q < r.quantities().size(); q++) {
                RankUniformity.Test t = r.tests().get(q);
                summary.append(csv(r.quantities().get(q))).append(',').append(CsvNumbers.format(t.chiSquare())).append(',')
                        .append(t.df()).append(',').append(CsvNumbers.format(t.chiSquareP())).append(',')
                        .append(CsvNumbers.format(t.ecdfP())).append(',').append(CsvNumbers.format(t.meanRank())).append(',')
                        .append(CsvNumbers.format(t.biasZ())).append(',').append(CsvNumbers.format(t.tailZ())).append(',')
                        .append(csv(verdict(r, q, alpha))).append('\n');
            }
            written.add(writeText(dir.resolve("ranks.csv"), ranks.toString()));
            written.add(writeText(dir.resolve("truth.csv"), truth.toString()));
            written.add(writeText(dir.resolve("summary.csv"), summary.toString()));
        } catch (IOException e) {
            throw new UlamException("cannot write to " + dir + ": " + e.getMessage(), null, "check that the folder is writable");
        }
        List<Pages> pages = RankHistogramPlot.pages(r.quantities(), r.tests(), r.settings().draws());
        for (int k = 0; k < pages.size(); k++) written.addAll(pages.get(k).write(dir.resolve("ranks_" + (k + 1))));
        return written;
    }

    private static Path writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A CSV field, quoted when it holds a comma or a quote. */
    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String p(double p) {
        return RankUniformity.formatP(p);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
