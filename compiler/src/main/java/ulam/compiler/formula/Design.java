package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * A design matrix as R's {@code model.matrix} builds it from formula terms and data: one column
 * per numeric variable, treatment (dummy) coding for factors with the first level as reference,
 * products of the columns of an interaction's variables (the first variable varying fastest),
 * and columns named as R names them ({@code x}, {@code log(population)}, {@code contactlow},
 * {@code predpred:sizesmall}, {@code factor(treatment)2}).
 *
 * <p>A factor of a term is coded by its contrasts (levels 2..K) if the term without that factor
 * is also in the model (the empty term counting as present), and by indicators of every level
 * otherwise; in a model without intercept the first factor of the first term that has one is
 * coded by indicators ({@code 0 + f} gives one column per level), as R's {@code model.matrix}
 * does (R's model.c, TermCode).
 * A factor is a text column, or {@code factor(x)} / {@code as.factor(x)} of any column: its
 * levels are the text levels in R's factor order, or the sorted distinct numbers.
 */
final class Design {

    /**
     * One column of the design.
     *
     * @param label     R's column name ({@code log(population)}, {@code contactlow})
     * @param expr      its value per row in the alist language ({@code log(population)},
     *                  {@code ifelse(contact == "low", 1, 0)}); {@code 1} for the intercept
     * @param values    its value at every row
     * @param intercept whether it is the intercept column
     */
    record Column(String label, String expr, double[] values, boolean intercept) {}

    private Design() {}

    /** One variable coded: its columns, for contrast or indicator coding. */
    private record Coded(List<Column> contrasts, List<Column> indicators) {}

    /**
     * The columns of a formula's right side, the intercept first (named {@code interceptLabel})
     * if it has one.
     *
     * @throws UlamException at the term for a column that is absent, NA, or a factor with one level
     */
    static List<Column> of(Source source, Terms.Rhs rhs, FormulaData data, int rows, String interceptLabel) {
        List<Column> out = new ArrayList<>();
        if (rhs.intercept()) out.add(new Column(interceptLabel, "1", fill(rows), true));
        List<Set<String>> present = new ArrayList<>();
        for (Terms.Term t : rhs.terms()) present.add(t.keys());
        java.util.Map<String, Coded> coded = new java.util.HashMap<>();
        for (Terms.Term t : rhs.terms()) {
            for (Terms.Variable v : t.variables()) coded.computeIfAbsent(v.label(), k -> code(source, v, data, rows));
        }
        // R's model.matrix (TermCode of model.c): a factor gets contrasts when the term without it is in the
        // model, the empty term counting as present; without an intercept, the first factor of the first term
        // that has one gets indicators instead
        String fullTerm = null;
        String fullVariable = null;
        if (!rhs.intercept()) {
            for (Terms.Term t : rhs.terms()) {
                for (Terms.Variable v : t.variables()) {
                    if (coded.get(v.label()).indicators() != null) {
                        fullTerm = t.label();
                        fullVariable = v.label();
                        break;
                    }
                }
                if (fullTerm != null) break;
            }
        }
        for (Terms.Term t : rhs.terms()) {
            List<List<Column>> parts = new ArrayList<>();
            for (Terms.Variable v : t.variables()) {
                Coded c = coded.get(v.label());
                Set<String> without = new java.util.LinkedHashSet<>(t.keys());
                without.remove(v.label());
                boolean contrasts = without.isEmpty() || present.contains(without);
                if (t.label().equals(fullTerm) && v.label().equals(fullVariable)) contrasts = false;
                parts.add(c.indicators() == null || contrasts ? c.contrasts() : c.indicators());
            }
            out.addAll(product(parts));
        }
        return out;
    }

    /** The columns of an interaction: every combination, the first variable's columns varying fastest. */
    private static List<Column> product(List<List<Column>> parts) {
        List<Column> acc = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            List<Column> next = new ArrayList<>();
            for (Column b : parts.get(k)) {
                for (Column a : acc) {
                    double[] v = new double[a.values().length];
                    for (int i = 0; i < v.length; i++) v[i] = a.values()[i] * b.values()[i];
                    next.add(new Column(a.label() + ":" + b.label(), a.expr() + " * " + b.expr(), v, false));
                }
            }
            acc = next;
        }
        return acc;
    }

    private static Coded code(Source source, Terms.Variable v, FormulaData data, int rows) {
        RExpr e = RExpr.strip(v.expr());
        RExpr column = null;
        if (e instanceof RExpr.Call c && ("factor".equals(c.function()) || "as.factor".equals(c.function()))) {
            column = RExpr.strip(c.args().get(0).value());
            if (!(column instanceof RExpr.Sym)) {
                throw source.error(column.span(), "factor() of an expression is not supported yet",
                        "make the expression a column of the data, then write factor(column)");
            }
        } else if (e instanceof RExpr.Sym s && data.isText(s.name(), s.span())) {
            column = s;
        }
        if (column == null) {
            if (e instanceof RExpr.Call c && "I".equals(c.function()) && c.args().get(0).value() != null) {
                checkNoText(source, c.args().get(0).value(), data);
            }
            double[] values = Numeric.values(source, e, data, rows);
            return new Coded(List.of(new Column(v.label(), Numeric.ulam(source, e), values, false)), null);
        }
        RExpr.Sym sym = (RExpr.Sym) column;
        List<String> labels;
        List<String> tests;
        List<double[]> indicators = new ArrayList<>();
        if (data.isText(sym.name(), sym.span())) {
            labels = data.textLevels(sym.name(), sym.span());
            String[] cells = data.strings(sym.name(), sym.span());
            tests = new ArrayList<>();
            for (String level : labels) {
                tests.add(Numeric.name(sym.name()) + " == " + quote(level));
                double[] ind = new double[cells.length];
                for (int i = 0; i < cells.length; i++) ind[i] = cells[i].equals(level) ? 1 : 0;
                indicators.add(ind);
            }
        } else {
            double[] x = data.reals(sym.name(), sym.span());
            double[] levels = FormulaData.distinct(x);
            labels = FormulaData.labels(levels);
            tests = new ArrayList<>();
            for (double level : levels) {
                tests.add(Numeric.name(sym.name()) + " == " + FormulaData.literal(level));
                double[] ind = new double[x.length];
                for (int i = 0; i < x.length; i++) ind[i] = x[i] == level ? 1 : 0;
                indicators.add(ind);
            }
        }
        if (labels.size() < 2) {
            throw source.error(v.expr().span(), "the factor " + v.label() + " has only one level ("
                    + (labels.isEmpty() ? "none" : labels.get(0)) + ")", "a factor needs two levels or more to be a predictor; leave it out");
        }
        List<Column> all = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            all.add(new Column(v.label() + labels.get(k), "ifelse(" + tests.get(k) + ", 1, 0)", indicators.get(k), false));
        }
        return new Coded(List.copyOf(all.subList(1, all.size())), List.copyOf(all));
    }

    private static void checkNoText(Source source, RExpr e, FormulaData data) {
        if (e instanceof RExpr.Sym s && data.has(s.name()) && data.isText(s.name(), s.span())) {
            throw source.error(s.span(), "'" + s.name() + "' holds text, so it is not a number inside I()",
                    "a text column is a factor: use it as a term of its own");
        }
    }

    /** A text level as an alist string literal. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static double[] fill(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        return x;
    }
}
