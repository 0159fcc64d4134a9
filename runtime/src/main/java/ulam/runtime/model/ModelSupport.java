package ulam.runtime.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.stdlib.transform.LowerBound;
import ulam.stdlib.transform.LowerUpperBound;
import ulam.stdlib.transform.UpperBound;

/**
 * Helpers that generated model classes call for work off the sampler's hot path: output names,
 * unconstraining user-given values, literal index checks, option maps. (The hot path calls
 * {@code ulam.stdlib} directly.)
 */
public final class ModelSupport {
    private ModelSupport() {}

    /** The separator of the names packed into one string for {@link #outputNames(String, String, int[])}: never in a name. */
    public static final char NAME_SEPARATOR = '\n';

    /**
     * As {@link #outputNames(String[], int[], int[])} with the names packed into one string (a
     * class file holds one constant for them, not one per name: a model of 20,000 parameters
     * would otherwise spend 40,000 of its 65,535 constant-pool entries on them).
     *
     * @param names the names joined by {@link #NAME_SEPARATOR}
     * @param ranks one digit per output: {@code '0'} scalar, {@code '1'} vector, {@code '2'} matrix
     * @param sizes the outputs' dimensions, concatenated (rank entries each)
     * @throws IllegalArgumentException if there are not as many names as ranks
     */
    public static String[] outputNames(String names, String ranks, int[] sizes) {
        return outputNames(names, ranks, sizes, null);
    }

    /**
     * As {@link #outputNames(String, String, int[])}, with some outputs' element names given by
     * the model, as {@link #outputNames(String[], int[], int[], String[][])} reads them
     * ({@code given} null: Stan's names for every output).
     *
     * @throws IllegalArgumentException if there are not as many names as ranks
     */
    public static String[] outputNames(String names, String ranks, int[] sizes, String[][] given) {
        String[] n = names.split(String.valueOf(NAME_SEPARATOR), -1);
        int[] r = new int[ranks.length()];
        for (int k = 0; k < r.length; k++) r[k] = ranks.charAt(k) - '0';
        if (n.length != r.length) throw new IllegalArgumentException(n.length + " names but " + r.length + " ranks");
        return given == null ? outputNames(n, r, sizes) : outputNames(n, r, sizes, given);
    }

    /**
     * Stan's element names for every output, column-major: {@code a} (scalar), {@code a[1]},
     * ..., {@code b[1,1], b[2,1], ...}.
     *
     * @param names one name per output
     * @param ranks per output: 0 scalar, 1 vector, 2 matrix
     * @param sizes the outputs' dimensions, concatenated (rank entries each)
     * @return the element names, in output order
     */
    public static String[] outputNames(String[] names, int[] ranks, int[] sizes) {
        int total = 0;
        int at = 0;
        for (int k = 0; k < names.length; k++) {
            int n = 1;
            for (int r = 0; r < ranks[k]; r++) n *= sizes[at++];
            total += n;
        }
        String[] out = new String[total];
        int o = 0;
        at = 0;
        for (int k = 0; k < names.length; k++) {
            switch (ranks[k]) {
                case 0 -> out[o++] = names[k];
                case 1 -> {
                    int n = sizes[at++];
                    for (int i = 1; i <= n; i++) out[o++] = names[k] + "[" + i + "]";
                }
                default -> {
                    int rows = sizes[at++];
                    int cols = sizes[at++];
                    for (int c = 1; c <= cols; c++) {
                        for (int r = 1; r <= rows; r++) out[o++] = names[k] + "[" + r + "," + c + "]";
                    }
                }
            }
        }
        return out;
    }

    /**
     * As {@link #outputNames(String[], int[], int[])}, with some outputs' element names given by
     * the model ({@code output_names = list(...)} of the ulam wrapper, docs/language.md): for
     * output k, {@code given[k]} holds its names joined by newlines, in chunks (a class-file
     * string constant holds at most 65535 bytes), or is null for Stan's names. Given names are
     * used only when there are as many as the output has elements once the data are bound;
     * otherwise the output keeps Stan's names.
     *
     * @return the element names, in output order
     */
    public static String[] outputNames(String[] names, int[] ranks, int[] sizes, String[][] given) {
        String[] out = outputNames(names, ranks, sizes);
        int o = 0;
        int at = 0;
        for (int k = 0; k < names.length; k++) {
            int n = 1;
            for (int r = 0; r < ranks[k]; r++) n *= sizes[at++];
            if (given[k] != null) {
                String[] g = String.join("\n", given[k]).split("\n", -1);
                if (g.length == n) System.arraycopy(g, 0, out, o, n);
            }
            o += n;
        }
        return out;
    }

