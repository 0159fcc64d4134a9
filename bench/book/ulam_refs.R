#!/usr/bin/env Rscript
## rethinking's ulam programs for every ulam fixture, run with rstan 2.21: the Stan program and
## data (stan/), log density and gradient at fixed points (fixed/), and the posterior (ulam/).
##
## usage: Rscript bench/book/ulam_refs.R [--no-fit] [--draws 4000] [--warmup 1000] [ID ...]
##        (default: every ulam call of calls.tsv; run under nice, one at a time)
##
## For each fixture, the call is evaluated as R would (data = the committed JSON, read back) with
## ulam(..., sample = FALSE), which returns rethinking's generated Stan program and the data list
## it passes to Stan. The program is rewritten for rstan 2.21 (stan_program.R: Stan 2.33 array
## declarations in the old syntax; rstan 2.21's beta_binomial, whose log density is wrong, replaced
## by the written-out density lchoose + lbeta - lbeta). Written:
##  - stan/ID.stan, stan/ID.json: that program and rethinking's data for it;
##  - fixed/ID.json: the parameter blocks (name, Stan type, dims, unconstrained size, in Stan's
##    order), and at fixed unconstrained points u (zeros; evenly spaced from -0.5 to 0.5; from -0.1
##    to 0.1; points where Stan's log density throws are skipped) the constrained parameter values
##    (Stan's element names, column-major), log_prob(u) and grad_log_prob(u) with the Jacobian;
##  - ulam/ID.csv: posterior summary (variable, mean, sd, q5.5, q94.5, ess_bulk, ess_tail, rhat,
##    mcse_mean; R's posterior package) of 4 chains x DRAWS after WARMUP, adapt_delta and
##    max_treedepth from the call's control (ulam's default adapt_delta 0.95), inits from its
##    start, seed 1234 + chain; log_lik and rethinking's copies of model-block locals in generated
##    quantities are left out, and so are entries whose draws are constant (sd below 1e-12: the unit diagonal
##    of a correlation matrix); ulam/ID.meta.json: settings, divergences, max R-hat, min ESS, time.
##  - ulam/ID.error.txt when rethinking or Stan fails (the message).
## A program shared by several calls is compiled once per run.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
source(file.path(ROOT, "bench", "book", "stan_program.R"))
suppressPackageStartupMessages({ library(rstan); library(posterior) })
rstan_options(auto_write = FALSE)
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan_options(boost_lib = bh)

a <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) { i <- match(name, a); if (is.na(i)) default else a[i + 1] }
no_fit <- "--no-fit" %in% a
draws <- as.integer(opt("--draws", 4000)); warmup <- as.integer(opt("--warmup", 1000))
ids <- a[!(a %in% c("--no-fit", "--draws", "--warmup")) & !(seq_along(a) %in% (match(c("--draws", "--warmup"), a) + 1))]
calls <- read_calls(); dt <- read_data_table()
if (!length(ids)) ids <- calls$id[calls$fn == "ulam"]
for (d in c("stan", "fixed", "ulam")) dir.create(file.path(RES, d), showWarnings = FALSE)

models <- new.env()
compiled <- function(code) {
  key <- digest::digest(code, "md5", serialize = FALSE)
  if (is.null(models[[key]])) models[[key]] <- stan_model(model_code = code, model_name = "book")
  models[[key]]
}

#' The parameters block's declarations: name and base type, in order.
param_types <- function(code) {
  b <- regmatches(code, regexpr("parameters\\s*\\{[^}]*\\}", code))
  b <- sub("^parameters\\s*\\{", "", sub("\\}$", "", b))
  st <- trimws(strsplit(b, ";", fixed = TRUE)[[1]]); st <- st[nzchar(st)]
  name <- sub("^.*\\s([A-Za-z_][A-Za-z0-9_]*)\\s*(\\[[^]]*\\])?$", "\\1", st)
  type <- sub("^([A-Za-z_]+).*$", "\\1", st)
  data.frame(name = name, type = type, stringsAsFactors = FALSE)
}

unconstrained_size <- function(type, dims) {
  n <- if (length(dims)) prod(dims) else 1
  k <- if (length(dims)) dims[length(dims)] else 1
  switch(type,
         simplex = n / k * (k - 1),
         corr_matrix = , cholesky_factor_corr = n / (k * k) * k * (k - 1) / 2,
         cov_matrix = n / (k * k) * (k * (k + 1) / 2),
         n)
}

flat_names <- function(name, dims) {
  if (!length(dims)) return(name)
  g <- expand.grid(lapply(dims, seq_len))
  paste0(name, "[", apply(g, 1, paste, collapse = ","), "]")
}

#' Names declared in the model block (rethinking's locals, repeated in generated quantities for log_lik).
model_locals <- function(code) {
  m <- regmatches(code, regexpr("\\nmodel\\s*\\{.*", code))
  m <- sub("\\ngenerated quantities\\s*\\{.*$", "", m)
  decl <- regmatches(m, gregexpr("\\n\\s*(vector|real|matrix|int|row_vector)(<[^>]*>)?(\\[[^]]*\\])?\\s+([A-Za-z_][A-Za-z0-9_]*)", m))[[1]]
  unique(sub(".*\\s([A-Za-z_][A-Za-z0-9_]*)$", "\\1", decl))
}

