package ulam.tests.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import ulam.runtime.diagnostics.VariableSummary;

/**
 * A reference posterior summary and the comparison rule of the issues: gate on R-hat below 1.01
 * and bulk ESS of at least 400; the mean within 4 sqrt(ref_sd^2 / ESS + ref_mcse^2); the sd
 * within 15 % (25 % for heavy-tailed scale parameters), or, where our draws give the Monte Carlo
 * standard error of the sd and it is larger, within 4 standard errors of the difference of the two
 * sds (ours, posterior's {@code mcse_sd}, and the reference's taken with the same relative error
 * scaled by the ratio of the bulk ESSs): a quantity with a kurtosis of 150 (rare large draws)
 * estimates its sd to about 15 % from 1,600 effective draws, so a fixed 15 % would fail it by
 * chance. The tolerance comes from the Monte Carlo standard errors of both runs, not from trial
 * and error.
 *
 * <p>Two file layouts are read: R posterior's summary (columns {@code variable, mean, sd, ...,
 * ess_bulk, ..., mcse_mean}: the seed models' references) and posteriordb's (columns
 * {@code parameter, n_draws, mean, sd, ..., ess, mcse_mean}).
 */
public final class Reference {

    /** One reference row: mean, sd, effective sample size and Monte Carlo standard error of the mean. */
    public record Row(String name, double mean, double sd, double essBulk, double mcseMean) {}

    /**
     * One parameter compared.
     *
     * @param name     parameter name
     * @param z        (our mean - reference mean) / sqrt(ref_sd^2 / ESS + ref_mcse^2), ESS = our bulk ESS
     *                 capped as {@link #check} says
     * @param sdRatio  our sd / reference sd
     * @param essBulk  our bulk ESS (uncapped)
     * @param rhat     our R-hat
     * @param failures what this parameter violates, with the numbers (empty when it passes)
     */
    public record Check(String name, double z, double sdRatio, double essBulk, double rhat, List<String> failures) {}

    /** All parameters compared, in reference order. */
    public record Comparison(List<Check> checks) {

        /** Every violation, one line each, with the numbers. */
        public List<String> failures() {
            List<String> out = new ArrayList<>();
            for (Check c : checks) out.addAll(c.failures());
            return out;
        }

        /** The check with the largest |z| (NaN counts as largest). */
        public Check worstMean() {
            return worst(c -> Math.abs(c.z()));
        }

        /** The check with the largest |sd ratio - 1| (NaN counts as largest). */
        public Check worstSd() {
            return worst(c -> Math.abs(c.sdRatio() - 1));
        }

        /** Smallest bulk ESS. */
        public double minEss() {
            return checks.stream().mapToDouble(c -> Double.isNaN(c.essBulk()) ? Double.NEGATIVE_INFINITY : c.essBulk())
                    .min().orElse(Double.NaN);
        }

        /** Largest R-hat. */
        public double maxRhat() {
            return checks.stream().mapToDouble(c -> Double.isNaN(c.rhat()) ? Double.POSITIVE_INFINITY : c.rhat())
                    .max().orElse(Double.NaN);
        }

        /** One line: worst mean z, worst sd ratio, smallest ESS, largest R-hat. */
        public String summary() {
            Check m = worstMean();
            Check s = worstSd();
            return String.format("worst mean z %.2f (%s), worst sd ratio %.3f (%s), min bulk ESS %.0f, max R-hat %.4f",
                    m.z(), m.name(), s.sdRatio(), s.name(), minEss(), maxRhat());
        }

        private Check worst(java.util.function.ToDoubleFunction<Check> key) {
            Check w = null;
            for (Check c : checks) {
                double k = key.applyAsDouble(c);
                if (w == null || Double.isNaN(k) || k > key.applyAsDouble(w)) w = c;
                if (Double.isNaN(k)) break;
            }
            return w;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    private Reference() {}

    /**
     * Reads a reference CSV in either layout of the class documentation; drops lp__.
     *
     * @throws IllegalArgumentException if a needed column is missing
     */
    public static Reference read(Path csv) throws IOException {
        Reference r = new Reference();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                String name = field(rec, "variable", "parameter");
                if (name.equals("lp__")) continue;
                r.rows.put(name, new Row(name, Double.parseDouble(rec.get("mean")), Double.parseDouble(rec.get("sd")),
                        Double.parseDouble(field(rec, "ess_bulk", "ess")), Double.parseDouble(rec.get("mcse_mean"))));
            }
        }
        return r;
    }

    /** The rows whose names {@code keep} accepts. */
    public Reference only(java.util.function.Predicate<String> keep) {
        Reference r = new Reference();
        for (Row row : rows.values()) if (keep.test(row.name())) r.rows.put(row.name(), row);
        return r;
    }

