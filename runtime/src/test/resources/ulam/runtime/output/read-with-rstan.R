# Checks by hand that Stan CSV files written by StanCsvWriter are read unchanged by R's rstan and
# summarised by posterior as our precis table summarises them:
#   Rscript read-with-rstan.R DIR MODEL
# DIR holds MODEL_1.csv ... written with --output-dir. Prints rstan's print(), the adaptation info,
# and posterior's summary with the precis columns (89% interval) at full precision.
# Last run: R 4.2.2, rstan 2.21, posterior 1.4.0 (see the final report of the sampler branch).
suppressMessages({library(rstan); library(posterior)})
args <- commandArgs(trailingOnly = TRUE)
files <- list.files(args[1], pattern = paste0("^", args[2], "_[0-9]+\\.csv$"), full.names = TRUE)
fit <- read_stan_csv(files)
print(fit, digits = 3)
cat(get_adaptation_info(fit)[[1]], "\n")
d <- as_draws_array(fit)
d <- subset_draws(d, variable = setdiff(variables(d), "lp__"))
s <- summarise_draws(d, mean, sd, ~quantile2(.x, probs = c(0.055, 0.945)), rhat, ess_bulk)
s <- as.data.frame(lapply(s, function(col) if (is.numeric(col)) as.numeric(col) else col))
print(s, digits = 15)
