package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.List;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * The index of a grouping factor in the alist, and its levels as brms and rstanarm name them.
 * A column {@code g} becomes {@code J <- as_index(g)}: text in R's factor order, numbers
 * sorted, coded 1..K as the data layer codes any index (so a prediction on new data reads a
 * level with the code it had in the fit). A combination {@code g1:g2} becomes
 * {@code J <- (J1 - 1) * K2 + J2} over the codes of its columns, every combination of levels a
 * level (named {@code l1_l2}, as brms names them), whether or not it occurs in the data: a
 * combination that never occurs has its effect drawn from its prior alone, which leaves the
 * posterior of everything else unchanged.
 *
 * @param index  the alist name of the index (derived data)
 * @param levels the name of each level, in code order
 * @param unused how many levels never occur in the data
 */
record Grouping(String index, List<String> levels, int unused) {

    /**
     * Writes the index lines of a grouping factor.
     *
     * @throws UlamException at the grouping factor if a column is absent or holds NA
     */
    static Grouping of(Source source, Terms.Group g, FormulaData data, Alist out, String id) {
        List<String> codes = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        List<int[]> rowCodes = new ArrayList<>();
        for (Terms.Variable v : g.grouping()) {
            RExpr.Sym s = (RExpr.Sym) v.expr();
            List<String> l;
            int[] code;
            if (data.isText(s.name(), s.span())) {
                l = data.textLevels(s.name(), s.span());
                String[] cells = data.strings(s.name(), s.span());
                java.util.Map<String, Integer> at = new java.util.HashMap<>();
                for (int k = 0; k < l.size(); k++) at.put(l.get(k), k + 1);
                code = new int[cells.length];
                for (int i = 0; i < cells.length; i++) code[i] = at.get(cells[i]);
            } else {
                double[] x = data.reals(s.name(), s.span());
                double[] d = FormulaData.distinct(x);
                l = FormulaData.labels(d);
                code = new int[x.length];
                for (int i = 0; i < x.length; i++) code[i] = java.util.Arrays.binarySearch(d, x[i]) + 1;
            }
            levels.add(l);
            rowCodes.add(code);
            String n = out.name(g.grouping().size() == 1 ? "J_" + id : "J_" + id + "_" + (codes.size() + 1));
            out.line(n + " <- as_index(" + Numeric.name(s.name()) + ")");
            codes.add(n);
        }
        if (codes.size() == 1) {
            return new Grouping(codes.get(0), List.copyOf(levels.get(0)), 0);
        }
        // combinations: the first column varies slowest, as brms's sorted "l1_l2" labels mostly do
        List<String> names = new ArrayList<>(levels.get(0));
        String expr = codes.get(0);
        long size = levels.get(0).size();
        for (int k = 1; k < codes.size(); k++) {
            List<String> next = new ArrayList<>();
            for (String a : names) for (String b : levels.get(k)) next.add(a + "_" + b);
            names = next;
            expr = "(" + expr + " - 1) * " + levels.get(k).size() + " + " + codes.get(k);
            size *= levels.get(k).size();
        }
        if (size > 1_000_000) {
            throw source.error(g.span(), "the grouping " + g.label() + " has " + size + " combinations of levels",
                    "group by a column that holds the combined groups instead");
        }
        boolean[] seen = new boolean[(int) size];
        int rows = rowCodes.get(0).length;
        for (int i = 0; i < rows; i++) {
            int c = rowCodes.get(0)[i];
            for (int k = 1; k < rowCodes.size(); k++) c = (c - 1) * levels.get(k).size() + rowCodes.get(k)[i];
            seen[c - 1] = true;
        }
        int max = 0;   // the index's levels are 1..max(J), as the checker sizes what it indexes
        for (int c = 0; c < seen.length; c++) if (seen[c]) max = c + 1;
        int unused = 0;
        for (int c = 0; c < max; c++) if (!seen[c]) unused++;
        names = names.subList(0, max);
        String index = out.name("J_" + id);
        out.line(index + " <- " + expr);
        if (unused > 0) {
            out.note(g.label() + ": " + unused + " of its " + max + " combinations of levels never occur in the data;"
                    + " their group-level effects are drawn from their prior alone");
        }
        return new Grouping(index, List.copyOf(names), unused);
    }

    /**
     * The factor group-level effect {@code j} of term {@code id} multiplies, as the alist writes
     * it after the effect ({@code " * Days"}), empty for the intercept; an expression that is not
     * a data column becomes the derived-data line {@code Z_id_j <- expr} first (brms's
     * {@code Z_1_2}).
     */
    static String times(Design.Column c, int id, int j, FormulaData data, Alist out) {
        if (c.intercept()) return "";
        if (data.has(c.expr()) && c.expr().equals(Numeric.name(c.expr()))) return " * " + c.expr();
        String n = out.name("Z_" + id + "_" + j);
        out.line(n + " <- " + c.expr());
        return " * " + n;
    }
}
