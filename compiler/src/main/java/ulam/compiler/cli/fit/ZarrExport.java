package ulam.compiler.cli.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.compiler.predict.Predictor;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.FitManifest;
import ulam.runtime.output.PrecisTable;
import ulam.runtime.output.ZarrStore;
import ulam.runtime.output.ZarrStore.Type;
import ulam.runtime.output.ZarrStore.Variable;
import ulam.runtime.sampler.SamplerStat;

/**
 * {@code ulam draws FIT --zarr DIR}: the fit as ArviZ InferenceData in a Zarr store
 * ({@link ZarrStore}; {@code arviz.InferenceData.from_zarr(DIR)} reads it), with ArviZ's group
 * and variable names:
 * <ul>
 *   <li>{@code posterior}: every output (parameters and generated quantities) as an array
 *       {@code [chain, draw, name_dim_0, ...]} ({@code a[1]..a[48]} become {@code a} with
 *       {@code a_dim_0} of length 48; indices from 0 as ArviZ's default coordinates);</li>
 *   <li>{@code sample_stats}: {@code lp}, {@code acceptance_rate}, {@code step_size},
 *       {@code tree_depth}, {@code n_steps}, {@code diverging}, {@code energy} (Stan's
 *       {@code lp__} ... {@code energy__});</li>
 *   <li>{@code log_likelihood}: the pointwise log-likelihood {@code [chain, draw, obs]}, named as
 *       the outcome (or {@code log_lik}), unless the fit sampled the prior;</li>
 *   <li>{@code posterior_predictive}: outcomes simulated from every draw on the fit's rows
 *       (as {@code ulam sim}, seed 1), and {@code observed_data}: the outcome's data column.</li>
 * </ul>
 */
final class ZarrExport {
    private ZarrExport() {
    }

    /**
     * Writes the store.
     *
     * @param dir   the fit folder
     * @param store the store's folder (must not exist or be empty)
     * @param notes receives the groups left out and why
     * @return the groups written, in order
     * @throws UlamException if the fit cannot be read or the store written
     */
    static List<String> write(Path dir, Path store, List<String> notes) {
        LoadedFit loaded = LoadedFit.load(dir);
        FitDirectory fit = loaded.fit();
        FitManifest m = fit.manifest();
        int chains = fit.chains().size();
        int draws = fit.drawsPerChain();
        if (draws < 1) throw new UlamException("the fit " + dir + " has no draws after warmup", null, "run the model again and let it finish");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("created_at", java.time.Instant.now().toString());
        attrs.put("inference_library", "ulam");
        attrs.put("inference_library_version", FitManifest.ULAM_VERSION);
        attrs.put("model", m.model());
        attrs.put("prior_only", m.priorOnly());
        List<String> groups = new ArrayList<>();
        ZarrStore z = ZarrStore.create(store, attrs);

        List<String> names = m.outputNames();
        double[][] all = fit.draws();
        z.writeGroup(m.priorOnly() ? "prior" : "posterior", attrs, variables(names, all, chains, draws));
        groups.add(m.priorOnly() ? "prior" : "posterior");

        List<Variable> stats = new ArrayList<>();
        String[][] statNames = {{"lp", "LP"}, {"acceptance_rate", "ACCEPT_STAT"}, {"step_size", "STEPSIZE"},
                {"tree_depth", "TREEDEPTH"}, {"n_steps", "N_LEAPFROG"}, {"diverging", "DIVERGENT"}, {"energy", "ENERGY"}};
        for (String[] s : statNames) {
            SamplerStat st = SamplerStat.valueOf(s[1]);
            double[] v = new double[chains * draws];
            int i = 0;
            for (ChainDraws c : fit.chains()) for (int d = 0; d < draws; d++) v[i++] = c.stats()[d][st.index()];
            Type t = st == SamplerStat.DIVERGENT ? Type.BOOL : st == SamplerStat.TREEDEPTH || st == SamplerStat.N_LEAPFROG ? Type.INT64 : Type.FLOAT64;
            stats.add(new Variable(s[0], List.of("chain", "draw"), new int[] {chains, draws}, v, t));
        }
        String statsGroup = m.priorOnly() ? "sample_stats_prior" : "sample_stats";
        z.writeGroup(statsGroup, attrs, stats);
        groups.add(statsGroup);

        // the simulated outcome names the observations' dimension
        Predictor.Table sim = null;
        if (fit.hasData()) {
            try {
                sim = Predictor.predict(fit, new Predictor.Request(List.of(), Map.of(), List.of(), 0, 1)).sim();
            } catch (UlamException e) {
                notes.add("no posterior_predictive group: " + e.getMessage());
            }
        }
        String outcome = sim != null && sim.names().length > 0 ? PrecisTable.baseName(sim.names()[0]) : null;
        boolean oneOutcome = outcome != null && sim.names().length == m.observations()
                && java.util.Arrays.stream(sim.names()).allMatch(n -> PrecisTable.baseName(n).equals(outcome));

        if (m.observations() > 0 && !m.priorOnly()) {
            double[][] ll = loaded.logLik();
            String name = oneOutcome ? outcome : "log_lik";
            z.writeGroup("log_likelihood", attrs, List.of(new Variable(name, List.of("chain", "draw", name + "_dim_0"),
                    new int[] {chains, draws, m.observations()}, flat(ll), Type.FLOAT64)));
            groups.add("log_likelihood");
        } else {
            notes.add("no log_likelihood group: " + (m.priorOnly() ? "the fit sampled the prior" : "the model has no likelihood line"));
        }

        if (sim != null && sim.names().length > 0) {
            String predictive = m.priorOnly() ? "prior_predictive" : "posterior_predictive";
            z.writeGroup(predictive, attrs, variables(List.of(sim.names()), sim.values(), chains, draws));
            groups.add(predictive);
            DataSet data = fit.readData();
            List<Variable> observed = new ArrayList<>();
            for (String base : bases(List.of(sim.names()))) {
                String column = PredictiveCheck.observedColumn(fit, base, data);
                if (column == null) {
                    notes.add("observed_data leaves out " + base + ": it is not a data column nor a copy of one");
                    continue;
                }
                double[] y = data.realsWithMissing(column, null);
                observed.add(new Variable(base, List.of(base + "_dim_0"), new int[] {y.length}, y, Type.FLOAT64));
            }
            if (!observed.isEmpty()) {
                z.writeGroup("observed_data", attrs, observed);
                groups.add("observed_data");
            }
        }
        z.close();
        return groups;
    }

