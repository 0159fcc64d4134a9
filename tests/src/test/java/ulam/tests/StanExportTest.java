package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.compiler.stan.StanProgram;
import ulam.compiler.stan.StanSyntax;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.sampler.Fit;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;
import ulam.tests.support.Rstan;

/**
 * {@code ulam stancode} against Stan itself: for every example, the exported program (Stan 2.21
 * syntax, with {@code log_lik}) and its exported data compile and run in rstan 2.21, and
 * <ul>
 *   <li>at three fixed unconstrained points (zeros; evenly spaced from -0.5 to 0.5; random), Stan's
 *       gradient of the log density (Jacobian included) equals our model's, and differences of
 *       log densities equal ours (Stan drops constant terms, equal at every point);</li>
 *   <li>at the same points, Stan's generated quantities ({@code rstan::gqs}: {@code gq>} values and
 *       the pointwise {@code log_lik}) equal ours;</li>
 *   <li>fitted with NUTS (4 chains of 2,000 draws after 1,000 warmup, adapt_delta 0.95, as ulam),
 *       Stan's posterior agrees with ours by the rule of {@link Reference}: mean within
 *       4 sqrt(sd^2 / ESS + mcse^2), sd within 15 %. The 100,000-row GLMM is not fitted (its
 *       gradients are compared).</li>
 * </ul>
 * Runs only when Rscript and rstan are installed; each example compiles a Stan model (about 30 s to
 * 2 minutes).
 */
@Tag("validation")
class StanExportTest {

    /** Every example and its data; a new example must be added here (the test fails otherwise). */
    static final Map<String, String> DATA = Map.ofEntries(
            Map.entry("chimpanzees.ulam", "examples/data/chimpanzees.csv"),
            Map.entry("chimpanzees_nc.ulam", "examples/data/chimpanzees.csv"),
            Map.entry("reedfrogs.ulam", "examples/data/reedfrogs.csv"),
            Map.entry("reedfrogs_nopool.ulam", "examples/data/reedfrogs.csv"),
            Map.entry("reedfrogs_spg.ulam", "examples/data/reedfrogs.csv"),
            Map.entry("reedfrogs_spg_nc.ulam", "examples/data/reedfrogs.csv"),
            Map.entry("funnel.ulam", ""),
            Map.entry("funnel_nc.ulam", ""),
            Map.entry("glmm_100k.ulam", "examples/data/sim_glmm_100k.csv"),
            Map.entry("kline_gampois.ulam", "examples/data/Kline.csv"),
            Map.entry("ucbadmit_betabinom.ulam", "examples/data/UCBadmit.csv"),
            Map.entry("monks.ulam", "examples/data/monks.csv"),
            Map.entry("milk_impute.ulam", "examples/data/milk.csv"),
            Map.entry("cafes.ulam", "examples/data/cafes.csv"),
            Map.entry("chimpanzees_slopes.ulam", "examples/data/chimpanzees.csv"),
            Map.entry("trolley.ulam", "examples/data/Trolley.csv"),
            Map.entry("trolley_edu.ulam", "examples/data/Trolley.csv"),
            Map.entry("kline_gp.ulam", "examples/data/Kline2.csv"));

    /**
     * Examples whose lines stancode cannot write yet: checked here only for a located refusal (they
     * are checked against Stan's own programs of the book models by BookModelsTest, with
     * bench/stan/models). None at present.
     */
    private static final Set<String> NOT_EXPORTED = Set.of();

    /**
     * Examples compared at the fixed points only: the GLMM is too slow to fit in a test, and so are
     * the two Trolley models (9,930 rows: rstan 2.21 takes over 10 minutes for the fit on two shared
     * cores); the centred funnel is the example of a posterior NUTS cannot sample (Stan: 1,920
     * divergent transitions of 8,000 and R-hat 1.77), so two runs need not agree.
     */
    private static final Set<String> NOT_FITTED = Set.of("glmm_100k.ulam", "funnel.ulam", "trolley.ulam", "trolley_edu.ulam");

    /**
     * Values left out of the posterior comparison: the funnel's x = z exp(v), v ~ normal(0, 3), has
     * a standard deviation no run of this length estimates (its fourth moment is about e^72); the
     * project's reference for this model leaves it out too.
     */
    private static final Map<String, Set<String>> NOT_COMPARED = Map.of("funnel_nc.ulam", Set.of("x"));

