# PSIS-LOO in R of the Stan CSV files of `ulam run --log-lik`, as an R user computes it:
#   Rscript loo_log_lik.R chain1.csv chain2.csv ...
# reads the files with rstan::read_stan_csv, takes the log_lik columns with loo::extract_log_lik,
# estimates r_eff from the chains (loo::relative_eff) and prints loo::loo's estimates, one per line
# as name=value (17 significant digits); then rstan::loo(fit) (its own method for a stanfit).
suppressPackageStartupMessages({ library(rstan); library(loo) })
files <- commandArgs(trailingOnly = TRUE)
fit <- rstan::read_stan_csv(files)
ll <- loo::extract_log_lik(fit, parameter_name = "log_lik", merge_chains = FALSE)
r_eff <- loo::relative_eff(exp(ll))
l <- loo::loo(ll, r_eff = r_eff)
e <- l$estimates
out <- c(draws = dim(ll)[1] * dim(ll)[2], observations = dim(ll)[3],
         elpd_loo = e["elpd_loo", "Estimate"], se_elpd_loo = e["elpd_loo", "SE"],
         p_loo = e["p_loo", "Estimate"], looic = e["looic", "Estimate"],
         max_k = max(l$diagnostics$pareto_k))
l2 <- rstan::loo(fit)
out <- c(out, rstan_elpd_loo = l2$estimates["elpd_loo", "Estimate"])
cat(paste0(names(out), "=", formatC(out, digits = 17, format = "g")), sep = "\n")
