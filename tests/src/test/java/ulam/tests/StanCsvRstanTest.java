package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.diagnostics.SamplerDiagnostics;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.FitManifest;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerStat;
import ulam.runtime.testing.RScript;
import ulam.tests.support.Cli;

/**
 * The Stan CSV files of {@code ulam run --output-dir} read by R's {@code rstan::read_stan_csv}, as a
 * user of R would read them: {@code resources/rstan/read_stan_csv.R} writes what rstan (and
 * posterior, on {@code as.array(fit)}) make of the files, and this test compares it with ulam's own
 * summary of the fit ({@link FitDirectory} and {@link VariableSummary}, what {@code ulam report}
 * shows). Skipped without Rscript, rstan or posterior.
 *
 * <p>Compared, per variable (every output and {@code lp__}): rstan's {@code summary()} mean and sd,
 * the mean of each element of {@code extract()} (so rstan's {@code b[2,3]} is our {@code b[2,3]}:
 * Stan's column-major column order), posterior's 5.5%/94.5% quantiles, R-hat, bulk and tail ESS and
 * MCSE of the mean, all to 1e-8 relative; rstan 2.21's own {@code monitor()} R-hat within 1e-3 and
 * ESS within 2% (it rank-normalises with {@code (r - 1/2) / S} where posterior uses Blom's
 * {@code (r - 3/8) / (S + 1/4)}). Per chain: {@code stan_args} (iter, warmup, thin, chain id, max
 * depth, delta, metric, seed, sampler {@code NUTS(diag_e)}), {@code get_sampler_params} with and
 * without warmup (warmup rows, mean accept_stat__ in warmup and after, the step size, tree depth,
 * n_leapfrog__, divergent__, energy__), {@code get_adaptation_info} (step size and every value of the
 * inverse metric, diagonal or dense), {@code get_elapsed_time}, {@code get_bfmi} (times n/(n-1): rstan
 * divides by {@code var()}),
 * {@code get_num_divergent} and {@code get_num_max_treedepth} (against {@link SamplerDiagnostics});
 * and the dimensions rstan gives each parameter.
 *
 * <p>That it can fail (checked by editing {@code StanCsvWriter}): writing {@code save_warmup = 0}
 * fails the chain checks (rstan no longer separates the warmup draws); naming {@code b[1,2]}
 * {@code b.1_2} instead of {@code b.1.2} makes {@code read_stan_csv} itself fail
 * ({@code get_dims_from_fnames}), which fails the test with R's message.
 */
class StanCsvRstanTest {
    private static final double REL = 1e-8;

