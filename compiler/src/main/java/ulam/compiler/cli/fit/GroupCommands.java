package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleBinaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.output.PrecisTable;

/**
 * What users of brms and rstanarm look for after a fit, for fits of formula models (names as
 * the packages report them, {@link GroupEffects}): {@code ulam varcorr} (lme4's and brms's
 * {@code VarCorr}: each grouping factor's standard deviations and correlations),
 * {@code ulam ranef} (brms's {@code ranef}: every level's group-level effects) and
 * {@code ulam coef} (brms's {@code coef}: population-level plus group-level effect, per level).
 * Each prints the posterior mean, sd and the {@code --prob} interval (default 95 %, as brms).
 */
final class GroupCommands {
    private GroupCommands() {
    }

    /** The options every one of these commands has. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FIT", description = "A fit folder (ulam run -o FIT) of a brms or rstanarm model.")
        Path fit;

        @Option(names = "--prob", paramLabel = "P", defaultValue = "0.95", description = "Interval width (default 0.95, as brms).")
        double prob;

        double[][] draws;
        /** Width of the label columns: the longest label, at least 12. */
        int width = 12;

        @Override
        public Integer call() {
            if (!(prob > 0 && prob < 1)) throw new UlamException("--prob must lie between 0 and 1", null, "e.g. --prob 0.95");
            FitDirectory f = FitDirectory.read(fit);
            if (f.totalDraws() < 2) {
                throw new UlamException("the fit " + fit + " has " + f.totalDraws() + " draws after warmup", null,
                        "run the model again and let it finish");
            }
            draws = f.draws();
            GroupEffects g = GroupEffects.of(f.manifest().outputNames());
            if (!g.any()) {
                throw new UlamException("the fit " + fit + " has no group-level effects named as brms or rstanarm name them", null,
                        "these commands read fits of brm(...) and stan_glmer(...) models (docs/formulas.md);"
                                + " for an alist use ulam run --depth 2");
            }
            PrintWriter o = spec.commandLine().getOut();
            print(g, o);
            o.flush();
            return 0;
        }

        abstract void print(GroupEffects g, PrintWriter o);

        double[] column(int c) {
            double[] x = new double[draws.length];
            for (int s = 0; s < x.length; s++) x[s] = draws[s][c];
            return x;
        }

        double[] combine(int a, int b, DoubleBinaryOperator f) {
            double[] x = new double[draws.length];
            for (int s = 0; s < x.length; s++) x[s] = f.applyAsDouble(draws[s][a], draws[s][b]);
            return x;
        }

        void header(PrintWriter o, String... labels) {
            double lo = (1 - prob) / 2;
            StringBuilder sb = new StringBuilder();
            for (String l : labels) sb.append(String.format(Locale.ROOT, "%-" + width + "s ", l));
            o.printf(Locale.ROOT, "%s%9s %9s %9s %9s%n", sb, "mean", "sd", PrecisTable.percentLabel(lo), PrecisTable.percentLabel(1 - lo));
        }