    /**
     * The error a data function ({@code seq}, {@code as_index}, ...) of a derived-data line threw,
     * at that line: its {@link IllegalArgumentException} (the library's way to refuse an input)
     * or unlocated {@link UlamException} becomes a {@link UlamException} at {@code at}; anything
     * else is a bug and passes unchanged.
     *
     * @return the exception to throw
     */
    public static RuntimeException located(RuntimeException e, SourceLocation at) {
        if (e instanceof UlamException u) return u.location() != null ? u : new UlamException(u.getMessage(), at, u.help());
        if (e instanceof IllegalArgumentException) {
            return new UlamException(e.getMessage(), at, "check the values this line computes from the data");
        }
        return e;
    }

    /**
     * A literal index written in the model ({@code a[3]}) lies within a size known only once the
     * data are bound.
     *
     * @throws UlamException at {@code at} otherwise
     */
    public static void literalInRange(int value, int bound, String name, SourceLocation at) {
        if (value < 1 || value > bound) {
            throw new UlamException("index " + value + " is beyond the size " + bound + " of '" + name + "' with these data",
                    at, "use an index from 1 to " + bound);
        }
    }

    /**
     * The unconstrained value of {@code x} for bounds {@code lower} and {@code upper}
     * (negative / positive infinity when absent), by the transforms of {@code ulam.stdlib.transform}.
     *
     * @param element the element's name, for the message
     * @throws IllegalArgumentException naming the element if x lies outside its support
     */
    public static double unconstrain(double x, double lower, double upper, String element) {
        boolean lo = lower != Double.NEGATIVE_INFINITY;
        boolean hi = upper != Double.POSITIVE_INFINITY;
        if (Double.isNaN(x) || (lo && !(x > lower)) || (hi && !(x < upper))) {
            String support = lo && hi ? "between " + lower + " and " + upper : lo ? "above " + lower : hi ? "below " + upper : "finite";
            throw new IllegalArgumentException(element + " = " + x + " is outside its support: it must be " + support);
        }
        if (lo && hi) return LowerUpperBound.unconstrain(x, lower, upper);
        if (lo) return LowerBound.unconstrain(x, lower);
        if (hi) return UpperBound.unconstrain(x, upper);
        return x;
    }

