#!/usr/bin/env Rscript
## WAIC and PSIS-LOO of the reed-frog models m13.1 (no pooling) and m13.2 (varying intercepts),
## fitted with rstan and scored with the loo package: the reference for ulam's waic, loo and compare.
##
## usage (from bench/stan): Rscript loo/reedfrogs_loo.R OUT.csv
## Writes one row per model: waic, se_waic, p_waic, elpd_loo, se_elpd_loo, p_loo, se_p_loo, and
## the difference row "m13_1-m13_2" with the WAIC difference and its standard error (dSE).
suppressPackageStartupMessages({ library(rstan); library(loo); library(jsonlite) })
rstan_options(auto_write = FALSE)
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan_options(boost_lib = bh)
out <- commandArgs(trailingOnly = TRUE)[1]
data <- fromJSON("data/reedfrogs.json", simplifyVector = TRUE)
score <- function(model) {
  fit <- sampling(stan_model(model), data = data, iter = 4000, chains = 4, cores = 2, seed = 1234, refresh = 0,
                  control = list(adapt_delta = 0.95))
  ll <- extract_log_lik(fit, merge_chains = FALSE)
  w <- waic(extract_log_lik(fit))
  l <- loo(ll, r_eff = relative_eff(exp(ll)))
  list(w = w, l = l)
}
m1 <- score("models/reedfrogs_nopool.stan")
m2 <- score("models/reedfrogs.stan")
row <- function(name, s) data.frame(model = name,
  waic = s$w$estimates["waic", 1], se_waic = s$w$estimates["waic", 2], p_waic = s$w$estimates["p_waic", 1],
  elpd_loo = s$l$estimates["elpd_loo", 1], se_elpd_loo = s$l$estimates["elpd_loo", 2],
  p_loo = s$l$estimates["p_loo", 1], se_p_loo = s$l$estimates["p_loo", 2])
d <- -2 * (m1$w$pointwise[, "elpd_waic"] - m2$w$pointwise[, "elpd_waic"])
res <- rbind(row("m13_1", m1), row("m13_2", m2))
res <- rbind(res, data.frame(model = "m13_1-m13_2", waic = sum(d), se_waic = sqrt(length(d) * var(d)), p_waic = NA,
  elpd_loo = NA, se_elpd_loo = NA, p_loo = NA, se_p_loo = NA))
write.csv(res, out, row.names = FALSE)
print(res)
cat(sprintf("rstan %s, loo %s\n", packageVersion("rstan"), packageVersion("loo")))