        void row(PrintWriter o, double[] x, String... labels) {
            double lo = (1 - prob) / 2;
            double[][] xs = {x};
            double mean = Convergence.mean(xs);
            double sd = Convergence.sd(xs);
            double[] q = Convergence.quantiles(xs, lo, 1 - lo);
            StringBuilder sb = new StringBuilder();
            for (String l : labels) sb.append(String.format(Locale.ROOT, "%-" + width + "s ", l));
            o.printf(Locale.ROOT, "%s%9s %9s %9s %9s%n", sb, PrecisTable.fixed(mean, 2), PrecisTable.fixed(sd, 2),
                    PrecisTable.fixed(q[0], 2), PrecisTable.fixed(q[1], 2));
        }
    }

    /** {@code ulam varcorr FIT}: the group-level standard deviations and correlations, and the residual sd. */
    @Command(name = "varcorr", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Group-level standard deviations and correlations of a brms or rstanarm model (VarCorr).")
    static final class VarCorr extends Base {
        @Override
        void print(GroupEffects g, PrintWriter o) {
            for (GroupEffects.Sd s : g.sds) width = Math.max(width, Math.max(s.group().length(), s.coef().length() + 4));
            for (GroupEffects.Cor c : g.cors) width = Math.max(width, c.a().length() + c.b().length() + 6);
            header(o, "group", "term");
            for (String group : groups(g)) {
                for (GroupEffects.Sd s : g.sds) {
                    if (!s.group().equals(group)) continue;
                    row(o, s.variance() ? sqrt(column(s.column())) : column(s.column()), group, "sd(" + s.coef() + ")");
                }
                for (GroupEffects.Cor c : g.cors) {
                    if (!c.group().equals(group)) continue;
                    double[] x = c.varA() < 0 ? column(c.column()) : correlation(c);
                    row(o, x, group, "cor(" + c.a() + "," + c.b() + ")");
                }
            }
            for (Map.Entry<String, Integer> e : g.family.entrySet()) {
                if (e.getKey().equals("sigma")) row(o, column(e.getValue()), "Residual", "sd(sigma)");
            }
        }

        private double[] correlation(GroupEffects.Cor c) {
            double[] x = new double[draws.length];
            for (int s = 0; s < x.length; s++) {
                x[s] = draws[s][c.column()] / Math.sqrt(draws[s][c.varA()] * draws[s][c.varB()]);
            }
            return x;
        }

        private static double[] sqrt(double[] x) {
            for (int i = 0; i < x.length; i++) x[i] = Math.sqrt(x[i]);
            return x;
        }
    }

    /** {@code ulam ranef FIT}: every level's group-level effects (brms's ranef). */
    @Command(name = "ranef", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every level's group-level effects of a brms or rstanarm model (ranef).")
    static final class Ranef extends Base {
        @Option(names = "--group", paramLabel = "G", description = "Only this grouping factor.")
        String only;

        @Override
        void print(GroupEffects g, PrintWriter o) {
            levels(g, only, o, (e, x) -> x);
        }

        /** Prints each group's table, the values of effect {@code e} given by {@code value}. */
        void levels(GroupEffects g, String group, PrintWriter o, java.util.function.BiFunction<GroupEffects.Effect, double[], double[]> value) {
            boolean any = false;
            for (GroupEffects.Effect e : g.effects) width = Math.max(width, Math.max(e.level().length(), e.coef().length()));
            for (String grp : groups(g)) {
                if (group != null && !group.equals(grp)) continue;
                any = true;
                o.println("$" + grp);
                header(o, "level", "term");
                for (GroupEffects.Effect e : g.effects) {
                    if (e.group().equals(grp)) row(o, value.apply(e, column(e.column())), e.level(), e.coef());
                }
                o.println();
            }
            if (!any) {
                throw new UlamException("the fit has no grouping factor '" + group + "'", null, "its groups are: " + String.join(", ", groups(g)));
            }
        }
    }

    /** {@code ulam coef FIT}: population-level plus group-level effect, per level (brms's coef). */
    @Command(name = "coef", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Population-level plus group-level effects, per level, of a brms or rstanarm model (coef).")
    static final class Coef extends Base {
        @Option(names = "--group", paramLabel = "G", description = "Only this grouping factor.")
        String only;

        @Override
        void print(GroupEffects g, PrintWriter o) {
            Ranef r = new Ranef();
            r.draws = draws;
            r.prob = prob;
            r.levels(g, only, o, (e, x) -> {
                Integer b = g.fixed.get(e.coef());
                if (b == null) return x;   // a group-level coefficient with no population-level one
                double[] y = x.clone();
                for (int s = 0; s < y.length; s++) y[s] += draws[s][b];
                return y;
            });
        }
    }

    /** The grouping factors, in the order the fit names them. */
    static List<String> groups(GroupEffects g) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (GroupEffects.Sd s : g.sds) out.put(s.group(), true);
        for (GroupEffects.Effect e : g.effects) out.put(e.group(), true);
        return new ArrayList<>(out.keySet());
    }
}
