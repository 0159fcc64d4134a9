# Fixed draws and the convergence diagnostics R's posterior package computes for them;
# PosteriorAgreementTest compares ulam.runtime.diagnostics.Convergence with these (relative 1e-8).
#
#   Rscript make_expected.R                  reads draws_*.csv beside this script and writes
#                                            expected_*.csv beside it (the committed numbers)
#   Rscript make_expected.R OUT              the same inputs, expected_*.csv written into OUT
#                                            (what the test's re-run with R does, into target/)
#   Rscript make_expected.R --new-inputs     first makes draws_*.csv anew from the seed below
#
# Needs: posterior (Debian r-cran-posterior). Committed numbers: R 4.2.2, posterior 1.4.0.
#
# Input format (draws_<case>.csv): posterior's draws_df layout, one row per draw, columns
# .chain, .iteration, then one column per variable; rows ordered by chain, then iteration;
# numbers with 17 significant digits, so Java reads R's very doubles; NA and Inf as R writes them.
# Output format (expected_<case>.csv): one row per variable, the columns of summarise_draws below.
suppressMessages(library(posterior))

args <- commandArgs(trailingOnly = TRUE)
file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
here <- if (length(file_arg)) dirname(normalizePath(sub("^--file=", "", file_arg[1]))) else getwd()
new_inputs <- "--new-inputs" %in% args
args <- setdiff(args, "--new-inputs")
out_dir <- if (length(args)) args[1] else here
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

g17 <- function(v) sprintf("%.17g", v)

# ---- inputs: each case is a named list of iterations x chains matrices ----
if (new_inputs) {
  set.seed(20240615)
  ar1 <- function(n, phi, chains) {
    sapply(1:chains, function(c) {
      x <- numeric(n); x[1] <- rnorm(1) / sqrt(1 - phi^2)
      for (i in 2:n) x[i] <- phi * x[i - 1] + rnorm(1)
      x
    })
  }
  m <- function(v, n, chains) matrix(v, n, chains)
  shift_last <- function(x, by) { x[, ncol(x)] <- x[, ncol(x)] + by; x }
  cases <- list(
    # the main cases, 4 chains of 100
    mixed_4x100 = list(
      normal     = m(rnorm(400), 100, 4),                       # well mixed
      cauchy     = m(rcauchy(400), 100, 4),                     # heavy tails
      ar1        = ar1(100, 0.9, 4),                            # autocorrelated, rho 0.9
      antithetic = ar1(100, -0.7, 4),                           # ESS above the number of draws
      shifted    = shift_last(m(rnorm(400), 100, 4), 2),        # one chain shifted: bulk R-hat large
      scaled     = { x <- m(rnorm(400), 100, 4); x[, 4] <- 3 * x[, 4]; x },  # one chain wider: tail R-hat
      constant   = m(1.5, 100, 4),                              # NA everywhere but mean, sd, quantiles
      poisson    = m(as.numeric(rpois(400, 3)), 100, 4),        # ties: average ranks
      binary     = m(as.numeric(rbinom(400, 1, 0.2)), 100, 4)), # mostly ties; I(x <= q) constant halves
    # odd number of iterations: split chains drop the middle draw
    odd_4x101 = list(
      normal  = m(rnorm(404), 101, 4),
      ar1     = ar1(101, 0.9, 4),
      poisson = m(as.numeric(rpois(404, 2)), 101, 4),
      shifted = shift_last(m(rnorm(404), 101, 4), 1)),
    # short chains: split halves of 3 draws (the fewest for which ESS is defined)
    short_4x7 = list(
      normal  = m(rnorm(28), 7, 4),
      ar1     = ar1(7, 0.9, 4),
      poisson = m(as.numeric(rpois(28, 4)), 7, 4),
      shifted = shift_last(m(rnorm(28), 7, 4), 3)),
    # split halves of 2 draws: ESS is NA, R-hat is not
    short_3x5 = list(
      normal  = m(rnorm(15), 5, 3),
      poisson = m(as.numeric(rpois(15, 4)), 5, 3)),
    # one chain: R-hat from its two halves
    single_1x300 = list(
      normal = m(rnorm(300), 300, 1),
      ar1    = ar1(300, 0.5, 1),
      cauchy = m(rcauchy(300), 300, 1)),
    # longer, strongly autocorrelated chains (FFT lengths past 2 x 125)
    long_4x250 = list(
      ar1    = ar1(250, 0.95, 4),
      cauchy = m(rcauchy(1000), 250, 4)),
    # non-finite draws: Inf keeps rank-based R-hat and bulk ESS, NA makes everything NA
    nonfinite_2x50 = list(
      with_inf = { x <- m(rnorm(100), 50, 2); x[7, 2] <- Inf; x },
      with_na  = { x <- m(rnorm(100), 50, 2); x[20, 1] <- NA; x },
      normal   = m(rnorm(100), 50, 2))
  )
  for (name in names(cases)) {
    vars <- cases[[name]]
    nit <- nrow(vars[[1]]); nch <- ncol(vars[[1]])
    df <- data.frame(.chain = rep(seq_len(nch), each = nit), .iteration = rep(seq_len(nit), nch))
    for (v in names(vars)) df[[v]] <- g17(as.vector(vars[[v]]))
    write.csv(df, file.path(here, paste0("draws_", name, ".csv")), row.names = FALSE, quote = FALSE)
  }
}

# ---- expected values: posterior's summarise_draws on the draws as read back ----
files <- sort(list.files(here, pattern = "^draws_.*\\.csv$"))
if (!length(files)) stop("no draws_*.csv in ", here, " (run with --new-inputs)")
for (f in files) {
  name <- sub("^draws_(.*)\\.csv$", "\\1", f)
  d <- read.csv(file.path(here, f), check.names = FALSE)
  draws <- as_draws_array(as_draws_df(d))
  s <- suppressWarnings(summarise_draws(draws,
    rhat, ess_bulk, ess_tail, ess_mean, ess_sd, ess_median,
    ~ess_quantile(.x, probs = c(0.05, 0.95)),
    mcse_mean, mcse_sd, mcse_median,
    ~mcse_quantile(.x, probs = c(0.05, 0.95)),
    mean, sd, median,
    ~quantile2(.x, probs = c(0.055, 0.945))))
  s <- as.data.frame(s)
  for (col in names(s)[-1]) s[[col]] <- g17(as.numeric(s[[col]]))
  write.csv(s, file.path(out_dir, paste0("expected_", name, ".csv")), row.names = FALSE, quote = FALSE)
}
cat(sprintf("posterior %s, %s: %d cases written to %s\n", packageVersion("posterior"), R.version.string,
            length(files), out_dir))
