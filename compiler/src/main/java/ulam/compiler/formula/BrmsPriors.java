package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;

/**
 * The priors of a {@code brm} call: {@code prior(normal(0, 1), class = b, coef = x)},
 * {@code set_prior("normal(0, 1)", class = "b")} and {@code prior_string(...)}, combined with
 * {@code c(...)} or {@code +}, looked up as brms looks them up (brms 2.18 {@code ?set_prior}):
 * for a parameter, the prior given for its coefficient and group, else for its group, else for
 * its class; within its non-linear parameter ({@code nlpar}). A prior that matches no parameter
 * of the model is an error naming what the model has, as in brms.
 */
final class BrmsPriors {

    /** One user prior: its distribution (null for brms's flat prior {@code ""}) and where it applies. */
    record Spec(RExpr.Call dist, String cls, String coef, String group, String nlpar, Span span) {}

    /** Classes a model has, with their coefficients and groups, as the expansion asks for them (for messages). */
    private final Map<String, Set<String>> coefs = new LinkedHashMap<>();
    private final Map<String, Set<String>> groups = new LinkedHashMap<>();
    private final Set<String> nlpars = new LinkedHashSet<>();
    private final List<Spec> specs;
    private final boolean[] used;
    private final Source source;

    private BrmsPriors(Source source, List<Spec> specs) {
        this.source = source;
        this.specs = specs;
        this.used = new boolean[specs.size()];
    }

    /**
     * Reads a {@code prior =} argument.
     *
     * @param arg the argument (null: none)
     * @throws UlamException for a prior this front end does not read, located
     */
    static BrmsPriors read(ModelCall call, RExpr arg) {
        List<Spec> out = new ArrayList<>();
        if (arg != null) collect(call, call.resolve(arg), out);
        return new BrmsPriors(call.source, out);
    }

    private static void collect(ModelCall call, RExpr e, List<Spec> out) {
        Source source = call.source;
        RExpr s = RExpr.strip(call.resolve(e));
        if (s instanceof RExpr.Binary b && b.op().equals("+")) {
            collect(call, b.left(), out);
            collect(call, b.right(), out);
            return;
        }
        if (s instanceof RExpr.Call c && "c".equals(c.function())) {
            for (RExpr.Arg a : c.args()) if (a.value() != null) collect(call, a.value(), out);
            return;
        }
        if (s instanceof RExpr.Call c && c.function() != null
                && List.of("prior", "set_prior", "prior_string").contains(c.function())) {
            out.add(spec(source, c));
            return;
        }
        throw source.error(s.span(), "this is not a brms prior", "write prior(normal(0, 1), class = b), or c(prior(...), prior(...))");
    }

    private static Spec spec(Source source, RExpr.Call c) {
        RExpr dist = null;
        String cls = "b";
        String coef = "";
        String group = "";
        String nlpar = "";
        int position = 0;
        for (RExpr.Arg a : c.args()) {
            String name = a.name();
            if (name == null) {
                name = switch (position++) {
                    case 0 -> "prior";
                    case 1 -> "class";
                    case 2 -> "coef";
                    case 3 -> "group";
                    default -> "other";
                };
            }
            switch (name) {
                case "prior" -> dist = a.value();
                case "class" -> cls = word(source, a);
                case "coef" -> coef = word(source, a);
                case "group" -> group = word(source, a);
                case "nlpar" -> nlpar = word(source, a);
                case "dpar", "resp" -> {
                    String v = word(source, a);
                    if (!v.isEmpty()) {
                        throw source.error(a.span(), "'" + name + " = " + v + "' is not supported yet (no distributional or multivariate models)",
                                "see docs/formulas.md");
                    }
                }
                default -> throw source.error(a.span(), "the prior argument '" + name + "' is not supported yet",
                        "supported: class, coef, group, nlpar; bounds come from the parameter (sd, sigma > 0)");
            }
        }
        if (dist == null) throw source.error(c.span(), "this prior has no distribution", "e.g. prior(normal(0, 1), class = b)");
        if (!c.function().equals("prior")) dist = fromString(source, dist);
        RExpr d = RExpr.strip(dist);
        if (d instanceof RExpr.Str str && str.value().isBlank()) return new Spec(null, cls, coef, group, nlpar, c.span());
        if (!(d instanceof RExpr.Call call) || call.function() == null) {
            throw source.error(dist.span(), "a prior is a distribution", "e.g. normal(0, 1) or student_t(3, 0, 2.5)");
        }
        return new Spec(call, cls, coef, group, nlpar, c.span());
    }

