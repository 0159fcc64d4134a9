package ulam.stdlib;

import static ulam.stdlib.Tables.*;
import static ulam.stdlib.ValueType.INT;
import static ulam.stdlib.ValueType.REAL;

import java.util.List;
import ulam.stdlib.data.DataFunctions;
import ulam.stdlib.dist.Bernoulli;
import ulam.stdlib.dist.BernoulliLogit;
import ulam.stdlib.dist.Beta;
import ulam.stdlib.dist.Beta2;
import ulam.stdlib.dist.Binomial;
import ulam.stdlib.dist.BinomialLogit;
import ulam.stdlib.dist.Cauchy;
import ulam.stdlib.dist.Exponential;
import ulam.stdlib.dist.Flat;
import ulam.stdlib.dist.Gamma;
import ulam.stdlib.dist.Gamma2;
import ulam.stdlib.dist.InvGamma;
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
 * The first release's table: distributions and functions of scalars (see {@link Registry} for
 * how entries are looked up, and {@code stdlib/README.md} for how to add one).
 */
final class CoreTable {
    private CoreTable() {}

    // ------------------------------------------------------------------------------------------
    // The table. One entry per distribution: name, implementation, description, then aliases,
    // outcome, arguments and the optional features. Arguments: real(..) unconstrained,
    // positive(..) > 0, unit(..) in (0, 1), count(..) an int that must be data.

    static final List<DistributionSpec> DISTRIBUTIONS = List.of(
            dist("normal", Normal.class, "normal(mu, sigma): mean mu, standard deviation sigma > 0")
                    .aliases("dnorm").args(real("mu"), positive("sigma")).withCdf().build(),
            dist("half_normal", HalfNormal.class,
                    "half_normal(mu, sigma): normal(mu, sigma) truncated to y >= 0 and renormalised; y >= 0")
                    .aliases("dhalfnorm").outcome(REAL, Support.POSITIVE)
                    .args(real("mu"), positive("sigma")).withCdf().build(),
            dist("cauchy", Cauchy.class, "cauchy(mu, sigma): location mu, scale sigma > 0")
                    .aliases("dcauchy").args(real("mu"), positive("sigma")).withCdf().build(),
            dist("half_cauchy", HalfCauchy.class,
                    "half_cauchy(mu, sigma): cauchy(mu, sigma) truncated to y >= 0 and renormalised; y >= 0")
                    .aliases("dhalfcauchy").outcome(REAL, Support.POSITIVE)
                    .args(real("mu"), positive("sigma")).build(),
            dist("student_t", StudentT.class,
                    "student_t(nu, mu, sigma): degrees of freedom nu > 0, location mu, scale sigma > 0")
                    .aliases("dstudent").args(positive("nu"), real("mu"), positive("sigma")).build(),
            dist("flat", Flat.class,
                    "flat(): the improper flat prior, log density 0 on the real line (brms's default prior of b); no draws")
                    .build(),
            dist("lognormal", LogNormal.class,
                    "lognormal(mu, sigma): log(y) ~ normal(mu, sigma); y > 0")
                    .aliases("log_normal", "dlnorm").outcome(REAL, Support.POSITIVE)
                    .args(real("mu"), positive("sigma")).withCdf().build(),
            dist("gamma", Gamma.class,
                    "gamma(shape, rate): shape > 0, rate > 0, mean shape/rate (Stan and R); y > 0")
                    .aliases("dgamma").outcome(REAL, Support.POSITIVE)
                    .args(positive("shape"), positive("rate")).withCdf().build(),
            dist("inv_gamma", InvGamma.class,
                    "inv_gamma(shape, scale): 1/y ~ gamma(shape, rate = scale), shape > 0, scale > 0, mean scale/(shape-1) for shape > 1 (Stan); y > 0")
                    .aliases("dinvgamma").outcome(REAL, Support.POSITIVE)
                    .args(positive("shape"), positive("scale")).withCdf().build(),
            dist("gamma2", Gamma2.class,
                    "gamma2(mean, scale): gamma with shape mean/scale and rate 1/scale (rethinking's dgamma2); y > 0")
                    .aliases("dgamma2").outcome(REAL, Support.POSITIVE)
                    .args(positive("mean"), positive("scale")).build(),
            dist("exponential", Exponential.class, "exponential(rate): rate > 0, mean 1/rate; y > 0")
                    .aliases("dexp").outcome(REAL, Support.POSITIVE).args(positive("rate")).withCdf().build(),
            dist("uniform", Uniform.class,
                    "uniform(lower, upper): uniform on [lower, upper]; a parameter gets these bounds")
                    .aliases("dunif").outcome(REAL, Support.ARG_BOUNDS).args(real("lower"), real("upper"))
                    .bounds(0, 1).withCdf().build(),
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
                    .link(0, "exp", "poisson_log").withCdf().build(),
            dist("poisson_log", PoissonLog.class,
                    "poisson_log(alpha): poisson(exp(alpha)), alpha the log rate")
                    .outcome(INT, Support.REAL).args(real("alpha")).withConstant().build());

    static final List<FunctionSpec> FUNCTIONS = List.of(
            scalar("exp", "exp", 1, "exp(x): the exponential function"),
            scalar("log", "log", 1, "log(x): natural logarithm, x > 0"),
            scalar("log10", "log10", 1, "log10(x): base-10 logarithm, x > 0"),
            scalar("log2", "log2", 1, "log2(x): base-2 logarithm, x > 0"),
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
}