    /** Chimpanzees (mBT): a 4 x 6 matrix, a vector, scalars; diagonal metric, 4 chains. */
    @Test
    void chimpanzeesDiagonalMetric(@TempDir Path tmp) throws IOException {
        RScript.assumePackages("rstan", "posterior");
        Path fit = tmp.resolve("fit");
        Cli.Result r = Cli.run("run", "examples/chimpanzees.ulam", "--data", "examples/data/chimpanzees.csv",
                "--seed", "11", "--iter", "600", "--output-dir", fit.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        compare(fit, "chimpanzees", tmp.resolve("r"), Map.of("b", "4x6", "a", "7", "a_bar", "scalar",
                "sigma_A", "scalar", "sigma_B", "scalar", "lp__", "scalar"));
    }

    /**
     * The non-centred funnel: scalars and a generated quantity, the dense metric's d x d block, 2
     * chains. Tagged validation (mvn -P validation): another R start-up, about 15 s.
     */
    @Test
    @Tag("validation")
    void funnelDenseMetric(@TempDir Path tmp) throws IOException {
        RScript.assumePackages("rstan", "posterior");
        Path fit = tmp.resolve("fit");
        Cli.Result r = Cli.run("run", "examples/funnel_nc.ulam", "--seed", "5", "--chains", "2", "--iter", "400",
                "--metric", "dense", "--output-dir", fit.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        compare(fit, "funnel_nc", tmp.resolve("r"), Map.of("v", "scalar", "z", "scalar", "x", "scalar",
                "lp__", "scalar"));
    }

    private static void compare(Path fitDir, String model, Path rOut, Map<String, String> dims) throws IOException {
        RScript.run(300, script(), fitDir.toString(), model, rOut.toString());
        FitDirectory fit = FitDirectory.read(fitDir);
        FitManifest manifest = fit.manifest();
        List<ChainDraws> chains = fit.chains();
        List<String> failures = new ArrayList<>();

        // ---- values ----
        Fit ours = fit.toFit();
        Map<String, VariableSummary> summaries = new HashMap<>();
        for (VariableSummary s : VariableSummary.of(ours, 0.89)) summaries.put(s.name().replace(" ", ""), s);
        double[][] lp = new double[chains.size()][];
        for (int c = 0; c < chains.size(); c++) lp[c] = column(chains.get(c).stats(), SamplerStat.LP);
        summaries.put("lp__", VariableSummary.of("lp__", lp, 0.89));
        List<CSVRecord> summary = read(rOut.resolve("summary.csv"));
        assertEquals(manifest.outputNames().size() + 1, summary.size(), "rstan reads every output and lp__");
        for (CSVRecord row : summary) {
            String v = row.get("variable");
            VariableSummary s = summaries.get(v);
            assertNotNull(s, "rstan's variable " + v + " is one of ours");
            close(failures, v + " mean", s.mean(), row, "mean");
            close(failures, v + " extract() mean", s.mean(), row, "extract_mean");
            close(failures, v + " sd", s.sd(), row, "sd");
            close(failures, v + " 5.5%", s.lower(), row, "q5.5");
            close(failures, v + " 94.5%", s.upper(), row, "q94.5");
            close(failures, v + " rhat", s.rhat(), row, "rhat");
            close(failures, v + " ess_bulk", s.essBulk(), row, "ess_bulk");
            close(failures, v + " ess_tail", s.essTail(), row, "ess_tail");
            close(failures, v + " mcse_mean", s.mcseMean(), row, "mcse_mean");
            within(failures, v + " monitor Rhat", s.rhat(), number(row.get("monitor_rhat")), 1e-3);
            within(failures, v + " monitor Bulk_ESS", s.essBulk(), number(row.get("monitor_bulk_ess")), 0.02 * s.essBulk() + 1);
            within(failures, v + " monitor Tail_ESS", s.essTail(), number(row.get("monitor_tail_ess")), 0.02 * s.essTail() + 1);
        }

        // ---- parameter dimensions ----
        Map<String, String> rDims = new TreeMap<>();
        for (CSVRecord row : read(rOut.resolve("dims.csv"))) rDims.put(row.get("parameter"), row.get("dims"));
        assertEquals(new TreeMap<>(dims), rDims, "dimensions rstan gives the parameters");

        // ---- sampler parameters, adaptation, timing ----
        List<CSVRecord> rChains = read(rOut.resolve("chains.csv"));
        assertEquals(chains.size(), rChains.size(), "chains");
        Map<Integer, List<Double>> metric = new LinkedHashMap<>();
        for (CSVRecord row : read(rOut.resolve("metric.csv"))) {
            metric.computeIfAbsent(Integer.parseInt(row.get("chain")), k -> new ArrayList<>()).add(number(row.get("value")));
        }
        for (int c = 0; c < chains.size(); c++) {
            ChainDraws ch = chains.get(c);
            CSVRecord row = rChains.get(c);
            String id = "chain " + ch.id() + " ";
            assertEquals(manifest.iter(), (int) number(row.get("iter")), id + "iter");
            assertEquals(manifest.warmup(), (int) number(row.get("warmup")), id + "warmup");
            assertEquals(1, (int) number(row.get("thin")), id + "thin");
            assertEquals(ch.id(), (int) number(row.get("chain_id")), id + "chain_id");
            assertEquals(manifest.maxTreedepth(), (int) number(row.get("max_depth")), id + "max_depth");
            assertEquals(manifest.adaptDelta(), number(row.get("delta")), 0, id + "delta");
            assertEquals(manifest.metric(), row.get("metric"), id + "metric");
            assertEquals("NUTS(" + manifest.metric() + ")", row.get("sampler"), id + "sampler");
            assertEquals(String.valueOf(manifest.seed()), row.get("seed"), id + "seed");
            assertEquals(ch.warmup(), (int) number(row.get("warmup_rows")), id + "warmup rows in get_sampler_params");
            assertEquals(manifest.warmup(), ch.warmup(), id + "warmup rows written");
            assertEquals(ch.draws(), (int) number(row.get("draws")), id + "draws");
            close(failures, id + "warmup accept_stat__", mean(column(ch.warmupStats(), SamplerStat.ACCEPT_STAT)), row, "warmup_accept_stat");
            close(failures, id + "accept_stat__", mean(column(ch.stats(), SamplerStat.ACCEPT_STAT)), row, "accept_stat");
            close(failures, id + "stepsize__", ch.stepSize(), row, "stepsize");
            assertEquals(1, (int) number(row.get("stepsize_distinct")), id + "one step size after warmup");
            close(failures, id + "treedepth__", mean(column(ch.stats(), SamplerStat.TREEDEPTH)), row, "treedepth");
            close(failures, id + "n_leapfrog__ (all)", sum(column(ch.warmupStats(), SamplerStat.N_LEAPFROG))
                    + sum(column(ch.stats(), SamplerStat.N_LEAPFROG)), row, "n_leapfrog");
            close(failures, id + "divergent__", sum(column(ch.stats(), SamplerStat.DIVERGENT)), row, "divergent");
            close(failures, id + "energy__", mean(column(ch.stats(), SamplerStat.ENERGY)), row, "energy");
            close(failures, id + "adaptation step size", ch.stepSize(), row, "adapt_stepsize");
            double[] inv = ch.inverseMetric();
            assertEquals(inv.length, (int) number(row.get("metric_values")), id + "inverse metric values");
            List<Double> rInv = metric.get(ch.id());
            for (int k = 0; k < inv.length; k++) {
                if (inv[k] != rInv.get(k)) failures.add(id + "inverse metric [" + k + "]: ours " + inv[k] + ", rstan " + rInv.get(k));
            }
            // rstan's get_bfmi divides the mean squared difference by var() (denominator n - 1);
            // ours, as Betancourt (2016), is sum (E_n - E_n-1)^2 / sum (E_n - mean E)^2: (n - 1)/n times less
            double n = ch.draws();
            within(failures, id + "E-BFMI (get_bfmi n/(n-1))", SamplerDiagnostics.ebfmi(column(ch.stats(), SamplerStat.ENERGY)),
                    number(row.get("bfmi")) * n / (n - 1), REL);
            close(failures, id + "get_num_divergent", SamplerDiagnostics.divergences(ours), row, "num_divergent");
            close(failures, id + "get_num_max_treedepth", SamplerDiagnostics.treeDepthHits(ours), row, "num_max_treedepth");
            within(failures, id + "warmup seconds", ch.warmupSeconds(), number(row.get("warmup_seconds")), 5e-4);
            within(failures, id + "sampling seconds", ch.samplingSeconds(), number(row.get("sampling_seconds")), 5e-4);
        }
        assertTrue(failures.isEmpty(), failures.size() + " values differ from rstan's reading:\n" + String.join("\n", failures));
    }

    private static void close(List<String> failures, String what, double ours, CSVRecord row, String column) {
        double theirs = number(row.get(column));
        boolean ok = Double.isNaN(ours) ? Double.isNaN(theirs)
                : Math.abs(ours - theirs) <= REL * Math.max(1, Math.abs(theirs));
        if (!ok) failures.add(what + ": ours " + ours + ", R " + theirs);
    }

    private static void within(List<String> failures, String what, double ours, double theirs, double tol) {
        if (!(Math.abs(ours - theirs) <= tol)) failures.add(what + ": ours " + ours + ", R " + theirs + " (tolerance " + tol + ")");
    }

    private static double[] column(double[][] rows, SamplerStat stat) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i][stat.index()];
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s;
    }

    private static double mean(double[] v) {
        return sum(v) / v.length;
    }

    private static double number(String s) {
        return switch (s.trim()) {
            case "NA", "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s.trim());
        };
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
            return p.getRecords();
        }
    }

    private static Path script() {
        try {
            return Path.of(StanCsvRstanTest.class.getResource("/rstan/read_stan_csv.R").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
