package ulam.runtime.loo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * rethinking's {@code compare(m1, m2, ..., func=WAIC|PSIS)} (language reference 8.7): one row
 * per model, sorted by ascending criterion, with columns
 * <pre>
 * WAIC   SE   dWAIC   dSE   pWAIC   weight        (func = WAIC)
 * PSIS   SE   dPSIS   dSE   pPSIS   weight        (func = PSIS)
 * </pre>
 * where the criterion is the sum of the pointwise values (deviance scale), {@code SE} the
 * criterion's own standard error ({@link Waic#seWaic()}: population variance, as rethinking;
 * {@link Loo#seLooic()}: sample variance, as loo), {@code dWAIC = WAIC - min(WAIC)},
 * {@code dSE = sqrt(N var(c_i(m) - c_i(best)))} with the sample variance (n - 1), NaN for the best
 * model, {@code pWAIC} the summed penalty and {@code weight} the Akaike-type weight
 * {@code exp(-dWAIC/2) / sum exp(-dWAIC/2)} (rethinking's {@code ICweights}). The full pairwise
 * dSE matrix is {@link #dSe()}, in the models' input order.
 *
 * <p>Models fitted to different numbers of observations cannot be compared pointwise: a warning
 * says so (as rethinking warns) and their dSE is NaN.
 */
public final class Compare {
    /** Which criterion. */
    public enum Criterion {
        /** WAIC, {@link Waic}. */
        WAIC,
        /** PSIS-LOO on the deviance scale (looic), {@link Loo}. */
        PSIS,
        /** K-fold cross-validation on the deviance scale (kfoldic), {@link KFold}. */
        KFOLD
    }

    /**
     * One model's row.
     *
     * @param model   the model's name
     * @param value   WAIC or PSIS (deviance scale)
     * @param se      its standard error
     * @param delta   difference to the best (smallest) value
     * @param dSe     standard error of the pointwise difference to the best model (NaN for the best)
     * @param penalty pWAIC or pPSIS
     * @param weight  Akaike-type weight
     */
    public record Row(String model, double value, double se, double delta, double dSe, double penalty,
                     double weight) {
    }

    private final Criterion criterion;
    private final List<Row> rows;
    private final List<String> names;
    private final double[][] dSe;
    private final List<String> warnings;

    private Compare(Criterion criterion, List<Row> rows, List<String> names, double[][] dSe, List<String> warnings) {
        this.criterion = criterion;
        this.rows = List.copyOf(rows);
        this.names = List.copyOf(names);
        this.dSe = dSe;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Compares models by WAIC.
     *
     * @param names  model names, in input order
     * @param models their WAIC, same order
     * @return the comparison
     * @throws IllegalArgumentException if fewer than two models or the lists differ in length
     */
    public static Compare waic(List<String> names, List<Waic> models) {
        return of(Criterion.WAIC, names, models.stream().map(Waic::pointwiseWaic).toList(),
                models.stream().map(Waic::seWaic).toList(), models.stream().map(Waic::penalty).toList());
    }

    /**
     * Compares models by PSIS-LOO (looic).
     *
     * @param names  model names, in input order
     * @param models their PSIS-LOO, same order
     * @return the comparison
     * @throws IllegalArgumentException if fewer than two models or the lists differ in length
     */
    public static Compare psis(List<String> names, List<Loo> models) {
        return of(Criterion.PSIS, names, models.stream().map(Loo::pointwiseLooic).toList(),
                models.stream().map(Loo::seLooic).toList(), models.stream().map(Loo::penalty).toList());
    }

    /**
     * Compares models by K-fold cross-validation (kfoldic), on the same folds.
     *
     * @param names  model names, in input order
     * @param models their K-fold results, same order
     * @return the comparison
     * @throws IllegalArgumentException if fewer than two models or the lists differ in length
     */
    public static Compare kfold(List<String> names, List<KFold> models) {
        return of(Criterion.KFOLD, names, models.stream().map(KFold::pointwiseIc).toList(),
                models.stream().map(KFold::seIc).toList(), models.stream().map(KFold::penalty).toList());
    }

    /**
     * The comparison from pointwise criteria.
     *
     * @param criterion which criterion the values are (names the columns)
     * @param names     model names
     * @param pointwise each model's pointwise criterion, deviance scale ({@code double[N_m]})
     * @param se        each model's standard error of its criterion
     * @param penalty   each model's summed penalty
     * @return the comparison
     * @throws IllegalArgumentException if fewer than two models or the lists differ in length
     */
    public static Compare of(Criterion criterion, List<String> names, List<double[]> pointwise, List<Double> se,
                             List<Double> penalty) {
        int m = names.size();
        if (m < 2) throw new IllegalArgumentException("compare needs at least two models, got " + m);
        if (pointwise.size() != m || se.size() != m || penalty.size() != m) {
            throw new IllegalArgumentException("one name, pointwise vector, SE and penalty per model");
        }
        double[] value = new double[m];
        for (int j = 0; j < m; j++) value[j] = LogSum.sum(pointwise.get(j));
        double min = Arrays.stream(value).min().orElseThrow();
        double[] f = new double[m];
        double fs = 0;
        for (int j = 0; j < m; j++) {
            f[j] = Math.exp(-0.5 * (value[j] - min));
            fs += f[j];
        }
        double[][] d = new double[m][m];
        List<String> warnings = new ArrayList<>();
        boolean sameN = true;
        for (int a = 0; a < m; a++) {
            d[a][a] = Double.NaN;
            for (int b = a + 1; b < m; b++) {
                double[] x = pointwise.get(a);
                double[] y = pointwise.get(b);
                double v = Double.NaN;
                if (x.length == y.length) {
                    double[] diff = new double[x.length];
                    for (int i = 0; i < diff.length; i++) diff[i] = x[i] - y[i];
                    v = LogSum.seOfSum(diff, true);
                } else {
                    sameN = false;
                }
                d[a][b] = v;
                d[b][a] = v;
            }
        }
        if (!sameN) {
            StringBuilder sb = new StringBuilder("the models have different numbers of observations (");
            for (int j = 0; j < m; j++) {
                if (j > 0) sb.append(", ");
                sb.append(names.get(j)).append(": ").append(pointwise.get(j).length);
            }
            sb.append("); model comparison is valid only for models fitted to exactly the same observations");
            warnings.add(sb.toString());
        }
        int best = 0;
        for (int j = 1; j < m; j++) if (value[j] < value[best]) best = j;
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            rows.add(new Row(names.get(j), value[j], se.get(j), value[j] - min, j == best ? Double.NaN : d[j][best],
                    penalty.get(j), f[j] / fs));
        }
        rows.sort(Comparator.comparingDouble(Row::value)); // stable: ties keep input order, as R's order()
        return new Compare(criterion, rows, names, d, warnings);
    }

    /** The criterion compared. */
    public Criterion criterion() {
        return criterion;
    }

    /** The rows, best (smallest criterion) first. */
    public List<Row> rows() {
        return rows;
    }

    /** Model names in input order (the order of {@link #dSe()}). */
    public List<String> names() {
        return names;
    }

    /** Pairwise dSE, {@code double[m][m]} in input order (a copy), NaN on the diagonal. */
    public double[][] dSe() {
        double[][] c = new double[dSe.length][];
        for (int i = 0; i < c.length; i++) c[i] = dSe[i].clone();
        return c;
    }

    /** Warnings (different numbers of observations), empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The table as rethinking prints it: 1 decimal, 2 for {@code SE}, {@code dSE} and
     * {@code weight}; {@code NA} for the best model's dSE.
     *
     * @return lines ending in {@code \n}
     */
    public String format() {
        String c = switch (criterion) {
            case WAIC -> "WAIC";
            case PSIS -> "PSIS";
            case KFOLD -> "KFOLD";
        };
        String[][] cells = new String[rows.size() + 1][];
        cells[0] = new String[] {"", c, "SE", "d" + c, "dSE", "p" + c, "weight"};
        for (int r = 0; r < rows.size(); r++) {
            Row x = rows.get(r);
            cells[r + 1] = new String[] {x.model(), Matrices.fixed(x.value(), 1), Matrices.fixed(x.se(), 2),
                Matrices.fixed(x.delta(), 1), Matrices.fixed(x.dSe(), 2), Matrices.fixed(x.penalty(), 1),
                Matrices.fixed(x.weight(), 2)};
        }
        return Matrices.table(cells, null);
    }

    /**
     * The pairwise dSE matrix as a table, models in input order, 2 decimals.
     *
     * @return lines ending in {@code \n}
     */
    public String formatDSe() {
        int m = names.size();
        String[][] cells = new String[m + 1][m + 1];
        cells[0][0] = "";
        for (int j = 0; j < m; j++) {
            cells[0][j + 1] = names.get(j);
            cells[j + 1][0] = names.get(j);
            for (int i = 0; i < m; i++) cells[j + 1][i + 1] = Matrices.fixed(dSe[j][i], 2);
        }
        return String.format(Locale.ROOT, "%s", Matrices.table(cells, null));
    }
}
