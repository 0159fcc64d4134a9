package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * A {@code brm(...)} call as the alist of the model brms 2.18 fits (the Stan program of
 * {@code brms::make_stancode}): population-level effects {@code b_x} on columns centred at
 * their means with the intercept {@code Intercept} of the centred design (reported as well as
 * {@code b_Intercept}, the intercept of the uncentred design); group-level effects
 * {@code r_g[level,coef]} written non-centred ({@code z ~ normal(0, 1)} scaled by
 * {@code sd_g__coef}; correlated terms through the Cholesky factor of their correlation matrix,
 * {@code cor_g__a__b}); family parameters {@code sigma}, {@code nu}, {@code shape}, {@code phi};
 * brms's default priors computed from the data as brms computes them ({@link #defaultScale}).
 * Non-linear formulas ({@code bf(y ~ a + b, a ~ 1 + (1 | g), b ~ 0 + x, nl = TRUE)}) give one
 * linear predictor per non-linear parameter, not centred, as in brms.
 */
final class BrmsExpansion {
    private final ModelCall call;
    private final Source source;
    private final FormulaData data;
    private final Alist out;
    private Family family;
    private BrmsPriors priors;
    private Response response;
    private int groupIds;
    private final Map<String, String> nlpars = new LinkedHashMap<>();   // nlpar -> local

    private BrmsExpansion(ModelCall call, FormulaData data, Alist out) {
        this.call = call;
        this.source = call.source;
        this.data = data;
        this.out = out;
    }

    /** The response: outcome column, trials, values. */
    private record Response(String y, String trials, double[] values, int rows, Span span) {}

    /**
     * Expands the call.
     *
     * @throws UlamException for anything in the call this front end does not support, located
     */
    static Alist expand(ModelCall call, FormulaData data, Alist out) {
        new BrmsExpansion(call, data, out).run();
        return out;
    }

    private void run() {
        RExpr formula = call.arg("formula", 0);
        if (formula == null) throw source.error(call.call.span(), "brm() needs a formula", "e.g. brm(y ~ x + (1 | g), data = d)");
        call.arg("data", 1);
        RExpr fam = call.arg("family", 2);
        family = fam == null ? new Family(Family.Kind.GAUSSIAN, "identity", call.call.span()) : Family.read(source, fam);
        priors = BrmsPriors.read(call, call.arg("prior", 3));

        RExpr main = RExpr.strip(formula);
        List<RExpr.Binary> nlFormulas = new ArrayList<>();
        boolean nl = false;
        if (main instanceof RExpr.Call bf && ("bf".equals(bf.function()) || "brmsformula".equals(bf.function()))) {
            List<RExpr.Arg> pos = bf.positional();
            if (pos.isEmpty()) throw source.error(bf.span(), "bf() needs a formula", "e.g. bf(y ~ a + b, a ~ 1, b ~ 0 + x, nl = TRUE)");
            for (RExpr.Arg a : bf.args()) {
                if (a.name() == null) continue;
                switch (a.name()) {
                    case "nl" -> nl = RExpr.strip(a.value()) instanceof RExpr.Sym s && (s.name().equals("TRUE") || s.name().equals("T"));
                    case "formula" -> { }
                    default -> throw source.error(a.span(), "the bf() argument '" + a.name() + "' is not supported yet",
                            "see docs/formulas.md");
                }
            }
            RExpr.Arg named = bf.named("formula");
            main = RExpr.strip(named != null ? named.value() : pos.get(0).value());
            for (int k = named != null ? 0 : 1; k < pos.size(); k++) {
                RExpr p = RExpr.strip(call.resolve(pos.get(k).value()));
                if (!(p instanceof RExpr.Binary b && b.op().equals("~"))) {
                    throw source.error(p.span(), "bf() takes formulas", "e.g. a ~ 1 + (1 | g)");
                }
                nlFormulas.add(b);
            }
            if (!nl && !nlFormulas.isEmpty()) {
                RExpr.Binary first = nlFormulas.get(0);
                throw source.error(first.span(), "formulas for distributional parameters (" + Deparse.of(first.left())
                        + " ~ ...) are not supported yet", "for a non-linear model add nl = TRUE; see docs/formulas.md");
            }
        }
        if (!(main instanceof RExpr.Binary f && f.op().equals("~"))) {
            throw source.error(main.span(), "this is not a model formula", "write outcome ~ predictors, e.g. y ~ x + (1 | g)");
        }
        response = response(f.left());
        out.comment("the model brms 2.18 fits for " + Deparse.of(f) + (nl ? " (non-linear)" : "") + ", family " + family
                + ", expanded from " + source.file() + " by ulam");

        String eta;
        if (nl) {
            for (RExpr.Binary p : nlFormulas) {
                if (!(RExpr.strip(p.left()) instanceof RExpr.Sym s)) {
                    throw source.error(p.left().span(), "a non-linear parameter is a name", "e.g. a ~ 1 + (1 | g)");
                }
                nlpars.put(s.name(), out.name("nlp_" + s.name()));
            }
            for (RExpr.Binary p : nlFormulas) {
                String name = ((RExpr.Sym) RExpr.strip(p.left())).name();
                String linear = linear(Terms.read(source, p.right(), true), name, false);
                out.line(nlpars.get(name) + " <- " + linear);
            }
            eta = Numeric.ulam(source, f.right(), n -> nlpars.containsKey(n) ? nlpars.get(n) : column(n, f.right().span()),
                    Set.of("inv_logit", "inv", "square", "Phi"));
        } else {
            eta = linear(Terms.read(source, f.right(), true), "", true);
        }
        likelihood(eta);
        dpars();
        priors.checkAllUsed();
        options();
    }

