package ulam.stdlib;

import static ulam.stdlib.Tables.*;
import static ulam.stdlib.ValueType.INT;
import static ulam.stdlib.ValueType.REAL;

import java.util.List;
import ulam.stdlib.dist.BetaBinomial;
import ulam.stdlib.dist.BetaBinomial2;
import ulam.stdlib.dist.Categorical;
import ulam.stdlib.dist.CategoricalLogit;
import ulam.stdlib.dist.Dirichlet;
import ulam.stdlib.dist.ExpModNormal;
import ulam.stdlib.dist.Multinomial;
import ulam.stdlib.dist.NegBinomial2;
import ulam.stdlib.dist.NegBinomial2Log;
import ulam.stdlib.dist.OrderedLogistic;
import ulam.stdlib.dist.Pareto;
import ulam.stdlib.dist.SkewNormal;
import ulam.stdlib.dist.VonMises;
import ulam.stdlib.dist.Weibull;
import ulam.stdlib.dist.ZiBinomial;
import ulam.stdlib.dist.ZiGammaPoisson;
import ulam.stdlib.dist.ZiPoisson;

/**
 * The registry's table of new scalar, count and categorical distributions (second release):
 * over-dispersed and zero-inflated counts, more continuous laws, and the categorical family whose
 * arguments (cutpoints, probabilities) or outcomes are vectors (calling convention in
 * {@link Signatures}). Aliases are rethinking's R names and its template keys (language reference,
 * section 5).
 */
final class UnivariateTable {
    private UnivariateTable() {}

    static final List<DistributionSpec> DISTRIBUTIONS = List.of(
            // ---------------------------------------------------------------- counts
            dist("neg_binomial_2", NegBinomial2.class,
                    "neg_binomial_2(mu, phi): gamma-Poisson counts with mean mu > 0 and precision phi > 0 (variance mu + mu^2/phi)")
                    .aliases("dgampois", "gammapoisson").outcome(INT, Support.REAL)
                    .args(positive("mu"), positive("phi")).withConstant()
                    .link(0, "exp", "neg_binomial_2_log").build(),
            dist("neg_binomial_2_log", NegBinomial2Log.class,
                    "neg_binomial_2_log(eta, phi): neg_binomial_2(exp(eta), phi), eta the log mean")
                    .outcome(INT, Support.REAL).args(real("eta"), positive("phi")).withConstant().build(),
            dist("beta_binomial", BetaBinomial.class,
                    "beta_binomial(N, alpha, beta): successes in N trials (int data) with a beta(alpha, beta) probability, alpha, beta > 0")
                    .outcome(INT, Support.REAL).args(count("N"), positive("alpha"), positive("beta"))
                    .withConstant().build(),
            dist("betabinomial", BetaBinomial2.class,
                    "betabinomial(N, pbar, theta): beta_binomial(N, pbar*theta, (1-pbar)*theta), mean probability pbar in (0, 1), concentration theta > 0 (rethinking's dbetabinom)")
                    .aliases("dbetabinom").outcome(INT, Support.REAL)
                    .args(count("N"), unit("pbar"), positive("theta")).withConstant().build(),
            dist("zipoisson", ZiPoisson.class,
                    "zipoisson(p, lambda): an extra zero with probability p in [0, 1], else poisson(lambda) (rethinking's dzipois)")
                    .aliases("dzipois").outcome(INT, Support.REAL).args(unit("p"), positive("lambda"))
                    .withConstant().build(),
            dist("zigampois", ZiGammaPoisson.class,
                    "zigampois(p, mu, phi): an extra zero with probability p in [0, 1], else neg_binomial_2(mu, phi) (rethinking's dzigampois)")
                    .aliases("dzigampois", "zigammapoisson", "zi_neg_binomial_2").outcome(INT, Support.REAL)
                    .args(unit("p"), positive("mu"), positive("phi")).withConstant().build(),
            dist("zibinom", ZiBinomial.class,
                    "zibinom(p_zero, N, prob): an extra zero with probability p_zero in [0, 1], else binomial(N, prob) (rethinking's dzibinom)")
                    .aliases("dzibinom", "zibinomial").outcome(INT, Support.REAL)
                    .args(unit("p_zero"), count("N"), unit("prob")).withConstant().build(),
            // ---------------------------------------------------------------- continuous
            dist("pareto", Pareto.class, "pareto(y_min, alpha): minimum y_min > 0, shape alpha > 0; y >= y_min")
                    .aliases("dpareto", "pareto1").outcome(REAL, Support.POSITIVE)
                    .args(positive("y_min"), positive("alpha")).build(),
            dist("exp_mod_normal", ExpModNormal.class,
                    "exp_mod_normal(mu, sigma, lambda): normal(mu, sigma) plus an exponential(lambda) delay, sigma > 0, lambda > 0")
                    .aliases("dexpnorm").args(real("mu"), positive("sigma"), positive("lambda")).build(),
            dist("weibull", Weibull.class, "weibull(alpha, sigma): shape alpha > 0, scale sigma > 0; y >= 0")
                    .aliases("dweibull").outcome(REAL, Support.POSITIVE)
                    .args(positive("alpha"), positive("sigma")).withCdf().build(),
            dist("von_mises", VonMises.class,
                    "von_mises(mu, kappa): angles (radians) around mu with concentration kappa > 0")
                    .args(real("mu"), positive("kappa")).build(),
            dist("skew_normal", SkewNormal.class,
                    "skew_normal(xi, omega, alpha): location xi, scale omega > 0, skewness alpha (0: normal)")
                    .args(real("xi"), positive("omega"), real("alpha")).build(),
            // ---------------------------------------------------------------- categories
            dist("ordered_logistic", OrderedLogistic.class,
                    "ordered_logistic(eta, cutpoints): y in 1..C+1 with P(y <= k) = 1 - inv_logit(eta - cutpoints[k]), cutpoints an ordered vector[C]")
                    .aliases("dordlogit").outcome(INT, Support.REAL)
                    .args(real("eta"), shaped("cutpoints", "vector[C]", Support.ORDERED)).build(),
            dist("categorical", Categorical.class, "categorical(theta): y in 1..K with probability theta[y], theta a simplex[K]")
                    .aliases("dcategorical").outcome(INT, Support.REAL)
                    .args(shaped("theta", "vector[K]", Support.SIMPLEX)).build(),
            dist("categorical_logit", CategoricalLogit.class,
                    "categorical_logit(beta): categorical(softmax(beta)), beta a vector[K] of log-odds")
                    .outcome(INT, Support.REAL).args(shaped("beta", "vector[K]", Support.REAL)).build(),
            dist("multinomial", Multinomial.class,
                    "multinomial(theta): counts y (int[K]) of sum(y) trials falling in K categories with probabilities theta, a simplex[K]")
                    .aliases("dmultinom").outcome(INT, Support.REAL).outcomeShape("int[K]")
                    .args(shaped("theta", "vector[K]", Support.SIMPLEX)).withConstant().build(),
            dist("dirichlet", Dirichlet.class,
                    "dirichlet(alpha): a simplex[K] with concentrations alpha, a vector[K] of values > 0")
                    .aliases("ddirichlet").outcome(REAL, Support.SIMPLEX).outcomeShape("vector[K]")
                    .args(shaped("alpha", "vector[K]", Support.POSITIVE)).build());

