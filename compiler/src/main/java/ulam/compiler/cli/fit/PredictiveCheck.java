package ulam.compiler.cli.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Statement;
import ulam.compiler.parse.Parser;
import ulam.compiler.parse.Source;
import ulam.compiler.predict.Predictor;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.PrecisTable;
import ulam.runtime.plot.FitPlots;
import ulam.runtime.plot.Pages;

/**
 * The predictive checks of a fit's first outcome, for {@code ulam plot --sim} and
 * {@code ulam report}: the observed values (the outcome's data column, or the column it copies:
 * {@code S <- surv} is observed as {@code surv}) against simulated outcomes, either read from
 * {@code ulam sim}'s CSV or simulated here ({@link Predictor}, the fit's own rows). A prior-only fit
 * gives prior predictive checks.
 */
final class PredictiveCheck {
    /** Draws simulated for a report (evenly spaced over the chains). */
    static final int REPORT_DRAWS = 1000;

    private PredictiveCheck() {
    }

    /**
     * The data column a simulated outcome is compared with: {@code name} itself when the data have
     * it, else the column that a line {@code name <- column} of the model copies.
     *
     * @param fit  the fit (its saved source and data)
     * @param name the outcome, e.g. {@code S}
     * @param data the fit's data
     * @return the column, or null when there is none
     */
    static String observedColumn(FitDirectory fit, String name, DataSet data) {
        if (data.has(name)) return name;
        Program p = Parser.parse(new Source(fit.sourcePath().toString(), fit.source()));
        for (Statement s : p.statements()) {
            if (s.op() != Statement.Op.ASSIGN || !(s.target() instanceof Statement.Target.Symbol t) || !t.index().isEmpty()) continue;
            if (t.name().name().equals(name) && s.rhs() instanceof Expr.Name n && data.has(n.name())) return n.name();
        }
        return null;
    }

    /**
     * The observed values of a data column, checked against the number of simulated cases.
     *
     * @throws UlamException if the lengths differ
     */
    static double[] observed(DataSet data, String column, int cases, String source) {
        double[] y = data.reals(column, null);
        if (y.length != cases) {
            throw new UlamException(source + " has " + cases + " cases, but '" + column + "' has " + y.length + " values",
                    null, "simulate the fit's own data rows (ulam sim FIT without --data)");
        }
        return y;
    }

    /**
     * Simulates the fit's first outcome on its own rows and returns the check's pages
     * ({@code ppc}, {@code ppc_dens}); empty when the model has no outcome to simulate or no data
     * column to compare it with (with a note in {@code notes}).
     *
     * @param fit   the fit
     * @param prob  interval mass
     * @param notes receives what was left out and why
     * @return the pages
     */
    static Map<String, Pages> simulated(FitDirectory fit, double prob, List<String> notes) {
        Map<String, Pages> out = new LinkedHashMap<>();
        if (!fit.hasData()) return out;
        int n = Math.min(REPORT_DRAWS, fit.totalDraws());
        Predictor.Result r = Predictor.predict(fit, new Predictor.Request(List.of(), Map.of(), List.of(), n, 1));
        Predictor.Table t = r.sim();
        if (t.names().length == 0) return out;
        String name = PrecisTable.baseName(t.names()[0]);
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < t.names().length; c++) if (PrecisTable.baseName(t.names()[c]).equals(name)) cols.add(c);
        DataSet data = fit.readData();
        String column = observedColumn(fit, name, data);
        if (column == null) {
            notes.add("no predictive check: the outcome " + name + " is not a data column nor a copy of one");
            return out;
        }
        double[] y = data.reals(column, null);
        if (y.length != cols.size()) {
            notes.add("no predictive check: " + name + " has " + cols.size() + " cases but " + column + " " + y.length);
            return out;
        }
        double[][] sim = new double[t.values().length][cols.size()];
        for (int s = 0; s < sim.length; s++) for (int c = 0; c < cols.size(); c++) sim[s][c] = t.values()[s][cols.get(c)];
        return FitPlots.predictive(y, sim, prob, column, fit.manifest().priorOnly());
    }
}
