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
 * A reference posterior summary (Stan's, from R's posterior package) and the comparison rule of
 * the issues: gate on R-hat below 1.01 and bulk ESS of at least 400; the mean within
 * 4 sqrt(ref_sd^2 / ESS + ref_mcse^2); the sd within 15 % (25 % for heavy-tailed scale
 * parameters). The tolerance comes from the Monte Carlo standard errors of both runs, not from
 * trial and error.
 */
public final class Reference {

    /** One reference row. */
    public record Row(String name, double mean, double sd, double essBulk, double mcseMean) {}

    private final Map<String, Row> rows = new LinkedHashMap<>();

    private Reference() {}

    /** Reads a reference CSV (columns variable, mean, sd, ..., mcse_mean); drops lp__. */
    public static Reference read(Path csv) throws IOException {
        Reference r = new Reference();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                String name = rec.get("variable");
                if (name.equals("lp__")) continue;
                r.rows.put(name, new Row(name, Double.parseDouble(rec.get("mean")), Double.parseDouble(rec.get("sd")),
                        Double.parseDouble(rec.get("ess_bulk")), Double.parseDouble(rec.get("mcse_mean"))));
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

    /** One reference row by name, or null. */
    public Row row(String name) {
        return rows.get(name);
    }

    /** Reference variables. */
    public Set<String> names() {
        return rows.keySet();
    }

    /**
     * Compares our summaries with the reference.
     *
     * @param ours        our summaries (must include every reference variable)
     * @param heavyTailed names whose sd may differ by 25 % instead of 15 %
     * @return one line per violation (empty when all pass)
     */
    public List<String> compare(List<VariableSummary> ours, Set<String> heavyTailed) {
        Map<String, VariableSummary> byName = new LinkedHashMap<>();
        for (VariableSummary s : ours) byName.put(s.name(), s);
        List<String> failures = new ArrayList<>();
        for (Row ref : rows.values()) {
            VariableSummary s = byName.get(ref.name());
            if (s == null) {
                failures.add(ref.name() + ": missing from our output");
                continue;
            }
            if (!(s.rhat() < 1.01)) failures.add(String.format("%s: R-hat %.4f >= 1.01", ref.name(), s.rhat()));
            if (!(s.essBulk() >= 400)) failures.add(String.format("%s: bulk ESS %.0f < 400", ref.name(), s.essBulk()));
            double tol = 4 * Math.sqrt(ref.sd() * ref.sd() / s.essBulk() + ref.mcseMean() * ref.mcseMean());
            if (!(Math.abs(s.mean() - ref.mean()) <= tol)) {
                failures.add(String.format("%s: mean %.4f vs reference %.4f (tolerance %.4f)", ref.name(), s.mean(), ref.mean(), tol));
            }
            double sdTol = heavyTailed.contains(ref.name()) ? 0.25 : 0.15;
            if (!(Math.abs(s.sd() - ref.sd()) <= sdTol * ref.sd())) {
                failures.add(String.format("%s: sd %.4f vs reference %.4f (more than %.0f%% apart)", ref.name(), s.sd(), ref.sd(), 100 * sdTol));
            }
        }
        return failures;
    }
}