    static final List<FunctionSpec> FUNCTIONS = List.of(
            scalar("log_mix", "logMix", 3,
                    "log_mix(theta, lp1, lp2): log(theta*exp(lp1) + (1-theta)*exp(lp2)), a two-component mixture's log density"),
            scalar("log_sum_exp2", "logSumExp2", 2,
                    "log_sum_exp2(a, b): log(exp(a) + exp(b)) without overflow (what log_sum_exp(a, b) compiles to)"),
            scalar("log_diff_exp", "logDiffExp", 2, "log_diff_exp(a, b): log(exp(a) - exp(b)), a >= b"),
            scalar("log1m_exp", "log1mExp", 1, "log1m_exp(x): log(1 - exp(x)), x <= 0, accurate near 0"),
            scalar("log_inv_logit_diff", "logInvLogitDiff", 2,
                    "log_inv_logit_diff(x, y): log(inv_logit(x) - inv_logit(y)), x > y, stable"),
            scalar("Phi", "Phi", 1, "Phi(x): the standard normal distribution function"),
            scalar("Phi_approx", "PhiApprox", 1, "Phi_approx(x): inv_logit(0.07056 x^3 + 1.5976 x), a fast approximation of Phi"),
            scalar("inv_Phi", "invPhi", 1, "inv_Phi(p): the standard normal quantile function, p in (0, 1)"),
            scalar("lbeta", "lbeta", 2, "lbeta(a, b): log of the beta function, a, b > 0"),
            scalar("lchoose", "lchoose", 2, "lchoose(n, k): log of the binomial coefficient, for real n, k"));
}
