package ulam.stdlib;

import static ulam.stdlib.ValueType.INT;
import static ulam.stdlib.ValueType.REAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ulam.stdlib.DistributionSpec.Arg;
import ulam.stdlib.DistributionSpec.LinkRewrite;
import ulam.stdlib.FunctionSpec.Kind;
import ulam.stdlib.data.DataFunctions;
import ulam.stdlib.dist.Bernoulli;
import ulam.stdlib.dist.BernoulliLogit;
import ulam.stdlib.dist.Beta;
import ulam.stdlib.dist.Beta2;
import ulam.stdlib.dist.Binomial;
import ulam.stdlib.dist.BinomialLogit;
import ulam.stdlib.dist.Cauchy;
import ulam.stdlib.dist.Exponential;
import ulam.stdlib.dist.Gamma;
import ulam.stdlib.dist.Gamma2;
import ulam.stdlib.dist.HalfCauchy;
import ulam.stdlib.dist.HalfNormal;
import ulam.stdlib.dist.LogNormal;
import ulam.stdlib.dist.Normal;
import ulam.stdlib.dist.Poisson;
import ulam.stdlib.dist.PoissonLog;
import ulam.stdlib.dist.StudentT;
import ulam.stdlib.dist.Uniform;
import ulam.stdlib.math.Functions;

/**
 * The one registry of the library's signatures: every distribution and function the language
 * knows, by canonical name and alias. The type checker reads it to resolve names, count
 * arguments, infer constraints and suggest the nearest name; the code generator reads it to find
 * the static methods to call. Adding a distribution means adding its class and one entry here.
 *
 * <p>Every name and alias denotes exactly one entry, across distributions and functions alike;
 * the table is checked for this when the class loads, so a clash fails every use at once.
 */
public final class Registry {
    private Registry() {}

    // ------------------------------------------------------------------------------------------
    // The table. One entry per distribution: name, implementation, description, then aliases,
    // outcome, arguments and the optional features. Arguments: real(..) unconstrained,
    // positive(..) > 0, unit(..) in (0, 1), count(..) an int that must be data.

