#!/usr/bin/env Rscript
## Checks a Stan program's gradient against finite differences of its own log density, before a
## reference posterior is trusted (rstan 2.21's beta_binomial fails this; see README).
##
## usage: Rscript grad_check.R MODEL.stan DATA.json [--points 5] [--seed 42] [--tol 1e-5] [--sd S]
##          [--center "name=value,name=value,..."]
##        Rscript grad_check.R --control-betabinomial DATA.json   (the known-bad density: must FAIL)
##
## At --points random unconstrained points u (normal, sd 0.5 for the first half, sd 1 for the
## rest, or sd S for all with --sd), compares rstan's grad_log_prob(u) (log-Jacobian included)
## with a Richardson-extrapolated central difference of log_prob(u) in each coordinate (steps
## h = 1e-3 and h/2), and reports per point the largest relative error
## |fd - g| / max(1, |g|). It also prints floor = 10 eps |lp| / h, the rounding error of the
## difference itself: where |lp| is huge (a model whose rates explode at extreme points, such as
## m14.8's P^b) the difference cannot be checked to 1e-5; check such a model around a typical
## point: --center gives constrained values of every parameter (a scalar fills a whole vector),
## and the random points are then that point, unconstrained, plus the normal deviates.
## PASS when every one is <= --tol. Exit status 0 on PASS, 1 on FAIL.
suppressPackageStartupMessages({ library(rstan); library(jsonlite) })
rstan_options(auto_write = FALSE)
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan_options(boost_lib = bh)

a <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) { i <- match(name, a); if (is.na(i)) default else a[i + 1] }
points <- as.integer(opt("--points", 5)); seed <- as.integer(opt("--seed", 42))
tol <- as.numeric(opt("--tol", 1e-5)); sd_all <- opt("--sd", NULL)

## The control: m12.1 with rstan's own beta_binomial, as ulam writes it.
control_code <- "
data { int<lower=1> n; int<lower=0> A[n]; int<lower=0> N[n]; int<lower=1, upper=2> gid[n]; }
parameters { vector[2] a; real<lower=0> phi; }
transformed parameters { real theta = phi + 2.0; }
model {
  vector[n] pbar;
  phi ~ exponential(1);
  a ~ normal(0, 1.5);
  for (i in 1:n) pbar[i] = inv_logit(a[gid[i]]);
  A ~ beta_binomial(N, pbar * theta, (1 - pbar) * theta);
}"
if (a[1] == "--control-betabinomial") {
  label <- "control: m12.1 with rstan's beta_binomial"
  sm <- stan_model(model_code = control_code, model_name = "control_betabinomial")
} else {
  label <- a[1]
  sm <- stan_model(a[1], model_name = sub("\\.stan$", "", basename(a[1])))
}
data <- fromJSON(a[2], simplifyVector = TRUE)
fit <- suppressWarnings(sampling(sm, data = data, iter = 1, chains = 1, refresh = 0,
                                 algorithm = "Fixed_param", seed = seed))
K <- get_num_upars(fit)
lp <- function(u) log_prob(fit, u, adjust_transform = TRUE)
u0 <- numeric(K)
if (!is.null(opt("--center", NULL))) {
  kv <- strsplit(strsplit(opt("--center", NULL), ",")[[1]], "=")
  init <- lapply(kv, function(x) { d <- fit@par_dims[[x[1]]]; v <- as.numeric(x[2])
                                   if (length(d) == 0) v else array(v, dim = d) })
  names(init) <- sapply(kv, `[`, 1)
  u0 <- unconstrain_pars(fit, init)
  cat("  centre (constrained):", opt("--center", NULL), "\n")
}
set.seed(seed)
worst <- 0
cat(sprintf("%s  (%s)  unconstrained dimension %d%s\n", label, a[2], K,
            if (is.null(sd_all)) "" else paste0("  points with sd ", sd_all)))
for (p in seq_len(points)) {
  u <- u0 + rnorm(K, 0, if (!is.null(sd_all)) as.numeric(sd_all) else if (p <= points %/% 2) 0.5 else 1)
  g <- grad_log_prob(fit, u, adjust_transform = TRUE)
  fd <- numeric(K)
  for (k in seq_len(K)) {
    d <- function(h) { e <- numeric(K); e[k] <- h; (lp(u + e) - lp(u - e)) / (2 * h) }
    h <- 1e-3
    fd[k] <- (4 * d(h / 2) - d(h)) / 3
  }
  floor <- 10 * .Machine$double.eps * abs(attr(g, "log_prob")) / h
  rel <- abs(fd - as.numeric(g)) / pmax(1, abs(as.numeric(g)))
  worst <- max(worst, rel)
  cat(sprintf("  point %d: lp = %.6f  max |g| = %.4g  rounding floor %.1e  max rel error = %.2e (coordinate %d)\n",
              p, attr(g, "log_prob"), max(abs(g)), floor, max(rel), which.max(rel)))
}
ok <- worst <= tol
cat(sprintf("  %s: worst relative error %.2e (tolerance %.0e)\n", if (ok) "PASS" else "FAIL", worst, tol))
quit(status = if (ok) 0 else 1)