    private static String field(CSVRecord rec, String name, String alternative) {
        return rec.isMapped(name) ? rec.get(name) : rec.get(alternative);
    }

    /** One reference row by name, or null. */
    public Row row(String name) {
        return rows.get(name);
    }

    /** Reference variables. */
    public Set<String> names() {
        return rows.keySet();
    }

    /**
     * Compares our summaries with the reference, using our bulk ESS as it is.
     *
     * @param ours        our summaries (must include every reference variable)
     * @param heavyTailed names whose sd may differ by 25 % instead of 15 %
     * @return one line per violation (empty when all pass)
     */
    public List<String> compare(List<VariableSummary> ours, Set<String> heavyTailed) {
        return check(ours, heavyTailed, Double.POSITIVE_INFINITY).failures();
    }

    /**
     * Compares our summaries with the reference, parameter by parameter.
     *
     * @param ours        our summaries (must include every reference variable; a missing one fails)
     * @param heavyTailed names whose sd may differ by 25 % instead of 15 %
     * @param essCap      the ESS of the mean rule is min(our bulk ESS, essCap): the number of
     *                    draws, as posteriordb's rule says (an ESS above the number of draws, from
     *                    antithetic chains, is not trusted); +infinity for no cap
     * @return every parameter's numbers and violations
     */
    public Comparison check(List<VariableSummary> ours, Set<String> heavyTailed, double essCap) {
        return check(ours, heavyTailed, essCap, Map.of());
    }

    /**
     * Compares as {@link #check(List, Set, double)}, with the sd's tolerance widened to 4 standard
     * errors of the difference where that is larger than the fixed one.
     *
     * @param mcseSd our Monte Carlo standard error of the sd by name (posterior 1.4's
     *               {@code mcse_sd}, on the quantity's own scale); a name without one keeps the
     *               fixed tolerance. The reference's error is taken as ours times
     *               sqrt(our bulk ESS / its bulk ESS) (the same kurtosis), so the difference's
     *               standard error is {@code mcseSd * sqrt(1 + ess / refEss)}.
     */
    public Comparison check(List<VariableSummary> ours, Set<String> heavyTailed, double essCap, Map<String, Double> mcseSd) {
        Map<String, VariableSummary> byName = new LinkedHashMap<>();
        for (VariableSummary s : ours) byName.put(s.name(), s);
        List<Check> checks = new ArrayList<>();
        for (Row ref : rows.values()) {
            VariableSummary s = byName.get(ref.name());
            if (s == null) {
                checks.add(new Check(ref.name(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        List.of(ref.name() + ": missing from our output")));
                continue;
            }
            List<String> failures = new ArrayList<>();
            if (!(s.rhat() < 1.01)) failures.add(String.format("%s: R-hat %.4f >= 1.01 (not converged)", ref.name(), s.rhat()));
            if (!(s.essBulk() >= 400)) failures.add(String.format("%s: bulk ESS %.0f < 400 (not converged)", ref.name(), s.essBulk()));
            double ess = Math.min(s.essBulk(), essCap);
            double se = Math.sqrt(ref.sd() * ref.sd() / ess + ref.mcseMean() * ref.mcseMean());
            double z = (s.mean() - ref.mean()) / se;
            if (!(Math.abs(z) <= 4)) {
                failures.add(String.format("%s: mean %.6g vs reference %.6g, %.2f standard errors apart (tolerance %.4g = 4 se, ESS %.0f)",
                        ref.name(), s.mean(), ref.mean(), z, 4 * se, ess));
            }
            double sdTol = heavyTailed.contains(ref.name()) ? 0.25 : 0.15;
            Double mcse = mcseSd.get(ref.name());
            if (mcse != null && Double.isFinite(mcse) && ref.sd() > 0) {
                double refShare = Double.isFinite(ref.essBulk()) && ref.essBulk() > 0 ? s.essBulk() / ref.essBulk() : 1;
                sdTol = Math.max(sdTol, 4 * mcse * Math.sqrt(1 + refShare) / ref.sd());
            }
            double ratio = s.sd() / ref.sd();
            if (!(Math.abs(ratio - 1) <= sdTol)) {
                failures.add(String.format("%s: sd %.6g vs reference %.6g, ratio %.3f (more than %.0f%% apart)",
                        ref.name(), s.sd(), ref.sd(), ratio, 100 * sdTol));
            }
            checks.add(new Check(ref.name(), z, ratio, s.essBulk(), s.rhat(), List.copyOf(failures)));
        }
        return new Comparison(List.copyOf(checks));
    }
}