    /** set_prior("normal(0, 1)"): the string read as R code; its errors at the string. */
    private static RExpr fromString(Source source, RExpr value) {
        if (!(RExpr.strip(value) instanceof RExpr.Str s)) {
            throw source.error(value.span(), "set_prior takes the prior as a string", "e.g. set_prior(\"normal(0, 1)\", class = \"b\")");
        }
        if (s.value().isBlank()) return s;
        List<RParser.Statement> st = RParser.statements(new Source(source.file(), s.value()));
        if (st.size() != 1 || st.get(0).expr() == null) {
            throw source.error(s.span(), "cannot read the prior \"" + s.value() + "\"", "write a distribution such as \"normal(0, 1)\"");
        }
        RExpr e = st.get(0).expr();
        return relocate(e, s.span());
    }

    /** An expression parsed from a string, with every span moved to the string literal. */
    private static RExpr relocate(RExpr e, Span at) {
        if (e instanceof RExpr.Call c) {
            List<RExpr.Arg> args = new ArrayList<>();
            for (RExpr.Arg a : c.args()) args.add(new RExpr.Arg(a.name(), a.value() == null ? null : relocate(a.value(), at), at));
            return new RExpr.Call(c.function(), at, List.copyOf(args), at);
        }
        if (e instanceof RExpr.Num n) return new RExpr.Num(n.value(), n.text(), at);
        if (e instanceof RExpr.Unary u) return new RExpr.Unary(u.op(), relocate(u.operand(), at), at);
        if (e instanceof RExpr.Binary b) return new RExpr.Binary(b.op(), relocate(b.left(), at), relocate(b.right(), at), at);
        if (e instanceof RExpr.Paren p) return new RExpr.Paren(relocate(p.inner(), at), at);
        if (e instanceof RExpr.Sym s) return new RExpr.Sym(s.name(), at);
        if (e instanceof RExpr.Str s) return new RExpr.Str(s.value(), at);
        return e;
    }

    private static String word(Source source, RExpr.Arg a) {
        RExpr v = RExpr.strip(a.value());
        if (v instanceof RExpr.Sym s) return s.name();
        if (v instanceof RExpr.Str s) return s.value();
        if (v instanceof RExpr.Num n) return FormulaData.format(n.value());
        throw source.error(a.span(), "'" + a.name() + "' is a name here", "e.g. class = b, coef = x");
    }

    /**
     * The user prior of a parameter, or null for brms's default.
     *
     * @param cls   brms's class ({@code b}, {@code Intercept}, {@code sd}, {@code cor}, {@code sigma}, ...)
     * @param nlpar the non-linear parameter, or "" for none
     * @param group the grouping factor ({@code sd}, {@code cor}), or ""
     * @param coef  the coefficient ({@code b}, {@code sd}), or ""
     */
    Spec find(String cls, String nlpar, String group, String coef) {
        coefs.computeIfAbsent(cls, k -> new LinkedHashSet<>()).add(coef);
        groups.computeIfAbsent(cls, k -> new LinkedHashSet<>()).add(group);
        if (!nlpar.isEmpty()) nlpars.add(nlpar);
        int best = -1;
        int score = -1;
        for (int k = 0; k < specs.size(); k++) {
            Spec s = specs.get(k);
            if (!s.cls().equals(cls) || !s.nlpar().equals(nlpar)) continue;
            if (!s.group().isEmpty() && !s.group().equals(group)) continue;
            if (!s.coef().isEmpty() && !s.coef().equals(coef)) continue;
            int sc = (s.coef().isEmpty() ? 0 : 2) + (s.group().isEmpty() ? 0 : 1);
            if (sc >= score) {   // the last of equally specific priors wins, as in brms
                score = sc;
                best = k;
            }
        }
        if (best < 0) return null;
        for (int k = 0; k < specs.size(); k++) {   // every prior this lookup could have used is used
            Spec s = specs.get(k);
            if (s.cls().equals(cls) && s.nlpar().equals(nlpar) && (s.group().isEmpty() || s.group().equals(group))
                    && (s.coef().isEmpty() || s.coef().equals(coef))) used[k] = true;
        }
        return specs.get(best);
    }

