# Fits the formula front end's reference models with brms or rstanarm and writes their posterior
# summaries (run from the repository root, after bench/formula/export_data.R):
#
#   Rscript bench/formula/fit_references.R [MODEL ...] [--draws D] [--adapt-delta A]
#
# MODEL is a file stem of tests/src/test/resources/formula/models/ (default: all of them). Each
# model file holds the call as a user writes it (fit <- brm(...) or stan_glmer(...)) and a
# comment '# data: PATH' naming its data (a CSV, ',' or ';' separated). The call is evaluated
# unchanged, with the data bound to the name its data= argument gives and these sampling
# arguments added: chains = 4, cores = 2, warmup = 1000, iter = 1000 + D (D = 2500 draws per
# chain unless --draws says otherwise), seed = 1234, refresh = 0, and control = list(adapt_delta
# = A) for brms when --adapt-delta is given (rstanarm: adapt_delta = A). The summary
# (tests/src/test/resources/formula/reference/MODEL.csv) has one row per parameter the package
# reports (brms: as_draws_df without lp__ and lprior; rstanarm: as.array without mean_PPD and
# log-posterior), with R's posterior package's mean, sd, 5.5 % and 94.5 % quantiles, bulk and
# tail ESS, R-hat and the MCSE of the mean. One line per fit is appended to
# reference/fits.log: model, package, draws, adapt_delta, divergences, max R-hat, min bulk ESS,
# sampling seconds.
suppressMessages({
  library(brms); library(rstanarm); library(posterior)
})
# Debian ships r-cran-bh as an empty shim; rstan needs a folder holding a 'boost' link
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan::rstan_options(boost_lib = bh)
args <- commandArgs(trailingOnly = TRUE)
draws <- 2500
adapt <- NA
models <- character()
i <- 1
while (i <= length(args)) {
  a <- args[i]
  if (a == "--draws") { draws <- as.integer(args[i + 1]); i <- i + 2; next }
  if (a == "--adapt-delta") { adapt <- as.numeric(args[i + 1]); i <- i + 2; next }
  models <- c(models, a)
  i <- i + 1
}
root <- "tests/src/test/resources/formula"
if (length(models) == 0) models <- sub("\\.R$", "", list.files(file.path(root, "models"), "\\.R$"))

read_data <- function(path) {
  header <- readLines(path, n = 1)
  sep <- if (grepl(";", header)) ";" else ","
  read.csv(path, sep = sep, stringsAsFactors = FALSE)
}

for (m in models) {
  file <- file.path(root, "models", paste0(m, ".R"))
  text <- readLines(file)
  data_path <- sub("^# data: *", "", grep("^# data:", text, value = TRUE)[1])
  expr <- parse(file)[[1]]
  call <- if (is.call(expr) && identical(expr[[1]], as.name("<-"))) expr[[3]] else expr
  env <- new.env()
  assign(as.character(call$data), read_data(data_path), envir = env)
  fn <- as.character(call[[1]])
  call$chains <- 4; call$cores <- 2; call$seed <- 1234; call$refresh <- 0
  call$warmup <- 1000; call$iter <- 1000 + draws
  if (!is.na(adapt)) {
    if (fn == "brm") call$control <- list(adapt_delta = adapt) else call$adapt_delta <- adapt
  }
  t0 <- Sys.time()
  fit <- eval(call, env)
  seconds <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  if (fn == "brm") {
    d <- as_draws_df(fit)
    d <- subset_draws(d, variable = setdiff(variables(d), c("lp__", "lprior")))
    stanfit <- fit$fit
    package <- paste("brms", packageVersion("brms"))
    ad <- if (is.na(adapt)) 0.8 else adapt
  } else {
    d <- as_draws_array(as.array(fit))
    stanfit <- fit$stanfit
    package <- paste("rstanarm", packageVersion("rstanarm"))
    ad <- if (!is.null(call$adapt_delta)) call$adapt_delta else 0.95
  }
  s <- summarise_draws(d, mean, sd, ~quantile(.x, probs = c(0.055, 0.945)), ess_bulk, ess_tail, rhat, mcse_mean)
  s <- as.data.frame(s)
  for (j in 2:ncol(s)) s[[j]] <- as.numeric(unclass(s[[j]]))
  names(s)[4:5] <- c("q5.5", "q94.5")
  s <- s[!is.na(s$rhat), ]   # constant entries (none expected)
  write.csv(s, file.path(root, "reference", paste0(m, ".csv")), row.names = FALSE)
  div <- sum(rstan::get_divergent_iterations(stanfit))
  line <- sprintf("%s | %s | rstan %s | 4 x %d draws after 1000 warmup, seed 1234 | adapt_delta %s | divergences %d | max R-hat %.4f | min bulk ESS %.0f | %.0f s",
                  m, package, packageVersion("rstan"), draws, ad, div, max(s$rhat), min(s$ess_bulk), seconds)
  cat(line, "\n")
  cat(line, "\n", file = file.path(root, "reference", "fits.log"), append = TRUE)
}