    /** The outputs grouped by base name, each an array {@code [chain, draw, dims...]}. */
    private static List<Variable> variables(List<String> names, double[][] rows, int chains, int draws) {
        List<Variable> out = new ArrayList<>();
        for (String base : bases(names)) {
            List<Integer> cols = new ArrayList<>();
            List<int[]> idx = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                if (!PrecisTable.baseName(names.get(j)).equals(base)) continue;
                cols.add(j);
                idx.add(indices(names.get(j)));
            }
            int rank = idx.get(0).length;
            int[] dims = new int[rank];
            for (int[] ix : idx) {
                if (ix.length != rank) throw new IllegalStateException(base + " has elements of different ranks");
                for (int d = 0; d < rank; d++) dims[d] = Math.max(dims[d], ix[d]);
            }
            int size = 1;
            for (int d : dims) size *= d;
            List<String> dimNames = new ArrayList<>(List.of("chain", "draw"));
            for (int d = 0; d < rank; d++) dimNames.add(base + "_dim_" + d);
            int[] shape = new int[rank + 2];
            shape[0] = chains;
            shape[1] = draws;
            System.arraycopy(dims, 0, shape, 2, rank);
            double[] v = new double[chains * draws * size];
            java.util.Arrays.fill(v, Double.NaN);
            for (int k = 0; k < cols.size(); k++) {
                int flat = 0;
                for (int d = 0; d < rank; d++) flat = flat * dims[d] + idx.get(k)[d] - 1;
                for (int s = 0; s < chains * draws; s++) v[s * size + flat] = rows[s][cols.get(k)];
            }
            out.add(new Variable(base, dimNames, shape, v, Type.FLOAT64));
        }
        return out;
    }

    private static List<String> bases(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String b = PrecisTable.baseName(n);
            if (!out.contains(b)) out.add(b);
        }
        return out;
    }

    /** The 1-based indices of {@code a[1,2]}, or none for a scalar. */
    private static int[] indices(String name) {
        int b = name.indexOf('[');
        if (b < 0) return new int[0];
        String[] parts = name.substring(b + 1, name.length() - 1).split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i].trim());
        return out;
    }

    private static double[] flat(double[][] rows) {
        int n = rows.length == 0 ? 0 : rows[0].length;
        double[] out = new double[rows.length * n];
        for (int s = 0; s < rows.length; s++) System.arraycopy(rows[s], 0, out, s * n, n);
        return out;
    }
}