    /** The outcome of {@code y}, {@code y | trials(n)}; brms's other addition terms are refused. */
    private Response response(RExpr lhs) {
        RExpr l = RExpr.strip(lhs);
        String trials = null;
        if (l instanceof RExpr.Binary b && b.op().equals("|")) {
            RExpr add = RExpr.strip(b.right());
            if (!(add instanceof RExpr.Call c) || !"trials".equals(c.function()) || c.args().size() != 1) {
                throw source.error(add.span(), "the addition term " + Deparse.of(add) + " is not supported yet",
                        "supported: y | trials(n) for the binomial family; see docs/formulas.md");
            }
            if (!family.binomial()) {
                throw source.error(add.span(), "trials() is for the binomial family", "add family = binomial, or remove | trials(...)");
            }
            RExpr n = RExpr.strip(c.args().get(0).value());
            trials = n instanceof RExpr.Sym s ? column(s.name(), s.span()) : derived("trials", n);
            l = RExpr.strip(b.left());
        }
        if (l instanceof RExpr.Call c && "cbind".equals(c.function())) {
            throw source.error(c.span(), "brms writes a binomial outcome as successes | trials(n), not cbind()",
                    "e.g. " + (c.args().isEmpty() ? "y" : Deparse.of(c.args().get(0).value())) + " | trials(n) ~ ..., family = binomial");
        }
        if (!(l instanceof RExpr.Sym y)) {
            throw source.error(l.span(), "the outcome must be a column of the data", "compute it as a column first");
        }
        if (family.binomial() && trials == null) {
            throw source.error(l.span(), "a binomial outcome needs its number of trials", "write " + y.name() + " | trials(n) ~ ...");
        }
        double[] v = data.reals(y.name(), y.span());
        return new Response(column(y.name(), y.span()), trials, v, v.length, y.span());
    }

    /** The alist name of a data column, checked to exist (a located error with the data's names if not). */
    private String column(String r, Span at) {
        data.isText(r, at);
        return Numeric.name(r);
    }

    private String derived(String base, RExpr e) {
        String n = out.name(base);
        Numeric.values(source, e, data, response == null ? 0 : response.rows());
        out.line(n + " <- " + Numeric.ulam(source, e));
        return n;
    }

