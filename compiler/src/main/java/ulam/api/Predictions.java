package ulam.api;

import java.util.List;
import ulam.compiler.predict.Predictor;
import ulam.runtime.UlamException;

/**
 * Predictions per posterior draw and case ({@link Posterior#link}, {@link Posterior#sim}): one
 * column per case of each named local or outcome ({@code p[1]}, {@code p[2]}, ...), one row per
 * posterior draw (chains stacked, in order), on the outcome's scale.
 */
public final class Predictions {
    private final Predictor.Table table;

    Predictions(Predictor.Table table) {
        this.table = table;
    }

    /** The columns, e.g. {@code p[1]}, {@code p[2]}, ... */
    public List<String> names() {
        return List.of(table.names());
    }

    /** Number of posterior draws (rows). */
    public int draws() {
        return table.values().length;
    }

    /**
     * One column's values over the draws: {@code double[draws()]}, a new array.
     *
     * @param name a column, e.g. {@code p[3]}
     * @throws UlamException if there is no such column (the message lists a few)
     */
    public double[] column(String name) {
        String[] names = table.names();
        for (int k = 0; k < names.length; k++) {
            if (!names[k].equals(name)) continue;
            double[] out = new double[draws()];
            for (int s = 0; s < out.length; s++) out[s] = table.values()[s][k];
            return out;
        }
        List<String> n = names();
        throw new UlamException("no prediction named '" + name + "'", null,
                "the columns are " + String.join(", ", n.subList(0, Math.min(8, n.size()))) + (n.size() > 8 ? ", ..." : ""));
    }

    /** Every value: {@code double[draws()][names().size()]}, new arrays. */
    public double[][] values() {
        double[][] v = table.values();
        double[][] out = new double[v.length][];
        for (int s = 0; s < v.length; s++) out[s] = v[s].clone();
        return out;
    }

    /**
     * The mean of each column over the draws, in the order of {@link #names()}: {@code double[names().size()]}.
     */
    public double[] means() {
        double[][] v = table.values();
        double[] out = new double[table.names().length];
        for (double[] row : v) for (int k = 0; k < out.length; k++) out[k] += row[k];
        for (int k = 0; k < out.length; k++) out[k] /= Math.max(1, v.length);
        return out;
    }
}
