import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import ulam.runtime.diagnostics.Convergence;

/**
 * The seed-by-seed efficiency table of {@code bench/efficiency.sh}: reads the Stan CSV files that
 * {@code ulam run --output-dir} and rstan's {@code sample_file} wrote, and computes every figure on
 * both sides with the same code (our {@link Convergence}, which equals R's posterior 1.4).
 *
 * <p>Layout read: {@code ROOT/<model>/<side>/seed<S>/*.csv}, side {@code ours} or {@code stan}, one
 * file per chain, warm-up rows first (split at the {@code # Adaptation terminated} comment, so a
 * chain whose warm-up stopped early is read right). Per seed (all chains of one run):
 * <ul>
 *   <li>min bulk ESS: the smallest bulk ESS over the quantities both sides report (columns not
 *       ending in {@code __}, {@code log_lik} left out), and the smallest tail ESS;</li>
 *   <li>ESS per 1000 gradients: min bulk ESS / sum of {@code n_leapfrog__} over all chains, warm-up
 *       included ({@code /grad}) and post-warm-up only ({@code /grad_s}); step-size searches are not in
 *       {@code n_leapfrog__} on either side;</li>
 *   <li>ESS/s: min bulk ESS per chain-second, the chains' warm-up and sampling times of the CSV
 *       trailers summed (a shared machine slows both sides; compare ratios within one run);</li>
 *   <li>max R-hat over the same quantities, divergent transitions after warm-up, post-warm-up draws
 *       at the maximum tree depth, warm-up iterations per chain.</li>
 * </ul>
 * Per model and side it prints the median and quartiles (type 7) over the seeds, the ratio of our
 * medians to Stan's, and a one-sided Mann-Whitney test of ESS per gradient (warm-up included):
 * {@code p_worse} for "ours is stochastically smaller", {@code p_better} for "larger" (exact
 * distribution without ties, as R's {@code wilcox.test} for fewer than 50 per side; the normal
 * approximation with continuity and tie correction otherwise).
 *
 * <p>usage: {@code java -cp RUNTIME_JAR bench/Efficiency.java ROOT [--models A,B] [--seeds-table FILE] [--check MODEL=FILE]}
 * ({@code --models}: these models of ROOT, in this order; default all) where {@code --check} compares our bulk ESS and R-hat of every Stan quantity with the lines
 * {@code posterior seed=S name=N ess_bulk=E rhat=R} that {@code stan_seeds.R --check-ess} printed.
 */
public final class Efficiency {

    /** One chain file: the values of each column, split into warm-up and sampling rows. */
    record Chain(List<String> names, double[][] warmup, double[][] sampling, double seconds) {
        int column(String name) {
            return names.indexOf(name);
        }
    }

