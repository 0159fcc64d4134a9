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
suppressMessages({ library(rstan); library(jsonlite) })
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan::rstan_options(boost_lib = bh)
dir <- "tests/src/test/resources/stanfront/programs"
cache <- "/tmp/ulam-rstan-points"; dir.create(cache, showWarnings = FALSE)
old_arrays <- function(code) {
  gsub("array\\[([^]]+)\\]\\s+([a-z_]+(<[^>]*>)?(\\[[^]]*\\])?)\\s+([A-Za-z][A-Za-z0-9_]*)", "\\2 \\5[\\1]", code, perl = TRUE)
}
for (a in commandArgs(trailingOnly = TRUE)) {
  m <- sub(":.*", "", a); dn <- sub(".*:", "", a)
  code <- old_arrays(paste(readLines(file.path(dir, paste0(m, ".stan"))), collapse = "\n"))
  key <- file.path(cache, paste0(m, "-", digest::digest(code), ".rds"))
  mod <- if (file.exists(key)) readRDS(key) else { s <- stan_model(model_code = code, model_name = m); saveRDS(s, key); s }
  data <- fromJSON(file.path(dir, paste0(dn, ".json")), simplifyVector = TRUE)
  fit <- sampling(mod, data = data, chains = 1, iter = 1, refresh = 0, seed = 1)
  K <- get_num_upars(fit)
  pts <- list(rep(0, K), seq(-0.5, 0.5, length.out = K), seq(0.3, -0.2, length.out = K))
  rows <- lapply(seq_along(pts), function(k) {
    g <- grad_log_prob(fit, pts[[k]], adjust_transform = TRUE)
    c(k, attr(g, "log_prob"), as.numeric(g))
  })
  p <- as.data.frame(do.call(rbind, rows))
  names(p) <- c("point", "lp", paste0("g", seq_len(K)))
  write.csv(p, file.path(dir, paste0(m, "_points.csv")), row.names = FALSE)
  cat(m, ": rstan", as.character(packageVersion("rstan")), ",", K, "unconstrained parameters\n")
}