    /**
     * Every user prior must have matched a parameter.
     *
     * @throws UlamException at the first that did not, saying what the model has
     */
    void checkAllUsed() {
        for (int k = 0; k < specs.size(); k++) {
            if (used[k]) continue;
            Spec s = specs.get(k);
            String what = "prior(" + (s.dist() == null ? "\"\"" : Deparse.of(s.dist())) + ", class = " + s.cls()
                    + (s.coef().isEmpty() ? "" : ", coef = " + s.coef()) + (s.group().isEmpty() ? "" : ", group = " + s.group())
                    + (s.nlpar().isEmpty() ? "" : ", nlpar = " + s.nlpar()) + ")";
            String help;
            if (!s.nlpar().isEmpty() && !nlpars.contains(s.nlpar())) {
                help = nlpars.isEmpty() ? "this model has no non-linear parameters: leave nlpar out"
                        : "the non-linear parameters are: " + String.join(", ", nlpars);
            } else if (s.nlpar().isEmpty() && !nlpars.isEmpty() && (s.cls().equals("b") || s.cls().equals("sd"))) {
                help = "in a non-linear model, name the parameter: nlpar = " + String.join(" or nlpar = ", nlpars);
            } else if (!coefs.containsKey(s.cls())) {
                help = "this model has no prior class '" + s.cls() + "'; its classes are: " + String.join(", ", coefs.keySet());
            } else if (!s.group().isEmpty() && !groups.get(s.cls()).contains(s.group())) {
                List<String> g = groups.get(s.cls()).stream().filter(x -> !x.isEmpty()).toList();
                help = "class " + s.cls() + " has no group '" + s.group() + "'" + (g.isEmpty() ? "" : "; its groups are: " + String.join(", ", g));
            } else {
                List<String> c = coefs.get(s.cls()).stream().filter(x -> !x.isEmpty()).toList();
                help = "class " + s.cls() + " has no coefficient '" + s.coef() + "'"
                        + (c.isEmpty() ? "" : "; its coefficients are: " + String.join(", ", c));
            }
            throw source.error(s.span(), what + " does not match any parameter of this model", help);
        }
    }

    /**
     * A prior distribution in the alist language, checked against the library: its name and
     * number of arguments, its arguments numbers ({@code lkj(eta)} is {@code lkj_corr_cholesky(eta)}
     * of the Cholesky factor).
     *
     * @throws UlamException for an unknown distribution or wrong arguments, located
     */
    static String distribution(Source source, RExpr.Call dist, boolean correlation) {
        String name = dist.function();
        if (correlation) {
            if (!name.equals("lkj") && !name.equals("lkj_corr_cholesky")) {
                throw source.error(dist.functionSpan(), "a correlation prior is lkj(eta)", "e.g. prior(lkj(2), class = cor)");
            }
            name = "lkj_corr_cholesky";
        } else if (name.equals("lkj")) {
            throw source.error(dist.functionSpan(), "lkj(eta) is a prior of correlations", "use it with class = cor");
        }
        DistributionSpec spec = Registry.distribution(name).orElse(null);
        if (spec == null || name.equals("flat")) {
            List<String> close = Registry.closest(name, 3);
            throw source.error(dist.functionSpan(), "unknown or unsupported prior distribution '" + dist.function() + "'",
                    close.isEmpty() ? "see docs/formulas.md for the supported priors"
                            : "did you mean " + String.join(" or ", close) + "?");
        }
        if (dist.args().size() != spec.arity()) {
            throw source.error(dist.span(), dist.function() + " takes " + spec.arity() + " argument" + (spec.arity() == 1 ? "" : "s")
                    + ", here " + dist.args().size(), spec.description());
        }
        List<String> args = new ArrayList<>();
        for (RExpr.Arg a : dist.args()) {
            if (a.name() != null) {
                throw source.error(a.span(), "write the arguments of a prior by position", "e.g. normal(0, 1)");
            }
            args.add(FormulaData.literal(Numeric.constant(source, a.value())));
        }
        return name + "(" + String.join(", ", args) + ")";
    }
}
