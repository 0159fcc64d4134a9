# Fits the Stan front end's example programs with rstan and writes their posterior summaries and
# log densities with gradients at fixed points (run from the repository root):
#
#   Rscript bench/stanfront/fit_references.R [MODEL ...] [--draws D]
#
# MODEL is a file stem of examples/stan/ (default: all of them), fitted to
# examples/stan/bangladesh.json with chains = 4, cores = 2, warmup = 1000, D = 2500 draws per
# chain, seed = 1234, refresh = 0. Writes, under tests/src/test/resources/stanfront/reference/:
#   MODEL.csv        one row per parameter, transformed parameter and generated quantity, with
#                    R's posterior package's mean, sd, 5.5 % and 94.5 % quantiles, bulk and tail
#                    ESS, R-hat and the MCSE of the mean (lp__ left out)
#   MODEL_points.csv rstan's log_prob and grad_log_prob on the unconstrained scale (Jacobian
#                    included, constants dropped as Stan's ~ drops them) at three fixed points:
#                    all zeros, evenly spaced from -0.5 to 0.5, and evenly spaced from 0.3 to -0.2;
#                    one row per point: point, lp, then g1..gK
# and appends one line per fit to reference/fits.log. rstan 2.21 (Stan 2.21) predates the
# array[N] syntax: each declaration 'array[N] T x' is rewritten as 'T x[N]' (the same program)
# before rstan compiles it.
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "rstan_common.R"))
suppressMessages(library(posterior))
args <- commandArgs(trailingOnly = TRUE)
draws <- 2500
models <- character()
i <- 1
while (i <= length(args)) {
  if (args[i] == "--draws") { draws <- as.integer(args[i + 1]); i <- i + 2; next }
  models <- c(models, args[i]); i <- i + 1
}
if (length(models) == 0) models <- sub("\\.stan$", "", list.files("examples/stan", "\\.stan$"))
out <- "tests/src/test/resources/stanfront/reference"
data <- fromJSON("examples/stan/bangladesh.json", simplifyVector = TRUE)
for (m in models) {
  t0 <- Sys.time()
  code <- old_arrays(paste(readLines(file.path("examples/stan", paste0(m, ".stan"))), collapse = "\n"))
  fit <- stan(model_code = code, model_name = m, data = data, chains = 4, cores = 2,
              warmup = 1000, iter = 1000 + draws, seed = 1234, refresh = 0)
  seconds <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  d <- as_draws_df(as.array(fit))
  d <- subset_draws(d, variable = setdiff(variables(d), "lp__"))
  s <- as.data.frame(summarise_draws(d, mean, sd, ~quantile(.x, probs = c(0.055, 0.945)), ess_bulk, ess_tail, rhat, mcse_mean))
  for (j in 2:ncol(s)) s[[j]] <- as.numeric(unclass(s[[j]]))
  names(s)[4:5] <- c("q5.5", "q94.5")
  write.csv(s, file.path(out, paste0(m, ".csv")), row.names = FALSE)
  p <- rstan_points(fit)
  write.csv(p, file.path(out, paste0(m, "_points.csv")), row.names = FALSE)
  div <- sum(get_divergent_iterations(fit))
  line <- sprintf("%s | rstan %s, posterior %s | 4 x %d draws after 1000 warmup, seed 1234 | divergences %d | max R-hat %.4f | min bulk ESS %.0f | %.0f s (compile and sampling)",
                  m, packageVersion("rstan"), packageVersion("posterior"), draws, div, max(s$rhat), min(s$ess_bulk), seconds)
  cat(line, "\n")
  cat(line, "\n", file = file.path(out, "fits.log"), append = TRUE)
}