    private static final List<DistributionSpec> DISTRIBUTIONS = List.of(
            dist("normal", Normal.class, "normal(mu, sigma): mean mu, standard deviation sigma > 0")
                    .aliases("dnorm").args(real("mu"), positive("sigma")).build(),
            dist("half_normal", HalfNormal.class,
                    "half_normal(mu, sigma): normal(mu, sigma) truncated to y >= 0 and renormalised; y >= 0")
                    .aliases("dhalfnorm").outcome(REAL, Support.POSITIVE)
                    .args(real("mu"), positive("sigma")).build(),
            dist("cauchy", Cauchy.class, "cauchy(mu, sigma): location mu, scale sigma > 0")
                    .aliases("dcauchy").args(real("mu"), positive("sigma")).build(),
            dist("half_cauchy", HalfCauchy.class,
                    "half_cauchy(mu, sigma): cauchy(mu, sigma) truncated to y >= 0 and renormalised; y >= 0")
                    .aliases("dhalfcauchy").outcome(REAL, Support.POSITIVE)
                    .args(real("mu"), positive("sigma")).build(),
            dist("student_t", StudentT.class,
                    "student_t(nu, mu, sigma): degrees of freedom nu > 0, location mu, scale sigma > 0")
                    .aliases("dstudent").args(positive("nu"), real("mu"), positive("sigma")).build(),
            dist("lognormal", LogNormal.class,
                    "lognormal(mu, sigma): log(y) ~ normal(mu, sigma); y > 0")
                    .aliases("log_normal", "dlnorm").outcome(REAL, Support.POSITIVE)
                    .args(real("mu"), positive("sigma")).build(),
            dist("gamma", Gamma.class,
                    "gamma(shape, rate): shape > 0, rate > 0, mean shape/rate (Stan and R); y > 0")
                    .aliases("dgamma").outcome(REAL, Support.POSITIVE)
                    .args(positive("shape"), positive("rate")).build(),
            dist("gamma2", Gamma2.class,
                    "gamma2(mean, scale): gamma with shape mean/scale and rate 1/scale (rethinking's dgamma2); y > 0")
                    .aliases("dgamma2").outcome(REAL, Support.POSITIVE)
                    .args(positive("mean"), positive("scale")).build(),
            dist("exponential", Exponential.class, "exponential(rate): rate > 0, mean 1/rate; y > 0")
                    .aliases("dexp").outcome(REAL, Support.POSITIVE).args(positive("rate")).build(),
            dist("uniform", Uniform.class,
                    "uniform(lower, upper): uniform on [lower, upper]; a parameter gets these bounds")
                    .aliases("dunif").outcome(REAL, Support.ARG_BOUNDS).args(real("lower"), real("upper"))
                    .bounds(0, 1).build(),
            dist("beta", Beta.class, "beta(a, b): shapes a > 0, b > 0, mean a/(a+b); y in (0, 1)")
                    .aliases("dbeta").outcome(REAL, Support.UNIT).args(positive("a"), positive("b")).build(),
            dist("beta2", Beta2.class,
                    "beta2(p, theta): beta with mean p in (0, 1) and concentration theta > 0, i.e. beta(p*theta, (1-p)*theta); y in (0, 1)")
                    .aliases("dbeta2").outcome(REAL, Support.UNIT).args(unit("p"), positive("theta")).build(),
            dist("bernoulli", Bernoulli.class, "bernoulli(p): y = 1 with probability p in [0, 1], else 0")
                    .aliases("dbern").outcome(INT, Support.REAL).args(unit("p"))
                    .link(0, "inv_logit", "bernoulli_logit").build(),
            dist("bernoulli_logit", BernoulliLogit.class,
                    "bernoulli_logit(alpha): bernoulli(inv_logit(alpha)), alpha on the log-odds scale")
                    .outcome(INT, Support.REAL).args(real("alpha")).build(),
            dist("binomial", Binomial.class,
                    "binomial(N, p): successes in N trials (int data) with probability p in [0, 1]")
                    .aliases("dbinom").outcome(INT, Support.REAL).args(count("N"), unit("p")).withConstant()
                    .link(1, "inv_logit", "binomial_logit").build(),
            dist("binomial_logit", BinomialLogit.class,
                    "binomial_logit(N, alpha): binomial(N, inv_logit(alpha)), alpha on the log-odds scale")
                    .outcome(INT, Support.REAL).args(count("N"), real("alpha")).withConstant().build(),
            dist("poisson", Poisson.class, "poisson(lambda): counts with rate (mean) lambda > 0")
                    .aliases("dpois").outcome(INT, Support.REAL).args(positive("lambda")).withConstant()
                    .link(0, "exp", "poisson_log").build(),
            dist("poisson_log", PoissonLog.class,
                    "poisson_log(alpha): poisson(exp(alpha)), alpha the log rate")
                    .outcome(INT, Support.REAL).args(real("alpha")).withConstant().build());

    private static final List<FunctionSpec> FUNCTIONS = List.of(
            scalar("exp", "exp", 1, "exp(x): the exponential function"),
            scalar("log", "log", 1, "log(x): natural logarithm, x > 0"),
            scalar("inv_logit", "invLogit", 1, "inv_logit(x): the logistic function 1/(1+exp(-x))", "logistic"),
            scalar("logit", "logit", 1, "logit(p): log-odds log(p/(1-p)), p in (0, 1)"),
            scalar("log1m", "log1m", 1, "log1m(x): log(1-x), accurate for small x"),
            scalar("log1p", "log1p", 1, "log1p(x): log(1+x), accurate for small x"),
            scalar("log1p_exp", "log1pExp", 1, "log1p_exp(x): log(1+exp(x)) without overflow"),
            scalar("log_inv_logit", "logInvLogit", 1, "log_inv_logit(x): log(inv_logit(x)), stable"),
            scalar("log1m_inv_logit", "log1mInvLogit", 1, "log1m_inv_logit(x): log(1-inv_logit(x)), stable"),
            scalar("inv_cloglog", "invCloglog", 1, "inv_cloglog(x): 1-exp(-exp(x)), inverse of cloglog"),
            scalar("cloglog", "cloglog", 1, "cloglog(p): complementary log-log log(-log(1-p)), p in (0, 1)"),
            scalar("square", "square", 1, "square(x): x*x"),
            scalar("sqrt", "sqrt", 1, "sqrt(x): square root, x >= 0"),
            scalar("pow", "pow", 2, "pow(x, y): x to the power y (also written x^y)"),
            scalar("abs", "abs", 1, "abs(x): absolute value", "fabs"),
            scalar("fmin", "fmin", 2, "fmin(x, y): the smaller of x and y"),
            scalar("fmax", "fmax", 2, "fmax(x, y): the larger of x and y"),
            scalar("lgamma", "lgamma", 1, "lgamma(x): natural log of the absolute gamma function"),
            reduction("sum", "sum(v): sum of the elements of a vector"),
            reduction("mean", "mean(v): arithmetic mean of the elements of a vector"),
            data("standardize", "standardize", List.of(REAL),
                    "standardize(x): (x - mean(x)) / sd(x), as rethinking's standardize (data only)"),
            data("sd", "sd", List.of(REAL), "sd(x): sample standard deviation, denominator n-1 (data only)"),
            data("as_index", "asIndex", List.of(REAL),
                    "as_index(x): codes the distinct values of x (int, real or string) as 1..K in sorted order (data only)"),
            data("seq", "seq", List.of(INT, INT), "seq(from, to): the integers from:to, as R's from:to (data only)"),
            data("length", "length", List.of(REAL), "length(x): the number of values in x (data only)"));

