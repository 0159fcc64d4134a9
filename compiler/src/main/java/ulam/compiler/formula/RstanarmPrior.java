package ulam.compiler.formula;

import java.util.List;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * One prior argument of rstanarm ({@code prior = normal(0, 2.5)}, {@code prior_aux =
 * exponential(rate = 0.1)}, {@code prior = NULL}), with rstanarm 2.21's meaning
 * ({@code ?rstanarm::priors}): {@code normal(location, scale, autoscale)},
 * {@code student_t(df, location, scale, autoscale)}, {@code cauchy(location, scale, autoscale)},
 * {@code exponential(rate, autoscale)}; {@code autoscale} is FALSE unless written (the
 * defaults rstanarm uses when the argument is absent are autoscaled). A scale is rescaled by
 * {@link #scaled}; an exponential's rate is divided by the same factor.
 *
 * @param dist      {@code normal}, {@code student_t}, {@code exponential}, or null for NULL (flat)
 * @param df        degrees of freedom (student_t; 1 for cauchy)
 * @param location  location (NaN when the default's location is not yet known)
 * @param scale     scale (for exponential: 1 / rate); NaN when not given (the default 2.5)
 * @param autoscale whether rstanarm rescales it with the data
 */
record RstanarmPrior(String dist, double df, double location, double scale, boolean autoscale) {

    /** rstanarm's default for coefficients and the intercept: normal(0, 2.5), autoscaled. */
    static RstanarmPrior defaultNormal() {
        return new RstanarmPrior("normal", Double.NaN, 0, 2.5, true);
    }

    /** rstanarm's default for the auxiliary parameter: exponential(1), autoscaled. */
    static RstanarmPrior defaultExponential() {
        return new RstanarmPrior("exponential", Double.NaN, Double.NaN, 1, true);
    }

    /**
     * Reads a prior argument.
     *
     * @param exponentialOk whether exponential is allowed (the auxiliary parameter)
     * @throws UlamException for a prior this front end does not support, located
     */
    static RstanarmPrior read(Source source, RExpr e, boolean exponentialOk) {
        RExpr s = RExpr.strip(e);
        if (s instanceof RExpr.Sym sym && sym.name().equals("NULL")) return new RstanarmPrior(null, 0, 0, 0, false);
        if (!(s instanceof RExpr.Call c) || c.function() == null) {
            throw source.error(s.span(), "this is not an rstanarm prior", "e.g. normal(0, 2.5), student_t(3, 0, 2.5) or NULL");
        }
        List<String> names = switch (c.function()) {
            case "normal" -> List.of("location", "scale", "autoscale");
            case "student_t" -> List.of("df", "location", "scale", "autoscale");
            case "cauchy" -> List.of("location", "scale", "autoscale");
            case "exponential" -> List.of("rate", "autoscale");
            default -> throw source.error(c.functionSpan(), "the rstanarm prior " + c.function() + "() is not supported yet",
                    "supported: normal(), student_t(), cauchy(), exponential() and NULL; see docs/formulas.md");
        };
        if (c.function().equals("exponential") && !exponentialOk) {
            throw source.error(c.functionSpan(), "exponential() is a prior of the auxiliary parameter (prior_aux)",
                    "for coefficients use normal(), student_t() or cauchy()");
        }
        double df = c.function().equals("cauchy") ? 1 : Double.NaN;
        double location = 0;
        double scale = Double.NaN;
        boolean autoscale = false;
        int position = 0;
        for (RExpr.Arg a : c.args()) {
            String n = a.name() != null ? a.name() : position < names.size() ? names.get(position) : "?";
            position++;
            if (!names.contains(n)) {
                throw source.error(a.span(), c.function() + "() has no argument '" + n + "' here", "its arguments: " + String.join(", ", names));
            }
            if (n.equals("autoscale")) {
                autoscale = RExpr.strip(a.value()) instanceof RExpr.Sym b && (b.name().equals("TRUE") || b.name().equals("T"));
                continue;
            }
            if (RExpr.strip(a.value()) instanceof RExpr.Call v && "c".equals(v.function())) {
                throw source.error(a.span(), "a vector of prior " + n + "s is not supported yet", "give one number for all coefficients");
            }
            double v = Numeric.constant(source, a.value());
            switch (n) {
                case "df" -> df = v;
                case "location" -> location = v;
                case "scale" -> scale = v;
                default -> scale = 1 / v;   // rate
            }
        }
        if (c.function().equals("student_t") && Double.isNaN(df)) df = 1;
        if (Double.isNaN(scale)) scale = c.function().equals("exponential") ? 1 : 2.5;
        return new RstanarmPrior(c.function().equals("cauchy") ? "student_t" : c.function(), df, location, scale, autoscale);
    }

    /** The prior with its scale multiplied by {@code factor} when it is autoscaled. */
    RstanarmPrior scaled(double factor) {
        if (dist == null || !autoscale) return this;
        return new RstanarmPrior(dist, df, location, scale * factor, autoscale);
    }

    /** The prior with the given location (rstanarm's default intercept: the mean of a Gaussian outcome). */
    RstanarmPrior at(double newLocation) {
        return new RstanarmPrior(dist, df, newLocation, scale, autoscale);
    }

    /** The prior line's distribution in the alist language ({@code flat()} for NULL). */
    String alist() {
        if (dist == null) return "flat()";
        return switch (dist) {
            case "normal" -> "normal(" + FormulaData.literal(location) + ", " + FormulaData.literal(scale) + ")";
            case "student_t" -> "student_t(" + FormulaData.literal(df) + ", " + FormulaData.literal(location) + ", "
                    + FormulaData.literal(scale) + ")";
            default -> "exponential(" + FormulaData.literal(1 / scale) + ")";
        };
    }
}