    private static final long SEED = 20261122L;

    @BeforeAll
    static void needsRstan() {
        assumeTrue(Rstan.available(), "Rscript with rstan is not installed");
    }

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        // -Dstancode.examples=funnel.ulam,reedfrogs.ulam runs only those
        List<String> only = List.of(System.getProperty("stancode.examples", "").split(",")).stream().filter(x -> !x.isBlank()).toList();
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ulam")).sorted().toList()) {
                String name = f.getFileName().toString();
                assertTrue(DATA.containsKey(name), "add the data of the new example " + name + " to StanExportTest.DATA");
                if (!only.isEmpty() && !only.contains(name)) continue;
                out.add(Arguments.of(name, DATA.get(name)));
            }
        }
        assertTrue(!only.isEmpty() || out.size() >= 9, "examples found: " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void stanAgreesWithOurModel(String example, String data) throws Exception {
        if (NOT_EXPORTED.contains(example)) {
            List<String> a = new ArrayList<>(List.of("stancode", "examples/" + example, "--data", data));
            if (example.equals("kline_gp.ulam")) a.addAll(List.of("--data-matrix", "Dmat=examples/data/islandsDistMatrix.csv"));
            ulam.tests.support.Cli.Result r = ulam.tests.support.Cli.run(a.toArray(new String[0]));
            assertTrue(r.status() != 0 && r.err().contains("stancode does not support") && r.err().contains("examples/" + example + ":"),
                    example + ": " + r.out() + r.err());
            return;
        }
        long t0 = System.nanoTime();
        Map<String, Path> matrices = example.equals("kline_gp.ulam") ? Map.of("Dmat", Path.of("examples/data/islandsDistMatrix.csv")) : Map.of();
        DataSet ds = data.isEmpty() ? DataSet.empty() : DataSet.read(List.of(Path.of(data)), Map.of(), matrices);
        Compiler.Compiled c = Compiler.compile(Source.read(Path.of("examples", example)), data.isEmpty() ? null : Compiler.schema(ds));
        StanProgram program = StanProgram.of(c.spec(), StanSyntax.STAN_2_21, true);
        Model model = c.factory().apply(ds);
        Path dir = Files.createTempDirectory("stancode");
        String stem = example.replace(".ulam", "");
        Path stan = dir.resolve(stem + ".stan");
        Path json = dir.resolve(stem + ".json");
        Files.writeString(stan, program.text(), StandardCharsets.UTF_8);
        Files.writeString(json, program.dataJson(c, ds), StandardCharsets.UTF_8);

        double[][] points = points(model.dimension());
        writePoints(points, dir.resolve("u.csv"));
        String[] outputs = model.outputNames();
        double[][] draws = new double[points.length][outputs.length];
        for (int r = 0; r < points.length; r++) model.writeDraw(points[r], RandomSource.XO_SHI_RO_256_PP.create(1L), draws[r]);
        writeParameters(program, outputs, model.parameterOutputs(), draws, dir.resolve("d.csv"));
        Set<String> tp = transformedParameters(program);

        boolean fit = !NOT_FITTED.contains(example);
        boolean generates = outputs.length > model.parameterOutputs() || model.observations() > 0;
        List<String> args = new ArrayList<>(List.of("--points", dir.resolve("u.csv").toString(), "--points-out", dir.resolve("g.csv").toString(),
                "--grad-reps", "0"));
        if (generates) args.addAll(List.of("--gq-draws", dir.resolve("d.csv").toString(), "--gq-out", dir.resolve("q.csv").toString()));
        if (generates && !tp.isEmpty()) args.addAll(List.of("--gq-tparams", String.join(",", tp)));
        if (fit) {
            args.addAll(List.of("--chains", "4", "--cores", "2", "--iter", "3000", "--warmup", "1000", "--seed", "1234",
                    "--adapt-delta", "0.95", "--summary", dir.resolve("s.csv").toString()));
        } else {
            args.addAll(List.of("--chains", "0"));
        }
        String log = Rstan.fit(stan, json, 30, args.toArray(String[]::new));
        double stanSeconds = (System.nanoTime() - t0) / 1e9;

        // gradients and log density differences at the fixed points
        List<CSVRecord> g = csv(dir.resolve("g.csv"));
        assertEquals(points.length, g.size(), "rows of Stan's gradients");
        double gradDiff = 0;
        double lpDiff = 0;
        double[] lp = new double[points.length];
        double[] lpStan = new double[points.length];
        for (int r = 0; r < points.length; r++) {
            double[] grad = new double[model.dimension()];
            lp[r] = model.logDensityGradient(points[r], grad);
            lpStan[r] = Double.parseDouble(g.get(r).get("lp"));
            assertEquals(model.dimension() + 1, g.get(r).size(), "Stan's unconstrained dimension");
            for (int k = 0; k < grad.length; k++) {
                double s = Double.parseDouble(g.get(r).get("g" + (k + 1)));
                gradDiff = Math.max(gradDiff, Math.abs(grad[k] - s) / Math.max(1, Math.abs(s)));
            }
            double d = (lp[r] - lp[0]) - (lpStan[r] - lpStan[0]);
            lpDiff = Math.max(lpDiff, Math.abs(d) / Math.max(1, Math.abs(lp[0])));
        }

        // generated quantities and log_lik at the fixed points
        double gqDiff = 0;
        List<CSVRecord> q = generates ? csv(dir.resolve("q.csv")) : List.of();
        Map<String, Integer> ours = new HashMap<>();
        for (int j = model.parameterOutputs(); j < outputs.length; j++) ours.put(program.stanName(outputs[j]), j);
        int compared = 0;
        for (int r = 0; r < q.size(); r++) {
            double[] ll = new double[model.observations()];
            model.logLikelihood(points[r], ll);
            for (Map.Entry<String, String> e : q.get(r).toMap().entrySet()) {
                double s = Double.parseDouble(e.getValue());
                double v;
                if (e.getKey().startsWith("log_lik")) {
                    v = ll[logLikIndex(program, e.getKey(), ll.length)];
                } else {
                    Integer j = ours.get(e.getKey());
                    assertTrue(j != null, "Stan's generated quantity " + e.getKey() + " is not an output of ours");
                    v = draws[r][j];
                }
                gqDiff = Math.max(gqDiff, Math.abs(v - s) / Math.max(1, Math.abs(s)));
                compared++;
            }
        }
        // Stan returns the generated quantities only: our transpars> outputs are not among them
        long reported = java.util.Arrays.stream(outputs, model.parameterOutputs(), outputs.length)
                .filter(o -> !tp.contains(program.stanName(o).replaceAll("\\[.*", ""))).count();
        int expected = points.length * (int) (reported + model.observations());
        assertEquals(expected, compared, "generated quantities compared");

        String posterior = "not fitted";
        List<String> failures = List.of();
        if (fit) {
            Fit f = Fits.sample(model, 4, 1000, 2000, SEED);
            List<VariableSummary> summaries = new ArrayList<>();
            for (VariableSummary s : VariableSummary.of(f, 0.89)) {
                summaries.add(new VariableSummary(program.stanName(s.name()), s.mean(), s.sd(), s.lower(), s.upper(), s.rhat(),
                        s.essBulk(), s.essTail(), s.mcseMean()));
            }
            Set<String> skip = NOT_COMPARED.getOrDefault(example, Set.of());
            // entries whose draws are constant (a correlation matrix's unit diagonal, a Cholesky factor's
            // fixed zeros and ones) have NA for R-hat or ESS, or an sd of rounding (1e-16): left out, as
            // the references leave them out
            List<String> rows = Files.readAllLines(dir.resolve("s.csv")).stream().filter(l -> {
                List<String> cells = List.of(l.split(",", -1));   // the name may hold a comma: count from the end
                return !cells.contains("NA") && (l.startsWith("\"variable\"") || Math.abs(Double.parseDouble(cells.get(cells.size() - 7))) > 1e-12);
            }).toList();
            Files.write(dir.resolve("s_compared.csv"), rows);
            Reference ref = Reference.read(dir.resolve("s_compared.csv")).only(n -> !n.startsWith("log_lik") && !skip.contains(n.replaceAll("\\[.*", "")));
            failures = ref.compare(summaries, Set.of());
            posterior = worst(ref, summaries);
        }
        System.out.printf(Locale.ROOT, "stancode %s: compiled and ran in rstan 2.21 (%.0f s); gradient max rel diff %.1e, "
                        + "lp difference max rel diff %.1e, generated quantities max rel diff %.1e (%d values); posterior %s%n",
                example, stanSeconds, gradDiff, lpDiff, gqDiff, compared, posterior);
        assertTrue(gradDiff < 1e-7, example + ": gradients differ from Stan's by " + gradDiff + "\n" + log);
        assertTrue(lpDiff < 1e-7, example + ": log density differences differ from Stan's by " + lpDiff);
        assertTrue(gqDiff < 1e-7, example + ": generated quantities differ from Stan's by " + gqDiff);
        assertTrue(failures.isEmpty(), example + ": Stan's posterior of the exported program disagrees with ours:\n  "
                + String.join("\n  ", failures) + "\n" + log);
    }

    /** Zeros; evenly spaced from -0.5 to 0.5; normal with sd 0.5 (seeded). */
    private static double[][] points(int k) {
        double[][] u = new double[3][k];
        Random rng = new Random(7);
        for (int i = 0; i < k; i++) {
            u[1][i] = k == 1 ? 0.3 : -0.5 + i / (double) (k - 1);
            u[2][i] = 0.5 * rng.nextGaussian();
        }
        return u;
    }

    private static void writePoints(double[][] u, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] row : u) {
            for (int i = 0; i < row.length; i++) sb.append(i > 0 ? "," : "").append(row[i]);
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /** The names the program declares at the top of its transformed parameters block. */
    private static Set<String> transformedParameters(StanProgram p) {
        Set<String> out = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)\ntransformed parameters \\{\n(.*?)\n}\n").matcher("\n" + p.text());
        if (!m.find()) return out;
        for (String line : m.group(1).split("\n")) {
            java.util.regex.Matcher d = java.util.regex.Pattern.compile("^  [a-z].* ([A-Za-z_][A-Za-z0-9_]*)(\\[[^]]*])?;$").matcher(line);
            if (d.find() && !line.contains("=")) out.add(d.group(1));
        }
        return out;
    }

    /** The constrained parameters at each point, with Stan's names, for rstan::gqs. */
    private static void writeParameters(StanProgram p, String[] outputs, int parameters, double[][] draws, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < parameters; j++) sb.append(j > 0 ? "," : "").append('"').append(p.stanName(outputs[j])).append('"');
        sb.append('\n');
        for (double[] row : draws) {
            for (int j = 0; j < parameters; j++) sb.append(j > 0 ? "," : "").append(row[j]);
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /**
     * Position in our pointwise log-likelihood of Stan's {@code log_lik[i]} ({@code log_lik_y[i]}
     * for a later outcome: ours holds the outcomes one after another; the examples' outcomes have
     * equal numbers of rows).
     */
    private static int logLikIndex(StanProgram p, String name, int observations) {
        int bracket = name.indexOf('[');
        String base = bracket < 0 ? name : name.substring(0, bracket);
        int row = bracket < 0 ? 0 : Integer.parseInt(name.substring(bracket + 1, name.length() - 1)) - 1;
        int which = p.logLikNames().indexOf(base);
        assertTrue(which >= 0, "unknown log-likelihood " + name);
        int outcomes = p.logLikNames().size();
        assertEquals(0, observations % outcomes, "the examples' outcomes have equal numbers of rows");
        return which * (observations / outcomes) + row;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    /** The worst standardised mean difference and the range of sd ratios (ours / Stan's). */
    private static String worst(Reference ref, List<VariableSummary> ours) {
        double z = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        String zName = "";
        for (VariableSummary s : ours) {
            Reference.Row r = ref.row(s.name());
            if (r == null) continue;
            double se = Math.sqrt(r.sd() * r.sd() / s.essBulk() + r.mcseMean() * r.mcseMean());
            double zi = Math.abs(s.mean() - r.mean()) / se;
            if (zi > z) {
                z = zi;
                zName = s.name();
            }
            lo = Math.min(lo, s.sd() / r.sd());
            hi = Math.max(hi, s.sd() / r.sd());
        }
        return String.format(Locale.ROOT, "worst |z| %.2f (%s), sd ratio %.3f..%.3f over %d values", z, zName, lo, hi, ref.names().size());
    }
}