    // ------------------------------------------------------------------------------------------
    // Indexes, built and checked once.

    private static final Map<String, DistributionSpec> DISTRIBUTION_BY_NAME = new HashMap<>();
    private static final Map<String, FunctionSpec> FUNCTION_BY_NAME = new HashMap<>();
    private static final List<String> ALL_NAMES = new ArrayList<>();

    static {
        Map<String, String> owner = new HashMap<>();
        for (DistributionSpec d : DISTRIBUTIONS) {
            for (String n : namesOf(d.name(), d.aliases())) {
                claim(owner, n, "distribution " + d.name());
                DISTRIBUTION_BY_NAME.put(n, d);
            }
        }
        for (FunctionSpec f : FUNCTIONS) {
            for (String n : namesOf(f.name(), f.aliases())) {
                claim(owner, n, "function " + f.name());
                FUNCTION_BY_NAME.put(n, f);
            }
        }
        ALL_NAMES.addAll(owner.keySet());
        ALL_NAMES.sort(Comparator.naturalOrder());
    }

    private static List<String> namesOf(String name, List<String> aliases) {
        List<String> names = new ArrayList<>(aliases.size() + 1);
        names.add(name);
        names.addAll(aliases);
        return names;
    }

    private static void claim(Map<String, String> owner, String name, String entry) {
        String previous = owner.putIfAbsent(name, entry);
        if (previous != null) {
            throw new IllegalStateException(
                    "registry: the name '" + name + "' is claimed by both " + previous + " and " + entry);
        }
    }

    // ------------------------------------------------------------------------------------------
    // The public API.

    /** The distribution of that canonical name or alias ({@code normal}, {@code dnorm}). */
    public static Optional<DistributionSpec> distribution(String nameOrAlias) {
        return Optional.ofNullable(DISTRIBUTION_BY_NAME.get(nameOrAlias));
    }

    /** The function of that name or alias ({@code inv_logit}, {@code logistic}). */
    public static Optional<FunctionSpec> function(String nameOrAlias) {
        return Optional.ofNullable(FUNCTION_BY_NAME.get(nameOrAlias));
    }

    /** Every distribution, in library order. */
    public static List<DistributionSpec> distributions() {
        return DISTRIBUTIONS;
    }

    /** Every function, in library order. */
    public static List<FunctionSpec> functions() {
        return FUNCTIONS;
    }

