# Per-parameter summaries of posteriordb's reference draws (called by posteriordb_import.py):
#
#   Rscript bench/stanfront/posteriordb_summaries.R DRAWS_DIR OUT_DIR
#
# For each DRAWS_DIR/<posterior>.json (posteriordb's reference draws: a JSON list of chains, each
# a map parameter name -> draws) writes OUT_DIR/<posterior>/reference.csv with one row per
# parameter, in the draws' order: parameter, n_draws, mean, sd, q5_5 and q94_5 (the 5.5 % and
# 94.5 % quantiles, R's type 7), median, ess (R posterior's ess_basic: split-chain effective
# sample size of the mean, rounded) and mcse_mean = sd / sqrt(ess); numbers to 6 significant
# digits, mcse_mean to 3 (the layout of /work/shared/posteriordb/*/reference.csv).
suppressMessages({ library(jsonlite); library(posterior) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: posteriordb_summaries.R DRAWS_DIR OUT_DIR")
g6 <- function(x) trimws(formatC(x, digits = 6, format = "g"))
for (f in list.files(args[1], "\\.json$", full.names = TRUE)) {
  name <- sub("\\.json$", "", basename(f))
  chains <- fromJSON(f, simplifyVector = FALSE)
  rows <- lapply(names(chains[[1]]), function(p) {
    m <- sapply(chains, function(ch) as.numeric(unlist(ch[[p]])))
    x <- as.vector(m)
    ess <- ess_basic(m)
    s <- sd(x)
    q <- quantile(x, c(0.055, 0.5, 0.945), type = 7, names = FALSE)
    data.frame(parameter = p, n_draws = length(x), mean = g6(mean(x)), sd = g6(s), q5_5 = g6(q[1]),
               median = g6(q[2]), q94_5 = g6(q[3]), ess = round(ess), mcse_mean = trimws(formatC(s / sqrt(ess), digits = 3, format = "g")))
  })
  out <- do.call(rbind, rows)
  write.csv(out, file.path(args[2], name, "reference.csv"), row.names = FALSE, quote = FALSE)
  cat(name, nrow(out), "parameters\n")
}
