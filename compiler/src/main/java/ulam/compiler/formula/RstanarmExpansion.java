package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * A {@code stan_glm}, {@code stan_glmer} or {@code stan_lmer} call as the alist of the model
 * rstanarm 2.21 fits (its programs {@code continuous.stan}, {@code binomial.stan},
 * {@code count.stan}): coefficients on the centred design with rstanarm's autoscaled default
 * priors (normal(0, 2.5) divided by each column's sd, and for a Gaussian outcome times
 * {@code sd(y)}; the intercept normal(mean(y), 2.5 sd(y)) for a Gaussian outcome with the
 * identity link, else normal(0, 2.5); the auxiliary parameter exponential(1 / sd(y)) for a
 * Gaussian outcome, else exponential(1)); {@code QR = TRUE} as rstanarm does it (the
 * coefficients of the scaled Q of the centred design get the prior, {@code beta = R^-1 theta});
 * the group-level covariance matrices with rstanarm's {@code decov} prior: per grouping factor
 * with J terms, {@code Sigma = diag(sd) Omega diag(sd)}, {@code sd_j = dispersion * scale * tau *
 * sqrt(J pi_j)}, {@code tau ~ gamma(shape, 1)}, {@code pi ~ dirichlet(concentration)},
 * {@code Omega ~ lkj(regularization)} (the dispersion is {@code sigma} for a Gaussian outcome,
 * 1 otherwise), written non-centred. Names as rstanarm reports them: {@code (Intercept)},
 * {@code Days}, {@code b[(Intercept) Subject:308]}, {@code Sigma[Subject:Days,(Intercept)]},
 * {@code sigma}.
 */
final class RstanarmExpansion {
    private final ModelCall call;
    private final Source source;
    private final FormulaData data;
    private final Alist out;
    private final List<String> pending = new ArrayList<>();

    private RstanarmExpansion(ModelCall call, FormulaData data, Alist out) {
        this.call = call;
        this.source = call.source;
        this.data = data;
        this.out = out;
    }

    /**
     * Expands the call.
     *
     * @throws UlamException for anything this front end does not support, located
     */
    static Alist expand(ModelCall call, FormulaData data, Alist out) {
        new RstanarmExpansion(call, data, out).run();
        return out;
    }