    /**
     * Known names (distributions and functions, aliases included) nearest to an unknown one by
     * edit distance, best first, for "did you mean" messages. Distance is the optimal string
     * alignment (restricted Damerau-Levenshtein) distance between the lower-cased names; ties
     * are broken by the case-sensitive distance, then alphabetically. No cut-off is applied: the
     * caller decides how far is too far (see {@link #editDistance}).
     *
     * @param unknown the name the user wrote
     * @param max     at most this many
     */
    public static List<String> closest(String unknown, int max) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        record Candidate(String name, int folded, int exact) {}
        List<Candidate> candidates = new ArrayList<>(ALL_NAMES.size());
        for (String name : ALL_NAMES) {
            candidates.add(new Candidate(name, editDistance(lower, name.toLowerCase(Locale.ROOT)),
                    editDistance(unknown, name)));
        }
        candidates.sort(Comparator.comparingInt(Candidate::folded).thenComparingInt(Candidate::exact)
                .thenComparing(Candidate::name));
        List<String> result = new ArrayList<>(Math.min(Math.max(max, 0), candidates.size()));
        for (int i = 0; i < candidates.size() && i < max; i++) {
            result.add(candidates.get(i).name());
        }
        return result;
    }

    /**
     * The optimal string alignment distance (Levenshtein distance plus transposition of two
     * adjacent characters, each substring edited at most once; F. J. Damerau, CACM 7(3), 1964):
     * the fewest insertions, deletions, substitutions and adjacent transpositions turning a into b.
     */
    public static int editDistance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] dist = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            dist[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            dist[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(dist[i - 1][j] + 1, dist[i][j - 1] + 1), dist[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, dist[i - 2][j - 2] + 1);
                }
                dist[i][j] = best;
            }
        }
        return dist[n][m];
    }

    // ------------------------------------------------------------------------------------------
    // Table-building helpers.

    /** An unconstrained real argument. */
    private static Arg real(String name) {
        return new Arg(name, REAL, Support.REAL);
    }

    /** A real argument that must be &gt; 0 (a scale, a rate). */
    private static Arg positive(String name) {
        return new Arg(name, REAL, Support.POSITIVE);
    }

    /** A real argument in (0, 1) (a probability). */
    private static Arg unit(String name) {
        return new Arg(name, REAL, Support.UNIT);
    }

    /** An int argument (a number of trials); it must be data, so no constraint applies. */
    private static Arg count(String name) {
        return new Arg(name, INT, Support.REAL);
    }

    private static DistBuilder dist(String name, Class<?> implementation, String description) {
        return new DistBuilder(name, implementation, description);
    }

    private static FunctionSpec scalar(String name, String method, int arity, String description,
                                       String... aliases) {
        return new FunctionSpec(name, List.of(aliases), Functions.class, method,
                Collections.nCopies(arity, REAL), Kind.SCALAR, description);
    }

    private static FunctionSpec reduction(String name, String description) {
        return new FunctionSpec(name, List.of(), null, name, List.of(REAL), Kind.REDUCTION, description);
    }

    private static FunctionSpec data(String name, String method, List<ValueType> args, String description) {
        return new FunctionSpec(name, List.of(), DataFunctions.class, method, args, Kind.DATA, description);
    }

    /** Collects one distribution entry; defaults: real outcome on the whole line, no bounds, no constant. */
    private static final class DistBuilder {
        private final String name;
        private final Class<?> implementation;
        private final String description;
        private List<String> aliases = List.of();
        private ValueType outcome = REAL;
        private Support outcomeSupport = Support.REAL;
        private List<Arg> args = List.of();
        private int lowerArg = -1;
        private int upperArg = -1;
        private boolean hasConstant;
        private final List<LinkRewrite> links = new ArrayList<>();

        DistBuilder(String name, Class<?> implementation, String description) {
            this.name = name;
            this.implementation = implementation;
            this.description = description;
        }

        DistBuilder aliases(String... names) {
            aliases = List.of(names);
            return this;
        }

        DistBuilder outcome(ValueType type, Support support) {
            outcome = type;
            outcomeSupport = support;
            return this;
        }

        DistBuilder args(Arg... list) {
            args = List.of(list);
            return this;
        }

        DistBuilder bounds(int lower, int upper) {
            lowerArg = lower;
            upperArg = upper;
            return this;
        }

        DistBuilder withConstant() {
            hasConstant = true;
            return this;
        }

        DistBuilder link(int argIndex, String inverseLink, String target) {
            links.add(new LinkRewrite(argIndex, inverseLink, target));
            return this;
        }

        DistributionSpec build() {
            return new DistributionSpec(name, aliases, implementation, outcome, outcomeSupport, args,
                    lowerArg, upperArg, hasConstant, List.copyOf(links), description);
        }
    }
}
