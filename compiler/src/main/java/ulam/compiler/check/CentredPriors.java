package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import ulam.compiler.ast.Expr;

/**
 * Centred hierarchical priors, and how to write them non-centred: the advice printed beside a
 * run's divergent transitions. A prior {@code x ~ normal(mu, s)} (or {@code student_t(nu, mu, s)},
 * {@code cauchy(mu, s)}) on an unconstrained parameter whose scale {@code s} depends on other
 * parameters makes the funnel of Neal (2003) when the data say little about {@code x}; the
 * non-centred form samples {@code z_x ~ normal(0, 1)} and uses {@code mu + z_x*s} in place of
 * {@code x} (Statistical Rethinking 2nd ed., section 13.4; Betancourt and Girolami 2015, "Hamiltonian
 * Monte Carlo for hierarchical models").
 */
public final class CentredPriors {
    private CentredPriors() {}

    /**
     * One sentence per centred prior of the model, in line order: where it is, why it can make a
     * funnel and the non-centred lines that replace it. Empty when there is none.
     *
     * @param spec a checked model
     * @return advice lines, each naming the model's line number
     */
    public static List<String> advice(ModelSpec spec) {
        List<String> out = new ArrayList<>();
        for (Term t : spec.terms()) {
            TExpr.Density d = t.density();
            if (t.likelihood() || d == null || t.lhs() == null || t.lhs().kind() != Kind.PARAMETER
                    || t.statement() == null || t.statement().span() == null) continue;
            if (!t.lhs().constraint().isNone() || t.lhs().transform() != null) continue;
            int scaleAt = switch (d.distribution().name()) {
                case "normal", "cauchy" -> 1;
                case "student_t" -> 2;
                default -> -1;
            };
            if (scaleAt < 0 || d.args().size() <= scaleAt) continue;
            List<String> scaleNames = parametersRead(d.args().get(scaleAt));
            if (scaleNames.isEmpty()) continue;
            int line = t.statement().span().line();
            String text = spec.source().line(line);
            if (text.indexOf('#') >= 0) text = text.substring(0, text.indexOf('#'));   // a trailing comment
            text = text.strip();
            if (text.endsWith(",")) text = text.substring(0, text.length() - 1).strip();   // a line of an alist(...)
            int tilde = text.indexOf('~');
            if (tilde < 0) continue;
            String lhs = text.substring(0, tilde).strip();
            String written = t.statement().rhs() instanceof Expr.Call c ? c.function() : d.distribution().name();
            String name = t.lhs().name();
            int colon = lhs.lastIndexOf(':');   // an explicit type, vector[K]:a
            String target = lhs.substring(colon + 1).strip();
            boolean plain = target.startsWith(name) && (target.length() == name.length() || target.charAt(name.length()) == '[');
            if (!plain) continue;   // c(a, b) ~ ..., or a name written otherwise than it is known
            String z = "z_" + name;
            String zIndexed = z + target.substring(name.length());
            String zLhs = lhs.substring(0, colon + 1) + zIndexed;
            String location = TExprs.show(d.args().get(scaleAt - 1));
            String scale = TExprs.show(d.args().get(scaleAt));
            String standard = scaleAt == 2 ? TExprs.show(d.args().get(0)) + ", 0, 1" : "0, 1";
            boolean zeroLocation = d.args().get(scaleAt - 1) instanceof TExpr.Num n && n.value() == 0;
            String replacement = (zeroLocation ? "" : location + " + ") + zIndexed + "*" + scale;
            String why = scaleNames.equals(List.of(scale)) ? " is a parameter" : " depends on " + String.join(" and ", scaleNames);
            out.add("line " + line + ", " + text + ": its scale " + scale + why + ", so " + name + " and "
                    + String.join(" and ", scaleNames) + " can form a funnel. Non-centred, it reads " + zLhs + " ~ " + written
                    + "(" + standard + ") with " + replacement + " wherever " + target + " was used"
                    + " (a gq> line can still report " + name + "; see examples/funnel_nc.ulam and chimpanzees_nc.ulam).");
        }
        return out;
    }

    /** The parameters and model locals the value reads, in order of first use. */
    private static List<String> parametersRead(TExpr e) {
        List<String> names = new ArrayList<>();
        TExprs.walk(e, x -> {
            if (x instanceof TExpr.Ref r && r.symbol() != null && dependsOnParameters(r.symbol().kind())
                    && !r.symbol().anonymous() && !names.contains(r.symbol().name())) {
                names.add(r.symbol().name());
            }
        });
        return names;
    }

    private static boolean dependsOnParameters(Kind k) {
        return k == Kind.PARAMETER || k == Kind.LOCAL || k == Kind.TRANSFORMED_PARAMETER || k == Kind.SAVED;
    }
}