    /**
     * rethinking's {@code coerce_index} of a data column ({@code as_index(x)}): a text column
     * becomes factor codes 1..K in R's {@code factor()} order (as {@link DataSet#ints} codes it),
     * a numeric column the ranks 1..K of its sorted distinct values.
     *
     * @throws UlamException at {@code at} if the column is absent or holds NA
     */
    public static int[] asIndex(DataSet data, String name, SourceLocation at) {
        if (data.kind(name, at) == DataSet.Kind.STRING) return data.ints(name, at);
        double[] x = data.reals(name, at);
        List<String> reference = data.referenceLevels(name);
        if (reference == null) return ulam.stdlib.data.DataFunctions.asIndex(x);
        Map<Double, Integer> code = new HashMap<>();   // a prediction: the fit's coding
        for (int k = 0; k < reference.size(); k++) code.put(Double.valueOf(reference.get(k)), k + 1);
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            Integer c = code.get(x[i]);
            if (c == null) {
                throw new UlamException("'" + name + "' in row " + (i + 1) + " is " + x[i] + ", which is not one of the fit's levels",
                        at, "to predict for groups the fit has not seen, name the index with --new-groups");
            }
            codes[i] = c;
        }
        return codes;
    }

    /**
     * Checks the outcomes of a discrete likelihood when the data are bound, so that a bad value
     * is reported by column and row instead of making the log density negative infinity:
     * {@code bernoulli*} outcomes are 0 or 1, {@code binomial*} outcomes lie in 0..N (N at least
     * 0), {@code poisson*} outcomes are at least 0.
     *
     * @param family  the distribution's name ({@code bernoulli_logit}, {@code binomial}, ...)
     * @param y       the outcomes
     * @param n       numbers of trials per row, or null when {@code nConst} applies to every row
     * @param nConst  number of trials of every row when {@code n} is null
     * @param outcome the outcome's name in the model
     * @param at      the likelihood's line
     * @throws UlamException naming the first offending row, and how many others there are
     */
    public static void checkOutcome(String family, int[] y, int[] n, int nConst, String outcome, SourceLocation at) {
        int first = -1;
        int count = 0;
        String what = null;
        for (int i = 0; i < y.length; i++) {
            String bad = null;
            if (family.startsWith("bernoulli")) {
                if (y[i] != 0 && y[i] != 1) bad = "is " + y[i] + "; a bernoulli outcome is 0 or 1";
            } else if (family.startsWith("binomial")) {
                int trials = n == null ? nConst : n[i];
                if (trials < 0) bad = "has " + trials + " trials; the number of trials must be at least 0";
                else if (y[i] < 0 || y[i] > trials) bad = "is " + y[i] + ", outside 0.." + trials + " (its number of trials)";
            } else if (family.startsWith("poisson")) {
                if (y[i] < 0) bad = "is " + y[i] + "; a count is at least 0";
            }
            if (bad != null) {
                if (first < 0) {
                    first = i;
                    what = bad;
                }
                count++;
            }
        }
        if (first >= 0) {
            throw new UlamException("'" + outcome + "' in row " + (first + 1) + " " + what
                    + (count > 1 ? " (and " + (count - 1) + " other rows)" : ""), at,
                    "check the data: " + outcome + " is the outcome of a " + family + " likelihood");
        }
    }

    /**
     * Groups the rows of a bernoulli or binomial likelihood whose predictors are identical, so the
     * likelihood is evaluated once per group: the rows of a group share one probability p, and
     * their terms y log p + (N - y) log(1 - p) sum to one such term with y and N summed.
     *
     * @param keys   integer data columns that the probability depends on (rows with equal values
     *               in all of them have equal p); may be empty (one group)
     * @param y      outcomes (already checked)
     * @param n      trials per row, or null for {@code nConst} trials in every row
     * @param nConst trials per row when {@code n} is null
     * @return {@code {representative rows, summed y, summed N}}, one entry per group in order of
     *         first appearance
     */
    public static int[][] aggregate(int[][] keys, int[] y, int[] n, int nConst) {
        int[] group = groupOf(keys, y.length);
        int groups = 0;
        for (int g : group) groups = Math.max(groups, g + 1);
        int[] rep = new int[groups];
        int[] ys = new int[groups];
        int[] ns = new int[groups];
        java.util.Arrays.fill(rep, -1);
        for (int i = 0; i < y.length; i++) {
            int g = group[i];
            if (rep[g] < 0) rep[g] = i;
            ys[g] += y[i];
            ns[g] += n == null ? nConst : n[i];
        }
        return new int[][] {rep, ys, ns};
    }

    /**
     * Groups rows that are equal in every key column, so that a likelihood line whose terms
     * depend on the row only through these columns is evaluated once per group and weighted by
     * the group's size.
     *
     * @param keys integer data columns (all of length {@code rows}); may be empty (one group)
     * @return {@code {representative rows, counts}}, one entry per group in order of first appearance
     */
    public static int[][] groupRows(int[][] keys, int rows) {
        int[] group = groupOf(keys, rows);
        int groups = 0;
        for (int g : group) groups = Math.max(groups, g + 1);
        int[] rep = new int[groups];
        int[] count = new int[groups];
        java.util.Arrays.fill(rep, -1);
        for (int i = 0; i < rows; i++) {
            if (rep[group[i]] < 0) rep[group[i]] = i;
            count[group[i]]++;
        }
        return new int[][] {rep, count};
    }

    /**
     * The rows of a column-major integer matrix one after another (row-major order), so that each
     * row is contiguous: the outcomes of {@code Y ~ multinomial(theta)}.
     *
     * @param m    matrix[rows, cols], column-major
     * @param rows its number of rows
     * @return int[rows * cols], row i at {@code i * cols}
     */
    public static int[] rowMajor(int[] m, int rows) {
        int cols = rows == 0 ? 0 : m.length / rows;
        int[] out = new int[m.length];
        for (int i = 0; i < rows; i++) for (int k = 0; k < cols; k++) out[i * cols + k] = m[i + k * rows];
        return out;
    }

    /**
     * A real data column as a grouping key: equal values (compared bit for bit, so every NaN is
     * one value) get equal codes, numbered from 0 in order of first appearance.
     *
     * @param x a column, vector[rows]
     * @return the codes, int[rows]
     */
    public static int[] codes(double[] x) {
        Codes ids = new Codes();
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = ids.of(Double.doubleToLongBits(x[i]));
        return out;
    }

    /**
     * Each row's group: rows equal in all keys share one, numbered in order of first appearance.
     * The keys are folded in one at a time: the pair (group so far, next key) gets a code, which
     * numbers the groups of the first k keys in order of first appearance, as the whole tuple would.
     */
    private static int[] groupOf(int[][] keys, int rows) {
        int[] group = new int[rows];
        for (int[] key : keys) {
            Codes ids = new Codes();
            for (int i = 0; i < rows; i++) group[i] = ids.of(((long) group[i] << 32) | (key[i] & 0xFFFFFFFFL));
        }
        return group;
    }

    /** The (0-based) positions of the non-zero entries of {@code mask}, in order: the rows a conditional line covers. */
    public static int[] which(int[] mask) {
        int n = 0;
        for (int m : mask) if (m != 0) n++;
        int[] rows = new int[n];
        int k = 0;
        for (int i = 0; i < mask.length; i++) if (mask[i] != 0) rows[k++] = i;
        return rows;
    }

    /** 1 where a value is missing (NaN), else 0: the rows an imputed variable takes from its parameters. */
    public static int[] missingMask(double[] x) {
        int[] m = new int[x.length];
        for (int i = 0; i < x.length; i++) m[i] = Double.isNaN(x[i]) ? 1 : 0;
        return m;
    }

    /** Number of missing (NaN) values. */
    public static int countMissing(double[] x) {
        int n = 0;
        for (double v : x) if (Double.isNaN(v)) n++;
        return n;
    }

    /**
     * For each row, the position among the missing rows of the imputed parameter that stands
     * for it (0 for rows that are present, so that reading it is always safe).
     */
    public static int[] imputeSlots(int[] mask) {
        int[] slot = new int[mask.length];
        int k = 0;
        for (int i = 0; i < mask.length; i++) slot[i] = mask[i] != 0 ? k++ : 0;
        return slot;
    }

    /**
     * Which elements of a vector parameter of {@code n} levels are new groups in a prediction:
     * 1 for positions {@code fit..n-1} (levels beyond the fit's {@code fit}), else 0.
     *
     * @return int[n]
     */
    public static int[] newElements(int n, int fit) {
        int[] m = new int[n];
        for (int k = fit; k < n; k++) m[k] = 1;
        return m;
    }

    /**
     * The new-group elements of a matrix parameter {@code [rows, cols]}, column-major: 1 where
     * the row is beyond the fit's {@code fitRows} or the column beyond its {@code fitCols}.
     *
     * @return int[rows*cols]
     */
    public static int[] newElements(int rows, int fitRows, int cols, int fitCols) {
        int[] m = new int[rows * cols];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) m[r + rows * c] = r >= fitRows || c >= fitCols ? 1 : 0;
        }
        return m;
    }

    /** Whole numbers as reals, for data functions of real vectors applied to integer data. */
    public static double[] toReals(int[] x) {
        double[] r = new double[x.length];
        for (int k = 0; k < x.length; k++) r[k] = x[k];
        return r;
    }

    /** A map from alternating keys and values, in order. */
    public static Map<String, String> options(String[] keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k + 1 < keysAndValues.length; k += 2) m.put(keysAndValues[k], keysAndValues[k + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * {@code adj[off + i] += a * partials[i]} for {@code i < n}: the adjoint of a vector operand
     * of a density with vector operands (generated gradient code calls it after the density's
     * kernel filled {@code partials}).
     *
     * @param adj      adjoint array of the operand
     * @param off      offset of the operand's first element
     * @param a        adjoint of the log density term (a scalar)
     * @param partials partial derivatives of the term by the operand's elements, vector[n]
     * @param n        number of elements
     */
    public static void addScaled(double[] adj, int off, double a, double[] partials, int n) {
        for (int i = 0; i < n; i++) adj[off + i] += a * partials[i];
    }

    /** Data values listed in the message about a term that is not finite, at most. */
    private static final int LISTED_VALUES = 6;

    /**
     * The term of a generated model that is not finite ({@link ulam.runtime.Model#nonFiniteTerm}):
     * the line (its text from the model's source), the row, the data values the line reads there.
     *
     * @param at     the term's line
     * @param row    0-based row of the data the term was computed for, or -1 for a term without rows
     * @param term   the term's value (NaN or infinite)
     * @param names  the names of the data values the line reads, joined by {@link #NAME_SEPARATOR}
     *               (empty for none)
     * @param values their values at that row (whole numbers as doubles)
     * @return the located description
     */
    public static ulam.runtime.Model.NonFiniteTerm nonFiniteTerm(SourceLocation at, int row, double term, String names, double[] values) {
        StringBuilder d = new StringBuilder(number(term));
        if (row >= 0) d.append(" in row ").append(row + 1).append(" of the data");
        String[] n = names.isEmpty() ? new String[0] : names.split(String.valueOf(NAME_SEPARATOR), -1);
        String bad = null;
        boolean huge = false;
        java.util.Set<String> listed = new java.util.LinkedHashSet<>();
        for (int k = 0; k < n.length && k < values.length; k++) {
            String item = n[k] + " = " + number(values[k]);
            if (listed.size() < LISTED_VALUES) listed.add(item);
            if (!Double.isFinite(values[k]) && bad == null) bad = item;
            huge |= Double.isFinite(values[k]) && Math.abs(values[k]) > 1e100;
        }
        if (!listed.isEmpty()) d.append(row >= 0 ? ", where " : ", with ").append(String.join(", ", listed));
        String help;
        if (bad != null && bad.contains("(derived data, line ")) {
            help = bad + (row >= 0 ? " (row " + (row + 1) + ")" : "") + " is not a finite number: check the line that computes it"
                    + " (a division by 0, the log of 0 or of a negative value) and the data it reads";
        } else if (bad != null) {
            help = "the data value " + bad + (row >= 0 ? " (row " + (row + 1) + ")" : "")
                    + " is not a finite number: correct it in the data, or leave the row out (NA marks a missing value)";
        } else if (huge) {
            help = "values this large overflow in the log density: rescale the data (e.g. standardize(x), or change the unit)";
        } else {
            help = "check this line's arguments at these values (a scale must be > 0, a probability in [0, 1]) and the data it reads,"
                    + " or try a smaller --init radius such as --init 0.5";
        }
        return new ulam.runtime.Model.NonFiniteTerm(at, d.toString(), help);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.valueOf(v).replace(".0E", "E").replace("E", "e");
    }

    /**
     * Refuses data that have a column named as one of the model's parameters: a model compiled
     * without data took the name for a parameter (it is on the left of a {@code ~} and no line
     * defines it), and would now sample it and ignore the column, silently.
     *
     * @param data   the data being bound
     * @param model  the model (for its source text)
     * @param file   the model file, as compiled
     * @param names  the parameters' names joined by {@link #NAME_SEPARATOR}
     * @param lines  for each, the line of its first {@code ~} line, joined by {@code ;} (lines only:
     *               the constant does not change with the names' spellings, and the error marks the line)
     * @throws UlamException at the parameter's line, naming it and the column
     */
    public static void refuseParameterColumns(DataSet data, ulam.runtime.Model model, String file, String names, String lines) {
        if (names.isEmpty()) return;
        String[] n = names.split(String.valueOf(NAME_SEPARATOR), -1);
        for (int k = 0; k < n.length; k++) {
            if (!data.has(n[k])) continue;
            SourceLocation where = ulam.runtime.data.Checks.line(file, model.source(), Integer.parseInt(lines.split(";", -1)[k]));
            throw new UlamException(n[k] + " is a parameter of this model, but the data have a column " + n[k], where,
                    "the model was compiled without these data, so " + n[k] + " was taken for a parameter: recompile it with --data FILE"
                            + " (ulam compile MODEL.ulam --data FILE) so that " + n[k] + " is read from the data");
        }
    }
}