    /** The figures of one run (one seed of one side). */
    record Run(int seed, double minEss, double minTailEss, double essPerGrad, double essPerGradSampling, double essPerSecond,
               double maxRhat, double divergent, double maxDepthHits, double warmupPerChain) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java -cp RUNTIME_JAR bench/Efficiency.java ROOT [--seeds-table FILE] [--check MODEL=FILE]");
            System.exit(1);
        }
        Path root = Path.of(args[0]);
        Path seedsTable = null;
        Map<String, Path> checks = new LinkedHashMap<>();
        List<String> models = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--seeds-table")) seedsTable = Path.of(args[++i]);
            else if (args[i].equals("--models")) models = List.of(args[++i].split(","));
            else if (args[i].equals("--check")) {
                String[] kv = args[++i].split("=", 2);
                checks.put(kv[0], Path.of(kv[1]));
            }
        }
        StringBuilder perSeed = new StringBuilder("model\tside\tseed\tmin_ess\tmin_tail_ess\tess_per_1000_grad\tess_per_1000_grad_sampling"
                + "\tess_per_s\tmax_rhat\tdivergent\tmax_depth_hits\twarmup_per_chain\n");
        System.out.printf(Locale.ROOT, "| model | side | min bulk ESS | min tail ESS | ESS/1000 grad | ESS/1000 grad (sampling) | ESS/s (loaded) "
                + "| max R-hat | divergent | warm-up | ratio /grad | ratio /grad_s | ratio ESS/s | p_worse | p_better |%n");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String model : models != null ? models : list(root)) {
            Map<String, Map<Integer, List<Chain>>> sides = new TreeMap<>();
            for (String side : List.of("ours", "stan")) {
                Path dir = root.resolve(model).resolve(side);
                if (Files.isDirectory(dir)) sides.put(side, readSide(dir));
            }
            if (sides.isEmpty()) continue;
            Set<String> common = null;
            for (Map<Integer, List<Chain>> runs : sides.values()) {
                for (List<Chain> chains : runs.values()) {
                    Set<String> q = quantities(chains.get(0).names());
                    if (common == null) common = q;
                    else common.retainAll(q);
                }
            }
            Map<String, List<Run>> results = new LinkedHashMap<>();
            for (var e : sides.entrySet()) {
                List<Run> runs = new ArrayList<>();
                for (var r : e.getValue().entrySet()) {
                    Run run = run(r.getKey(), r.getValue(), common);
                    runs.add(run);
                    perSeed.append(String.format(Locale.ROOT, "%s\t%s\t%d\t%.1f\t%.1f\t%.4f\t%.4f\t%.2f\t%.4f\t%.0f\t%.0f\t%.1f%n",
                            model, e.getKey(), run.seed, run.minEss, run.minTailEss, run.essPerGrad, run.essPerGradSampling,
                            run.essPerSecond, run.maxRhat, run.divergent, run.maxDepthHits, run.warmupPerChain));
                }
                results.put(e.getKey(), runs);
            }
            printRows(model, results);
            if (checks.containsKey(model) && sides.containsKey("stan")) check(model, sides.get("stan"), checks.get(model));
        }
        if (seedsTable != null) Files.writeString(seedsTable, perSeed);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<Integer, List<Chain>> readSide(Path dir) throws IOException {
        Map<Integer, List<Chain>> runs = new TreeMap<>();
        for (String seedDir : list(dir)) {
            if (!seedDir.startsWith("seed")) continue;
            List<Chain> chains = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir.resolve(seedDir))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) chains.add(read(f));
            }
            if (!chains.isEmpty()) runs.put(Integer.parseInt(seedDir.substring(4)), chains);
        }
        return runs;
    }

    /** Reads one chain's Stan CSV file: header line, warm-up rows, {@code # Adaptation terminated}, sampling rows. */
    static Chain read(Path file) throws IOException {
        List<String> names = null;
        List<double[]> warm = new ArrayList<>();
        List<double[]> samp = new ArrayList<>();
        boolean sampling = false;
        double seconds = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#")) {
                if (line.contains("Adaptation terminated")) sampling = true;
                int at = line.indexOf(" seconds (");
                if (at > 0 && (line.contains("(Warm-up)") || line.contains("(Sampling)"))) {
                    String[] words = line.substring(0, at).trim().split("\\s+");
                    seconds += Double.parseDouble(words[words.length - 1]);
                }
                continue;
            }
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            if (names == null) {
                names = List.of(f);
                continue;
            }
            if (f.length != names.size()) continue; // a row cut short
            double[] row = new double[f.length];
            for (int i = 0; i < f.length; i++) row[i] = Double.parseDouble(f[i]);
            (sampling ? samp : warm).add(row);
        }
        if (names == null) throw new IOException(file + " has no header line");
        return new Chain(names, warm.toArray(new double[0][]), samp.toArray(new double[0][]), seconds);
    }

    private static Set<String> quantities(List<String> names) {
        Set<String> q = new LinkedHashSet<>();
        for (String n : names) if (!n.endsWith("__") && !n.startsWith("log_lik")) q.add(n);
        return q;
    }

    /** The draws of one column over all chains, post-warm-up, as {@code [chain][draw]} (the shortest chain's length). */
    private static double[][] draws(List<Chain> chains, String name) {
        int n = Integer.MAX_VALUE;
        for (Chain c : chains) n = Math.min(n, c.sampling().length);
        double[][] x = new double[chains.size()][n];
        for (int c = 0; c < chains.size(); c++) {
            int j = chains.get(c).column(name);
            for (int i = 0; i < n; i++) x[c][i] = chains.get(c).sampling()[i][j];
        }
        return x;
    }

    private static Run run(int seed, List<Chain> chains, Set<String> common) {
        double minEss = Double.POSITIVE_INFINITY;
        double minTail = Double.POSITIVE_INFINITY;
        double maxRhat = 0;
        for (String name : common) {
            double[][] x = draws(chains, name);
            double ess = Convergence.essBulk(x);
            if (Double.isNaN(ess)) continue; // a constant quantity (e.g. a fixed element)
            minEss = Math.min(minEss, ess);
            minTail = Math.min(minTail, Convergence.essTail(x));
            maxRhat = Math.max(maxRhat, Convergence.rhat(x));
        }
        double grads = 0, gradsSampling = 0, divergent = 0, hits = 0, seconds = 0, warmup = 0;
        for (Chain c : chains) {
            int nl = c.column("n_leapfrog__"), dv = c.column("divergent__"), td = c.column("treedepth__");
            double maxDepth = 0;
            for (double[] r : c.warmup()) grads += r[nl];
            for (double[] r : c.sampling()) {
                grads += r[nl];
                gradsSampling += r[nl];
                divergent += r[dv];
                maxDepth = Math.max(maxDepth, r[td]);
            }
            // hits of the largest depth reached, counted only when it is the usual cap (10)
            for (double[] r : c.sampling()) if (r[td] >= 10 && r[td] == maxDepth) hits++;
            seconds += c.seconds();
            warmup += c.warmup().length;
        }
        return new Run(seed, minEss, minTail, 1000 * minEss / grads, 1000 * minEss / gradsSampling, minEss / seconds,
                maxRhat, divergent, hits, warmup / chains.size());
    }

    private static double[] column(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).toArray();
    }

    private static double[] quartiles(double[] v) {
        return Convergence.quantiles(new double[][] {v}, 0.25, 0.5, 0.75);
    }

    private static String dist(double[] v, String fmt) {
        double[] q = quartiles(v);
        return String.format(Locale.ROOT, fmt + " [" + fmt + ", " + fmt + "]", q[1], q[0], q[2]);
    }

    private static void printRows(String model, Map<String, List<Run>> results) {
        List<Run> ours = results.get("ours");
        List<Run> stan = results.get("stan");
        for (var e : results.entrySet()) {
            List<Run> runs = e.getValue();
            double[] div = column(runs, Run::divergent);
            String ratioGrad = "", ratioGradS = "", ratioS = "", pWorse = "", pBetter = "";
            if (e.getKey().equals("ours") && stan != null) {
                ratioGrad = ratio(ours, stan, Run::essPerGrad);
                ratioGradS = ratio(ours, stan, Run::essPerGradSampling);
                ratioS = ratio(ours, stan, Run::essPerSecond);
                double[] x = column(ours, Run::essPerGrad), y = column(stan, Run::essPerGrad);
                pWorse = String.format(Locale.ROOT, "%.3g", mannWhitneyLess(x, y));
                pBetter = String.format(Locale.ROOT, "%.3g", mannWhitneyLess(y, x));
            }
            System.out.printf(Locale.ROOT, "| %s | %s (%d seeds) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    model, e.getKey(), runs.size(),
                    dist(column(runs, Run::minEss), "%.0f"),
                    dist(column(runs, Run::minTailEss), "%.0f"),
                    dist(column(runs, Run::essPerGrad), "%.2f"),
                    dist(column(runs, Run::essPerGradSampling), "%.2f"),
                    dist(column(runs, Run::essPerSecond), "%.0f"),
                    String.format(Locale.ROOT, "%.3f (worst %.3f)", quartiles(column(runs, Run::maxRhat))[1],
                            Arrays.stream(column(runs, Run::maxRhat)).max().orElse(Double.NaN)),
                    String.format(Locale.ROOT, "%.0f (total %.0f, %d seeds with any)", quartiles(div)[1],
                            Arrays.stream(div).sum(), Arrays.stream(div).filter(d -> d > 0).count()),
                    String.format(Locale.ROOT, "%.0f", quartiles(column(runs, Run::warmupPerChain))[1]),
                    ratioGrad, ratioGradS, ratioS, pWorse, pBetter);
        }
    }

    private static String ratio(List<Run> a, List<Run> b, java.util.function.ToDoubleFunction<Run> f) {
        return String.format(Locale.ROOT, "%.2f", quartiles(column(a, f))[1] / quartiles(column(b, f))[1]);
    }

    /**
     * One-sided Mann-Whitney (Wilcoxon rank-sum) p-value for "x is stochastically smaller than y":
     * P(W <= w) with {@code W = #{(i, j): x_i > y_j}} (+ 1/2 per tie), as R's
     * {@code wilcox.test(x, y, alternative = "less")}: exact without ties when both samples have
     * fewer than 50 values, else the normal approximation with continuity and tie correction.
     */
    static double mannWhitneyLess(double[] x, double[] y) {
        int n = x.length, m = y.length;
        double w = 0;
        boolean ties = false;
        for (double a : x) {
            for (double b : y) {
                if (a > b) w++;
                else if (a == b) { w += 0.5; ties = true; }
            }
        }
        if (!ties && n < 50 && m < 50) {
            // counts[k] of arrangements with W = k, by the recursion c(n, m, k) = c(n-1, m, k-m) + c(n, m-1, k)
            double[][] prev = new double[m + 1][];
            for (int j = 0; j <= m; j++) { prev[j] = new double[1]; prev[j][0] = 1; }
            for (int i = 1; i <= n; i++) {
                double[][] cur = new double[m + 1][];
                cur[0] = new double[1];
                cur[0][0] = 1;
                for (int j = 1; j <= m; j++) {
                    double[] c = new double[i * j + 1];
                    for (int k = 0; k < prev[j].length; k++) c[k + j] += prev[j][k];
                    for (int k = 0; k < cur[j - 1].length; k++) c[k] += cur[j - 1][k];
                    cur[j] = c;
                }
                prev = cur;
            }
            double[] c = prev[m];
            double total = 0, below = 0;
            for (int k = 0; k < c.length; k++) {
                total += c[k];
                if (k <= w) below += c[k];
            }
            return below / total;
        }
        double[] all = new double[n + m];
        System.arraycopy(x, 0, all, 0, n);
        System.arraycopy(y, 0, all, n, m);
        Arrays.sort(all);
        double tieSum = 0;
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j < all.length && all[j] == all[i]) j++;
            double t = j - i;
            tieSum += t * t * t - t;
            i = j;
        }
        double mean = n * m / 2.0;
        double sd = Math.sqrt(n * m / 12.0 * ((n + m + 1) - tieSum / ((n + m) * (n + m - 1.0))));
        double z = (w - mean + 0.5) / sd;
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
    }

    /** Prints the largest relative difference of our bulk ESS and R-hat from posterior's, over every Stan quantity. */
    private static void check(String model, Map<Integer, List<Chain>> stan, Path file) throws IOException {
        double worstEss = 0, worstRhat = 0;
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("posterior ")) continue;
            Map<String, String> kv = new LinkedHashMap<>();
            for (String w : line.substring(10).split(" ")) {
                String[] p = w.split("=", 2);
                kv.put(p[0], p[1]);
            }
            List<Chain> chains = stan.get(Integer.parseInt(kv.get("seed")));
            String name = kv.get("name").replace('[', '.').replace(',', '.').replace("]", "");
            if (chains == null || chains.get(0).column(name) < 0) continue;
            double[][] x = draws(chains, name);
            double e = Double.parseDouble(kv.get("ess_bulk")), r = Double.parseDouble(kv.get("rhat"));
            worstEss = Math.max(worstEss, Math.abs(Convergence.essBulk(x) / e - 1));
            worstRhat = Math.max(worstRhat, Math.abs(Convergence.rhat(x) - r));
            n++;
        }
        System.out.printf(Locale.ROOT, "ESS check %s: %d quantities against R posterior's ess_bulk/rhat on rstan's draws:"
                + " largest relative ESS difference %.2g, largest R-hat difference %.2g%n", model, n, worstEss, worstRhat);
    }
}
