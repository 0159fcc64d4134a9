# rstan's log density and gradient of Stan programs at fixed points, for the Stan front end's
# tests of the programs in tests/src/test/resources/stanfront/programs (run from the repository root):
#
#   nice -n 10 Rscript bench/stanfront/points.R MODEL:DATA [MODEL:DATA ...]
#
# MODEL.stan and DATA.json are read from that folder; rstan 2.21 compiles the program (cached in
# /tmp/ulam-rstan-points, keyed by the program's text) after each 'array[N] T x' is rewritten as
# 'T x[N]' (the same program: rstan 2.21 predates the array syntax). Writes MODEL_points.csv there:
# log_prob and grad_log_prob on the unconstrained scale (Jacobian included; Stan's ~ drops
# constant terms) at three points: all zeros, evenly spaced from -0.5 to 0.5, evenly spaced from
# 0.3 to -0.2; one row per point: point, lp, then g1..gK.
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "rstan_common.R"))
dir <- "tests/src/test/resources/stanfront/programs"
cache <- "/tmp/ulam-rstan-points"; dir.create(cache, showWarnings = FALSE)
for (a in commandArgs(trailingOnly = TRUE)) {
  m <- sub(":.*", "", a); dn <- sub(".*:", "", a)
  code <- old_arrays(paste(readLines(file.path(dir, paste0(m, ".stan"))), collapse = "\n"))
  key <- file.path(cache, paste0(m, "-", digest::digest(code), ".rds"))
  mod <- if (file.exists(key)) readRDS(key) else { s <- stan_model(model_code = code, model_name = m); saveRDS(s, key); s }
  data <- fromJSON(file.path(dir, paste0(dn, ".json")), simplifyVector = TRUE)
  fit <- sampling(mod, data = data, chains = 1, iter = 1, refresh = 0, seed = 1)
  p <- rstan_points(fit); K <- ncol(p) - 2
  write.csv(p, file.path(dir, paste0(m, "_points.csv")), row.names = FALSE)
  cat(m, ": rstan", as.character(packageVersion("rstan")), ",", K, "unconstrained parameters\n")
}