    /**
     * One linear predictor: its population-level effects (centred when {@code centre} and it has
     * an intercept) and group-level effects; returns its expression.
     */
    private String linear(Terms.Rhs rhs, String nlpar, boolean centre) {
        List<String> sum = new ArrayList<>();
        List<Design.Column> columns = Design.of(source, rhs, data, response.rows(), "Intercept");
        boolean ordinal = family.kind() == Family.Kind.CUMULATIVE && nlpar.isEmpty();
        boolean centred = centre && rhs.intercept();
        String px = nlpar.isEmpty() ? "" : nlpar + "_";
        List<String[]> shift = new ArrayList<>();   // {mean, b} of the centred columns
        for (Design.Column c : columns) {
            if (c.intercept() && (centred || ordinal)) continue;
            String coef = rename(c.label());
            String b = out.name("b_" + px + coef);
            out.report(b, List.of("b_" + px + coef));
            BrmsPriors.Spec p = priors.find("b", nlpar, "", coef);
            out.line(b + " ~ " + (p == null || p.dist() == null ? "flat()" : BrmsPriors.distribution(source, p.dist(), false)));
            if (c.intercept()) {
                sum.add(b);
                continue;
            }
            String x;
            if (centred) {
                double m = FormulaData.mean(c.values());
                x = out.name("Xc_" + px + coef);
                out.line(x + " <- " + c.expr() + " - " + FormulaData.literal(m));
                shift.add(new String[] {FormulaData.literal(m), b});
            } else if (data.has(c.expr()) && c.expr().equals(Numeric.name(c.expr()))) {
                x = c.expr();
            } else {
                x = out.name("X_" + px + coef);
                out.line(x + " <- " + c.expr());
            }
            sum.add(b + " * " + x);
        }
        if (ordinal) thresholds(shift);
        else if (centred) sum.add(0, intercept(shift));
        for (Terms.Group g : rhs.groups()) sum.addAll(group(g, nlpar));
        return sum.isEmpty() ? "0" : String.join(" + ", sum);
    }

    /** The centred design's intercept, and b_Intercept of the uncentred one; returns its name. */
    private String intercept(List<String[]> shift) {
        BrmsPriors.Spec p = priors.find("Intercept", "", "", "");
        String name = out.name("Intercept");
        double[] lt = defaultScale(true);
        out.line(name + " ~ " + (p == null ? "student_t(3, " + FormulaData.literal(lt[0]) + ", " + FormulaData.literal(lt[1]) + ")"
                : p.dist() == null ? "flat()" : BrmsPriors.distribution(source, p.dist(), false)));
        String bi = out.name("b_Intercept");
        StringBuilder sb = new StringBuilder("gq> " + bi + " <- " + name);
        for (String[] s : shift) sb.append(" - ").append(s[0]).append(" * ").append(s[1]);
        pending.add(sb.toString());
        out.report(bi, List.of("b_Intercept"));
        return name;
    }

