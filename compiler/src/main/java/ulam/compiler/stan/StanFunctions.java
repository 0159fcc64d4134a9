package ulam.compiler.stan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ulam.compiler.check.Elem;
import ulam.compiler.check.TExpr;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.ValueType;

/**
 * How the library's distributions and functions are spelled in Stan. A library name that is also
 * Stan's (the registry uses Stan's names: {@code normal}, {@code bernoulli_logit},
 * {@code inv_logit}, {@code log_mix}) is kept; rethinking's own parameterisations are rewritten in
 * terms of Stan's ({@code gamma2(m, s)} is {@code gamma(m / s, 1 / s)}, {@code beta2(p, t)} is
 * {@code beta(p * t, (1 - p) * t)}, {@code half_normal} and {@code half_cauchy} are Stan's normal
 * and cauchy truncated at 0 and renormalised). Anything else is refused with
 * {@link StanUnsupported}: a distribution or function added to the library later needs a line here.
 */
final class StanFunctions {
    private StanFunctions() {}

    /** Stan's functions that Stan 2.21 does not reserve as names (so the reserved list lacks them). */
    private static final Set<String> UNRESERVED = Set.of("e", "pi", "sqrt2", "log2", "log10", "not_a_number",
            "positive_infinity", "negative_infinity", "machine_precision");

    /** Unary functions that Stan 2.21 applies element by element to a vector or matrix. */
    private static final Set<String> VECTORISED = Set.of("exp", "log", "inv_logit", "logit", "log1m", "log1p",
            "log1p_exp", "log_inv_logit", "log1m_inv_logit", "inv_cloglog", "square", "sqrt", "lgamma", "Phi",
            "Phi_approx", "inv");

    /**
     * A distribution as Stan spells it.
     *
     * @param name       Stan's name of the family, e.g. {@code normal}
     * @param args       the arguments in Stan's parameterisation
     * @param intOutcome whether the outcome is a whole number ({@code _lpmf}, {@code _rng} gives an int)
     * @param intArgs    per argument, whether Stan needs a whole number there
     * @param truncated  whether the density is truncated to {@code y >= 0} and renormalised
     *                   ({@code name_lpdf(y | ...) - name_lccdf(0 | ...)})
     */
    record Form(String name, List<TExpr> args, boolean intOutcome, List<Boolean> intArgs, boolean truncated) {

        /** {@code _lpmf} or {@code _lpdf}. */
        String suffix() {
            return intOutcome ? "_lpmf" : "_lpdf";
        }

        /** Whether the family is defined in the program's functions block (it takes single values only). */
        boolean userDefined() {
            return USER_DEFINED.containsKey(name);
        }
    }

    /**
     * Families the program defines itself, by name: rethinking's {@code betabinomial} (written out,
     * since rstan 2.21's {@code beta_binomial_lpmf} computes a wrong log density) and
     * {@code zipoisson} (rethinking's {@code dzipois}), with its generator; and the function
     * {@code cov_GPL2}, rethinking's Gaussian-process kernel.
     */
    private static final java.util.Map<String, List<String>> USER_DEFINED = java.util.Map.of(
            "betabinomial", List.of(
                    "// rethinking's dbetabinom: beta_binomial(N, pbar * theta, (1 - pbar) * theta), written out",
                    "// (rstan 2.21's beta_binomial_lpmf computes a wrong log density)",
                    "real betabinomial_lpmf(int y, int N, real pbar, real theta) {",
                    "  real a = pbar * theta;",
                    "  real b = (1 - pbar) * theta;",
                    "  return lchoose(N, y) + lbeta(y + a, N - y + b) - lbeta(a, b);",
                    "}"),
            "zipoisson", List.of(
                    "// rethinking's dzipois: a zero with probability p, else poisson(lambda)",
                    "real zipoisson_lpmf(int y, real p, real lambda) {",
                    "  if (y == 0) return log_sum_exp(log(p), log1m(p) + poisson_lpmf(0 | lambda));",
                    "  return log1m(p) + poisson_lpmf(y | lambda);",
                    "}",
                    "int zipoisson_rng(real p, real lambda) {",
                    "  if (bernoulli_rng(p) == 1) return 0;",
                    "  return poisson_rng(lambda);",
                    "}"),
            "cov_GPL2", List.of(
                    "// rethinking's L2 kernel: K[i, j] = sq_alpha * exp(-sq_rho * x[i, j]^2), sq_alpha + delta on the diagonal",
                    "matrix cov_GPL2(matrix x, real sq_alpha, real sq_rho, real delta) {",
                    "  int N = rows(x);",
                    "  matrix[N, N] K;",
                    "  for (i in 1:N) {",
                    "    K[i, i] = sq_alpha + delta;",
                    "    for (j in (i + 1):N) {",
                    "      K[i, j] = sq_alpha * exp(-sq_rho * square(x[i, j]));",
                    "      K[j, i] = K[i, j];",
                    "    }",
                    "  }",
                    "  return K;",
                    "}"));

