package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import ulam.compiler.predict.Predictor;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.output.PrecisTable;

/**
 * Poststratification: predictions over a table of cells (one row per combination of the
 * predictors), averaged per posterior draw with each cell weighted by its count in the
 * population, {@code sum_c w_c v_c / sum_c w_c}; overall and per value of a {@code --by}
 * column. The draws of the average give its posterior (Gelman and Hill 2007, ch. 14; the
 * poststratification example of docs/formulas.md).
 */
final class Poststratification {
    private Poststratification() {
    }

    /**
     * Prints the weighted averages.
     *
     * @param t       the predictions, draws x cases (one case per row of {@code cells})
     * @param cells   the table of cells
     * @param weights the column of counts
     * @param by      a column to average within, or null
     * @param var     the reported variable to average (null: the first)
     * @param prob    the interval width
     * @throws UlamException if a column is absent, a weight is negative or all are 0, or the
     *                       variable's cases are not the table's rows
     */
    static void print(Predictor.Table t, DataSet cells, String weights, String by, String var, double prob, PrintWriter o) {
        if (!cells.has(weights)) {
            throw new UlamException("--weights " + weights + ": the data have no column '" + weights + "'", null,
                    "the data have: " + String.join(", ", cells.names()));
        }
        double[] w = cells.reals(weights, null);
        String v = var != null ? var : PrecisTable.baseName(t.names()[0]);
        java.util.List<Integer> cols = new java.util.ArrayList<>();
        for (int c = 0; c < t.names().length; c++) if (PrecisTable.baseName(t.names()[c]).equals(v)) cols.add(c);
        if (cols.size() != w.length) {
            throw new UlamException("--weights: '" + v + "' has " + cols.size() + " cases but the table has " + w.length + " rows", null,
                    "poststratify a variable with one value per row of the table (--var)");
        }
        for (double x : w) {
            if (!(x >= 0)) throw new UlamException("--weights " + weights + ": a weight is negative or missing", null, "weights are counts");
        }
        String[] level = by == null ? null : cells.strings(by, null);
        Map<String, java.util.List<Integer>> groups = new LinkedHashMap<>();
        groups.put("all", new java.util.ArrayList<>());
        for (int i = 0; i < w.length; i++) {
            groups.get("all").add(i);
            if (level != null) groups.computeIfAbsent(level[i], k -> new java.util.ArrayList<>()).add(i);
        }
        double lo = (1 - prob) / 2;
        o.println();
        o.printf(Locale.ROOT, "average of %s over the cells, weighted by %s, per draw:%n", v, weights);
        o.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", by == null ? "" : by, "mean", "sd", PrecisTable.percentLabel(lo),
                PrecisTable.percentLabel(1 - lo));
        Map<String, double[]> averages = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.List<Integer>> g : groups.entrySet()) {
            double total = 0;
            for (int i : g.getValue()) total += w[i];
            if (total <= 0) throw new UlamException("--weights " + weights + ": the weights of '" + g.getKey() + "' sum to 0", null, null);
            double[] avg = new double[t.values().length];
            for (int s = 0; s < avg.length; s++) {
                double sum = 0;
                for (int i : g.getValue()) sum += w[i] * t.values()[s][cols.get(i)];
                avg[s] = sum / total;
            }
            averages.put(g.getKey(), avg);
        }
        String first = averages.size() > 1 ? new java.util.ArrayList<>(averages.keySet()).get(1) : null;
        Map<String, double[]> rows = new LinkedHashMap<>(averages);
        for (Map.Entry<String, double[]> e : averages.entrySet()) {   // each value against the first, paired by draw
            if (first == null || e.getKey().equals("all") || e.getKey().equals(first)) continue;
            double[] d = new double[e.getValue().length];
            for (int s = 0; s < d.length; s++) d[s] = e.getValue()[s] - averages.get(first)[s];
            rows.put(e.getKey() + " - " + first, d);
        }
        for (Map.Entry<String, double[]> g : rows.entrySet()) {
            double[] avg = g.getValue();
            double mean = 0;
            for (double x : avg) mean += x;
            mean /= avg.length;
            double ss = 0;
            for (double x : avg) ss += (x - mean) * (x - mean);
            double[] q = Convergence.quantiles(new double[][] {avg}, lo, 1 - lo);
            o.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", g.getKey(), PrecisTable.fixed(mean, 3),
                    PrecisTable.fixed(Math.sqrt(ss / Math.max(1, avg.length - 1)), 3), PrecisTable.fixed(q[0], 3), PrecisTable.fixed(q[1], 3));
        }
        o.flush();
    }
}
