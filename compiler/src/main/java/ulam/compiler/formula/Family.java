package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * A response distribution and its link, as brms's and rstanarm's {@code family} arguments
 * name them ({@code gaussian}, {@code binomial(link = "logit")}, {@code Gamma(link = "log")},
 * {@code cumulative}, ...), with what each adds to the model: its distributional parameters
 * (brms's {@code sigma}, {@code nu}, {@code shape}, {@code phi}) with their bounds, and the
 * likelihood line in the alist language (the densities of the Stan programs brms 2.18 and
 * rstanarm 2.21 generate for that family).
 *
 * @param kind the family
 * @param link the link function of the mean
 * @param span where the family is written (the default family: the call)
 */
record Family(Kind kind, String link, Span span) {

    /** The supported families, with their names in brms and rstanarm, default link and other links. */
    enum Kind {
        GAUSSIAN("gaussian", "identity", "log"),
        STUDENT("student", "identity", "log"),
        BERNOULLI("bernoulli", "logit", "probit", "cloglog"),
        BINOMIAL("binomial", "logit", "probit", "cloglog"),
        POISSON("poisson", "log", "identity", "sqrt"),
        NEGBINOMIAL("negbinomial", "log", "identity"),
        CUMULATIVE("cumulative", "logit"),
        LOGNORMAL("lognormal", "identity"),
        GAMMA("Gamma", "inverse", "log", "identity"),
        BETA("Beta", "logit", "probit", "cloglog");

        final String brms;
        final List<String> links;

        Kind(String brms, String... links) {
            this.brms = brms;
            this.links = List.of(links);
        }
    }

    /**
     * A distributional parameter of the family (not predicted: one value for all rows).
     *
     * @param name  brms's name ({@code sigma}, {@code nu}, {@code shape}, {@code phi})
     * @param lower its lower bound ({@code 0}, or {@code 1} for brms's {@code nu})
     */
    record Dpar(String name, double lower) {}

    /** The family as written: a name, a call with a link, or a string. */
    static Family read(Source source, RExpr e) {
        RExpr s = RExpr.strip(e);
        String name;
        String link = null;
        if (s instanceof RExpr.Sym sym) {
            name = sym.name();
        } else if (s instanceof RExpr.Str str) {
            name = str.value();
        } else if (s instanceof RExpr.Call c && c.function() != null) {
            name = c.function();
            for (RExpr.Arg a : c.args()) {
                if (a.name() == null || a.name().equals("link")) {
                    if (!(RExpr.strip(a.value()) instanceof RExpr.Str l) && !(RExpr.strip(a.value()) instanceof RExpr.Sym)) {
                        throw source.error(a.span(), "a link is written as a name in quotes", "e.g. binomial(link = \"logit\")");
                    }
                    link = RExpr.strip(a.value()) instanceof RExpr.Str l ? l.value() : ((RExpr.Sym) RExpr.strip(a.value())).name();
                } else if (!a.name().equals("link_sigma") && !a.name().equals("threshold")) {
                    throw source.error(a.span(), "the family argument '" + a.name() + "' is not supported yet", "see docs/formulas.md");
                } else if (a.name().equals("threshold") && !(RExpr.strip(a.value()) instanceof RExpr.Str t && t.value().equals("flexible"))) {
                    throw source.error(a.span(), "only flexible thresholds are supported yet", "leave threshold out (brms's default \"flexible\")");
                }
            }
        } else {
            throw source.error(s.span(), "this is not a family", "write e.g. family = gaussian or family = binomial(link = \"logit\")");
        }
        Kind kind = kind(name);
        if (kind == null) {
            throw source.error(s.span(), "unknown or unsupported family '" + name + "'",
                    "supported: " + supported() + " (see docs/formulas.md)");
        }
        if (link == null) link = kind.links.get(0);
        if (!kind.links.contains(link)) {
            throw source.error(s.span(), "the link '" + link + "' is not supported for " + kind.brms,
                    "links of " + kind.brms + ": " + String.join(", ", kind.links));
        }
        return new Family(kind, link, s.span());
    }

    private static Kind kind(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian", "normal" -> Kind.GAUSSIAN;
            case "student", "student_t" -> Kind.STUDENT;
            case "bernoulli" -> Kind.BERNOULLI;
            case "binomial" -> Kind.BINOMIAL;
            case "poisson" -> Kind.POISSON;
            case "negbinomial", "neg_binomial_2", "negative_binomial" -> Kind.NEGBINOMIAL;
            case "cumulative" -> Kind.CUMULATIVE;
            case "lognormal" -> Kind.LOGNORMAL;
            case "gamma" -> Kind.GAMMA;
            case "beta" -> Kind.BETA;
            default -> null;
        };
    }

    private static String supported() {
        List<String> out = new ArrayList<>();
        for (Kind k : Kind.values()) out.add(k.brms);
        return String.join(", ", out);
    }

    /** brms's distributional parameters of the family, in brms's order. */
    List<Dpar> dpars() {
        return switch (kind) {
            case GAUSSIAN, LOGNORMAL -> List.of(new Dpar("sigma", 0));
            case STUDENT -> List.of(new Dpar("sigma", 0), new Dpar("nu", 1));
            case NEGBINOMIAL, GAMMA -> List.of(new Dpar("shape", 0));
            case BETA -> List.of(new Dpar("phi", 0));
            default -> List.of();
        };
    }

    /** Whether the response is a count of successes out of trials. */
    boolean binomial() {
        return kind == Kind.BINOMIAL;
    }

    /**
     * The line that defines the mean {@code mu} from the linear predictor {@code eta} through the
     * inverse link ({@code logit(mu) <- eta}; null for the ordinal family, which uses the linear
     * predictor itself).
     */
    String meanLine(String mu, String eta) {
        return switch (link) {
            case "identity" -> mu + " <- " + eta;
            case "log" -> "log(" + mu + ") <- " + eta;
            case "logit" -> kind == Kind.CUMULATIVE ? null : "logit(" + mu + ") <- " + eta;
            case "cloglog" -> "cloglog(" + mu + ") <- " + eta;
            case "probit" -> mu + " <- Phi(" + eta + ")";
            case "inverse" -> mu + " <- 1 / (" + eta + ")";
            case "sqrt" -> mu + " <- square(" + eta + ")";
            default -> throw new IllegalStateException(link);
        };
    }

    /**
     * The likelihood line.
     *
     * @param y      the outcome (a data column)
     * @param trials the number of trials (binomial), or null
     * @param mu     the mean (or the linear predictor, for the ordinal family)
     * @param dpar   the alist names of {@link #dpars()}, in order
     * @param thresholds the ordinal family's cutpoints, or null
     */
    String likelihood(String y, String trials, String mu, List<String> dpar, String thresholds) {
        return y + " ~ " + switch (kind) {
            case GAUSSIAN -> "normal(" + mu + ", " + dpar.get(0) + ")";
            case STUDENT -> "student_t(" + dpar.get(1) + ", " + mu + ", " + dpar.get(0) + ")";
            case BERNOULLI -> "bernoulli(" + mu + ")";
            case BINOMIAL -> "binomial(" + trials + ", " + mu + ")";
            case POISSON -> "poisson(" + mu + ")";
            case NEGBINOMIAL -> "neg_binomial_2(" + mu + ", " + dpar.get(0) + ")";
            case CUMULATIVE -> "ordered_logistic(" + mu + ", " + thresholds + ")";
            case LOGNORMAL -> "lognormal(" + mu + ", " + dpar.get(0) + ")";
            case GAMMA -> "gamma(" + dpar.get(0) + ", " + dpar.get(0) + " / " + mu + ")";
            case BETA -> "beta2(" + mu + ", " + dpar.get(0) + ")";
        };
    }

    /**
     * The link brms applies to the response for its default priors ({@code def_scale_prior}:
     * identity, log, inverse or sqrt transform the response; the lognormal family is on the log
     * scale), or null when the response is not transformed and the defaults are fixed.
     */
    String priorScaleLink() {
        if (kind == Kind.LOGNORMAL) return "log";
        return switch (link) {
            case "identity", "log", "inverse", "sqrt" -> kind == Kind.CUMULATIVE ? null : link;
            default -> null;
        };
    }

    /** The family as brms prints it: {@code gaussian(identity)}. */
    @Override
    public String toString() {
        return kind.brms + "(" + link + ")";
    }
}