fixed_points <- function(id, sm, code, data) {
  fit0 <- suppressWarnings(sampling(sm, data = data, iter = 1, chains = 1, refresh = 0, algorithm = "Fixed_param",
                                    seed = 1, init = "0"))
  K <- get_num_upars(fit0)
  pt <- param_types(code)
  pt$dims <- lapply(pt$name, function(n) as.integer(fit0@par_dims[[n]]))
  pt$unconstrained <- mapply(unconstrained_size, pt$type, pt$dims)
  stopifnot(sum(pt$unconstrained) == K)
  sp <- function(lo, hi) if (K == 1) hi else seq(lo, hi, length.out = K)
  us <- list(numeric(K), sp(-0.5, 0.5), sp(-0.1, 0.1))
  points <- list()
  for (u in us) {
    r <- tryCatch({
      g <- grad_log_prob(fit0, u, adjust_transform = TRUE)
      lp <- attr(g, "log_prob")
      if (!is.finite(lp) || any(!is.finite(g))) stop("not finite")
      cp <- constrain_pars(fit0, u)
      vals <- list()
      for (j in seq_len(nrow(pt))) {
        v <- as.vector(cp[[pt$name[j]]])
        names(v) <- flat_names(pt$name[j], pt$dims[[j]])
        vals <- c(vals, as.list(v))
      }
      list(u = u, constrained = vals, lp = lp, gradient = as.numeric(g))
    }, error = function(e) NULL)
    if (!is.null(r)) points[[length(points) + 1]] <- r
  }
  blocks <- lapply(seq_len(nrow(pt)), function(j) list(name = pt$name[j], type = pt$type[j], dims = I(pt$dims[[j]]),
                                                        unconstrained = pt$unconstrained[j]))
  writeLines(toJSON(list(id = id, dimension = K, blocks = blocks, points = points), auto_unbox = TRUE, digits = NA),
             file.path(RES, "fixed", paste0(id, ".json")))
  length(points)
}

fit_posterior <- function(id, sm, code, data, uc) {
  mc <- uc$call
  control <- if (is.null(mc$control)) list(adapt_delta = 0.95) else eval(mc$control, uc$env)
  if (is.null(control$adapt_delta)) control$adapt_delta <- 0.95
  init <- "random"
  if (!is.null(mc$start)) { s <- eval(mc$start, uc$env); init <- lapply(1:4, function(i) s) }
  t0 <- Sys.time()
  fit <- suppressWarnings(sampling(sm, data = data, chains = 4, cores = 2, iter = warmup + draws, warmup = warmup,
                                   seed = 1234, control = control, init = init, refresh = 0))
  secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  dr <- as_draws_array(as.array(fit))
  drop <- c("lp__", model_locals(code))
  keep <- variables(dr)[!(sub("\\[.*$", "", variables(dr)) %in% c(drop, "log_lik"))]
  dr <- subset_draws(dr, variable = keep)
  s <- summarise_draws(dr, mean, sd, ~quantile2(.x, probs = c(0.055, 0.945)), posterior::ess_bulk,
                      posterior::ess_tail, posterior::rhat, posterior::mcse_mean)
  s <- as.data.frame(s); names(s) <- sub("^posterior::", "", names(s))
  s[] <- lapply(s, function(v) if (is.numeric(v)) as.numeric(unclass(v)) else as.character(v))
  s <- s[s$sd > 1e-12 * pmax(1, abs(s$mean)), ]   # constant draws (a correlation matrix's unit diagonal)
  write.csv(s, file.path(RES, "ulam", paste0(id, ".csv")), row.names = FALSE)
  sp <- get_sampler_params(fit, inc_warmup = FALSE)
  div <- sum(sapply(sp, function(x) sum(x[, "divergent__"])))
  td <- sum(sapply(sp, function(x) sum(x[, "treedepth__"] >= (if (is.null(control$max_treedepth)) 10 else control$max_treedepth))))
  varying <- s[is.finite(s$rhat), ]
  meta <- list(id = id, chains = 4, warmup = warmup, draws = draws, seed = 1234, adapt_delta = control$adapt_delta,
               max_treedepth = if (is.null(control$max_treedepth)) 10 else control$max_treedepth,
               inits = if (is.null(mc$start)) "random" else "start", divergences = div, max_treedepth_hits = td,
               max_rhat = max(varying$rhat), min_ess_bulk = min(varying$ess_bulk), seconds = round(secs, 1),
               rstan = as.character(packageVersion("rstan")), rethinking = as.character(packageVersion("rethinking")))
  writeLines(toJSON(meta, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(RES, "ulam", paste0(id, ".meta.json")))
  meta
}

for (id in ids) {
  unlink(file.path(RES, "ulam", paste0(id, ".error.txt")))
  t0 <- Sys.time()
  r <- tryCatch({
    uc <- ulam_call(id, dt$data[dt$id == id])
    p <- ulam_program(uc)
    code <- to_stan_221(p$code)
    writeLines(code, file.path(RES, "stan", paste0(id, ".stan")))
    write_json_data(p$data, file.path(RES, "stan", paste0(id, ".json")))
    sm <- compiled(code)
    np <- fixed_points(id, sm, code, p$data)
    msg <- sprintf("%d fixed points", np)
    if (!no_fit) {
      m <- fit_posterior(id, sm, code, p$data, uc)
      msg <- sprintf("%s; %d divergences, max R-hat %.4f, min bulk ESS %.0f, %.0f s sampling", msg, m$divergences,
                     m$max_rhat, m$min_ess_bulk, m$seconds)
    }
    msg
  }, error = function(e) {
    writeLines(conditionMessage(e), file.path(RES, "ulam", paste0(id, ".error.txt")))
    paste("FAILED:", gsub("\n", " ", conditionMessage(e)))
  })
  cat(sprintf("%-18s %s (%.0f s)\n", id, substr(r, 1, 400), as.numeric(difftime(Sys.time(), t0, units = "secs"))))
  flush(stdout())
}
