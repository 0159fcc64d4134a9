# rstan's log density and gradient of posteriordb's own Stan programs at fixed points, for
# PosteriordbProgramsTest (run from the repository root):
#
#   Rscript bench/stanfront/posteriordb_points.R [POSTERIOR ...] [--cache DIR]
#
# POSTERIOR is a folder of tests/src/test/resources/posteriordb-programs (default: every one that
# compiles in its expected.tsv). Each model.stan is rewritten to the Stan 2.21 syntax rstan 2.21
# reads (bench/book/stan_program.R's to_stan_221: array[N] int y -> int y[N]; the same program),
# compiled with rstan's stan_model (compiled models are kept in DIR, default
# /tmp/ulam-posteriordb-rstan, by the MD5 of the rewritten program) and bound to data.json. Writes
# POSTERIOR/rstan_points.csv: rstan's log_prob and grad_log_prob on the unconstrained scale
# (Jacobian included; Stan's ~ drops constant terms, target += keeps them: these are rstan's
# absolute values) at three points: all zeros, evenly spaced from -0.5 to 0.5, evenly spaced from
# 0.3 to -0.2; one row per point: point, lp, g1..gK (17 significant digits). Appends one line per
# program to posteriordb-programs/rstan_points.log (rstan version, compile seconds or "cached").
args <- commandArgs(trailingOnly = TRUE)
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
## to_stan_221 and its helpers only: the file's library(rethinking) is not needed for them (and
## rethinking need not be installed)
book <- readLines(file.path(here, "..", "book", "stan_program.R"))
eval(parse(text = sub("^suppressPackageStartupMessages\\(library\\(rethinking\\)\\)", "", book)))
suppressPackageStartupMessages({ library(rstan); library(jsonlite) })
rstan_options(auto_write = FALSE)
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan_options(boost_lib = bh)
root <- "tests/src/test/resources/posteriordb-programs"
cache <- "/tmp/ulam-posteriordb-rstan"
i <- match("--cache", args)
if (!is.na(i)) { cache <- args[i + 1]; args <- args[-c(i, i + 1)] }
dir.create(cache, showWarnings = FALSE, recursive = TRUE)
if (length(args) == 0) {
  ex <- read.delim(file.path(root, "expected.tsv"), quote = "", stringsAsFactors = FALSE)
  args <- ex$posterior[ex$outcome == "compiles"]
}
for (name in args) {
  dir <- file.path(root, name)
  code <- to_stan_221(paste(readLines(file.path(dir, "model.stan")), collapse = "\n"))
  key <- file.path(cache, paste0(digest::digest(code, "md5", serialize = FALSE), ".rds"))
  t0 <- Sys.time()
  if (file.exists(key)) {
    sm <- readRDS(key); compile <- "cached"
  } else {
    sm <- stan_model(model_code = code, model_name = gsub("[^A-Za-z0-9]", "_", name))
    compile <- sprintf("stan_model %.1f s", as.numeric(difftime(Sys.time(), t0, units = "secs")))
    saveRDS(sm, key)
  }
  data <- fromJSON(file.path(dir, "data.json"), simplifyVector = TRUE)
  fit <- sampling(sm, data = data, chains = 1, iter = 1, warmup = 0, algorithm = "Fixed_param",
                  refresh = 0, seed = 1)
  K <- get_num_upars(fit)
  pts <- list(rep(0, K), seq(-0.5, 0.5, length.out = K), seq(0.3, -0.2, length.out = K))
  rows <- lapply(seq_along(pts), function(k) {
    g <- grad_log_prob(fit, pts[[k]], adjust_transform = TRUE)
    c(k, attr(g, "log_prob"), as.numeric(g))
  })
  p <- do.call(rbind, rows)
  lines <- c(paste(c("point", "lp", paste0("g", seq_len(K))), collapse = ","),
             apply(p, 1, function(r) paste(c(as.integer(r[1]), formatC(r[-1], digits = 17, format = "g")), collapse = ",")))
  writeLines(gsub(" ", "", lines), file.path(dir, "rstan_points.csv"))
  line <- sprintf("%s | rstan %s | %d unconstrained parameters | %s", name, packageVersion("rstan"), K, compile)
  cat(line, "\n")
  cat(line, "\n", file = file.path(root, "rstan_points.log"), append = TRUE)
}