    /** The cumulative family's thresholds (brms's Intercept[k]) and b_Intercept[k] of the uncentred design. */
    private void thresholds(List<String[]> shift) {
        double max = 0;
        for (double v : response.values()) {
            if (v < 1 || v != Math.rint(v)) {
                throw source.error(response.span(), "an ordinal outcome is coded 1, 2, ..., K; this one has " + FormulaData.format(v),
                        "recode it as categories 1..K (e.g. add 1 to a 0-based code)");
            }
            max = Math.max(max, v);
        }
        int k = (int) max - 1;
        if (k < 1) throw source.error(response.span(), "an ordinal outcome needs at least two categories", null);
        BrmsPriors.Spec p = priors.find("Intercept", "", "", "");
        String name = out.name("Intercept");
        thresholdName = name;
        out.line("ordered[" + k + "]: " + name + " ~ " + (p == null ? "student_t(3, 0, 2.5)"
                : p.dist() == null ? "flat()" : BrmsPriors.distribution(source, p.dist(), false)));
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= k; j++) names.add("Intercept[" + j + "]");
        out.report(name, names);
        for (int j = 1; j <= k; j++) {
            String bi = out.name("b_Intercept_" + j);
            StringBuilder sb = new StringBuilder("gq> " + bi + " <- " + name + "[" + j + "]");
            for (String[] s : shift) sb.append(" + ").append(s[0]).append(" * ").append(s[1]);
            pending.add(sb.toString());
            out.report(bi, List.of("b_Intercept[" + j + "]"));
        }
    }

    private final List<String> pending = new ArrayList<>();   // gq lines, written last
    private String thresholdName;

    /** A group-level term: its index, sd, correlations and non-centred effects; returns its terms of the linear predictor. */
    private List<String> group(Terms.Group g, String nlpar) {
        int id = ++groupIds;
        String label = g.label();
        Grouping index = Grouping.of(source, g, data, out, Integer.toString(id));
        List<Design.Column> z = Design.of(source, g.effects(), data, response.rows(), "Intercept");
        int m = z.size();
        String px = nlpar.isEmpty() ? "" : nlpar + "_";
        double scale = defaultScale(false)[1];
        List<String> sds = new ArrayList<>();
        List<String> coefs = new ArrayList<>();
        for (Design.Column c : z) {
            String coef = rename(c.label());
            coefs.add(coef);
            String sd = out.name("sd_" + label + "__" + px + coef);
            BrmsPriors.Spec p = priors.find("sd", nlpar, label, coef);
            out.line(sd + " ~ " + (p == null ? "student_t(3, 0, " + FormulaData.literal(scale) + ")"
                    : p.dist() == null ? "flat()" : BrmsPriors.distribution(source, p.dist(), false)));
            out.lower(sd, 0);
            out.report(sd, List.of("sd_" + label + "__" + px + coef));
            sds.add(sd);
        }
        String zn = out.name("z_" + id);
        String r = out.name("r_" + id);
        String J = index.index();
        String rname = "r_" + label + (nlpar.isEmpty() ? "" : "__" + nlpar);
        List<String> names = new ArrayList<>();
        for (String coef : coefs) for (String level : index.levels()) names.add(rname + "[" + level + "," + coef + "]");
        List<String> terms = new ArrayList<>();
        if (m == 1) {
            out.line("vector[" + J + "]: " + zn + " ~ normal(0, 1)");
            out.line("transpars> vector[" + J + "]: " + r + " <<- " + sds.get(0) + " * " + zn);
            terms.add(r + "[" + J + "]" + Grouping.times(z.get(0), id, 1, data, out));
        } else {
            out.line("matrix[" + m + ", " + J + "]: " + zn + " ~ normal(0, 1)");
            String sdVector = "c(" + String.join(", ", sds) + ")";
            if (g.correlated()) {
                String L = out.name("L_" + id);
                BrmsPriors.Spec p = priors.find("cor", "", label, "");
                out.line("cholesky_factor_corr[" + m + "]: " + L + " ~ "
                        + (p == null || p.dist() == null ? "lkj_corr_cholesky(1)" : BrmsPriors.distribution(source, p.dist(), true)));
                out.line("transpars> matrix[" + J + ", " + m + "]: " + r + " <- compose_noncentered(" + sdVector + ", " + L + ", " + zn + ")");
                for (int k = 2; k <= m; k++) {
                    for (int j = 1; j < k; j++) {
                        String cn = "cor_" + label + "__" + px + coefs.get(j - 1) + "__" + px + coefs.get(k - 1);
                        String cor = out.name(cn);
                        List<String> dot = new ArrayList<>();
                        for (int q = 1; q <= j; q++) dot.add(L + "[" + j + ", " + q + "] * " + L + "[" + k + ", " + q + "]");
                        pending.add("gq> " + cor + " <- " + String.join(" + ", dot));
                        out.report(cor, List.of(cn));
                    }
                }
            } else {
                out.line("transpars> matrix[" + J + ", " + m + "]: " + r + " <- t(diag_pre_multiply(" + sdVector + ", " + zn + "))");
            }
            for (int j = 1; j <= m; j++) terms.add(r + "[" + J + ", " + j + "]" + Grouping.times(z.get(j - 1), id, j, data, out));
        }
        out.report(r, names);
        return terms;
    }

    private void likelihood(String eta) {
        String mu = out.name("mu");
        List<String> dp = new ArrayList<>();
        for (Family.Dpar d : family.dpars()) dp.add(out.name(d.name()));
        dparNames = dp;
        String mean = family.meanLine(mu, eta);
        out.line(mean == null ? mu + " <- " + eta : mean);
        out.line(family.likelihood(response.y(), response.trials(), mu, dp, thresholdName));
    }

    private List<String> dparNames;

    /** The family's parameters with their priors and bounds, then the generated quantities. */
    private void dpars() {
        List<Family.Dpar> d = family.dpars();
        for (int k = 0; k < d.size(); k++) {
            String n = dparNames.get(k);
            BrmsPriors.Spec p = priors.find(d.get(k).name(), "", "", "");
            String prior = p != null ? (p.dist() == null ? "flat()" : BrmsPriors.distribution(source, p.dist(), false))
                    : switch (d.get(k).name()) {
                        case "sigma" -> "student_t(3, 0, " + FormulaData.literal(defaultScale(false)[1]) + ")";
                        case "nu" -> "gamma(2, 0.1)";
                        default -> "gamma(0.01, 0.01)";
                    };
            out.line(n + " ~ " + prior);
            out.lower(n, d.get(k).lower());
            if (!n.equals(d.get(k).name())) out.report(n, List.of(d.get(k).name()));
        }
        for (String line : pending) out.line(line);
    }

    /**
     * brms's default location and scale (brms 2.18 {@code def_scale_prior}): for an identity,
     * log, inverse or sqrt link (and the lognormal family) the response on the link scale
     * (a 0 replaced by 0.1 before log and inverse) gives the scale {@code max(2.5,
     * round(mad, 1))} and, for the intercept ({@code intercept}), the location
     * {@code round(median, 1)}; otherwise 0 and 2.5.
     *
     * @return {location, scale}
     */
    private double[] defaultScale(boolean intercept) {
        String link = family.priorScaleLink();
        double location = 0;
        double scale = 2.5;
        if (link != null) {
            double[] y = response.values().clone();
            for (int i = 0; i < y.length; i++) {
                double v = (link.equals("log") || link.equals("inverse")) && y[i] == 0 ? 0.1 : y[i];
                y[i] = switch (link) {
                    case "log" -> Math.log(v);
                    case "inverse" -> 1 / v;
                    case "sqrt" -> Math.sqrt(v);
                    default -> v;
                };
            }
            double s = FormulaData.round(FormulaData.mad(y), 1);
            if (Double.isFinite(s)) scale = Math.max(scale, s);
            if (intercept) {
                double l = FormulaData.round(FormulaData.median(y), 1);
                if (Double.isFinite(l)) location = l;
            }
        }
        return new double[] {location, scale};
    }

    /** brm's sampling arguments as the wrapper's options, with brms's defaults; other arguments are noted. */
    private void options() {
        out.samplingOptions(call);
        double adapt = 0.8;
        double depth = 10;
        RExpr control = call.arg("control", -1);
        if (control != null) {
            if (!(RExpr.strip(control) instanceof RExpr.Call c) || !"list".equals(c.function())) {
                throw source.error(control.span(), "control is a list here", "e.g. control = list(adapt_delta = 0.95)");
            }
            for (RExpr.Arg a : c.args()) {
                double v = a.value() != null && RExpr.strip(a.value()) instanceof RExpr.Num n ? n.value() : Double.NaN;
                if ("adapt_delta".equals(a.name()) && !Double.isNaN(v)) adapt = v;
                else if ("max_treedepth".equals(a.name()) && !Double.isNaN(v)) depth = v;
                else out.note("brm(): control argument '" + (a.name() == null ? Deparse.of(a.value()) : a.name()) + "' is not used");
            }
        }
        out.option("adapt_delta", FormulaData.literal(adapt));
        out.option("max_treedepth", FormulaData.literal(depth));
        for (Map.Entry<String, Span> e : call.unread().entrySet()) {
            if (!Set.of("backend", "refresh", "silent", "file", "file_refit", "open_progress").contains(e.getKey())) {
                out.note("brm(): argument '" + e.getKey() + "' is not used by ulam (see docs/formulas.md)");
            }
        }
    }

    /** brms's names of coefficients: R's column names without spaces, brackets and quotes, with P, M, MU, D, E, EQ for + - * / ^ = (brms's rename). */
    static String rename(String label) {
        String[] from = {" ", "(", ")", "[", "]", ",", "\"", "'", "?", "+", "-", "*", "/", "^", "="};
        String[] to = {"", "", "", "", "", "", "", "", "", "P", "M", "MU", "D", "E", "EQ"};
        String s = label;
        for (int i = 0; i < from.length; i++) s = s.replace(from[i], to[i]);
        return s;
    }
}
