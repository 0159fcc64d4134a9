package ulam.compiler.stanfront;

import java.util.List;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The data against the data block, as Stan checks them when it reads them (Stan reference
 * manual, "Program blocks: data"): every declared variable is present with its declared sizes,
 * an {@code int} holds whole numbers, and every element is within the declared bounds. An error
 * is at the declaration and names the element ({@code y[12] = 2}).
 */
final class DataChecks {
    private DataChecks() {}

    /**
     * Checks the data.
     *
     * @throws UlamException at the declaration of the first variable the data do not match
     */
    static void check(Source source, List<Decl> declared, DataSet data) {
        for (Decl d : declared) {
            if (!data.has(d.name())) {
                throw source.error(d.span(), "the data have no '" + d.name() + "', which the data block declares",
                        "add it to the data file (Stan JSON: \"" + d.name() + "\": ...)");
            }
            int[] dims = data.dims(d.name(), null);
            List<String> want = d.dims();
            if (want.size() <= 2 && dims.length == want.size()) {
                for (int k = 0; k < dims.length; k++) {
                    Integer n = size(want.get(k), data);
                    if (n != null && n != dims[k]) {
                        throw source.error(d.span(), "'" + d.name() + "' is declared with " + want.get(k) + " = " + n
                                + (want.size() > 1 ? " along index " + (k + 1) : " elements") + ", but the data have " + dims[k],
                                "give it " + n + " values, or change the size in the data");
                    }
                }
            } else if (dims.length != want.size() && !(want.size() <= 2 && dims.length <= 2 && count(dims) == 1 && allOne(want, data))) {
                throw source.error(d.span(), "'" + d.name() + "' is declared with " + want.size() + " indices, but the data have "
                        + (dims.length == 0 ? "a single value" : dims.length + " indices"), null);
            }
            if (data.kind(d.name(), null) == DataSet.Kind.STRING) {
                throw source.error(d.span(), "'" + d.name() + "' holds text in the data; a Stan program reads numbers", null);
            }
            double[] v = data.realsWithMissing(d.name(), null);
            Double lower = bound(d.bounds().get("lower"), data);
            Double upper = bound(d.bounds().get("upper"), data);
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                String at = v.length == 1 && dims.length == 0 ? d.name() : d.name() + "[" + (i + 1) + "]";
                if (Double.isNaN(x)) throw source.error(d.span(), at + " is missing (NA) in the data; Stan's data have no NA", null);
                if (d.isInt() && x != Math.rint(x)) throw source.error(d.span(), at + " = " + x + " is not a whole number, but '" + d.name() + "' is an int", null);
                if (lower != null && x < lower) throw source.error(d.span(), at + " = " + num(x) + " is below its lower bound " + num(lower), null);
                if (upper != null && x > upper) throw source.error(d.span(), at + " = " + num(x) + " is above its upper bound " + num(upper), null);
            }
        }
    }

    private static boolean allOne(List<String> want, DataSet data) {
        for (String w : want) if (!Integer.valueOf(1).equals(size(w, data))) return false;
        return true;
    }

    private static int count(int[] dims) {
        int n = 1;
        for (int k : dims) n *= k;
        return n;
    }

    /** A size's value: a number or a data scalar; null when it is something else. */
    static Integer size(String text, DataSet data) {
        if (text.matches("[0-9]+")) return Integer.parseInt(text);
        if (data.has(text) && data.dims(text, null).length == 0 && data.kind(text, null) == DataSet.Kind.INT) return data.intScalar(text, null);
        return null;
    }

    /**
     * The value of a size written as whole-number arithmetic of numbers and data scalars
     * ({@code N_R - 1}, {@code 2 * K + 1}: + - * and parentheses), or null when it is anything else.
     */
    static Integer evaluate(String text, DataSet data) {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+|[A-Za-z][A-Za-z0-9_]*|[-+*()])").matcher(text);
        int end = 0;
        while (m.lookingAt()) {
            tokens.add(m.group(1));
            end = m.end();
            m.region(end, text.length());
        }
        if (!text.substring(end).isBlank()) return null;
        int[] at = {0};
        Long v = sum(tokens, at, data);
        return v == null || at[0] != tokens.size() || v < 0 || v > Integer.MAX_VALUE ? null : (int) (long) v;
    }

    private static Long sum(java.util.List<String> t, int[] at, DataSet data) {
        Long acc = product(t, at, data);
        while (acc != null && at[0] < t.size() && (t.get(at[0]).equals("+") || t.get(at[0]).equals("-"))) {
            boolean plus = t.get(at[0]++).equals("+");
            Long r = product(t, at, data);
            if (r == null) return null;
            acc = plus ? acc + r : acc - r;
        }
        return acc;
    }

    private static Long product(java.util.List<String> t, int[] at, DataSet data) {
        Long acc = atom(t, at, data);
        while (acc != null && at[0] < t.size() && t.get(at[0]).equals("*")) {
            at[0]++;
            Long r = atom(t, at, data);
            if (r == null) return null;
            acc = acc * r;
        }
        return acc;
    }

    private static Long atom(java.util.List<String> t, int[] at, DataSet data) {
        if (at[0] >= t.size()) return null;
        String x = t.get(at[0]++);
        if (x.equals("(")) {
            Long v = sum(t, at, data);
            if (v == null || at[0] >= t.size() || !t.get(at[0]++).equals(")")) return null;
            return v;
        }
        Integer n = size(x, data);
        return n == null ? null : (long) n;
    }

    private static Double bound(String text, DataSet data) {
        if (text == null) return null;
        try {
            return Double.parseDouble(text.replace(" ", ""));
        } catch (NumberFormatException e) {
            if (data.has(text) && data.dims(text, null).length == 0) return data.realScalar(text, null);
            return null;
        }
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
