#!/usr/bin/env Rscript
## Fit one Stan program with rstan once per seed, writing every chain's draws (warm-up included) as
## Stan CSV, for bench/efficiency.sh, which computes ESS on both sides' files with our diagnostics.
##
## usage: Rscript stan_seeds.R MODEL.stan DATA.json OUTDIR [--seeds 1:16] [--iter 1000] [--warmup iter/2]
##          [--chains 4] [--cores 2] [--adapt-delta 0.95] [--max-treedepth 10] [--metric diag_e|dense_e]
##          [--check-ess]
## Writes OUTDIR/seed<S>/stan_<chain>.csv. The compiled model is cached (saveRDS) in
## ${ULAM_BENCH_CACHE:-~/.cache/ulam-bench}/<md5 of the program and the rstan version>.rds, so a rerun
## does not spend rstan's ~30 s compile again. Prints one line per seed: seed=S seconds=T.
## --check-ess also prints, per seed, posterior's ess_bulk and rhat of every parameter
## (lines 'posterior seed=S name=... ess_bulk=... rhat=...'): the cross-check of our ESS.
suppressPackageStartupMessages({ library(rstan); library(jsonlite); library(tools) })
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan_options(boost_lib = bh, auto_write = FALSE)

a <- commandArgs(trailingOnly = TRUE)
if (length(a) < 3) stop("usage: Rscript stan_seeds.R MODEL.stan DATA.json OUTDIR [options]")
opt <- function(name, default) { i <- match(name, a); if (is.na(i)) default else a[i + 1] }
model <- a[1]; data_file <- a[2]; out <- a[3]
seeds <- eval(parse(text = opt("--seeds", "1:16")))
iter <- as.integer(opt("--iter", 1000)); warmup <- as.integer(opt("--warmup", iter %/% 2))
chains <- as.integer(opt("--chains", 4)); cores <- as.integer(opt("--cores", 2))
control <- list(adapt_delta = as.numeric(opt("--adapt-delta", 0.95)),
                max_treedepth = as.integer(opt("--max-treedepth", 10)), metric = opt("--metric", "diag_e"))
data <- if (data_file %in% c("-", "none")) list() else fromJSON(data_file, simplifyVector = TRUE)

cache <- Sys.getenv("ULAM_BENCH_CACHE", file.path(Sys.getenv("HOME"), ".cache", "ulam-bench"))
dir.create(cache, recursive = TRUE, showWarnings = FALSE)
key <- md5sum(model)[[1]]
rds <- file.path(cache, paste0(sub("\\.stan$", "", basename(model)), "-", key, "-rstan",
                               packageVersion("rstan"), ".rds"))
sm <- if (file.exists(rds)) readRDS(rds) else {
  m <- stan_model(model, model_name = sub("\\.stan$", "", basename(model)))
  saveRDS(m, rds); m
}
for (s in seeds) {
  dir <- file.path(out, paste0("seed", s)); dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  t <- system.time(fit <- sampling(sm, data = data, iter = iter, warmup = warmup, chains = chains,
                                   cores = cores, seed = s, refresh = 0, control = control,
                                   sample_file = file.path(dir, "stan.csv")))[["elapsed"]]
  cat(sprintf("seed=%d seconds=%.2f\n", s, t))
  if ("--check-ess" %in% a) {
    suppressPackageStartupMessages(library(posterior))
    d <- as_draws_array(as.array(fit))
    for (v in setdiff(variables(d), "lp__")) {
      x <- extract_variable_matrix(d, v)
      cat(sprintf("posterior seed=%d name=%s ess_bulk=%.6g rhat=%.8g\n", s, v, ess_bulk(x), rhat(x)))
    }
  }
}