    private void run() {
        boolean glm = call.function.equals("stan_glm");
        RExpr formula = call.arg("formula", 0);
        if (formula == null) throw source.error(call.call.span(), call.function + "() needs a formula", "e.g. y ~ x + (1 | g)");
        call.arg("data", glm ? 2 : 1);
        RExpr fam = call.function.equals("stan_lmer") ? null : call.arg("family", glm ? 1 : 2);
        Family family = fam == null ? new Family(Family.Kind.GAUSSIAN, "identity", call.call.span()) : Family.read(source, fam);
        if (!Set.of(Family.Kind.GAUSSIAN, Family.Kind.BINOMIAL, Family.Kind.POISSON, Family.Kind.NEGBINOMIAL, Family.Kind.GAMMA)
                .contains(family.kind())) {
            throw source.error(family.span(), "rstanarm's " + call.function + " has no family " + family.kind().brms + " here",
                    "supported: gaussian, binomial, poisson, neg_binomial_2, Gamma; see docs/formulas.md");
        }
        boolean gaussian = family.kind() == Family.Kind.GAUSSIAN;
        RExpr f = RExpr.strip(formula);
        if (!(f instanceof RExpr.Binary fb && fb.op().equals("~"))) {
            throw source.error(f.span(), "this is not a model formula", "write outcome ~ predictors, e.g. y ~ x + (1 | g)");
        }
        out.comment("the model rstanarm 2.21 fits for " + Deparse.of(fb) + ", family " + family + ", expanded from "
                + source.file() + " by ulam");

        // the outcome: y, or cbind(successes, failures) for the binomial family (a 0/1 outcome is Bernoulli)
        String y;
        String trials = null;
        double[] yv;
        RExpr lhs = RExpr.strip(fb.left());
        if (lhs instanceof RExpr.Call c && "cbind".equals(c.function())) {
            if (!family.binomial() || c.args().size() != 2) {
                throw source.error(c.span(), "cbind(successes, failures) is the outcome of the binomial family",
                        "add family = binomial, with two columns in cbind()");
            }
            RExpr s = RExpr.strip(c.args().get(0).value());
            if (!(s instanceof RExpr.Sym ys)) throw source.error(s.span(), "the successes must be a column", null);
            yv = data.reals(ys.name(), ys.span());
            y = Numeric.name(ys.name());
            RExpr fail = c.args().get(1).value();
            Numeric.values(source, fail, data, yv.length);
            trials = out.name("trials");
            out.line(trials + " <- " + y + " + (" + Numeric.ulam(source, fail) + ")");
        } else if (lhs instanceof RExpr.Sym ys) {
            yv = data.reals(ys.name(), ys.span());
            y = Numeric.name(ys.name());
            if (family.binomial()) {
                for (double v : yv) {
                    if (v != 0 && v != 1) {
                        throw source.error(ys.span(), "a binomial outcome that is one column must be 0 or 1; " + ys.name()
                                + " has " + FormulaData.format(v), "write cbind(successes, failures) ~ ...");
                    }
                }
                family = new Family(Family.Kind.BERNOULLI, family.link(), family.span());
            }
        } else {
            throw source.error(lhs.span(), "the outcome must be a column of the data", "compute it as a column first");
        }
        int rows = yv.length;

        Terms.Rhs rhs = Terms.read(source, fb.right(), true);
        if (glm && !rhs.groups().isEmpty()) {
            throw source.error(rhs.groups().get(0).span(), "stan_glm has no group-level terms", "use stan_glmer for (x | g) terms");
        }
        if (call.function.equals("stan_glmer") || call.function.equals("stan_lmer")) {
            if (rhs.groups().isEmpty()) throw source.error(fb.right().span(), call.function + " needs a group-level term", "e.g. (1 | g); or use stan_glm");
        }
        List<Design.Column> columns = Design.of(source, rhs, data, rows, "(Intercept)");
        List<Design.Column> x = columns.stream().filter(c -> !c.intercept()).toList();
        boolean qr = call.flag("QR", false);
        double ss = gaussian ? FormulaData.sd(yv) : 1;

        // coefficients
        RExpr pArg = call.arg("prior", -1);
        RstanarmPrior coef = pArg == null ? RstanarmPrior.defaultNormal() : RstanarmPrior.read(source, pArg, false);
        List<String> betas = new ArrayList<>();
        List<String> xc = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        for (Design.Column c : x) {
            double m = rhs.intercept() ? FormulaData.mean(c.values()) : 0;
            means.add(m);
            String n = out.name("X_" + c.label());
            out.line(n + " <- " + c.expr() + (rhs.intercept() ? " - " + FormulaData.literal(m) : ""));
            xc.add(n);
        }
        if (qr) {
            if (x.size() < 2) throw source.error(call.call.named("QR").span(), "'QR' can only be specified when there are multiple predictors", "leave QR out");
            double[][] rinv = QrScale.rInverse(x.stream().map(Design.Column::values).toList(), means, coef.autoscale());
            List<String> thetas = new ArrayList<>();
            for (int k = 0; k < x.size(); k++) {
                String t = out.name("theta_" + (k + 1));
                out.line(t + " ~ " + coef.scaled(ss).alist());
                thetas.add(t);
            }
            for (int k = 0; k < x.size(); k++) {
                String b = out.name("beta_" + x.get(k).label());
                List<String> sum = new ArrayList<>();
                for (int j = k; j < x.size(); j++) sum.add(FormulaData.literal(rinv[k][j]) + " * " + thetas.get(j));
                out.line("transpars> " + b + " <- " + String.join(" + ", sum));
                out.report(b, List.of(x.get(k).label()));
                betas.add(b);
            }
        } else {
            for (Design.Column c : x) {
                long distinct = java.util.Arrays.stream(c.values()).distinct().count();
                double sx = distinct == 1 ? 1 : FormulaData.sd(c.values());
                String b = out.name("beta_" + c.label());
                out.line(b + " ~ " + coef.scaled(ss / sx).alist());
                out.report(b, List.of(c.label()));
                betas.add(b);
            }
        }
        List<String> eta = new ArrayList<>();
        String alpha = null;
        if (rhs.intercept()) {
            RExpr iArg = call.arg("prior_intercept", -1);
            RstanarmPrior ip = iArg == null ? RstanarmPrior.defaultNormal()
                    .at(gaussian && family.link().equals("identity") ? FormulaData.mean(yv) : 0) : RstanarmPrior.read(source, iArg, false);
            alpha = out.name("alpha");
            out.line(alpha + " ~ " + ip.scaled(ss).alist());
            eta.add(alpha);
            String intercept = out.name("Intercept");
            StringBuilder sb = new StringBuilder("gq> " + intercept + " <- " + alpha);
            for (int k = 0; k < betas.size(); k++) sb.append(" - ").append(FormulaData.literal(means.get(k))).append(" * ").append(betas.get(k));
            pending.add(sb.toString());
            out.report(intercept, List.of("(Intercept)"));
        }
        for (int k = 0; k < betas.size(); k++) eta.add(betas.get(k) + " * " + xc.get(k));

        // the auxiliary parameter, before the group-level terms that scale by it
        String aux = null;
        if (!family.dpars().isEmpty()) {
            String auxName = switch (family.kind()) {
                case GAUSSIAN -> "sigma";
                case NEGBINOMIAL -> "reciprocal_dispersion";
                default -> "shape";
            };
            RExpr aArg = call.arg("prior_aux", -1);
            RstanarmPrior ap = aArg == null ? RstanarmPrior.defaultExponential() : RstanarmPrior.read(source, aArg, true);
            aux = out.name(auxName);
            out.line(aux + " ~ " + ap.scaled(ss).alist());
            out.lower(aux, 0);
            out.report(aux, List.of(auxName));
        }
        Decov decov = Decov.read(source, call.arg("prior_covariance", -1));
        int id = 0;
        for (Terms.Group g : rhs.groups()) {
            if (!g.correlated()) {
                throw source.error(g.span(), "(x || g) terms are not supported for rstanarm yet",
                        "write the terms separately: (1 | g) + (0 + x | g)");
            }
            eta.addAll(group(g, ++id, decov, gaussian ? aux : null, rows));
        }
        String mu = out.name("mu");
        String mean = family.meanLine(mu, eta.isEmpty() ? "0" : String.join(" + ", eta));
        out.line(mean);
        out.line(family.likelihood(y, trials, mu, aux == null ? List.of() : List.of(aux), null));
        for (String line : pending) out.line(line);
        options();
    }

