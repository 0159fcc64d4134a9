# Reads the Stan CSV files of an ulam fit with rstan, as a user of R would, and writes what rstan
# and posterior make of them; StanCsvRstanTest compares these with ulam's own summary.
#   Rscript read_stan_csv.R FITDIR MODEL OUTDIR
# FITDIR holds MODEL_1.csv, MODEL_2.csv, ... (ulam run --output-dir). Writes into OUTDIR:
#   summary.csv   one row per variable (lp__ too): rstan's summary() mean, sd and n_eff; the mean
#                 of each element of rstan's extract() (so b[2,3] is rstan's element [2,3]);
#                 posterior's (1.4) quantile2 at 0.055/0.945, rhat, ess_bulk, ess_tail, mcse_mean on
#                 as.array(fit); rstan's monitor() Rhat, Bulk_ESS and Tail_ESS
#   chains.csv    one row per chain: stan_args (iter, warmup, thin, chain_id, max_depth, delta,
#                 metric, seed), get_sampler_params with and without warmup (rows, means, sums),
#                 get_adaptation_info's step size and number of inverse-metric values,
#                 get_elapsed_time, get_bfmi, get_num_divergent and get_num_max_treedepth (whole
#                 fit, on every row), and rstan's sampler name
#   metric.csv    chain, index, value: the inverse metric as parsed from get_adaptation_info
#   dims.csv      parameter, dims: the dimensions rstan gives each parameter (e.g. 4x6)
# Needs rstan and posterior. Last run: R 4.2.2, rstan 2.21.7, posterior 1.4.0.
suppressMessages({library(rstan); library(posterior)})
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 3)
fit_dir <- args[1]; model <- args[2]; out <- args[3]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
files <- list.files(fit_dir, pattern = paste0("^", model, "_[0-9]+\\.csv$"), full.names = TRUE)
files <- files[order(as.integer(sub(".*_([0-9]+)\\.csv$", "\\1", files)))]
fit <- read_stan_csv(files)
g17 <- function(v) sprintf("%.17g", v)
w <- function(df, name) {
  for (col in names(df)) if (is.numeric(df[[col]])) df[[col]] <- g17(df[[col]])
  write.csv(df, file.path(out, name), row.names = FALSE)                      # names hold commas: quoted
}

# ---- values ----
s <- summary(fit)$summary
vars <- rownames(s)
ex <- extract(fit, permuted = TRUE)
extract_mean <- unlist(lapply(names(ex), function(p) {
  v <- ex[[p]]
  if (is.null(dim(v)) || length(dim(v)) == 1) return(setNames(mean(v), p))
  m <- apply(v, seq_along(dim(v))[-1], mean)                    # column-major, as Stan names them
  idx <- arrayInd(seq_along(m), dim(v)[-1])
  setNames(as.vector(m), paste0(p, "[", apply(idx, 1, paste, collapse = ","), "]"))
}))
a <- as.array(fit)                                               # iterations x chains x variables
d <- as_draws_array(a)
p <- suppressWarnings(summarise_draws(d, ~quantile2(.x, probs = c(0.055, 0.945)), rhat, ess_bulk,
                                      ess_tail, mcse_mean))
p <- p[match(vars, p$variable), ]                                # summary() lists b[1,2] before b[2,1]
mon <- monitor(a, warmup = 0, print = FALSE)
class(mon) <- "data.frame"                                       # its [ method is broken in 2.21
w(data.frame(variable = vars, mean = s[, "mean"], sd = s[, "sd"], n_eff = s[, "n_eff"],
             extract_mean = unname(extract_mean[vars]),
             q5.5 = p$q5.5, q94.5 = p$q94.5, rhat = p$rhat, ess_bulk = p$ess_bulk,
             ess_tail = p$ess_tail, mcse_mean = p$mcse_mean,
             monitor_rhat = mon[vars, "Rhat"], monitor_bulk_ess = mon[vars, "Bulk_ESS"],
             monitor_tail_ess = mon[vars, "Tail_ESS"], check.names = FALSE), "summary.csv")
stopifnot(identical(p$variable, vars))

# ---- sampler ----
all <- get_sampler_params(fit, inc_warmup = TRUE)
post <- get_sampler_params(fit, inc_warmup = FALSE)
times <- get_elapsed_time(fit)
info <- get_adaptation_info(fit)
bfmi <- get_bfmi(fit)
parse_info <- function(txt) {
  lines <- sub("^#\\s*", "", strsplit(txt, "\n")[[1]])
  step <- as.numeric(sub("Step size = ", "", grep("^Step size", lines, value = TRUE)))
  at <- grep("inverse mass matrix", lines)
  nums <- lines[(at + 1):length(lines)]
  nums <- nums[nzchar(trimws(nums))]
  list(step = step, metric = as.numeric(unlist(strsplit(nums, ","))))
}
rows <- list(); metric <- list()
for (c in seq_along(all)) {
  args_c <- fit@stan_args[[c]]
  pi <- parse_info(info[[c]])
  nw <- nrow(all[[c]]) - nrow(post[[c]])
  warm <- all[[c]][seq_len(nw), , drop = FALSE]
  rows[[c]] <- data.frame(chain = c, iter = args_c$iter, warmup = args_c$warmup, thin = args_c$thin,
    chain_id = args_c$chain_id, max_depth = args_c$max_depth, delta = args_c$delta,
    metric = args_c$metric, seed = args_c$seed, sampler = args_c$sampler_t,
    warmup_rows = nw, draws = nrow(post[[c]]),
    warmup_accept_stat = mean(warm[, "accept_stat__"]),
    accept_stat = mean(post[[c]][, "accept_stat__"]),
    stepsize = post[[c]][1, "stepsize__"], stepsize_distinct = length(unique(post[[c]][, "stepsize__"])),
    treedepth = mean(post[[c]][, "treedepth__"]), n_leapfrog = sum(all[[c]][, "n_leapfrog__"]),
    divergent = sum(post[[c]][, "divergent__"]), energy = mean(post[[c]][, "energy__"]),
    adapt_stepsize = pi$step, metric_values = length(pi$metric), bfmi = unname(bfmi[c]),
    num_divergent = get_num_divergent(fit), num_max_treedepth = get_num_max_treedepth(fit),
    warmup_seconds = times[c, "warmup"], sampling_seconds = times[c, "sample"])
  metric[[c]] <- data.frame(chain = c, index = seq_along(pi$metric), value = pi$metric)
}
w(do.call(rbind, rows), "chains.csv")
w(do.call(rbind, metric), "metric.csv")
dims <- fit@sim$dims_oi
w(data.frame(parameter = names(dims), dims = sapply(dims, function(x) if (length(x)) paste(x, collapse = "x") else "scalar")),
  "dims.csv")
cat(sprintf("rstan %s, posterior %s: read %d chains of %s\n", packageVersion("rstan"),
            packageVersion("posterior"), length(files), model))