    /** The functions-block lines defining a family the program defines itself ({@link Form#userDefined()}). */
    static List<String> definition(String name) {
        return USER_DEFINED.get(name);
    }

    /** Whether Stan (2.21) has a function of that name. */
    static boolean exists(String name) {
        return StanNames.reserved(name) || UNRESERVED.contains(name);
    }

    /** Whether a unary function applies element by element to vectors in Stan 2.21. */
    static boolean vectorised(String stanName) {
        return VECTORISED.contains(stanName);
    }

    /**
     * The Stan form of a density.
     *
     * @throws StanUnsupported for a distribution Stan does not have, or a multivariate one
     */
    static Form density(TExpr.Density d) {
        return form(d.distribution(), d.args());
    }

    /**
     * The Stan form of a random draw ({@code normal_rng}).
     *
     * @throws StanUnsupported for a distribution without a Stan generator
     */
    static Form rng(TExpr.Rng r) {
        if (r.distribution().name().equals("betabinomial")) {
            // Stan's generator is right (only its log density is not)
            List<TExpr> a = r.args();
            TExpr q = new TExpr.Arith(TExpr.Op.SUB, new TExpr.Num(1, Elem.INT), a.get(1), Elem.REAL);
            return new Form("beta_binomial", List.of(a.get(0), mul(a.get(1), a.get(2)), mul(q, a.get(2))), true,
                    List.of(true, false, false), false);
        }
        Form f = form(r.distribution(), r.args());
        if (f.userDefined()) return f;
        if (f.truncated()) {
            throw new StanUnsupported(r.distribution().name() + "_rng");
        }
        if (!exists(f.name() + "_rng")) {
            // Stan 2.21 has no binomial_logit_rng: draw from the probability scale
            if (f.name().endsWith("_logit") && exists(f.name().substring(0, f.name().length() - 6) + "_rng")) {
                List<TExpr> args = new ArrayList<>(f.args());
                int last = args.size() - 1;
                args.set(last, call("inv_logit", args.get(last)));
                return new Form(f.name().substring(0, f.name().length() - 6), args, f.intOutcome(), f.intArgs(), false);
            }
            throw new StanUnsupported(r.distribution().name() + "_rng");
        }
        return f;
    }

    /** Stan's name of a distribution with vector operands (the registry uses Stan's names). */
    static String vectorName(DistributionSpec spec) {
        return spec.name();
    }

    private static Form form(DistributionSpec spec, List<TExpr> args) {
        if (!spec.allScalar()) {
            throw new StanUnsupported("the multivariate distribution " + spec.name());
        }
        boolean intOutcome = spec.outcome() == ValueType.INT;
        List<Boolean> intArgs = new ArrayList<>();
        for (DistributionSpec.Arg a : spec.args()) intArgs.add(a.type() == ValueType.INT);
        switch (spec.name()) {
            case "gamma2" -> {
                TExpr mean = args.get(0);
                TExpr scale = args.get(1);
                return new Form("gamma", List.of(div(mean, scale), div(new TExpr.Num(1, Elem.REAL), scale)), false,
                        List.of(false, false), false);
            }
            case "beta2" -> {
                TExpr p = args.get(0);
                TExpr theta = args.get(1);
                TExpr q = new TExpr.Arith(TExpr.Op.SUB, new TExpr.Num(1, Elem.INT), p, Elem.REAL);
                return new Form("beta", List.of(mul(p, theta), mul(q, theta)), false, List.of(false, false), false);
            }
            case "half_normal" -> {
                return new Form("normal", args, false, intArgs, true);
            }
            case "half_cauchy" -> {
                return new Form("cauchy", args, false, intArgs, true);
            }
            case "betabinomial", "zipoisson" -> {
                return new Form(spec.name(), args, intOutcome, intArgs, false);
            }
            default -> {
                if (!exists(spec.name() + (intOutcome ? "_lpmf" : "_lpdf"))) {
                    throw new StanUnsupported("the distribution " + spec.name());
                }
                return new Form(spec.name(), args, intOutcome, intArgs, false);
            }
        }
    }

    private static TExpr div(TExpr a, TExpr b) {
        return new TExpr.Arith(TExpr.Op.DIV, a, b, Elem.REAL);
    }

    private static TExpr mul(TExpr a, TExpr b) {
        return new TExpr.Arith(TExpr.Op.MUL, a, b, Elem.REAL);
    }

    private static TExpr call(String name, TExpr arg) {
        return new TExpr.Call(ulam.stdlib.Registry.function(name).orElseThrow(), List.of(arg));
    }
}