    /** rstanarm's decov(regularization, concentration, shape, scale). */
    private record Decov(double regularization, double concentration, double shape, double scale) {
        static Decov read(Source source, RExpr e) {
            if (e == null) return new Decov(1, 1, 1, 1);
            if (!(RExpr.strip(e) instanceof RExpr.Call c) || !"decov".equals(c.function())) {
                throw source.error(e.span(), "prior_covariance other than decov() is not supported yet", "e.g. decov(regularization = 2)");
            }
            double[] v = {1, 1, 1, 1};
            List<String> names = List.of("regularization", "concentration", "shape", "scale");
            int position = 0;
            for (RExpr.Arg a : c.args()) {
                String n = a.name() != null ? a.name() : position < 4 ? names.get(position) : "?";
                position++;
                if (!names.contains(n)) throw source.error(a.span(), "decov() has no argument '" + n + "'", "its arguments: " + String.join(", ", names));
                v[names.indexOf(n)] = Numeric.constant(source, a.value());
            }
            return new Decov(v[0], v[1], v[2], v[3]);
        }
    }

    /** One grouping factor with the decov prior; returns its terms of the linear predictor. */
    private List<String> group(Terms.Group g, int id, Decov decov, String dispersion, int rows) {
        String label = g.label();
        Grouping index = Grouping.of(source, g, data, out, Integer.toString(id));
        List<Design.Column> z = Design.of(source, g.effects(), data, rows, "(Intercept)");
        int p = z.size();
        String J = index.index();
        String tau = out.name("tau_" + id);
        out.line(tau + " ~ gamma(" + FormulaData.literal(decov.shape()) + ", 1)");
        String scale = (dispersion == null ? "" : dispersion + " * ") + (decov.scale() == 1 ? "" : FormulaData.literal(decov.scale()) + " * ") + tau;
        String zn = out.name("z_" + id);
        String b = out.name("b_" + id);
        List<String> names = new ArrayList<>();
        for (Design.Column c : z) for (String level : index.levels()) names.add("b[" + c.label() + " " + label + ":" + level + "]");
        List<String> terms = new ArrayList<>();
        if (p == 1) {
            out.line("vector[" + J + "]: " + zn + " ~ normal(0, 1)");
            out.line("transpars> vector[" + J + "]: " + b + " <<- " + scale + " * " + zn);
            terms.add(b + "[" + J + "]" + Grouping.times(z.get(0), id, 1, data, out));
            String s = out.name("Sigma_" + id);
            pending.add("gq> " + s + " <- square(" + scale + ")");
            out.report(s, List.of("Sigma[" + label + ":" + z.get(0).label() + "," + z.get(0).label() + "]"));
        } else {
            String pi = out.name("pi_" + id);
            String L = out.name("L_" + id);
            String sd = out.name("sd_" + id);
            List<String> conc = new ArrayList<>();
            for (int j = 0; j < p; j++) conc.add(FormulaData.literal(decov.concentration()));
            out.line("simplex[" + p + "]: " + pi + " ~ dirichlet(c(" + String.join(", ", conc) + "))");
            out.line("cholesky_factor_corr[" + p + "]: " + L + " ~ lkj_corr_cholesky(" + FormulaData.literal(decov.regularization()) + ")");
            out.line("matrix[" + p + ", " + J + "]: " + zn + " ~ normal(0, 1)");
            out.line("transpars> vector[" + p + "]: " + sd + " <<- " + scale + " * sqrt(" + p + " * " + pi + ")");
            out.line("transpars> matrix[" + J + ", " + p + "]: " + b + " <- compose_noncentered(" + sd + ", " + L + ", " + zn + ")");
            for (int j = 1; j <= p; j++) terms.add(b + "[" + J + ", " + j + "]" + Grouping.times(z.get(j - 1), id, j, data, out));
            for (int c = 1; c <= p; c++) {
                for (int r = c; r <= p; r++) {
                    String s = out.name("Sigma_" + id + "_" + r + "_" + c);
                    List<String> dot = new ArrayList<>();
                    for (int q = 1; q <= c; q++) dot.add(L + "[" + r + ", " + q + "] * " + L + "[" + c + ", " + q + "]");
                    pending.add("gq> " + s + " <- " + sd + "[" + r + "] * " + sd + "[" + c + "] * (" + String.join(" + ", dot) + ")");
                    out.report(s, List.of("Sigma[" + label + ":" + z.get(r - 1).label() + "," + z.get(c - 1).label() + "]"));
                }
            }
        }
        out.report(b, names);
        return terms;
    }

    /** The sampling arguments with rstanarm's defaults (adapt_delta 0.95, max_treedepth 15); other arguments are noted. */
    private void options() {
        Double adapt = call.number("adapt_delta");
        out.samplingOptions(call);
        out.option("adapt_delta", FormulaData.literal(adapt == null ? 0.95 : adapt));
        out.option("max_treedepth", "15");
        for (Map.Entry<String, Span> e : call.unread().entrySet()) {
            if (!Set.of("refresh", "algorithm").contains(e.getKey())) {
                out.note(call.function + "(): argument '" + e.getKey() + "' is not used by ulam (see docs/formulas.md)");
            }
        }
    }
}
